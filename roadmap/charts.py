"""Server-rendered SVG charts of the roadmap: the timeline (Gantt), the budget bars and the risk
heat map.

Drawn with the SVG primitives of masterplan.charts, like readiness/charts.py: pure functions
returning a safe string of inline SVG, no JavaScript, no external CSS or fonts, a viewBox so they
scale, and role="img" with a <title> and <desc>; every text is escaped. The pages print the same
numbers as tables, and the PDF books can reuse the charts (WeasyPrint renders inline SVG).

* `gantt_svg(programs, start_year, end_year)`: one row per program, grouped under its dimension,
  at quarter resolution (a program runs from the start of its start quarter to the end of its end
  quarter), year gridlines and labels; quick wins in their own colour with a "★ QW" tag, e-Gov
  integration programs tagged "e-Gov", a legend. Long names are wrapped over up to three lines
  (the row grows with them); only a name longer than that ends in '…', and the row's <title>
  carries the full name and period. No text prints below MIN_TEXT_PT in the books.
* `gantt_parts(programs)`: the programs in runs that each draw a timeline no taller than a book
  page, for the books to print a long roadmap as several figures.
* `budget_svg(budget)`: one stacked bar per year, a segment per funding source, the year's total
  above the bar in the short rupiah format ("Rp 1,5 M"); the table beside it has full numbers.
* `risk_heat_map_svg(counts)`: the risk register's 3 × 3 grid, likelihood upwards and impact to
  the right, each cell coloured by its level (roadmap.risks.risk_level) with its number of risks
  and its score, and a legend of the three levels.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from masterplan import numbers
from masterplan.charts import (
    BOOK_TEXT_HEIGHT_PT,
    BOOK_TEXT_WIDTH_PT,
    CHAR_WIDTH,
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

from .risks import (
    IMPACT_LABELS,
    LEVEL_LABELS,
    LEVELS,
    LIKELIHOOD_LABELS,
    level_counts,
    risk_level,
)

# --- rupiah ----------------------------------------------------------------------------------

# Indonesian abbreviations: ribu, juta, miliar, triliun.
RUPIAH_UNITS = [(Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "M"), (Decimal(10) ** 6, "jt"),
                (Decimal(10) ** 3, "rb")]


def _one_decimal(value):
    """12.34 -> '12,3'; 250.0 -> '250' (Indonesian decimal comma, no trailing ',0'). A tie rounds
    to even (1.25 -> '1,2'), as these labels always have."""
    text = numbers.format_decimal(round(Decimal(value), 1), 1)
    return text[:-2] if text.endswith(",0") else text


def rupiah_short(amount):
    """An amount in rupiah as a chart label: 1_500_000_000 -> 'Rp 1,5 M', 250_000_000 ->
    'Rp 250 jt', 7_500 -> 'Rp 7,5 rb'. A value that rounds up to the next unit moves to it
    (999_960_000 -> 'Rp 1 M')."""
    amount = Decimal(amount or 0)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    for index, (size, unit) in enumerate(RUPIAH_UNITS):  # the largest unit first
        if amount >= size:
            if index and round(amount / size, 1) >= 1000:
                size, unit = RUPIAH_UNITS[index - 1]
            return f"{sign}Rp {_one_decimal(amount / size)} {unit}"
    if round(amount, 1) >= 1000:
        return f"{sign}Rp 1 rb"
    return f"{sign}Rp {_one_decimal(amount)}"


def rupiah_full(amount):
    """An amount in rupiah with every digit: 'Rp 1.500.000.000' (',50' only for cents)."""
    return numbers.format_rupiah(amount or 0)


# --- Gantt -----------------------------------------------------------------------------------

GANTT_WIDTH = 800
GANTT_FONT = min_font_size(GANTT_WIDTH)  # 7 pt in the books
GANTT_LINE = GANTT_FONT * 1.15
GANTT_LABEL_X = 8
GANTT_INDENT = 12
GANTT_LABEL_WIDTH = 330  # the name and tag column
GANTT_PLOT_X = 340  # where the first quarter starts
GANTT_PLOT_WIDTH = GANTT_WIDTH - GANTT_PLOT_X - 12
GANTT_TOP = 34  # room for the year labels
GANTT_ROW = 19  # a row of one line; each further line of its name adds GANTT_LINE
GANTT_HEADING = 22
GANTT_BAR = 13
GANTT_NAME_LINES = 3
GANTT_BOTTOM = 32  # below the last row: the plot's margin and the legend
# The tallest timeline a book prints as one figure: its text block in chart units, less room
# for a chapter heading above and the caption below.
GANTT_BOOK_PAGE_HEIGHT = int(BOOK_TEXT_HEIGHT_PT * GANTT_WIDTH / BOOK_TEXT_WIDTH_PT) - 200
GANTT_COLOUR = "#1c5a9c"
QUICK_WIN_COLOUR = "#d9480f"
HEADING_FILL = "#eef1f4"
QUICK_WIN_TAG = "★ QW"
EGOV_TAG = "e-Gov"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_label(year, quarter):
    """'TW II 2026' (triwulan II of 2026)."""
    return _("TW %(quarter)s %(year)s") % {"year": year, "quarter": ROMAN.get(quarter, quarter)}


def gantt_x(year, quarter, start_year, end_year, *, end=False):
    """The x coordinate of the start (or, with end=True, the end) of a quarter on the chart."""
    quarters = (end_year - start_year + 1) * 4
    width = GANTT_PLOT_WIDTH / quarters
    index = (year - start_year) * 4 + (min(max(quarter, 1), 4) - 1) + (1 if end else 0)
    index = min(max(index, 0), quarters)
    return GANTT_PLOT_X + index * width


def _period_text(program):
    return f"{quarter_label(program.start_year, program.start_quarter)} – " \
           f"{quarter_label(program.end_year, program.end_quarter)}"


def _tags(program):
    tags = []
    if program.is_quick_win:
        tags.append(QUICK_WIN_TAG)
    if program.is_egov_integration:
        tags.append(EGOV_TAG)
    return tags


def _spoken_program(program):
    extra = []
    if program.is_quick_win:
        extra.append(_("quick win"))
    if program.is_egov_integration:
        extra.append(_("integrasi Smart e-Gov"))
    text = f"{program.name}: {_period_text(program)}"
    return f"{text} ({', '.join(extra)})" if extra else text


def _dimension_of(program):
    return program.element.dimension


def gantt_svg(programs, start_year, end_year, *, chart_id="grafik-gantt", described_by=None):
    """The timeline of `programs` over start_year..end_year (e.g. the masterplan's period).

    `programs`: Program rows with their element and dimension loaded (select_related), in any
    order; they are grouped by dimension (in the dimension's number order) keeping their order
    within a dimension. A program reaching outside the period is cut at its edge."""
    programs = list(programs)
    end_year = max(end_year, start_year)
    ordered = _by_dimension(programs)

    rows = []  # (y, kind, payload, height)
    y = GANTT_TOP
    for dimension, members in ordered:
        rows.append((y, "heading", dimension, GANTT_HEADING))
        y += GANTT_HEADING
        for program in members:
            lines = _name_lines(program)
            height = _row_height(lines)
            rows.append((y, "program", (program, lines), height))
            y += height
    if not programs:
        rows.append((y, "empty", None, GANTT_ROW))
        y += GANTT_ROW
    plot_bottom = y + 4
    legend_y = plot_bottom + 22
    height = y + GANTT_BOTTOM

    body = []
    plot_right = GANTT_PLOT_X + GANTT_PLOT_WIDTH
    # Dimension heading bands first, so the grid lines are drawn over them.
    for row_y, kind, _payload, _height in rows:
        if kind == "heading":
            body.append(empty_element("rect", class_="dimension-band", x=0, y=row_y, width=GANTT_WIDTH,
                                      height=GANTT_HEADING, fill=HEADING_FILL))
    # Quarter ticks (when wide enough to read), year gridlines and labels.
    quarter_width = GANTT_PLOT_WIDTH / ((end_year - start_year + 1) * 4)
    for year in range(start_year, end_year + 1):
        left = gantt_x(year, 1, start_year, end_year)
        right = gantt_x(year, 4, start_year, end_year, end=True)
        if quarter_width >= 8:
            for quarter in (2, 3, 4):
                x = gantt_x(year, quarter, start_year, end_year)
                body.append(empty_element("line", class_="quarter-line", x1=x, y1=GANTT_TOP, x2=x,
                                          y2=plot_bottom, stroke=GRID, stroke_dasharray="2 3"))
        body.append(empty_element("line", class_="year-line", x1=left, y1=GANTT_TOP - 16, x2=left,
                                  y2=plot_bottom, stroke=MUTED if year == start_year else GRID))
        body.append(text_element((left + right) / 2, GANTT_TOP - 8, str(year), class_="year-label",
                                 text_anchor="middle", fill=MUTED))
    body.append(empty_element("line", class_="year-line", x1=plot_right, y1=GANTT_TOP - 16,
                              x2=plot_right, y2=plot_bottom, stroke=MUTED))

    for row_y, kind, payload, _height in rows:
        if kind == "heading":
            body.append(text_element(GANTT_LABEL_X, row_y + 15, payload.title, class_="dimension",
                                     font_weight="bold"))
        elif kind == "empty":
            body.append(text_element(GANTT_PLOT_X + 4, row_y + 14, _("Belum ada program."), fill=MUTED,
                                     font_style="italic"))
        else:
            program, lines = payload
            body.append(_gantt_row(program, lines, row_y, start_year, end_year))

    # Legend.
    legend = [(GANTT_COLOUR, _("Program")), (QUICK_WIN_COLOUR, _("★ QW: quick win"))]
    x = GANTT_LABEL_X
    for colour, label in legend:
        body.append(empty_element("rect", class_="legend-swatch", x=x, y=legend_y - 10, width=14,
                                  height=10, fill=colour))
        body.append(text_element(x + 19, legend_y, label, class_="legend"))
        x += 19 + GANTT_FONT * CHAR_WIDTH * len(label) + 20
    body.append(text_element(x, legend_y, _("e-Gov: program integrasi Smart e-Gov"), class_="legend"))

    quick_wins = sum(1 for program in programs if program.is_quick_win)
    description = _("%(programs)s program dalam %(dimensions)s dimensi, %(start)s–%(end)s; "
                    "%(quick_wins)s quick win.") % {
        "programs": len(programs), "dimensions": len(ordered), "start": start_year,
        "end": end_year, "quick_wins": quick_wins}
    if programs:
        description += " " + "; ".join(_spoken_program(program) for program in programs) + "."
    return svg_image(chart_id, GANTT_WIDTH, coordinate(height),
                     _("Linimasa program %(start)s–%(end)s per dimensi") % {"start": start_year,
                                                                            "end": end_year},
                     description, body, described_by, font_size=GANTT_FONT)


def _by_dimension(programs):
    """[(dimension, [program, …]), …] in the dimensions' number order, the programs' order kept."""
    groups = {}
    for program in programs:
        dimension = _dimension_of(program)
        groups.setdefault(dimension.pk, (dimension, []))[1].append(program)
    return sorted(groups.values(), key=lambda group: (group[0].number, group[0].pk))


def _row_height(lines):
    return GANTT_ROW + GANTT_LINE * (len(lines) - 1)


def gantt_parts(programs, max_height=GANTT_BOOK_PAGE_HEIGHT):
    """`programs` split, in the timeline's order, into runs whose chart (each drawn by gantt_svg)
    is at most `max_height` units tall, so a book prints each run as one figure on one page.

    A run breaks between programs, never inside a row; a dimension cut by a break continues in
    the next run under its heading again. The runs are balanced (the last is not a stub of a
    few rows). Returns [[program, …], …]; one run when all fit."""
    programs = list(programs)
    runs = _runs(programs, max_height)
    if len(runs) > 1:
        mean = sum(_run_height(run) for run in runs) / len(runs)
        # The lowest height limit, from the mean up, that still needs no more runs.
        for factor in (1.05, 1.1, 1.2, 1.3, 1.5):
            balanced = _runs(programs, min(max_height, mean * factor))
            if len(balanced) == len(runs):
                return balanced
    return runs


def _run_height(run):
    return GANTT_TOP + GANTT_BOTTOM + sum(
        _row_height(_name_lines(program)) for program in run) + GANTT_HEADING * len(
        {_dimension_of(program).pk for program in run})


def _runs(programs, max_height):
    runs, run, used = [], [], GANTT_TOP + GANTT_BOTTOM
    for _dimension, members in _by_dimension(programs):
        heading_drawn = False
        for program in members:
            need = _row_height(_name_lines(program)) + (0 if heading_drawn else GANTT_HEADING)
            if run and used + need > max_height:
                runs.append(run)
                run, used = [], GANTT_TOP + GANTT_BOTTOM
                need = _row_height(_name_lines(program)) + GANTT_HEADING
            run.append(program)
            used += need
            heading_drawn = True
    if run:
        runs.append(run)
    return runs


def _name_lines(program):
    """The program's name wrapped to the room its row leaves beside its tags."""
    tags = " ".join(_tags(program))
    room = GANTT_LABEL_WIDTH - 4 - GANTT_LABEL_X - GANTT_INDENT
    if tags:
        room -= GANTT_FONT * CHAR_WIDTH * len(tags) + 8
    return wrap(program.name, chars_fitting(room, GANTT_FONT), GANTT_NAME_LINES)


def _gantt_row(program, lines, row_y, start_year, end_year):
    quick_win = program.is_quick_win
    classes = ["program"] + (["quick-win"] if quick_win else []) + (
        ["egov"] if program.is_egov_integration else [])
    parts = [f'<g class="{" ".join(classes)}" data-program="{escape(program.pk)}">'
             f"<title>{escape(_spoken_program(program))}</title>"]
    middle = row_y + GANTT_ROW / 2  # the bar and the tags stand by the name's first line
    parts.append(text_lines(GANTT_LABEL_X + GANTT_INDENT, middle + 4, lines, GANTT_LINE,
                            class_="name"))
    tags = _tags(program)
    if tags:
        parts.append(text_element(GANTT_LABEL_WIDTH - 4, middle + 4, " ".join(tags), class_="tag",
                                  text_anchor="end", font_weight="bold",
                                  fill=QUICK_WIN_COLOUR if quick_win else GANTT_COLOUR))
    before = (program.end_year, program.end_quarter) < (start_year, 1)
    after = (program.start_year, program.start_quarter) > (end_year, 4)
    if before or after:
        parts.append(text_element(GANTT_PLOT_X + 4, middle + 4, _("di luar periode"), fill=MUTED,
                                  font_style="italic", class_="outside"))
    else:
        left = gantt_x(program.start_year, program.start_quarter, start_year, end_year)
        right = gantt_x(program.end_year, program.end_quarter, start_year, end_year, end=True)
        parts.append(empty_element("rect", class_="bar quick-win" if quick_win else "bar", x=left,
                                   y=middle - GANTT_BAR / 2, width=max(right - left, 1),
                                   height=GANTT_BAR, rx="2",
                                   fill=QUICK_WIN_COLOUR if quick_win else GANTT_COLOUR))
        if quick_win:
            parts.append(text_element(left + 2, middle + 4, "★", class_="star", fill="#ffffff"))
    parts.append("</g>")
    return "".join(parts)


# --- budget ----------------------------------------------------------------------------------

BUDGET_WIDTH = 820
BUDGET_FONT = min_font_size(BUDGET_WIDTH)  # 7 pt in the books
BUDGET_PLOT_X = 96
BUDGET_PLOT_Y = 28
BUDGET_PLOT_HEIGHT = 240
BUDGET_PLOT_WIDTH = BUDGET_WIDTH - BUDGET_PLOT_X - 16
SOURCE_COLOURS = {"apbd": "#1c5a9c", "apbn": "#2f9e44", "dak": "#f08c00", "kpbu": "#7048e8",
                  "csr": "#e03131", "hibah": "#0c8599", "lainnya": "#868e96"}
OTHER_COLOUR = "#adb5bd"


NICE_STEPS = (1, Decimal("1.2"), Decimal("1.6"), 2, Decimal("2.4"), 3, 4, 5, 6, 8, 10)


def nice_ceiling(value):
    """The smallest of 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8 × 10^k at least `value`: a round top
    for the scale (each a multiple of 4 quarters that read well) that leaves at most a quarter
    of the plot empty above the highest bar."""
    value = Decimal(value)
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in NICE_STEPS:
        if step * power >= value:
            return step * power
    return 10 * power


def used_sources(budget):
    """[(source, label)] of the funding sources with any amount, in the choices' order."""
    return [(code, label) for code, label in budget.sources() if budget.source_totals.get(code)]


def budget_svg(budget, *, chart_id="grafik-anggaran", described_by=None):
    """Stacked bars of `budget` (roadmap.programs.Budget: .years, .by_year {year: {source:
    amount}}, .year_totals, .source_totals, .total) per year, one segment per funding source
    that has any amount."""
    years = list(budget.years)
    sources = used_sources(budget)
    top = nice_ceiling(max((budget.year_totals[year] for year in years), default=0))
    scale = Decimal(BUDGET_PLOT_HEIGHT) / top
    bottom = BUDGET_PLOT_Y + BUDGET_PLOT_HEIGHT
    body = []
    for step in range(5):
        value = top * step / 4
        y = bottom - float(value * scale)
        body.append(empty_element("line", x1=BUDGET_PLOT_X, y1=y, x2=BUDGET_PLOT_X + BUDGET_PLOT_WIDTH,
                                  y2=y, stroke=GRID if step else MUTED))
        body.append(text_element(BUDGET_PLOT_X - 6, y + 4, rupiah_short(value), class_="scale",
                                 text_anchor="end", fill=MUTED))
    slot = BUDGET_PLOT_WIDTH / max(len(years), 1)
    bar_width = min(slot * 0.6, 48)
    for position, year in enumerate(years):
        x = BUDGET_PLOT_X + slot * position + (slot - bar_width) / 2
        y = float(bottom)
        total = budget.year_totals[year]
        body.append(f'<g class="year" data-year="{year}">'
                    f"<title>{escape(_spoken_year(budget, year))}</title>")
        for code, label in sources:
            amount = budget.by_year[year].get(code)
            if not amount:
                continue
            height = float(amount * scale)
            y -= height
            body.append(f'<rect class="segment" data-source="{escape(code)}" '
                        f'x="{coordinate(x)}" y="{coordinate(y)}" width="{coordinate(bar_width)}" '
                        f'height="{coordinate(max(height, 0.5))}" '
                        f'fill="{SOURCE_COLOURS.get(code, OTHER_COLOUR)}">'
                        f"<title>{escape(f'{label} {year}: {rupiah_full(amount)}')}</title></rect>")
        if total:
            label = rupiah_short(total)
            if len(label) * BUDGET_FONT * CHAR_WIDTH > slot - 4:  # narrow slots: the scale says Rp
                label = label.removeprefix("Rp ").replace("-Rp ", "-")
            body.append(text_element(x + bar_width / 2, y - 5, label, class_="total",
                                     text_anchor="middle", font_weight="bold"))
        body.append(text_element(x + bar_width / 2, bottom + 16, str(year), class_="year-label",
                                 text_anchor="middle", fill=MUTED))
        body.append("</g>")
    if not budget.total:
        body.append(text_element(BUDGET_PLOT_X + BUDGET_PLOT_WIDTH / 2, BUDGET_PLOT_Y + 100,
                                 _("Belum ada pembiayaan."), text_anchor="middle", fill=MUTED,
                                 font_style="italic"))
    legend_y = bottom + 40
    x = BUDGET_PLOT_X
    for code, label in sources:
        body.append(empty_element("rect", class_="legend-swatch", x=x, y=legend_y - 10, width=12,
                                  height=10, fill=SOURCE_COLOURS.get(code, OTHER_COLOUR)))
        body.append(text_element(x + 16, legend_y, label, class_="legend"))
        x += 16 + BUDGET_FONT * CHAR_WIDTH * len(label) + 20
    height = legend_y + 6
    description = "; ".join(_spoken_year(budget, year) for year in years) or _("Tidak ada data.")
    description = _("Total %(total)s.") % {"total": rupiah_full(budget.total)} + " " + description
    return svg_image(chart_id, BUDGET_WIDTH, coordinate(height),
                     _("Anggaran program per tahun dan sumber dana"), description, body,
                     described_by, font_size=BUDGET_FONT)


def _spoken_year(budget, year):
    parts = [f"{label} {rupiah_full(budget.by_year[year][code])}"
             for code, label in used_sources(budget) if budget.by_year[year].get(code)]
    total = rupiah_full(budget.year_totals[year])
    return f"{year}: {total}" + (f" ({', '.join(parts)})" if parts else "")


# --- risk heat map -----------------------------------------------------------------------------

RISK_MAP_WIDTH = 480
RISK_MAP_BOOK_SHARE = 0.6  # of the text width the books draw it at (static/books/book.css)
RISK_MAP_FONT = 12  # its smallest text prints at 7 pt at that share (min_font_size: 12)
RISK_MAP_SMALL = 12
RISK_MAP_PLOT_X = 160  # room for the likelihood labels and the axis title
RISK_MAP_PLOT_Y = 12
RISK_MAP_CELL_WIDTH = 100
RISK_MAP_CELL_HEIGHT = 62
RISK_MAP_COUNT_FONT = 22
RISK_LEVEL_COLOURS = {"rendah": "#b2f2bb", "sedang": "#ffe066", "tinggi": "#ff8787"}


def risk_heat_map_svg(counts, *, chart_id="peta-risiko", described_by=None):
    """The 3 × 3 heat map of a risk register: likelihood (kemungkinan) upwards, impact (dampak)
    to the right, each cell coloured by its level (roadmap.risks.risk_level) and showing how
    many risks it holds and its score. `counts`: {(likelihood, impact): number of risks}, e.g.
    roadmap.risks.heat_map_counts(masterplan); a missing cell counts 0."""
    scale = (1, 2, 3)
    counts = {(likelihood, impact): int(counts.get((likelihood, impact)) or 0)
              for likelihood in scale for impact in scale}
    left, top = RISK_MAP_PLOT_X, RISK_MAP_PLOT_Y
    bottom = top + 3 * RISK_MAP_CELL_HEIGHT
    right = left + 3 * RISK_MAP_CELL_WIDTH
    body = []
    spoken = []
    for likelihood in scale:
        y = bottom - likelihood * RISK_MAP_CELL_HEIGHT
        for impact in scale:
            x = left + (impact - 1) * RISK_MAP_CELL_WIDTH
            level = risk_level(likelihood, impact)
            count = counts[likelihood, impact]
            cell = _("Kemungkinan %(likelihood)s (%(likelihood_label)s), dampak %(impact)s "
                     "(%(impact_label)s): %(count)s risiko, skor %(score)s, tingkat %(level)s") % {
                "likelihood": likelihood, "likelihood_label": LIKELIHOOD_LABELS[likelihood],
                "impact": impact, "impact_label": IMPACT_LABELS[impact], "score": level.score,
                "level": level.label, "count": count}
            if count:
                spoken.append(cell)
            middle = x + RISK_MAP_CELL_WIDTH / 2
            body.append(
                f'<g class="cell level-{level.code}" data-likelihood="{likelihood}" '
                f'data-impact="{impact}" data-count="{count}"><title>{escape(cell)}</title>'
                + empty_element("rect", x=x, y=y, width=RISK_MAP_CELL_WIDTH,
                                height=RISK_MAP_CELL_HEIGHT, fill=RISK_LEVEL_COLOURS[level.code],
                                stroke="#ffffff", stroke_width="2")
                + text_element(middle, y + 32, str(count), class_="count", text_anchor="middle",
                               font_size=str(RISK_MAP_COUNT_FONT), font_weight="bold")
                + text_element(middle, y + 52, _("skor %(score)s") % {"score": level.score},
                               class_="score", text_anchor="middle",
                               font_size=str(RISK_MAP_SMALL))
                + "</g>")
    body.append(empty_element("rect", x=left, y=top, width=right - left, height=bottom - top,
                              fill="none", stroke=MUTED))
    # Likelihood labels to the left of the rows, impact labels below the columns.
    label_chars = chars_fitting(left - 40, RISK_MAP_SMALL)
    for likelihood in scale:
        y = bottom - (likelihood - 0.5) * RISK_MAP_CELL_HEIGHT
        lines = wrap(f"{likelihood} – {LIKELIHOOD_LABELS[likelihood]}", label_chars, 2)
        first = y + 4 - (len(lines) - 1) * RISK_MAP_SMALL * 0.6
        body.append(text_lines(left - 8, first, lines, RISK_MAP_SMALL * 1.2, class_="likelihood",
                               text_anchor="end", font_size=str(RISK_MAP_SMALL)))
    column_chars = chars_fitting(RISK_MAP_CELL_WIDTH - 4, RISK_MAP_SMALL)
    for impact in scale:
        x = left + (impact - 0.5) * RISK_MAP_CELL_WIDTH
        body.append(text_element(x, bottom + 18, clip(f"{impact} – {IMPACT_LABELS[impact]}",
                                                      column_chars),
                                 class_="impact", text_anchor="middle",
                                 font_size=str(RISK_MAP_SMALL)))
    axis_y = (top + bottom) / 2
    body.append(text_element(18, axis_y, _("Kemungkinan"), class_="axis", text_anchor="middle",
                             font_weight="bold",
                             transform=f"rotate(-90 18 {coordinate(axis_y)})"))
    body.append(text_element((left + right) / 2, bottom + 40, _("Dampak"), class_="axis",
                             text_anchor="middle", font_weight="bold"))
    # Legend: the three levels with their scores.
    legend_y = bottom + 66
    x = 20
    ranges = {"rendah": "1–2", "sedang": "3–4", "tinggi": "6–9"}
    totals = level_counts(counts)
    for code in LEVELS:
        label = _("%(level)s (skor %(range)s)") % {"level": LEVEL_LABELS[code],
                                                    "range": ranges[code]}
        body.append(empty_element("rect", class_="legend-swatch", x=x, y=legend_y - 10, width=12,
                                  height=10, fill=RISK_LEVEL_COLOURS[code], stroke=MUTED,
                                  stroke_width="0.5"))
        body.append(text_element(x + 16, legend_y, label, class_="legend",
                                 font_size=str(RISK_MAP_SMALL)))
        x += 16 + RISK_MAP_SMALL * CHAR_WIDTH * len(label) + 18
    total = sum(counts.values())
    description = _("%(total)s risiko: %(high)s tinggi, %(medium)s sedang, %(low)s rendah.") % {
        "total": total, "high": totals["tinggi"], "medium": totals["sedang"],
        "low": totals["rendah"]}
    if spoken:
        description += " " + "; ".join(spoken) + "."
    return svg_image(chart_id, RISK_MAP_WIDTH, coordinate(legend_y + 6),
                     _("Peta risiko: kemungkinan × dampak"), description, body, described_by,
                     font_size=RISK_MAP_FONT)
