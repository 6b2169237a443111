"""The roadmap's SVG charts: Gantt geometry, quick-win and e-Gov marks, budget bars, rupiah."""

import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

import pytest

from roadmap import charts
from roadmap.models import FundingSource
from roadmap.programs import Budget

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))


def dimension(number, title, pk=None):
    return SimpleNamespace(pk=pk or number, number=number, title=title)


GOVERNANCE = dimension(1, "Smart Governance")
ENVIRONMENT = dimension(6, "Smart Environment")


def program(pk, name, start, end, dim=GOVERNANCE, quick_win=False, egov=False):
    return SimpleNamespace(pk=pk, name=name, start_year=start[0], start_quarter=start[1],
                           end_year=end[0], end_quarter=end[1], is_quick_win=quick_win,
                           is_egov_integration=egov, element=SimpleNamespace(dimension=dim))


def group_of(root, pk):
    found = [g for g in root.iter(f"{SVG}g") if g.get("data-program") == str(pk)]
    assert len(found) == 1
    return found[0]


def texts(node):
    return ["".join(text.itertext()) for text in node.iter(f"{SVG}text")]


def test_rupiah_short_uses_indonesian_units_and_decimal_comma():
    assert charts.rupiah_short(1_500_000_000) == "Rp 1,5 M"
    assert charts.rupiah_short(250_000_000) == "Rp 250 jt"
    assert charts.rupiah_short(Decimal("12345000000")) == "Rp 12,3 M"
    assert charts.rupiah_short(2_000_000_000_000) == "Rp 2 T"
    assert charts.rupiah_short(7_500) == "Rp 7,5 rb"
    assert charts.rupiah_short(999_960_000) == "Rp 1 M"  # rounds up into the next unit
    assert charts.rupiah_short(0) == "Rp 0"


def test_rupiah_full_keeps_every_digit():
    assert charts.rupiah_full(Decimal("1500000000.00")) == "Rp 1.500.000.000"
    assert charts.rupiah_full(Decimal("2500000.50")) == "Rp 2.500.000,50"


def test_gantt_bar_spans_its_quarters():
    """2026 Q2 – 2027 Q1 on a 2026–2035 chart: from the 2nd quarter column for four quarters."""
    svg = charts.gantt_svg([program(7, "Portal layanan", (2026, 2), (2027, 1))], 2026, 2035)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith(f"0 0 {charts.GANTT_WIDTH} ")
    quarter = charts.GANTT_PLOT_WIDTH / 40
    bar = group_of(root, 7).find("svg:rect", NS)
    assert "bar" in bar.get("class").split()
    assert float(bar.get("x")) == pytest.approx(charts.GANTT_PLOT_X + 1 * quarter, abs=0.06)
    assert float(bar.get("width")) == pytest.approx(4 * quarter, abs=0.11)
    # The year 2027 gridline lies inside the bar, 2028's after it.
    year_lines = [float(line.get("x1")) for line in root.iter(f"{SVG}line")
                  if line.get("class") == "year-line"]
    left, right = float(bar.get("x")), float(bar.get("x")) + float(bar.get("width"))
    assert left < charts.gantt_x(2027, 1, 2026, 2035) < right
    assert charts.gantt_x(2027, 1, 2026, 2035) in [pytest.approx(x, abs=0.06) for x in year_lines]
    assert charts.gantt_x(2028, 1, 2026, 2035) > right
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "year-label"]
    assert labels == [str(year) for year in range(2026, 2036)]


def test_gantt_quick_win_is_coloured_tagged_and_in_the_legend():
    svg = charts.gantt_svg([program(1, "Biasa", (2026, 1), (2026, 4)),
                            program(2, "Layanan cepat", (2026, 1), (2026, 2), quick_win=True),
                            program(3, "Integrasi data", (2027, 1), (2028, 4), egov=True)],
                           2026, 2030)
    root = parse(svg)
    quick = group_of(root, 2)
    assert "quick-win" in quick.get("class").split()
    bar = quick.find("svg:rect", NS)
    assert bar.get("fill") == charts.QUICK_WIN_COLOUR
    assert "★ QW" in texts(quick)
    assert "quick win" in quick.find("svg:title", NS).text
    plain = group_of(root, 1)
    assert plain.find("svg:rect", NS).get("fill") == charts.GANTT_COLOUR
    assert not any("QW" in text for text in texts(plain))
    egov = group_of(root, 3)
    assert "e-Gov" in texts(egov) and "egov" in egov.get("class").split()
    legend = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "legend"]
    assert "★ QW: quick win" in legend
    assert any("e-Gov" in text for text in legend)


