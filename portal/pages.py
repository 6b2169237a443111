"""What the public pages show of a published masterplan, gathered in a fixed number of queries
whatever the number of programs (tests/portal/test_public_pages_grown.py).

Every function takes a masterplan from portal/publication.py (published_masterplans(), with its
publication and region loaded); nothing here decides what is public. The pages show what a
resident may read: the vision and missions, the dimensions with their strategies and programs,
the roadmap and its budget, the quick wins, KPI targets against the M&E actuals, the bodies and
regulations with their status, and the books. Personal data (member names, contacts, uploaded
documents) and the team's working notes are left out.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils.translation import gettext as _

from books.narrative import strategy_key
from books.text import to_html
from masterplan import figures
from masterplan.changes import last_content_change
from masterplan.models import Dimension, MasterplanStatus
from masterplan.numbers import format_decimal
from readiness.charts import Bar, bar_chart
from roadmap.charts import budget_svg, gantt_svg, used_sources
from roadmap.institutions import validity
from roadmap.models import (
    Financing,
    FundingSource,
    Horizon,
    Institution,
    KpiTarget,
    Program,
    ProgramKpi,
    Regulation,
    RegulationStatus,
)
from roadmap.monitoring import kpi_achievement, period_label
from roadmap.programs import budget as roadmap_budget
from swot.models import Mission, Strategy, Vision

from .charts import kpi_chart
from .publication import public_books

LAST_UPDATE = "portal.last_update"


def last_update(masterplan):
    """When the masterplan's content last changed (or, if never, when it was published), cached
    per content version: one query once cached."""
    moment = figures.cached(LAST_UPDATE, [masterplan],
                            lambda masterplans: {mp.pk: last_content_change(mp)
                                                 for mp in masterplans})[masterplan.pk]
    return moment or masterplan.publication.published_at


def header(masterplan):
    """What every page of a region shows above its content."""
    publication = masterplan.publication
    return {
        "masterplan": masterplan,
        "region": masterplan.region,
        "publication": publication,
        "draft": publication.as_draft,
        "legalised": masterplan.status == MasterplanStatus.DITETAPKAN,
        "last_update": last_update(masterplan),
    }


def dimensions(masterplan):
    return list(Dimension.objects.filter(edition=masterplan.edition_id).order_by("number"))


def _narratives(masterplan, keys):
    return {section.key: section.text for section in masterplan.narratives.filter(key__in=keys)}


# --- the overview --------------------------------------------------------------------------------

@dataclass
class DimensionSummary:
    dimension: Dimension
    strategy: str  # the narrative, as HTML
    programs: int = 0
    quick_wins: int = 0
    total: Decimal = Decimal(0)


def overview(masterplan):
    vision = Vision.objects.filter(masterplan=masterplan).first()
    missions = list(Mission.objects.filter(masterplan=masterplan).order_by("position", "pk"))
    all_dimensions = dimensions(masterplan)
    texts = _narratives(masterplan, [strategy_key(d.code) for d in all_dimensions])
    counts = {row["element__dimension"]: row for row in
              Program.objects.filter(masterplan=masterplan).values("element__dimension")
              .annotate(n=Count("pk"), quick=Count("pk", filter=Q(is_quick_win=True))).order_by()}
    totals = dict(Financing.objects.filter(program__masterplan=masterplan)
                  .values("program__element__dimension").annotate(total=Sum("amount"))
                  .values_list("program__element__dimension", "total").order_by())
    summaries = []
    for dimension in all_dimensions:
        row = counts.get(dimension.pk, {})
        summaries.append(DimensionSummary(
            dimension, to_html(texts.get(strategy_key(dimension.code), "")),
            row.get("n", 0), row.get("quick", 0), totals.get(dimension.pk) or Decimal(0)))
    return {
        "vision": vision,
        "missions": missions,
        "dimension_summaries": summaries,
        "program_count": sum(s.programs for s in summaries),
        "quick_win_count": sum(s.quick_wins for s in summaries),
        "budget_total": sum((s.total for s in summaries), Decimal(0)),
        "books": public_books(masterplan),
    }


# --- programs, one dimension at a time -----------------------------------------------------------

def _with_totals(programs):
    for program in programs:
        program.total = sum((item.amount for item in program.financing.all()), Decimal(0))
    return programs


def dimension_programs(masterplan, dimension):
    """The dimension's strategy (narrative and TOWS strategies), its programs with their lead
    OPD, KPIs and financing, and their timeline."""
    programs = _with_totals(list(
        Program.objects.filter(masterplan=masterplan, element__dimension=dimension)
        .select_related("element__dimension", "lead_opd")
        .prefetch_related("financing", "kpis")
        .order_by("element__letter", "position", "pk")))
    strategies = list(Strategy.objects.filter(worksheet__masterplan=masterplan,
                                              worksheet__dimension=dimension)
                      .order_by("quadrant", "position", "pk"))
    text = _narratives(masterplan, [strategy_key(dimension.code)]).get(strategy_key(dimension.code), "")
    return {
        "dimension": dimension,
        "strategy_text": to_html(text),
        "strategies": strategies,
        "programs": programs,
        "gantt": gantt_svg(programs, masterplan.start_year, masterplan.end_year,
                           chart_id="grafik-peta-jalan") if programs else "",
    }


# --- the roadmap and its budget ------------------------------------------------------------------

def roadmap(masterplan):
    """Programs per dimension × horizon, the budget per year and funding source (chart and
    table) and the quick wins."""
    all_dimensions = dimensions(masterplan)
    cells = {(row["element__dimension"], row["horizon"]): row["n"] for row in
             Program.objects.filter(masterplan=masterplan)
             .values("element__dimension", "horizon").annotate(n=Count("pk")).order_by()}
    matrix = [(dimension, [cells.get((dimension.pk, horizon), 0) for horizon in Horizon.values])
              for dimension in all_dimensions]
    horizon_totals = [sum(row[index] for _dimension, row in matrix)
                      for index in range(len(Horizon.values))]
    plan = roadmap_budget(masterplan)
    sources = [(FundingSource(code), label) for code, label in used_sources(plan)]
    quick_wins = _with_totals(list(
        Program.objects.filter(masterplan=masterplan, is_quick_win=True)
        .select_related("element__dimension", "lead_opd", "quick_win")
        .prefetch_related("financing")
        .order_by("element__dimension__number", "element__letter", "position", "pk")))
    return {
        "horizons": Horizon.choices,
        "matrix": matrix,
        "horizon_totals": horizon_totals,
        "budget": plan,
        "budget_sources": sources,
        "budget_rows": [(year, [(label, plan.by_year[year][code]) for code, label in sources],
                         plan.year_totals[year]) for year in plan.years],
        "budget_source_totals": [plan.source_totals[code] for code, _label in sources],
        "budget_chart": budget_svg(plan, chart_id="grafik-anggaran",
                                   described_by="tabel-anggaran") if plan.total else "",
        "quick_wins": quick_wins,
    }


# --- KPI targets against the M&E actuals --------------------------------------------------------

@dataclass
class KpiRow:
    kpi: ProgramKpi
    final_target: Decimal | None  # the target of the program's last year
    year: int | None = None  # of the latest actual
    quarter: int | None = None
    actual: Decimal | None = None
    target: Decimal | None = None  # the target of the actual's year
    percent: float | None = None

    @property
    def percent_text(self):
        return format_decimal(self.percent, 1)

    @property
    def period(self):
        return period_label(self.year, self.quarter) if self.year else ""


def kpis(masterplan, dimension):
    """The dimension's KPIs with their targets and their latest actual from the M&E records,
    and the achievement per dimension (roadmap.monitoring.kpi_achievement)."""
    achievement = kpi_achievement([masterplan])[masterplan.pk]
    kpi_list = list(ProgramKpi.objects.filter(program__masterplan=masterplan,
                                              program__element__dimension=dimension)
                    .select_related("program")
                    .prefetch_related(Prefetch("targets", queryset=KpiTarget.objects.order_by("year")))
                    .order_by("program__element__letter", "program__position", "program__pk",
                              "position", "pk"))
    rows, by_program = [], defaultdict(list)
    for kpi in kpi_list:
        targets = {target.year: target.value for target in kpi.targets.all()}
        row = KpiRow(kpi, targets.get(kpi.program.end_year))
        score = achievement.kpis.get(kpi.pk)
        if score is not None:
            row.year, row.quarter, row.actual = score.year, score.quarter, score.actual
            row.target, row.percent = score.target, score.percent
        rows.append(row)
        by_program[kpi.program].append(row)
    reported = [row for row in rows if row.actual is not None]
    groups = achievement.ordered_dimensions()
    return {
        "dimension": dimension,
        "kpi_rows": rows,
        "kpi_programs": list(by_program.items()),
        "kpi_reported": len(reported),
        "kpi_chart": kpi_chart(reported, chart_id="grafik-kpi") if reported else "",
        "achievement": achievement,
        "achievement_text": format_decimal(achievement.index, 1),
        "achievement_chart": bar_chart(
            [Bar(group.title, group.index) for group in groups],
            title=_("Capaian KPI per dimensi (0–100)"), chart_id="grafik-capaian-kpi")
        if groups else "",
    }


# --- institutions and regulations ----------------------------------------------------------------

def institutions(masterplan):
    bodies = list(Institution.objects.filter(masterplan=masterplan)
                  .select_related("managing_opd", "masterplan__region")
                  .annotate(member_count=Count("members")).order_by("kind", "pk"))
    for body in bodies:
        body.validity = validity(body)
    regulations = list(Regulation.objects.filter(masterplan=masterplan).order_by("position", "pk"))
    counts = defaultdict(int)
    for regulation in regulations:
        counts[regulation.status] += 1
    return {
        "institutions": bodies,
        "regulations": regulations,
        "regulation_counts": [(label, counts[value]) for value, label in RegulationStatus.choices],
        "enacted": RegulationStatus.ENACTED,
    }


def description(masterplan):
    """The meta description of a region's pages: what the masterplan is, its vision if written."""
    vision = Vision.objects.filter(masterplan=masterplan).values_list("statement", flat=True).first()
    text = _("Masterplan Smart City %(region)s %(start)s–%(end)s%(draft)s.") % {
        "region": masterplan.region.display_name, "start": masterplan.start_year,
        "end": masterplan.end_year, "draft": _(" (DRAF)") if masterplan.publication.as_draft else ""}
    if vision:
        text += " " + _("Visi: %(vision)s") % {"vision": " ".join(vision.split())}
    return text[:300]
