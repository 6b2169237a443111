"""Shared by the open-data tests: publishing a masterplan (a Publication row, as the portal's
publishing service makes it) and giving a masterplan content in every dataset."""

import datetime
from decimal import Decimal

from django.utils import timezone

from demo.grow import grow
from portal.models import Publication
from readiness.models import ReadinessEntry, SubArea
from roadmap.models import Application, Institution, Opd, Program, Regulation


def publish(masterplan, licence="CC-BY-4.0", as_draft=False, at=None):
    return Publication.objects.create(
        masterplan=masterplan, licence=licence, as_draft=as_draft,
        published_at=at or datetime.datetime(2026, 11, 30, 9, 15, 30, 123456, tzinfo=datetime.UTC))


def fill(masterplan, programs=6):
    """Content in every dataset: programs with KPIs, financing and M&E records (demo/grow.py),
    judged readiness entries and an extra component, institutions, regulations, applications."""
    grow(masterplan, programs)
    region = masterplan.region
    opd = Opd.objects.filter(region=region).order_by("pk").first()
    entries = list(ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=False)
                   .order_by("pk")[:3])
    for entry, judgement in zip(entries, ["baik", "sedang", "buruk"], strict=True):
        entry.interpretation = judgement
        entry.value_number = Decimal("-12.5")
        entry.value_unit = "%"
        entry.value_text = "=SUM(A1:A9)"
        entry.source, entry.source_year = "BPS", 2025
        entry.save()
    ReadinessEntry.objects.create(masterplan=masterplan, sub_area=SubArea.objects.filter(
        element__edition=masterplan.edition).order_by("pk").first(),
        extra_text="+Komponen tambahan", interpretation="sedang", note="@catatan")
    council = Institution.objects.get(masterplan=masterplan, kind="dewan")
    council.name, council.decree_number = "Dewan Smart City", "188/12/2026"
    council.decree_date, council.managing_opd = datetime.date(2026, 3, 2), opd
    council.selection_process = "terbuka"
    council.save()
    Institution.objects.create(masterplan=masterplan, kind="forum", name="Forum Kota Cerdas")
    regulation = Regulation.objects.filter(masterplan=masterplan).order_by("pk").first()
    regulation.status, regulation.number = "ditetapkan", "Perwal 12/2026"
    regulation.date = datetime.date(2026, 5, 1)
    regulation.save()
    Regulation.objects.create(masterplan=masterplan, title="-Perda Satu Data", status="draf",
                              position=99)
    first = Application.objects.create(masterplan=masterplan, name="SIMPEG", owner_opd=opd,
                                       function="kepegawaian", is_interoperable=True,
                                       works="Data pegawai terpadu")
    second = Application.objects.create(masterplan=masterplan, name="=HYPERLINK(\"x\")",
                                        function="keuangan", users="ASN")
    first.exchanges_with.set([second])
    first.integration_programs.set(Program.objects.filter(masterplan=masterplan)[:2])
    masterplan.refresh_from_db()
    return masterplan


def now():
    return timezone.now()