def test_gantt_groups_programs_under_dimension_headings_in_number_order():
    programs = [program(1, "Bank sampah digital", (2026, 1), (2026, 4), dim=ENVIRONMENT),
                program(2, "Portal layanan", (2026, 1), (2026, 4)),
                program(3, "Dasbor monev", (2027, 1), (2027, 4))]
    root = parse(charts.gantt_svg(programs, 2026, 2035))
    order = []
    for node in root:
        if node.tag == f"{SVG}text" and node.get("class") == "dimension":
            order.append(("heading", node.text, float(node.get("y"))))
        elif node.tag == f"{SVG}g" and node.get("data-program"):
            name = node.find("svg:text", NS)
            order.append(("program", name.text, float(name.get("y"))))
    assert [(kind, text) for kind, text, _y in order] == [
        ("heading", "Smart Governance"), ("program", "Portal layanan"),
        ("program", "Dasbor monev"), ("heading", "Smart Environment"),
        ("program", "Bank sampah digital")]
    ys = [y for _kind, _text, y in order]
    assert ys == sorted(ys)


def test_gantt_wraps_long_names_escapes_text_and_keeps_the_full_name_in_title():
    name = "Pengembangan <sistem> & integrasi layanan administrasi kependudukan terpadu se-kota"
    root = parse(charts.gantt_svg([program(4, name, (2026, 1), (2026, 4))], 2026, 2027))
    row = group_of(root, 4)
    lines = [span.text for span in row.find("svg:text", NS).findall("svg:tspan", NS)]
    assert 1 < len(lines) <= charts.GANTT_NAME_LINES
    assert " ".join(lines) == name  # wrapped between words, nothing cut
    assert name in row.find("svg:title", NS).text
    longer = " ".join([name] * 4)
    row = group_of(parse(charts.gantt_svg([program(4, longer, (2026, 1), (2026, 4))], 2026, 2027)), 4)
    lines = [span.text for span in row.find("svg:text", NS).findall("svg:tspan", NS)]
    assert len(lines) == charts.GANTT_NAME_LINES and lines[-1].endswith("…")
    assert "<sistem>" not in str(charts.gantt_svg([program(4, name, (2026, 1), (2026, 4))],
                                                  2026, 2027))


def test_gantt_cuts_programs_at_the_period_and_says_when_there_are_none():
    root = parse(charts.gantt_svg([program(5, "Panjang", (2024, 3), (2040, 4)),
                                   program(6, "Lampau", (2020, 1), (2021, 4))], 2026, 2030))
    bar = group_of(root, 5).find("svg:rect", NS)
    assert float(bar.get("x")) == pytest.approx(charts.GANTT_PLOT_X)
    assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(
        charts.GANTT_PLOT_X + charts.GANTT_PLOT_WIDTH, abs=0.1)
    assert group_of(root, 6).find("svg:rect", NS) is None
    assert "di luar periode" in texts(group_of(root, 6))
    empty = parse(charts.gantt_svg([], 2026, 2035))
    assert "Belum ada program." in texts(empty)


def chart_height(markup):
    return float(parse(markup).get("viewBox").split()[3])


def test_gantt_parts_split_a_long_roadmap_into_balanced_page_high_runs_in_chart_order():
    long_name = "Penguatan layanan publik terpadu berbasis data kependudukan dan kewilayahan"
    programs = [program(pk, long_name if pk % 3 else f"Program {pk}", (2026, 1), (2030, 4),
                        dim=GOVERNANCE if pk <= 70 else ENVIRONMENT) for pk in range(1, 121)]
    runs = charts.gantt_parts(programs)
    assert len(runs) > 1
    assert [p.pk for run in runs for p in run] == list(range(1, 121))  # every program once, in order
    heights = [chart_height(charts.gantt_svg(run, 2026, 2035)) for run in runs]
    assert max(heights) <= charts.GANTT_BOOK_PAGE_HEIGHT
    assert min(heights) > 0.6 * max(heights)  # no stub of a few rows at the end
    # A dimension cut between runs repeats its heading in the next.
    for run in runs:
        titles = {p.element.dimension.title for p in run}
        assert titles <= set(texts(parse(charts.gantt_svg(run, 2026, 2035))))


