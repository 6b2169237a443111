"""Server-rendered SVG charts: the readiness bars and the maturity staircase.

Drawn with the SVG primitives of masterplan.charts (which say what every chart promises: inline
SVG, no JavaScript or external CSS, a viewBox, role="img" with <title> and <desc>); the page
showing one also prints the same numbers as a table. They are drawn for the web pages and reused
in the PDF books. Indices are labelled with one decimal in the Indonesian format ("72,5").
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from masterplan import numbers
from masterplan.charts import (
    GRID,
    MUTED,
    chars_fitting,
    clip,
    coordinate,
    empty_element,
    min_font_size,
    svg_image,
    text_element,
    text_lines,
    wrap,
)

from .scoring import MATURITY_LEVELS, maturity_label, maturity_level


def format_index(value):
    """An index 0-100 with one decimal in the Indonesian format ("72,5"), '' for None."""
    return numbers.format_decimal(value, 1)


# --- horizontal bars -------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    """One row of a bar chart; `level` 0 is a group (element), 1 a member (sub-area)."""

    label: str
    value: float | None
    level: int = 0


BAR_WIDTH = 820
BAR_FONT = min_font_size(BAR_WIDTH)  # 7 pt in the books
BAR_LINE = BAR_FONT * 1.2
BAR_LABEL_X = 8
BAR_INDENT = 16
BAR_X = 390  # where the 0 of the scale is
BAR_SCALE = 3.2  # pixels per index point: 100 -> 320 px
BAR_TOP = 30  # room for the scale's labels
BAR_ROW = 24  # a row of one line; each further line of its label adds BAR_LINE
BAR_GROUP_GAP = 8
BAR_LABEL_LINES = 2
BAR_COLOURS = {0: "#1c5a9c", 1: "#6ea8dc"}


def _spoken(bar):
    return f"{bar.label}: {format_index(bar.value) if bar.value is not None else _('belum dinilai')}"


def bar_chart(bars, *, title, chart_id="grafik-batang", described_by=None):
    """Horizontal bars on a 0-100 scale, each with its value printed; a bar without a value
    says 'belum dinilai'. `bars`: Bar rows in display order."""
    bars = list(bars)
    body = []
    y = BAR_TOP
    rows = []
    for position, bar in enumerate(bars):
        if position and bar.level == 0:
            y += BAR_GROUP_GAP
        room = BAR_X - 10 - BAR_LABEL_X - BAR_INDENT * bar.level
        lines = wrap(bar.label, chars_fitting(room, BAR_FONT), BAR_LABEL_LINES)
        rows.append((y, bar, lines))
        y += BAR_ROW + BAR_LINE * (len(lines) - 1)
    height = y + 4
    # Scale: vertical grid lines with their labels above the bars.
    for tick in (0, 25, 50, 75, 100):
        x = BAR_X + tick * BAR_SCALE
        body.append(empty_element("line", x1=x, y1=BAR_TOP - 6, x2=x, y2=height - 4, stroke=GRID))
        body.append(text_element(x, BAR_TOP - 12, str(tick), text_anchor="middle", fill=MUTED))
    for y, bar, lines in rows:
        middle = y + BAR_ROW / 2  # the bar stands by the label's first line
        bold = bar.level == 0
        body.append(f'<g class="bar"><title>{escape(_spoken(bar))}</title>')
        body.append(text_lines(BAR_LABEL_X + BAR_INDENT * bar.level, middle + 4, lines, BAR_LINE,
                               font_weight="bold" if bold else None))
        if bar.value is None:
            body.append(text_element(BAR_X + 4, middle + 4, _("belum dinilai"), fill=MUTED,
                                     font_style="italic"))
        else:
            value = max(0.0, min(100.0, float(bar.value)))
            thickness = 14 if bold else 11
            body.append(empty_element("rect", x=BAR_X, y=middle - thickness / 2,
                                      width=value * BAR_SCALE, height=thickness,
                                      fill=BAR_COLOURS.get(bar.level, BAR_COLOURS[1])))
            body.append(text_element(BAR_X + value * BAR_SCALE + 5, middle + 4,
                                     format_index(bar.value), font_weight="bold" if bold else None))
        body.append("</g>")
    judged = [bar for bar in bars if bar.value is not None]
    description = "; ".join(_spoken(bar) for bar in bars) or _("Tidak ada data.")
    if not judged:
        description = _("Belum ada yang dinilai.") + " " + description
    return svg_image(chart_id, BAR_WIDTH, coordinate(height), title, description, body,
                     described_by, font_size=BAR_FONT)


def _short_table_title(title):
    """'Tabel II.2 Analisis Kualitas SDM Daerah' -> 'Tabel II.2 Kualitas SDM Daerah': every
    table of the guide starts with 'Analisis', which the chart's narrow label column drops."""
    head, separator, rest = title.partition(" Analisis ")
    return f"{head} {rest}" if separator and head.startswith("Tabel") else title


