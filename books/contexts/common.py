"""What Buku I, II and III share: the cover and narratives, the programs with their financing,
the budget, the timeline and the strategy sections per dimension."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Prefetch

from masterplan.guide import guide
from masterplan.models import Dimension, MasterplanStatus
from roadmap.charts import budget_svg, gantt_parts, gantt_svg
from roadmap.models import FundingSource, InstitutionMember, KpiTarget, ProgramKpi
from roadmap.programs import budget as roadmap_budget
from swot.models import Strategy

from ..amounts import scale_for
from ..narrative import narratives, strategy_key
from ..text import to_html


def _outline(masterplan, number):
    return next(item for item in guide(masterplan.edition.code)["books"]["items"]
                if item["no"] == number)


def common(masterplan, number):
    book = _outline(masterplan, number)
    draft = masterplan.status not in (MasterplanStatus.FINAL, MasterplanStatus.DITETAPKAN)
    cover = getattr(masterplan, "cover", None)
    texts = {section.key: section.text for section in masterplan.narratives.all()}
    return {
        "masterplan": masterplan,
        "region": masterplan.region,
        "book": book,
        "book_label": f"{book['label']} {book['title']}",
        "draft": draft,
        "cover": cover,
        "cover_title": (cover.title if cover and cover.title else masterplan.title),
        "cover_year": (cover.year if cover and cover.year else masterplan.start_year),
        "narrative": {key: to_html(text) for key, text in texts.items()},
        "narrative_filled": {key: bool(text.strip()) for key, text in texts.items()},
        "narrative_titles": {item.key: item.title for item in narratives(masterplan.edition.code)},
    }


def programs(masterplan):
    """The masterplan's programs, each with `source_totals` [(FundingSource, period total)] and
    `total` summed from its prefetched financing (no query per program)."""
    result = list(
        masterplan.programs.select_related("element__dimension", "lead_opd", "readiness_element")
        .prefetch_related(
            "supporting_opds", "partners", "financing", "strategies",
            Prefetch("kpis", queryset=ProgramKpi.objects.prefetch_related(
                Prefetch("targets", queryset=KpiTarget.objects.order_by("year"))))))
    for program in result:
        sums = defaultdict(Decimal)
        for item in program.financing.all():
            sums[item.source] += item.amount
        program.source_totals = [(FundingSource(code), sums[code]) for code in FundingSource.values
                                 if sums.get(code)]
        program.total = sum(sums.values(), Decimal(0))
    return result


def budget(masterplan):
    """The roadmap's budget (roadmap.programs.budget, one query) laid out for the table: years
    as rows, the sources that have any amount as columns, in one compact unit; and its chart."""
    plan = roadmap_budget(masterplan)
    sources = [FundingSource(code) for code in FundingSource.values if plan.source_totals[code]]
    rows = [(year, [plan.by_year[year][s] for s in sources], plan.year_totals[year])
            for year in plan.years]
    totals = [plan.source_totals[s] for s in sources]
    amounts = [amount for _year, cells, total in rows for amount in [*cells, total]]
    return {
        "sources": sources,
        "rows": rows,
        "totals": totals,
        "by_source": list(zip(sources, totals, strict=True)),
        "grand_total": plan.total,
        "scale": scale_for([*amounts, *totals, plan.total]),
        "chart": budget_svg(plan, chart_id="buku-grafik-anggaran") if plan.total else "",
    }


def gantt(masterplan, programs):
    """The timeline as figures of at most a page each: [{"svg", "dimensions"}, …] ([] with no
    program); "dimensions" names the dimensions a figure shows when there is more than one."""
    runs = gantt_parts(programs)
    figures = []
    for number, run in enumerate(runs, start=1):
        dimensions = list(dict.fromkeys(program.element.dimension.title for program in run))
        figures.append({
            "svg": gantt_svg(run, masterplan.start_year, masterplan.end_year,
                             chart_id="buku-grafik-gantt" if number == 1 else f"buku-grafik-gantt-{number}"),
            "dimensions": ", ".join(dimensions) if len(runs) > 1 else "",
        })
    return figures


def _strategies_by_dimension(masterplan):
    result = defaultdict(list)
    for strategy in (Strategy.objects.filter(worksheet__masterplan=masterplan,
                                             worksheet__dimension__isnull=False)
                     .select_related("worksheet").prefetch_related("items")
                     .order_by("quadrant", "position")):
        result[strategy.worksheet.dimension_id].append(strategy)
    return result


def dimension_sections(masterplan, programs, context):
    """One section per dimension (a–f): its strategy narrative, TOWS strategies and programs.
    Each program gets `section` ("III.a"), where Buku II presents it in full."""
    strategies = _strategies_by_dimension(masterplan)
    by_dimension = defaultdict(list)
    for program in programs:
        by_dimension[program.element.dimension_id].append(program)
    sections = []
    for letter, dimension in zip("abcdef", Dimension.objects.filter(
            edition=masterplan.edition_id).order_by("number"), strict=False):
        key = strategy_key(dimension.code)
        members = by_dimension.get(dimension.pk, [])
        for program in members:
            program.section = f"III.{letter}"
        sections.append({"letter": letter, "dimension": dimension, "key": key,
                         "text": context["narrative"].get(key, ""),
                         "filled": context["narrative_filled"].get(key, False),
                         "strategies": strategies.get(dimension.pk, []),
                         "programs": members,
                         "quick_wins": sum(1 for p in members if p.is_quick_win),
                         "total": sum((p.total for p in members), Decimal(0))})
    return sections


def institutions(masterplan):
    return list(masterplan.institutions.select_related("managing_opd").prefetch_related(
        Prefetch("members", queryset=InstitutionMember.objects.select_related("opd"))))
