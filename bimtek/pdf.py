"""A Tim Pembimbing report as PDF, in the layout of the guide's Lampiran V–VIII (WeasyPrint).

`render_report_pdf(report)` is a pure function of the report's data (no request, no user, no
network). Its two halves, `render_report_html` and `report_html_to_pdf`, are what the core's
render pipeline runs for a report's RenderJob (bimtek/rendering.py registers the document kind;
masterplan/rendering/pipeline.py): the page asks for a render, a Celery task writes the PDF, the
page polls it and offers the download. Nothing external
is fetched: the fetcher refuses every URL but data:. The project's shipped Noto Sans (the books'
font, static/fonts/noto-sans) is embedded as data: URLs, so the PDF looks the same on every
machine; a generic stack follows it in case the files are missing.
"""

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from masterplan.rendering.fetchers import DataOnlyFetcher
from masterplan.rendering.fonts import font_faces
from masterplan.rendering.typesetting import break_long_words

from . import reports
from .models import Report


def report_context(report):
    """What the Lampiran layout shows of `report` (also used by the report page)."""
    if report.pk is not None:
        report = (Report.objects.select_related(
            "visit__session", "visit__masterplan__region", "pembimbing_signed_by",
            "ketua_signed_by").get(pk=report.pk))
    visit = report.visit
    session = visit.session
    team = [str(user) for user in visit.pembimbing.order_by("full_name", "username")]
    if not team and report.pembimbing_signed_by:
        team = [str(report.pembimbing_signed_by)]
    signatures = [
        {"role": "TIM PEMBIMBING", "user": report.pembimbing_signed_by,
         "at": report.pembimbing_signed_at},
        {"role": "KETUA TIM PELAKSANA SMART CITY", "user": report.ketua_signed_by,
         "at": report.ketua_signed_at},
    ]
    signed_dates = [s["at"] for s in signatures if s["at"]]
    return {
        "report": report,
        "visit": visit,
        "session": session,
        "region": visit.masterplan.region,
        "team": team,
        "visit_date": report.visit_date or visit.actual_date,
        "lines": reports.report_lines(session, report),
        "attachments": list(report.attachments.all()) if report.pk is not None else [],
        "signatures": signatures,
        "sign_date": max(signed_dates) if signed_dates else None,
        "font_faces": font_faces(),
    }


def render_report_html(report):
    with translation.override("id"):
        return render_to_string("bimtek/report_pdf.html", report_context(report))


def report_html_to_pdf(html):
    """(PDF bytes, page count) of a report's HTML; nothing but data: URLs is fetched. Long
    unbroken words are cut first (`break_long_words`), so no text can stall the layout."""
    document = HTML(string=break_long_words(html), base_url=None, url_fetcher=DataOnlyFetcher()).render()
    return document.write_pdf(), len(document.pages)


def render_report_pdf(report) -> bytes:
    return report_html_to_pdf(render_report_html(report))[0]


def printed_report(visit):
    """The report of `visit` to print: the written one, or before anyone wrote it the blank form
    (nothing is stored)."""
    return reports.report_of(visit) or Report(visit=visit, visit_date=visit.actual_date)
