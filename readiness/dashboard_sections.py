"""Readiness, performance and outlook sections on the dashboards."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.sections import Part, Progress, Section, register

from . import services
from .models import CompetitivenessValue, OutlookAnalysis, PerformanceAssessment


def readiness_completion(masterplans):
    progress = services.table_progress(masterplans)
    return {mp.pk: Progress(sum(c[0] for c in progress[mp.pk].values()),
                            sum(c[1] for c in progress[mp.pk].values()))
            for mp in masterplans}


def readiness_parts(masterplans):
    progress = services.table_progress(masterplans)
    result = {}
    for mp in masterplans:
        result[mp.pk] = [
            Part(f"{sub_area.table_id} {sub_area.table_title}",
                 reverse("readiness_table", kwargs={"region_code": mp.region.code,
                                                    "table": sub_area.slug}),
                 Progress(*progress[mp.pk].get(sub_area.pk, (0, 0))))
            for sub_area in services.sub_areas(mp.edition_id)
        ]
    return result


def performance_completion(masterplans):
    counts = {}
    for masterplan_id, rating in PerformanceAssessment.objects.filter(
            masterplan__in=masterplans).values_list("masterplan_id", "rating"):
        done, total = counts.get(masterplan_id, (0, 0))
        counts[masterplan_id] = (done + bool(rating), total + 1)
    return {mp.pk: Progress(*counts.get(mp.pk, (0, 18))) for mp in masterplans}


def outlook_completion(masterplans):
    """The four narratives, plus a competitiveness table with at least one value."""
    with_values = set(CompetitivenessValue.objects.filter(
        indicator__masterplan__in=masterplans, value__isnull=False)
        .values_list("indicator__masterplan_id", flat=True))
    filled = {}
    for outlook in OutlookAnalysis.objects.filter(masterplan__in=masterplans):
        filled[outlook.masterplan_id] = sum(
            1 for name in OutlookAnalysis.NARRATIVE_FIELDS if getattr(outlook, name).strip())
    return {mp.pk: Progress(filled.get(mp.pk, 0) + (mp.pk in with_values), 5)
            for mp in masterplans}


register(Section(key="outlook", title=_("Analisis masa depan"), order=10, url_name="outlook",
                 completion=outlook_completion, short=_("Masa depan")))
register(Section(key="readiness", title=_("Analisis kesiapan (Tabel II.2–II.10)"), order=20,
                 url_name="readiness_overview", completion=readiness_completion,
                 parts=readiness_parts, short=_("Kesiapan")))
register(Section(key="performance", title=_("Penilaian kinerja 18 elemen smart city"), order=30,
                 url_name="performance", completion=performance_completion, short=_("Kinerja")))