def test_gantt_parts_keep_a_short_roadmap_in_one_run():
    programs = [program(pk, f"Program {pk}", (2026, 1), (2027, 4)) for pk in range(1, 31)]
    assert charts.gantt_parts(programs) == [programs]
    assert charts.gantt_parts([]) == []


def make_budget(cells, years=(2026, 2027, 2028)):
    zero = Decimal(0)
    by_year = {year: {source: Decimal(cells.get((year, source), 0))
                      for source in FundingSource.values} for year in years}
    year_totals = {year: sum(row.values(), zero) for year, row in by_year.items()}
    source_totals = {source: sum((by_year[year][source] for year in years), zero)
                     for source in FundingSource.values}
    return Budget(by_year, year_totals, source_totals, sum(year_totals.values(), zero))


def test_budget_chart_stacks_sources_per_year_with_totals_and_legend():
    budget = make_budget({(2026, "apbd"): 1_000_000_000, (2026, "apbn"): 500_000_000,
                          (2027, "apbd"): 250_000_000})
    root = parse(charts.budget_svg(budget))
    assert root.get("role") == "img"
    years = {g.get("data-year"): g for g in root.iter(f"{SVG}g") if g.get("data-year")}
    assert list(years) == ["2026", "2027", "2028"]
    segments = years["2026"].findall("svg:rect", NS)
    assert [s.get("data-source") for s in segments] == ["apbd", "apbn"]
    apbd, apbn = (float(s.get("height")) for s in segments)
    assert apbd == pytest.approx(2 * apbn, rel=0.01)
    # APBD at the bottom, APBN stacked on top of it.
    assert float(segments[1].get("y")) + apbn == pytest.approx(float(segments[0].get("y")), abs=0.1)
    assert "APBD 2026: Rp 1.000.000.000" in segments[0].find("svg:title", NS).text
    totals = {g.get("data-year"): [t.text for t in g.iter(f"{SVG}text") if t.get("class") == "total"]
              for g in years.values()}
    assert totals == {"2026": ["Rp 1,5 M"], "2027": ["Rp 250 jt"], "2028": []}
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert legend == ["APBD", "APBN"]  # only the sources with an amount
    assert "Rp 1.750.000.000" in root.find("svg:desc", NS).text


def test_budget_chart_without_financing_says_so():
    root = parse(charts.budget_svg(make_budget({})))
    assert "Belum ada pembiayaan." in texts(root)
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "segment"]


def test_risk_heat_map_counts_each_cell_and_colours_it_by_level():
    root = parse(charts.risk_heat_map_svg({(3, 2): 2, (1, 1): 1, (2, 3): 0}))
    cells = {(int(g.get("data-likelihood")), int(g.get("data-impact"))): g
             for g in root.iter(f"{SVG}g") if "cell" in g.get("class", "").split()}
    assert sorted(cells) == [(likelihood, impact) for likelihood in (1, 2, 3) for impact in (1, 2, 3)]
    high = cells[3, 2]
    assert high.get("class") == "cell level-tinggi" and high.get("data-count") == "2"
    assert high.find("svg:text[@class='count']", NS).text == "2"
    assert high.find("svg:text[@class='score']", NS).text == "skor 6"
    assert high.find("svg:rect", NS).get("fill") == charts.RISK_LEVEL_COLOURS["tinggi"]
    assert cells[2, 2].get("class") == "cell level-sedang"
    assert cells[1, 2].get("class") == "cell level-rendah"
    assert cells[1, 3].find("svg:text[@class='count']", NS).text == "0"
    # Likelihood rises upwards, impact to the right.
    y = {key: float(g.find("svg:rect", NS).get("y")) for key, g in cells.items()}
    x = {key: float(g.find("svg:rect", NS).get("x")) for key, g in cells.items()}
    assert y[3, 1] < y[2, 1] < y[1, 1] and x[1, 1] < x[1, 2] < x[1, 3]
    description = root.find("svg:desc", NS).text
    assert description.startswith("3 risiko: 2 tinggi, 0 sedang, 1 rendah.")
    assert "Kemungkinan 3 (hampir pasti terjadi), dampak 2 (sedang): 2 risiko, skor 6" in description
    legend = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "legend"]
    assert legend == ["Rendah (skor 1–2)", "Sedang (skor 3–4)", "Tinggi (skor 6–9)"]