def readiness_bars(groups, *, chart_id="grafik-kesiapan", described_by=None):
    """The bar chart of `services.readiness_indices`' groups: each element, then its tables."""
    bars = []
    for group in groups:
        bars.append(Bar(group.title, group.index, 0))
        bars.extend(Bar(_short_table_title(child.title), child.index, 1) for child in group.children)
    return bar_chart(bars, title=_("Indeks kesiapan per elemen dan per tabel (0–100)"),
                     chart_id=chart_id, described_by=described_by)


# --- maturity staircase ----------------------------------------------------------------------

MATURITY_PLOT_X = 78  # left edge of the plot (room for the y axis)
MATURITY_PLOT_Y = 16
MATURITY_SCALE = 5.0  # pixels per index point: the plot is 500 x 500
MATURITY_PLOT_SIZE = 100 * MATURITY_SCALE
MATURITY_WIDTH = MATURITY_PLOT_X + MATURITY_PLOT_SIZE + 24
MATURITY_HEIGHT = MATURITY_PLOT_Y + MATURITY_PLOT_SIZE + 56  # the axis title ends at 50
MATURITY_COLOURS = {"initial": "#eef1f4", "developing": "#d7e7f5", "managed": "#b3d1ec",
                    "optimized": "#8bbbe3"}
POINT_COLOUR = "#b02a37"
MATURITY_BOOK_SHARE = 0.8  # of the text width the books draw it at (static/books/book.css)
POINT_LABEL_CHARS = 28


def maturity_xy(readiness, performance):
    """SVG coordinates of an index pair (readiness on x, performance on y, 0 at bottom left)."""
    return (MATURITY_PLOT_X + readiness * MATURITY_SCALE,
            MATURITY_PLOT_Y + (100 - performance) * MATURITY_SCALE)


