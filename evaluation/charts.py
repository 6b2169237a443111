"""The region's final index across the years as an SVG column chart (with the primitives of
masterplan.charts): one column per cycle, the published final where the ministry has announced
it, else the assessor's, else the self-assessment's, each column labelled with its value and
which of the three it is (colour alone never says it). A year without any final index says
"belum ada".

A column's height is its value's share of its cycle's scale; the axis is labelled with the
scale's numbers when every cycle has the same scale (the usual 0–100), else in percent of the
scale.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import numbers
from masterplan.charts import (
    GRID,
    MUTED,
    coordinate,
    empty_element,
    min_font_size,
    svg_image,
    text_element,
)

PUBLISHED, ASSESSOR, SELF = "resmi", "penilai", "mandiri"
SOURCE_LABELS = {PUBLISHED: gettext_lazy("resmi"), ASSESSOR: gettext_lazy("penilai"),
                 SELF: gettext_lazy("mandiri")}
SOURCE_COLOURS = {PUBLISHED: "#1c5a9c", ASSESSOR: "#6ea8dc", SELF: "#ced4da"}


@dataclass(frozen=True)
class HistoryPoint:
    """One cycle of the region: its year, the final index shown (or None), which one it is
    (PUBLISHED, ASSESSOR, SELF or None) and the cycle's scale."""

    year: int
    value: Decimal | None
    source: str | None
    scale_max: Decimal


WIDTH = 640
FONT = max(11, min_font_size(WIDTH))
PLOT_LEFT = 52
PLOT_RIGHT = WIDTH - 12
TOP = 26  # room for the value above a full column
PLOT_HEIGHT = 180
BASELINE = TOP + PLOT_HEIGHT
HEIGHT = BASELINE + 44  # the year and the source below each column
MAX_COLUMN = 56
TICKS = (0, 0.25, 0.5, 0.75, 1)


def format_index(value):
    """An index with two decimals in the Indonesian format ("61,35")."""
    return numbers.format_decimal(value, 2)


def _spoken(point):
    if point.value is None:
        return _("%(year)s: belum ada") % {"year": point.year}
    return _("%(year)s: %(value)s (%(source)s)") % {
        "year": point.year, "value": format_index(point.value),
        "source": SOURCE_LABELS[point.source]}


def _tick_label(share, scales):
    if len(scales) == 1:
        return numbers.format_number(Decimal(str(share)) * next(iter(scales)))
    return f"{round(share * 100)}%"


def history_chart(points, *, chart_id="grafik-riwayat-evaluasi", described_by=None):
    """Columns of `points` (HistoryPoint, oldest first) on the scale of their cycles."""
    points = list(points)
    scales = {Decimal(point.scale_max) for point in points}
    body = []
    for share in TICKS:
        y = BASELINE - share * PLOT_HEIGHT
        body.append(empty_element("line", x1=PLOT_LEFT, y1=y, x2=PLOT_RIGHT, y2=y,
                                  stroke=GRID if share else MUTED))
        body.append(text_element(PLOT_LEFT - 6, y + 4, _tick_label(share, scales),
                                 text_anchor="end", fill=MUTED))
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(1, len(points))
    column = min(MAX_COLUMN, slot * 0.6)
    for number, point in enumerate(points):
        middle = PLOT_LEFT + slot * (number + 0.5)
        body.append(f'<g class="bar"><title>{escape(_spoken(point))}</title>')
        if point.value is None:
            body.append(text_element(middle, BASELINE - 6, _("belum ada"), text_anchor="middle",
                                     fill=MUTED, font_style="italic"))
        else:
            share = max(0.0, min(1.0, float(point.value) / float(point.scale_max)))
            top = BASELINE - share * PLOT_HEIGHT
            body.append(empty_element("rect", x=middle - column / 2, y=top, width=column,
                                      height=BASELINE - top, fill=SOURCE_COLOURS[point.source],
                                      stroke=MUTED if point.source == SELF else None))
            body.append(text_element(middle, top - 6, format_index(point.value),
                                     text_anchor="middle", font_weight="bold"))
        body.append(text_element(middle, BASELINE + 17, str(point.year), text_anchor="middle"))
        if point.source:
            body.append(text_element(middle, BASELINE + 33, str(SOURCE_LABELS[point.source]),
                                     text_anchor="middle", fill=MUTED))
        body.append("</g>")
    description = "; ".join(_spoken(point) for point in points) or _("Belum ada siklus.")
    if len(scales) > 1:
        description += ". " + _("Tinggi kolom: bagian dari skala siklusnya (skala berbeda "
                                "antartahun).")
    title = _("Indeks akhir evaluasi per tahun (resmi, bila belum: penilai, bila belum: "
              "mandiri)")
    return svg_image(chart_id, WIDTH, coordinate(HEIGHT), title, description, body,
                     described_by, font_size=FONT)
