"""The portal's chart: KPI targets against their latest M&E actual, drawn with the core's SVG
primitives (masterplan/charts.py) like the method apps' charts.

One row per KPI: its name (wrapped, the program's name in the element's <title>), a grey bar for
the target of the actual's year and a blue bar for the actual, both on the KPI's own scale (its
larger value fills the row), each followed by its value in the Indonesian format; a KPI whose
year has no target shows the actual alone. KPIs have different units, so rows are not compared
with each other: the achievement in % (roadmap.monitoring.kpi_percent) is printed at the end.
"""

from django.utils.html import escape
from django.utils.translation import gettext as _

from masterplan.charts import (
    MUTED,
    chars_fitting,
    coordinate,
    empty_element,
    svg_image,
    text_element,
    text_lines,
    wrap,
)
from masterplan.numbers import format_decimal, format_number

KPI_WIDTH = 560
KPI_FONT = 11
KPI_LINE = KPI_FONT * 1.25
KPI_LABEL_X = 4
KPI_LABEL_WIDTH = 220
KPI_BAR_X = 232
KPI_BAR_MAX = 220  # the longer of the two bars
KPI_TOP = 6
KPI_ROW = 34  # a row of two bars; a label of more lines makes it taller
KPI_GAP = 10
KPI_LABEL_LINES = 3
TARGET_COLOUR = "#adb5bd"
ACTUAL_COLOUR = "#1c5a9c"


def _percent(value):
    return f"{format_decimal(value, 1)} %"


def _spoken(row):
    parts = [f"{row.kpi.name} ({row.kpi.program.name})"]
    if row.target is not None:
        parts.append(_("target %(year)s: %(value)s") % {"year": row.year,
                                                       "value": format_number(row.target)})
    parts.append(_("realisasi %(period)s: %(value)s") % {"period": row.period,
                                                        "value": format_number(row.actual)})
    if row.percent is not None:
        parts.append(_("capaian %(percent)s") % {"percent": _percent(row.percent)})
    unit = f" {row.kpi.unit}" if row.kpi.unit else ""
    return ", ".join(parts) + unit


def _bar(x, y, length, height, colour, value_text):
    return (empty_element("rect", x=x, y=y, width=max(length, 1), height=height, fill=colour)
            + text_element(x + max(length, 1) + 4, y + height - 1, value_text))


def kpi_chart(rows, *, chart_id="grafik-kpi", described_by=None):
    """`rows`: portal.pages.KpiRow with an actual (the KPI, its latest actual and period, the
    target of that year or None, the achievement or None)."""
    body = []
    y = KPI_TOP
    for row in rows:
        lines = wrap(row.kpi.name, chars_fitting(KPI_LABEL_WIDTH, KPI_FONT), KPI_LABEL_LINES)
        height = max(KPI_ROW, KPI_LINE * len(lines) + 4)
        values = [abs(float(value)) for value in (row.target, row.actual) if value is not None]
        top = max(values) or 1.0
        body.append(f'<g class="kpi"><title>{escape(_spoken(row))}</title>')
        body.append(text_lines(KPI_LABEL_X, y + KPI_FONT, lines, KPI_LINE))
        bar_y = y + 2
        if row.target is not None:
            body.append(_bar(KPI_BAR_X, bar_y, abs(float(row.target)) / top * KPI_BAR_MAX, 10,
                             TARGET_COLOUR, _("Target %(value)s") % {
                                 "value": format_number(row.target)}))
        actual_text = format_number(row.actual)
        if row.percent is not None:
            actual_text += f" ({_percent(row.percent)})"
        body.append(_bar(KPI_BAR_X, bar_y + 14, abs(float(row.actual)) / top * KPI_BAR_MAX, 10,
                         ACTUAL_COLOUR, actual_text))
        body.append("</g>")
        y += height + KPI_GAP
    legend_y = y + 4
    body.append(empty_element("rect", x=KPI_LABEL_X, y=legend_y, width=12, height=10,
                              fill=TARGET_COLOUR))
    body.append(text_element(KPI_LABEL_X + 16, legend_y + 9, _("Target tahun realisasi"),
                             fill=MUTED))
    body.append(empty_element("rect", x=KPI_BAR_X, y=legend_y, width=12, height=10,
                              fill=ACTUAL_COLOUR))
    body.append(text_element(KPI_BAR_X + 16, legend_y + 9, _("Realisasi terakhir (capaian)"),
                             fill=MUTED))
    description = "; ".join(_spoken(row) for row in rows) or _("Tidak ada data.")
    return svg_image(chart_id, KPI_WIDTH, coordinate(legend_y + 16),
                     _("Target KPI dan realisasi terakhir dari monev"), description, body,
                     described_by, font_size=KPI_FONT)
