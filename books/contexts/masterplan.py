"""Buku II, the masterplan: every program presented in full once, in its dimension's strategy
(chapter III); the action plan (IV) and the roadmap (V) name it and refer to it. The lampiran
carry the SWOT worksheets, the monitoring and evaluation records and the programs' risk register
with its heat map."""

from collections import defaultdict

from django.db.models import Prefetch

from roadmap import risks
from roadmap.charts import risk_heat_map_svg
from roadmap.models import Category, GovernmentFunction, Horizon, MonitoringRecord
from swot.models import Strategy, SwotItem, Worksheet

from .common import budget, common, dimension_sections, gantt, institutions, programs

CATEGORY_TITLES = {
    Category.POLICY: "Pengembangan Kebijakan dan Kelembagaan Smart City Daerah",
    Category.INFRASTRUCTURE: "Rencana Pembangunan Infrastruktur Pendukung Smart City",
    Category.APPLICATION: "Rencana Pengembangan Aplikasi dan Perangkat Lunak Pendukung Smart City",
    Category.LITERACY: "Rencana Penguatan Literasi Smart City Daerah",
}


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


def _risks(masterplan):
    """The risk register by program (one query) and its heat map (one more), none when empty."""
    rows = risks.register_rows(masterplan)
    heat_map = risk_heat_map_svg(risks.heat_map_counts(masterplan), chart_id="buku-peta-risiko") \
        if rows else ""
    return {"groups": risks.by_program(rows), "count": len(rows), "heat_map": heat_map}


def book2(masterplan):
    context = common(masterplan, 2)
    all_programs = programs(masterplan)
    applications, missing_functions = _applications(masterplan)
    context.update(
        vision=masterplan.vision,
        missions=list(masterplan.missions.all()),
        # First: it gives every program the section where it is presented in full.
        dimension_sections=dimension_sections(masterplan, all_programs, context),
        action_parts=[{"letter": letter, "category": category,
                       "title": CATEGORY_TITLES[category],
                       "programs": [p for p in all_programs if p.category == category]}
                      for letter, category in zip("abcd", Category, strict=True)],
        horizons=[{"horizon": horizon,
                   "programs": [p for p in all_programs if p.horizon == horizon]}
                  for horizon in Horizon],
        programs=all_programs,
        budget=budget(masterplan),
        gantt=gantt(masterplan, all_programs),
        years=list(masterplan.years),
        institutions=institutions(masterplan),
        regulations=list(masterplan.regulations.all()),
        applications=applications,
        missing_functions=missing_functions,
        worksheets=_worksheets(masterplan),
        monitoring=_monitoring(masterplan),
        risk_register=_risks(masterplan),
    )
    return context