def maturity_chart(readiness, performance, *, point_label="", chart_id="grafik-kematangan",
                   described_by=None):
    """The maturity model: x = readiness (capability), y = performance, both 0-100. Each level
    is the area where the lower of the two indices reaches its threshold but not the next one,
    so the levels nest as a staircase towards the top right. The region is plotted when both
    indices exist."""
    body = []
    thresholds = [minimum for _code, _label, minimum in MATURITY_LEVELS]
    # Levels from the lowest: each covers [its threshold, 100] on both axes, the next on top.
    for code, _label, minimum in MATURITY_LEVELS:
        x, y = maturity_xy(minimum, 100)
        size = (100 - minimum) * MATURITY_SCALE
        body.append(empty_element("rect", class_=f"level level-{code}", x=x, y=y, width=size,
                                  height=size, fill=MATURITY_COLOURS.get(code, "#eeeeee"), stroke="#ffffff",
                                  stroke_width="1.5"))
    # Level names along the top edge, each inside its own step (top-arm of the L); the
    # region's level in bold.
    level = maturity_level(readiness, performance)
    bounds = thresholds[1:] + [100]
    for (code, label, minimum), upper in zip(MATURITY_LEVELS, bounds, strict=True):
        x, y = maturity_xy((minimum + upper) / 2, 100)
        body.append(text_element(x, y + 19, label, class_="level-label", text_anchor="middle",
                                 font_size="12.5", font_weight="bold" if code == level else None))
    left, top = maturity_xy(0, 100)
    right, bottom = maturity_xy(100, 0)
    body.append(empty_element("rect", x=left, y=top, width=MATURITY_PLOT_SIZE,
                              height=MATURITY_PLOT_SIZE, fill="none", stroke=MUTED))
    # Ticks at 0, the thresholds and 100 on both axes.
    for tick in sorted(set(thresholds) | {0, 100}):
        x, _y = maturity_xy(tick, 0)
        _x, y = maturity_xy(0, tick)
        body.append(empty_element("line", x1=x, y1=bottom, x2=x, y2=bottom + 5, stroke=MUTED))
        body.append(text_element(x, bottom + 19, str(tick), text_anchor="middle", fill=MUTED,
                                 font_size="12"))
        body.append(empty_element("line", x1=left - 5, y1=y, x2=left, y2=y, stroke=MUTED))
        body.append(text_element(left - 8, y + 4, str(tick), text_anchor="end", fill=MUTED,
                                 font_size="12"))
    body.append(text_element((left + right) / 2, bottom + 46, _("Kesiapan (kemampuan/capability)"),
                             text_anchor="middle"))
    axis_y = (top + bottom) / 2
    body.append(text_element(left - 48, axis_y, _("Kinerja (performance)"), text_anchor="middle",
                             transform=f"rotate(-90 {coordinate(left - 48)} {coordinate(axis_y)})"))

    if level is not None:
        x, y = maturity_xy(max(0.0, min(100.0, readiness)), max(0.0, min(100.0, performance)))
        dashed = {"stroke": POINT_COLOUR, "stroke_dasharray": "3 3"}
        body.append(empty_element("line", x1=left, y1=y, x2=x, y2=y, **dashed))
        body.append(empty_element("line", x1=x, y1=y, x2=x, y2=bottom, **dashed))
        body.append(empty_element("circle", class_="point", cx=x, cy=y, r="6", fill=POINT_COLOUR,
                                  stroke="#ffffff", stroke_width="2"))
        lines = [clip(point_label, POINT_LABEL_CHARS)] if point_label else []
        lines.append(f"({format_index(readiness)}; {format_index(performance)})")
        # Right of the point on the left part, left of it on the right part; below the point
        # near the top so the level names stay readable.
        anchor, dx = ("start", 10) if readiness <= 45 else ("end", -10)
        first = y + 24 if performance > 80 else y - 12 - 16 * (len(lines) - 1)
        for number, line in enumerate(lines):
            body.append(text_element(x + dx, first + 16 * number, line, class_="point-label",
                                     text_anchor=anchor, font_weight="bold", fill=POINT_COLOUR))
        description = _("Kesiapan %(readiness)s, kinerja %(performance)s: tingkat kematangan "
                        "%(level)s.") % {"readiness": format_index(readiness),
                                         "performance": format_index(performance),
                                         "level": maturity_label(level)}
        if point_label:
            description = f"{point_label}. {description}"
    else:
        missing = [name for name, value in ((_("indeks kesiapan"), readiness),
                                            (_("indeks kinerja"), performance)) if value is None]
        x, y = maturity_xy(25, 25)
        body.append(text_element(x, y, _("Titik belum dapat digambar"), text_anchor="middle", fill=MUTED,
                                 font_style="italic"))
        description = _("Titik wilayah belum dapat digambar: %(missing)s belum ada.") % {
            "missing": _(" dan ").join(missing)}
    steps = "; ".join(
        _("%(label)s: kedua indeks minimal %(minimum)s") % {"label": label, "minimum": minimum}
        for _code, label, minimum in MATURITY_LEVELS)
    return svg_image(chart_id, coordinate(MATURITY_WIDTH), coordinate(MATURITY_HEIGHT),
                     _("Model kematangan: kesiapan (kemampuan) dan kinerja"),
                     f"{description} {steps}.", body, described_by, font_size=13)
