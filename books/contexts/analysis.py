"""Buku I, the strategic analysis."""

from collections import defaultdict

from django.db.models import Prefetch

from readiness.charts import maturity_chart, readiness_bars
from readiness.services import (
    competitiveness_table,
    maturity,
    performance_indices,
    readiness_indices,
    sub_areas,
)
from swot.models import Indicator

from ..maturity import maturity_text
from ..text import to_html
from .common import common


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
    context = common(masterplan, 1)
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
