"""The charts the books print: an SVG as tall as what it draws, text in the books' font and none
of it below 7 pt at the width the books draw it (masterplan/charts.py)."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from masterplan.charts import BOOK_TEXT_WIDTH_PT, MIN_TEXT_PT
from readiness import charts as readiness_charts
from roadmap import charts as roadmap_charts

from ..roadmap.test_charts import ENVIRONMENT, GOVERNANCE, make_budget, program

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Pengembangan sistem informasi terpadu administrasi kependudukan dan pencatatan sipil " * 2


def group(title, index, children=()):
    return SimpleNamespace(title=title, index=index,
                           children=[SimpleNamespace(title=t, index=i) for t, i in children])


READINESS = [
    group("Struktur", 76.9, [("Tabel II.2 Kualitas SDM Daerah", 77.8),
                             ("Tabel II.3 " + LONG, 75.0)]),
    group("Infrastruktur", 85.0, [("Tabel II.5 Kesiapan Infrastruktur Fisik Daerah", 83.3)]),
    group("Suprastruktur", None, [("Tabel II.8 Kesiapan Kebijakan Daerah", None)]),
]
PROGRAMS = [
    program(1, "Mal Pelayanan Publik Digital", (2026, 1), (2026, 4), quick_win=True),
    program(2, LONG, (2026, 2), (2030, 4), egov=True),
    program(3, "Integrasi Aplikasi Smart e-Gov Kota Bandung", (2027, 1), (2035, 4),
            quick_win=True, egov=True),
    program(4, "Bank sampah digital", (2028, 1), (2031, 2), dim=ENVIRONMENT),
    program(5, "Dasbor", (2026, 1), (2026, 1), dim=GOVERNANCE),
]
# (name, chart, share of the text width the books draw it at)
CHARTS = {
    "readiness_bars": (lambda: readiness_charts.readiness_bars(READINESS), 1),
    "maturity": (lambda: readiness_charts.maturity_chart(78.9, 76.9, point_label="Kota Bandung"),
                 readiness_charts.MATURITY_BOOK_SHARE),
    "maturity_missing": (lambda: readiness_charts.maturity_chart(None, 40.0),
                         readiness_charts.MATURITY_BOOK_SHARE),
    "gantt": (lambda: roadmap_charts.gantt_svg(PROGRAMS, 2026, 2035), 1),
    "gantt_empty": (lambda: roadmap_charts.gantt_svg([], 2026, 2030), 1),
    "budget": (lambda: roadmap_charts.budget_svg(make_budget(
        {(year, "apbd"): 37_900_000_000 + year for year in range(2026, 2036)}
        | {(2027, "kpbu"): 29_000_000_000, (2028, "hibah"): 350_000_000},
        years=range(2026, 2036))), 1),
    "risk_heat_map": (lambda: roadmap_charts.risk_heat_map_svg({(3, 2): 12, (1, 1): 3, (2, 3): 140}),
                      roadmap_charts.RISK_MAP_BOOK_SHARE),
}


def size(root):
    _x, _y, width, height = (float(n) for n in root.get("viewBox").split())
    return width, height


def font_sizes(node, inherited):
    """(element, font size) of every text-bearing element, the size inherited as SVG does."""
    own = float(node.get("font-size", inherited))
    if node.tag in (f"{SVG}text", f"{SVG}tspan") and (node.text or "").strip():
        yield node, own
    for child in node:
        yield from font_sizes(child, own)


def bottom(node, font_size):
    """The lowest y an element draws at (a text's baseline plus its descent)."""
    tag = node.tag.removeprefix(SVG)
    number = lambda name: float(node.get(name, 0))  # noqa: E731
    if tag == "rect":
        return number("y") + number("height")
    if tag == "line":
        return max(number("y1"), number("y2"))
    if tag == "circle":
        return number("cy") + number("r")
    if tag == "text":
        lines = sum(float(span.get("dy", 0)) for span in node.iter(f"{SVG}tspan"))
        return number("y") + lines + 0.3 * font_size
    return 0


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_is_as_tall_as_what_it_draws(name):
    chart, _share = CHARTS[name]
    root = ET.fromstring(str(chart()))
    _width, height = size(root)
    default = float(root.get("font-size"))
    lowest = max(bottom(node, float(node.get("font-size", default))) for node in root.iter())
    assert lowest <= height, "something is drawn below the chart's edge"
    assert height - lowest <= 12, f"{height - lowest:.0f} units blank under the chart"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_text_is_the_book_font_and_at_least_7_pt(name):
    chart, share = CHARTS[name]
    root = ET.fromstring(str(chart()))
    assert root.get("font-family").startswith("Noto Sans,")
    assert all(node.get("font-family") is None for node in root.iter() if node is not root)
    width, _height = size(root)
    points_per_unit = BOOK_TEXT_WIDTH_PT * share / width
    sizes = list(font_sizes(root, root.get("font-size")))
    assert sizes
    for node, font_size in sizes:
        assert font_size * points_per_unit >= MIN_TEXT_PT, (node.text, font_size)
