"""SVG primitives shared by the server-rendered charts of the method apps.

A chart is a pure function returning a safe string of inline SVG: no JavaScript, no external CSS
or fonts (every style is a presentation attribute: the Content-Security-Policy allows no style
attribute), a viewBox so it scales (the class `chart` lets the page's stylesheet shrink it), and
an accessible image (role="img" labelled by its <title> and <desc>). Every text is escaped.
The same markup goes into the web pages and the PDF books (WeasyPrint renders inline SVG).

Coordinates are written with a dot (`coordinate`); numbers shown to people use the Indonesian
format of masterplan.numbers.

Text is set in the books' font, Noto Sans (static/fonts/noto-sans, declared by the books' and the
site's stylesheets), with system fonts only as a fallback. The books draw a chart across the text
width of an A4 page (BOOK_TEXT_WIDTH_PT), so a chart `width` units wide prints a unit as
BOOK_TEXT_WIDTH_PT / width points; `min_font_size(width)` is the smallest font size in units that
still prints at MIN_TEXT_PT. A label too long for its line is wrapped (`wrap`, `text_lines`),
never cut mid-word; only a label longer than its lines allow ends in '…' (the full text is in the
element's <title>).
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT_FAMILY = "Noto Sans, DejaVu Sans, Arial, sans-serif"
BOOK_TEXT_WIDTH_PT = 467.7  # 165 mm: A4 less the books' 25 mm and 20 mm side margins
BOOK_TEXT_HEIGHT_PT = 708.7  # 250 mm: A4 less the books' 25 mm and 22 mm top and bottom margins
MIN_TEXT_PT = 7
CHAR_WIDTH = 0.56  # a generous mean advance of Noto Sans, in ems (bold included)
TEXT = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"


def coordinate(value):
    """A coordinate: at most one decimal, dot as separator, no trailing '.0'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def xml_attributes(**attributes):
    """Escaped XML attributes; a trailing underscore is dropped and '_' becomes '-' (class_ ->
    class, text_anchor -> text-anchor); an attribute set to None is left out."""
    return " ".join(f'{name.rstrip("_").replace("_", "-")}="{escape(value)}"'
                    for name, value in attributes.items() if value is not None)


def text_element(x, y, content, **attributes):
    """A <text> at (x, y) with `content` escaped."""
    return f'<text {xml_attributes(x=coordinate(x), y=coordinate(y), **attributes)}>{escape(content)}</text>'


def empty_element(tag, **attributes):
    """An empty element such as <rect/> or <line/>; int and float attributes become coordinates."""
    values = {name: coordinate(value) if isinstance(value, float | int) else value
              for name, value in attributes.items()}
    return f"<{tag} {xml_attributes(**values)}/>"


def clip(label, limit):
    """`label` cut to at most `limit` characters, ending in '…' when cut."""
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def min_font_size(width):
    """The smallest font size (in units of a chart `width` units wide) that prints at
    MIN_TEXT_PT or more in the books, rounded up to half a unit."""
    return math.ceil(MIN_TEXT_PT * float(width) / BOOK_TEXT_WIDTH_PT * 2) / 2


def chars_fitting(space, font_size):
    """How many characters of `font_size` fit in `space` units (CHAR_WIDTH per character)."""
    return max(1, int(space / (font_size * CHAR_WIDTH)))


def wrap(label, chars, max_lines=2):
    """`label` broken between words into lines of at most `chars` characters, at most
    `max_lines` of them; a word longer than a line is split, and text left over ends the last
    line in '…'."""
    words = label.split()
    lines = []
    current = ""
    while words:
        word = words.pop(0)
        if len(word) > chars:  # a word wider than the line: split it
            words.insert(0, word[chars:])
            word = word[:chars]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= chars:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        current = ""
    if current or words:  # too long for max_lines: end the last line in '…' after a whole word
        last = lines[-1]
        while len(last) + 1 > chars and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last[:chars - 1].rstrip() + "…"
    return lines or [""]


def text_lines(x, y, lines, line_height, **attributes):
    """One <text> whose `lines` are <tspan>s at x, the first on the baseline y (a single line
    is a plain <text>)."""
    if len(lines) == 1:
        return text_element(x, y, lines[0], **attributes)
    spans = "".join(
        f'<tspan {xml_attributes(x=coordinate(x), dy=coordinate(line_height) if number else None)}>'
        f"{escape(line)}</tspan>" for number, line in enumerate(lines))
    return f'<text {xml_attributes(x=coordinate(x), y=coordinate(y), **attributes)}>{spans}</text>'


def svg_image(chart_id, width, height, title, description, body, described_by=None, font_size=11):
    """The <svg> root around `body` (a list of markup strings): id `chart_id`, a viewBox of
    width x height, labelled by its <title> and <desc> and, with `described_by`, described by
    the element of that id as well (the table printing the same numbers)."""
    labelled_by = f"{chart_id}-title {chart_id}-desc"
    head = xml_attributes(xmlns="http://www.w3.org/2000/svg", id=chart_id,
                          viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
                          role="img", aria_labelledby=labelled_by, aria_describedby=described_by,
                          class_="chart", font_family=FONT_FAMILY, font_size=str(font_size),
                          fill=TEXT)
    return mark_safe(
        f"<svg {head}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
        f"{''.join(body)}</svg>")
