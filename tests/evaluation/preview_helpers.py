"""A region filled for the score preview's tests: readiness, institutions, regulations, programs
with M&E records and KPIs, quick wins and survey responses, each chosen so every part's value can
be worked out by hand (see test_preview.py)."""

from datetime import date

from evaluation.models import SurveyAnswer, SurveyQuestion, SurveyResponse
from masterplan import content_version
from readiness.models import ReadinessEntry
from roadmap.models import Institution, QuickWin, Regulation

from ..roadmap import roadmap_helpers as roadmap

TODAY = date(2026, 12, 4)


def judge_readiness(masterplan, judgement="baik", poor=0):
    """Every readiness component of the masterplan judged `judgement`, the first `poor` of them
    buruk instead."""
    entries = ReadinessEntry.objects.filter(masterplan=masterplan)
    entries.update(interpretation=judgement)
    if poor:
        first = list(entries.order_by("pk").values_list("pk", flat=True)[:poor])
        ReadinessEntry.objects.filter(pk__in=first).update(interpretation="buruk")
    content_version.masterplan_changed(masterplan.pk)


def set_institutions(masterplan, council=date(2025, 3, 1), team=date(2025, 9, 1), forum=True):
    """The Dewan's and the Tim's decree of those dates (None: no decree) and a forum. With
    TODAY the Dewan's decree holds (5 years) and the Tim's (1 year) expired on 1 September 2026."""
    for kind, decreed in (("dewan", council), ("tim", team)):
        Institution.objects.filter(masterplan=masterplan, kind=kind).update(
            decree_number="SK/1/2025" if decreed else "", decree_date=decreed)
    if forum:
        Institution.objects.create(masterplan=masterplan, kind="forum", name="Forum Kota Cerdas",
                                   contact="forum@example.org")


def set_regulations(masterplan, statuses):
    """The guide's regulations, in order, get `statuses`."""
    for regulation, status in zip(Regulation.objects.filter(masterplan=masterplan)
                                  .exclude(code="").order_by("position", "pk"), statuses,
                                  strict=True):
        Regulation.objects.filter(pk=regulation.pk).update(status=status)


def fill_programs(masterplan):
    """Kebijakan: A (2026–2027; monev 2026 TW II 50 %, 2027 TW I 100 %) and B (2026; 2026 TW IV
    100 %); aplikasi: C (2026, no record); infrastruktur: D starting 2027 (not planned in 2026).
    KPIs with a 2026 target: A naik 80 (actuals 40 then 60 → 75 %), B turun 5 (actual 4 → 100 %),
    C naik 100 without an actual (0 %); D's KPI has a 2027 target only."""
    a = roadmap.program(masterplan, "Program A", category="kebijakan", end=(2027, 4))
    b = roadmap.program(masterplan, "Program B", category="kebijakan")
    c = roadmap.program(masterplan, "Program C", category="aplikasi")
    d = roadmap.program(masterplan, "Program D", category="infrastruktur",
                        infrastructure_kind="jaringan", start=(2027, 1), end=(2027, 4))
    kpi_a = roadmap.kpi(a, "Layanan daring", targets={2026: 80, 2027: 90})
    kpi_b = roadmap.kpi(b, "Waktu layanan", targets={2026: 5}, direction="turun", unit="hari")
    roadmap.kpi(c, "Pengguna aplikasi", targets={2026: 100})
    roadmap.kpi(d, "Titik jaringan", targets={2027: 50})
    roadmap.record(a, 2026, 1, progress=20, actuals={kpi_a: 40})
    roadmap.record(a, 2026, 2, progress=50, actuals={kpi_a: 60})
    roadmap.record(a, 2027, 1, progress=100, actuals={kpi_a: 95})
    roadmap.record(b, 2026, 4, progress=100, actuals={kpi_b: 4})
    return {"A": a, "B": b, "C": c, "D": d}


def fill_quick_wins(masterplan):
    """Three quick wins: selesai with an impact analysis (1), berjalan without (0,4), rencana
    with (0,2); and one of a program no longer flagged (left out)."""
    rows = [("QW selesai", "selesai", "Antrean turun 40%.", True),
            ("QW berjalan", "berjalan", "", True),
            ("QW rencana", "rencana", "Perkiraan dampak ditulis.", True),
            ("QW lama", "rencana", "", False)]
    for name, status, analysis, flagged in rows:
        item = roadmap.program(masterplan, name, category="aplikasi", is_quick_win=flagged)
        QuickWin.objects.create(program=item, status=status, impact_analysis=analysis)


def add_survey(evaluation, answers, question="Layanan publik makin mudah diakses"):
    """One response per value of `answers` to one question of the evaluation's cycle."""
    item, _created = SurveyQuestion.objects.get_or_create(cycle=evaluation.cycle, text=question)
    for value in answers:
        response = SurveyResponse.objects.create(evaluation=evaluation, source="impor")
        SurveyAnswer.objects.create(response=response, question=item, value=value)
    return item


def fill_region(masterplan):
    judge_readiness(masterplan)
    set_institutions(masterplan)
    set_regulations(masterplan, ["ditetapkan", "draf", "draf", "belum_ada"])
    programs = fill_programs(masterplan)
    fill_quick_wins(masterplan)
    return programs


__all__ = ["TODAY", "add_survey", "fill_programs", "fill_quick_wins", "fill_region",
           "judge_readiness", "set_institutions", "set_regulations"]
