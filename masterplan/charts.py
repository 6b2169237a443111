"""SVG primitives shared by the server-rendered charts of the method apps.

A chart is a pure function returning a safe string of inline SVG: no JavaScript, no external CSS
or fonts (every style is a presentation attribute: the Content-Security-Policy allows no style
attribute), a viewBox so it scales (the class `chart` lets the page's stylesheet shrink it), and
an accessible image (role="img" labelled by its <title> and <desc>). Every text is escaped.
The same markup goes into the web pages and the PDF books (WeasyPrint renders inline SVG).

Coordinates are written with a dot (`coordinate`); numbers shown to people use the Indonesian
format of masterplan.numbers.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
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
