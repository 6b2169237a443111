"""Shared helpers of the Bimtek tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bimtek import reports
from bimtek.models import Attachment, Report, ReportItemNote, Visit

from ..pdf_helpers import blank_pdf

OWN, OTHER = "32.73", "35.10"
HELD_ON = datetime.date(2026, 3, 10)
MINIMAL_PDF = blank_pdf()


def url(name, code=OWN, number=1, **kwargs):
    return reverse(name, kwargs={"region_code": code, "number": number, **kwargs})


def visit_of(world, number=1, target="own"):
    return Visit.objects.select_related("session", "masterplan__region").get(
        masterplan=world.masterplans[target], session__number=number)


def written_report(world, number=1, target="own", output="Draf masterplan bab I–III disepakati."):
    """A held visit with a report ready to sign (date and output written, one note)."""
    visit = visit_of(world, number, target)
    visit.actual_date = HELD_ON
    visit.save()
    report = reports.ensure_report(visit)
    report.visit_date, report.output = HELD_ON, output
    report.save()
    item = visit.session.report_items.first()
    ReportItemNote.objects.create(report=report, item=item, held=True, notes="Dibuka oleh Sekda.")
    return report


def signed_report(world, number=1, target="own"):
    report = written_report(world, number, target)
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    report.refresh_from_db()
    return report


def pdf_upload(name="notulen.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def fingerprint(report):
    """Everything a change to a report could touch: its row, notes, attachments (rows and files)
    and its visit with the team."""
    report = Report.objects.get(pk=report.pk)
    visit = Visit.objects.get(pk=report.visit_id)
    return {
        "report": Report.objects.filter(pk=report.pk).values().get(),
        "notes": list(ReportItemNote.objects.filter(report=report).order_by("pk").values()),
        "attachments": list(Attachment.objects.filter(report=report).order_by("pk").values()),
        "files": sorted(a.file.name for a in Attachment.objects.filter(report=report)
                        if a.file.storage.exists(a.file.name)),
        "visit": Visit.objects.filter(pk=visit.pk).values().get(),
        "team": sorted(visit.pembimbing.values_list("pk", flat=True)),
    }


def region_url(name, code=OWN):
    return reverse(name, kwargs={"region_code": code})
