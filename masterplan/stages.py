"""The guide's ten stages as a progress tracker (`stages` in the guide's catalogue).

A stage's state comes from the data where the data tells (e.g. all readiness tables judged,
programs in all three horizons, the three books rendered final); stages the data cannot show
(forming the drafting team with the three kinds of experts; sosialisasi and legalisation) are
ticked by the team with a note. Computed for many masterplans in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .guide import guide

MANUAL = {1, 10}  # stages only the team can confirm
RULES = {
    2: _("Terisi bila narasi “Kerangka pikir smart city” sudah ditulis."),
    3: _("Terisi bila keempat analisis masa depan ditulis dan semua komponen kesiapan dinilai."),
    4: _("Terisi bila pernyataan visi dan minimal satu misi sudah ada."),
    5: _("Terisi bila ada program dan semuanya memiliki KPI, pelaksana dan pembiayaan."),
    6: _("Terisi bila minimal satu program ditandai quick win."),
    7: _("Terisi bila program mencakup jangka pendek, menengah dan panjang."),
    8: _("Terisi bila setiap program memiliki penanggung jawab monitoring dan evaluasi."),
    9: _("Terisi bila ketiga buku sudah dibuat dalam versi final."),
}


@dataclass
class StageState:
    number: int
    title: str
    done: bool
    manual: bool
    rule: str
    note: str = ""


def _derived(masterplans):
    """{masterplan id: {stage number: bool}} for the stages the data decides."""
    from readiness.models import OutlookAnalysis, ReadinessEntry
    from roadmap.models import Program

    from .models_books import JobStatus, NarrativeSection, RenderJob

    ids = [mp.pk for mp in masterplans]
    result = defaultdict(dict)
    framework = set(NarrativeSection.objects.filter(masterplan__in=ids, key="kerangka_pikir")
                    .exclude(text="").values_list("masterplan_id", flat=True))
    unjudged = set(ReadinessEntry.objects.filter(masterplan__in=ids, interpretation="")
                   .values_list("masterplan_id", flat=True))
    outlook_done = set()
    for outlook in OutlookAnalysis.objects.filter(masterplan__in=ids):
        if all(getattr(outlook, name).strip() for name in outlook.NARRATIVE_FIELDS):
            outlook_done.add(outlook.masterplan_id)
    from swot.models import Mission, Vision

    with_vision = set(Vision.objects.filter(masterplan__in=ids).exclude(statement="")
                      .values_list("masterplan_id", flat=True))
    with_mission = set(Mission.objects.filter(masterplan__in=ids)
                       .values_list("masterplan_id", flat=True))
    programs = (Program.objects.filter(masterplan__in=ids).values("masterplan_id").annotate(
        total=Count("id", distinct=True),
        incomplete=Count("id", distinct=True, filter=Q(lead_opd__isnull=True)
                         | Q(kpis__isnull=True) | Q(financing__isnull=True)),
        quick=Count("id", distinct=True, filter=Q(is_quick_win=True)),
        horizons=Count("horizon", distinct=True),
        unmonitored=Count("id", distinct=True, filter=Q(monitoring_responsible=""))))
    by_masterplan = {row["masterplan_id"]: row for row in programs}
    final_books = defaultdict(set)
    for masterplan_id, book in RenderJob.objects.filter(
            masterplan__in=ids, is_final=True, status=JobStatus.SUCCEEDED).values_list(
            "masterplan_id", "book"):
        final_books[masterplan_id].add(book)
    for pk in ids:
        row = by_masterplan.get(pk, {})
        total = row.get("total", 0)
        result[pk] = {
            2: pk in framework,
            3: pk in outlook_done and pk not in unjudged,
            4: pk in with_vision and pk in with_mission,
            5: total > 0 and row.get("incomplete", 0) == 0,
            6: row.get("quick", 0) > 0,
            7: row.get("horizons", 0) == 3,
            8: total > 0 and row.get("unmonitored", 0) == 0,
            9: final_books[pk] >= {"1", "2", "3"},
        }
    return result


def states(masterplans):
    """{masterplan id: [StageState × 10]}."""
    from .models import GuideEdition
    from .models_stages import StageCheck

    masterplans = list(masterplans)
    editions = dict(GuideEdition.objects.filter(
        pk__in={mp.edition_id for mp in masterplans}).values_list("pk", "code"))
    derived = _derived(masterplans)
    checks = defaultdict(dict)
    for check in StageCheck.objects.filter(masterplan__in=masterplans):
        checks[check.masterplan_id][check.number] = check
    result = {}
    for masterplan in masterplans:
        items = []
        for stage in guide(editions[masterplan.edition_id])["stages"]:
            number = stage["no"]
            check = checks[masterplan.pk].get(number)
            manual = number in MANUAL
            done = (check.done if check else False) if manual else derived[masterplan.pk][number]
            items.append(StageState(number, stage["title"], done, manual,
                                    str(RULES.get(number, _("Dicentang oleh tim dengan catatan."))),
                                    check.note if check else ""))
        result[masterplan.pk] = items
    return result
