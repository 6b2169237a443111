"""One context builder per book: gather every piece of data a book shows, in a fixed number of
queries whatever the number of programs; the templates (templates/books/) only lay it out."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from masterplan.guide import guide
from masterplan.models import Dimension, MasterplanStatus
from readiness.charts import maturity_chart, readiness_bars
from readiness.services import (
    competitiveness_table,
    maturity,
    performance_indices,
    readiness_indices,
    sub_areas,
)
from roadmap.charts import budget_svg, gantt_svg
from roadmap.models import (
    Category,
    FundingSource,
    GovernmentFunction,
    Horizon,
    InstitutionMember,
    KpiTarget,
    MonitoringRecord,
    ProgramKpi,
)
from roadmap.programs import budget as roadmap_budget
from swot.models import Indicator, Strategy, SwotItem, Worksheet

from .maturity import maturity_text
from .narrative import narratives, strategy_key
from .text import to_html


def _outline(masterplan, number):
    return next(item for item in guide(masterplan.edition.code)["books"]["items"]
                if item["no"] == number)


def _common(masterplan, number):
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
        "generated_at": timezone.localtime(),
        "narrative": {key: to_html(text) for key, text in texts.items()},
        "narrative_filled": {key: bool(text.strip()) for key, text in texts.items()},
        "narrative_titles": {item.key: item.title for item in narratives(masterplan.edition.code)},
    }


# --- Buku I -----------------------------------------------------------------------------------

def _readiness(masterplan):
    entries = defaultdict(list)
    for entry in (masterplan.readiness_entries.select_related("component")
                  .order_by("component__number", "created_at", "pk")):
        entries[entry.sub_area_id].append(entry)
    overall, elements = readiness_indices([masterplan])[masterplan.pk]
    index_by_sub_area = {child.code: child for element in elements for child in element.children}
    groups = defaultdict(list)
    for sub_area in sub_areas(masterplan.edition_id):
        groups[sub_area.element_id].append({
            "sub_area": sub_area, "entries": entries[sub_area.pk],
            "index": index_by_sub_area.get(sub_area.pk)})
    # Both follow the elements' order (Struktur, Infrastruktur, Suprastruktur).
    tables_by_element = [
        {"element": tables[0]["sub_area"].element, "index": element_index, "tables": tables}
        for tables, element_index in zip(groups.values(), elements, strict=True)]
    return {"readiness_overall": overall, "readiness_elements": elements,
            "readiness_groups": tables_by_element,
            "readiness_chart": readiness_bars(elements, chart_id="buku-grafik-kesiapan")}


def book1(masterplan):
    context = _common(masterplan, 1)
    outlook = masterplan.outlook
    cities, indicators, cells = competitiveness_table(masterplan)
    context.update(_readiness(masterplan))
    readiness_index, performance_index, level = maturity([masterplan])[masterplan.pk]
    _overall, dimensions = performance_indices([masterplan])[masterplan.pk]
    vision = masterplan.vision
    context.update(
        outlook=outlook,
        outlook_parts=[(field, masterplan.outlook._meta.get_field(field).verbose_name,
                        to_html(getattr(outlook, field)), bool(getattr(outlook, field).strip()))
                       for field in outlook.NARRATIVE_FIELDS],
        benchmark_cities=cities,
        competitiveness=[(indicator, [cells.get((indicator.pk, column)) for column in
                                      ["own"] + [str(city.pk) for city in cities]])
                         for indicator in indicators],
        gap_rows=list(masterplan.gap_rows.select_related("dimension", "readiness_element")
                      .prefetch_related("strategies", "evidence__component")),
        vision=vision,
        missions=list(masterplan.missions.all()),
        sasaran_groups=_sasaran(masterplan),
        maturity_readiness=readiness_index, maturity_performance=performance_index,
        maturity_level=level,
        maturity=maturity_text(masterplan.edition.code, readiness_index, performance_index, level),
        maturity_chart=maturity_chart(readiness_index, performance_index,
                                      point_label=masterplan.region.display_name,
                                      chart_id="buku-grafik-kematangan"),
        performance_dimensions=dimensions,
    )
    return context


def _sasaran(masterplan):
    groups = defaultdict(list)
    sasaran = (masterplan.sasaran.select_related("dimension")
               .prefetch_related(Prefetch("indicators",
                                          queryset=Indicator.objects.prefetch_related("targets"))))
    for item in sasaran:
        groups[item.dimension].append(item)
    years = list(masterplan.years)
    return [{"dimension": dimension, "sasaran": items, "years": years}
            for dimension, items in sorted(groups.items(), key=lambda pair: pair[0].number)]


# --- Buku II and III --------------------------------------------------------------------------

def _programs(masterplan):
    return list(
        masterplan.programs.select_related("element__dimension", "lead_opd", "readiness_element")
        .prefetch_related(
            "supporting_opds", "partners", "financing", "strategies",
            Prefetch("kpis", queryset=ProgramKpi.objects.prefetch_related(
                Prefetch("targets", queryset=KpiTarget.objects.order_by("year"))))))


def _budget(masterplan):
    """The roadmap's budget (roadmap.programs.budget, one query) laid out for the table, and
    its chart."""
    budget = roadmap_budget(masterplan)
    sources = [FundingSource(code) for code in FundingSource.values if budget.source_totals[code]]
    return {
        "sources": sources,
        "rows": [(year, [budget.by_year[year][s] for s in sources], budget.year_totals[year])
                 for year in budget.years],
        "totals": [budget.source_totals[s] for s in sources],
        "grand_total": budget.total,
        "chart": budget_svg(budget, chart_id="buku-grafik-anggaran") if budget.total else "",
    }


def _gantt(masterplan, programs):
    if not programs:
        return ""
    return gantt_svg(programs, masterplan.start_year, masterplan.end_year,
                     chart_id="buku-grafik-gantt")


def _strategies_by_dimension(masterplan):
    result = defaultdict(list)
    for strategy in (Strategy.objects.filter(worksheet__masterplan=masterplan,
                                             worksheet__dimension__isnull=False)
                     .select_related("worksheet").prefetch_related("items")
                     .order_by("quadrant", "position")):
        result[strategy.worksheet.dimension_id].append(strategy)
    return result


def _dimension_sections(masterplan, programs, context):
    strategies = _strategies_by_dimension(masterplan)
    by_dimension = defaultdict(list)
    for program in programs:
        by_dimension[program.element.dimension_id].append(program)
    sections = []
    for letter, dimension in zip("abcdef", Dimension.objects.filter(
            edition=masterplan.edition_id).order_by("number"), strict=False):
        key = strategy_key(dimension.code)
        sections.append({"letter": letter, "dimension": dimension, "key": key,
                         "text": context["narrative"].get(key, ""),
                         "filled": context["narrative_filled"].get(key, False),
                         "strategies": strategies.get(dimension.pk, []),
                         "programs": by_dimension.get(dimension.pk, [])})
    return sections


def _worksheets(masterplan):
    worksheets = (Worksheet.objects.filter(masterplan=masterplan)
                  .select_related("dimension", "readiness_element")
                  .prefetch_related(
                      Prefetch("items", queryset=SwotItem.objects.order_by("factor", "position")),
                      Prefetch("strategies", queryset=Strategy.objects.prefetch_related("items")
                               .order_by("quadrant", "position"))))
    result = []
    for worksheet in worksheets:
        factors = defaultdict(list)
        for item in worksheet.items.all():
            factors[item.factor].append(item)
        quadrants = defaultdict(list)
        for strategy in worksheet.strategies.all():
            quadrants[strategy.quadrant].append(strategy)
        result.append({"worksheet": worksheet, "factors": factors, "quadrants": quadrants})
    return result


def _institutions(masterplan):
    return list(masterplan.institutions.select_related("managing_opd").prefetch_related(
        Prefetch("members", queryset=InstitutionMember.objects.select_related("opd"))))


def _applications(masterplan):
    applications = list(masterplan.applications.select_related("owner_opd")
                        .prefetch_related("exchanges_with", "integration_programs"))
    covered = {application.function for application in applications}
    missing = [choice.label for choice in GovernmentFunction
               if choice != GovernmentFunction.OTHER and choice not in covered]
    return applications, missing


def _monitoring(masterplan):
    return list(MonitoringRecord.objects.filter(program__masterplan=masterplan)
                .select_related("program").prefetch_related("actuals__kpi")
                .order_by("-year", "-quarter", "program__name"))


def book2(masterplan):
    context = _common(masterplan, 2)
    programs = _programs(masterplan)
    applications, missing_functions = _applications(masterplan)
    years = list(masterplan.years)
    context.update(
        vision=masterplan.vision,
        missions=list(masterplan.missions.all()),
        dimension_sections=_dimension_sections(masterplan, programs, context),
        action_parts=[{"letter": letter, "category": category,
                       "programs": [p for p in programs if p.category == category]}
                      for letter, category in zip("abcd", Category, strict=True)],
        horizons=[{"horizon": horizon, "programs": [p for p in programs if p.horizon == horizon]}
                  for horizon in Horizon],
        programs=programs,
        budget=_budget(masterplan),
        gantt=_gantt(masterplan, programs),
        years=years,
        institutions=_institutions(masterplan),
        regulations=list(masterplan.regulations.all()),
        applications=applications,
        missing_functions=missing_functions,
        worksheets=_worksheets(masterplan),
        monitoring=_monitoring(masterplan),
    )
    return context


def book3(masterplan):
    context = _common(masterplan, 3)
    programs = _programs(masterplan)
    years = list(masterplan.years)
    sections = _dimension_sections(masterplan, programs, context)
    for section in sections:
        # Key programs: quick wins first, then the largest budgets.
        section["key_programs"] = sorted(
            section["programs"],
            key=lambda p: (not p.is_quick_win, -sum(f.amount for f in p.financing.all())))[:5]
    context.update(
        vision=masterplan.vision,
        missions=list(masterplan.missions.all()),
        dimension_sections=sections,
        horizons=[{"horizon": horizon, "count": sum(1 for p in programs if p.horizon == horizon)}
                  for horizon in Horizon],
        quick_wins=[p for p in programs if p.is_quick_win],
        budget=_budget(masterplan),
        gantt=_gantt(masterplan, programs),
        years=years,
    )
    return context


BUILDERS = {"1": book1, "2": book2, "3": book3}
