"""readiness/charts.py: valid, accessible SVG with the right labels and geometry."""

import xml.etree.ElementTree as ET

import pytest

from readiness import charts, services
from readiness.models import ReadinessEntry
from readiness.scoring import MATURITY_LEVELS

from ..factories import MasterplanFactory

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    return root


def texts(root):
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def assert_accessible(root):
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 ")
    # The first children are the title and description the image is labelled by.
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text.strip() and desc.text.strip()
    # Self-contained: no script, no stylesheet, no external reference.
    tags = {node.tag for node in root.iter()}
    assert not tags & {f"{SVG}script", f"{SVG}style", f"{SVG}image", f"{SVG}a"}
    assert not any(name.endswith("href") or name.startswith("on")
                   for node in root.iter() for name in node.attrib)


def bar_rects(root):
    """{label: width} of the drawn bars (a group's <title> says 'label: value')."""
    result = {}
    for group in root.iter(f"{SVG}g"):
        label = group.find(f"{SVG}title").text.rsplit(":", 1)[0]
        rect = group.find(f"{SVG}rect")
        result[label] = None if rect is None else float(rect.get("width"))
    return result


def test_bar_chart_prints_values_and_marks_unjudged_rows():
    chart = charts.bar_chart([charts.Bar("Struktur", 72.45, 0),
                              charts.Bar("Tabel II.2 Kualitas SDM Daerah", 100, 1),
                              charts.Bar("Tabel II.3 Belum", None, 1),
                              charts.Bar("Infrastruktur", 0, 0)],
                             title="Indeks uji", chart_id="uji", described_by="tabel-uji")
    root = parse(chart)
    assert_accessible(root)
    assert root.get("id") == "uji" and root.get("aria-describedby") == "tabel-uji"
    words = texts(root)
    for expected in ("Struktur", "72,5", "Tabel II.2 Kualitas SDM Daerah", "100,0",
                     "Tabel II.3 Belum", "belum dinilai", "Infrastruktur", "0,0"):
        assert expected in words
    widths = bar_rects(root)
    # Bars are proportional: 100 is the full scale, 72.45 is 72.45% of it.
    full = widths["Tabel II.2 Kualitas SDM Daerah"]
    assert widths["Struktur"] == pytest.approx(full * 0.7245, abs=0.1)
    assert widths["Infrastruktur"] == 0
    assert widths["Tabel II.3 Belum"] is None  # no bar, only the words
    assert "72,5" in root[1].text and "belum dinilai" in root[1].text


def test_chart_text_is_escaped():
    chart = charts.bar_chart([charts.Bar('<script>alert("x")</script> & co', 50)],
                             title="A <b>title</b>")
    assert "<script>" not in chart and "<b>" not in chart
    root = parse(chart)
    assert '<script>alert("x")</script> & co' in texts(root)
    assert root[0].text == "A <b>title</b>"


def test_long_labels_are_wrapped_then_clipped_with_the_full_text_in_the_tooltip():
    label = "Tabel II.99 " + "sangat panjang " * 8
    root = parse(charts.bar_chart([charts.Bar(label, 10)], title="t"))
    lines = [span.text for span in root.iter(f"{SVG}tspan")]
    assert len(lines) == charts.BAR_LABEL_LINES
    assert lines[0].startswith("Tabel II.99 sangat") and lines[-1].endswith("…")
    assert root.find(f"{SVG}g/{SVG}title").text.startswith(label.strip())
    two_lines = "Tabel II.99 " + "sangat panjang " * 4
    root = parse(charts.bar_chart([charts.Bar(two_lines, 10)], title="t"))
    assert " ".join(span.text for span in root.iter(f"{SVG}tspan")) == two_lines.strip()


@pytest.mark.django_db
def test_readiness_bars_show_every_element_and_table():
    masterplan = MasterplanFactory()
    ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code="human_resources").update(
        interpretation="sedang")
    _overall, elements = services.readiness_indices([masterplan])[masterplan.pk]
    root = parse(charts.readiness_bars(elements))
    assert_accessible(root)
    words = texts(root)
    for element in elements:
        assert element.title in words
    # The tables lose the guide's repeated 'Analisis' in the narrow label column.
    assert "Tabel II.2 Kualitas SDM Daerah" in words
    assert "Tabel II.10 Kesiapan Organisasi Masyarakat Daerah" in words
    assert words.count("66,7") == 2  # Tabel II.2 and Struktur (its only judged table)
    assert words.count("belum dinilai") == 8 + 2  # eight tables and two elements


def plot_frame(root):
    """(left, top, size) of the plot: the lowest level's area covers the whole plot."""
    rect = next(r for r in root.iter(f"{SVG}rect") if "level-initial" in r.get("class", ""))
    assert rect.get("width") == rect.get("height")
    return float(rect.get("x")), float(rect.get("y")), float(rect.get("width"))


def level_rects(root):
    return {r.get("class").split("level-")[1]: r for r in root.iter(f"{SVG}rect")
            if "level-" in r.get("class", "")}


def inside(rect, x, y):
    left, top = float(rect.get("x")), float(rect.get("y"))
    return left <= x <= left + float(rect.get("width")) and top <= y <= top + float(rect.get("height"))


def test_maturity_chart_shades_the_four_levels_as_a_staircase():
    root = parse(charts.maturity_chart(None, None))
    assert_accessible(root)
    left, top, size = plot_frame(root)
    rects = level_rects(root)
    assert list(rects) == [code for code, _label, _minimum in MATURITY_LEVELS]
    for code, _label, minimum in MATURITY_LEVELS:
        rect = rects[code]
        # Each level's area starts at its threshold on both axes and reaches 100 on both.
        assert float(rect.get("x")) == pytest.approx(left + size * minimum / 100, abs=0.1)
        assert float(rect.get("y")) == pytest.approx(top, abs=0.1)
        assert float(rect.get("width")) == pytest.approx(size * (100 - minimum) / 100, abs=0.1)
    words = texts(root)
    for _code, label, _minimum in MATURITY_LEVELS:
        assert label in words
    assert "Kesiapan (kemampuan/capability)" in words and "Kinerja (performance)" in words
    for tick in ("0", "50", "70", "85", "100"):
        assert words.count(tick) == 2  # on both axes


def test_maturity_chart_plots_the_region_at_its_indices():
    root = parse(charts.maturity_chart(62.5, 48.0, point_label="Kota <Bandung>"))
    left, top, size = plot_frame(root)
    (point,) = root.iter(f"{SVG}circle")
    x, y = float(point.get("cx")), float(point.get("cy"))
    assert x == pytest.approx(left + size * 0.625, abs=0.1)
    assert y == pytest.approx(top + size * (1 - 0.48), abs=0.1)  # performance grows upwards
    rects = level_rects(root)
    # Readiness 62.5 but performance 48: the point is in the initial step only.
    assert inside(rects["initial"], x, y) and not inside(rects["developing"], x, y)
    words = texts(root)
    assert "Kota <Bandung>" in words and "(62,5; 48,0)" in words
    desc = root[1].text
    assert "62,5" in desc and "48,0" in desc and "Initial" in desc


@pytest.mark.parametrize("readiness,performance,level", [
    (55, 90, "developing"), (72, 71, "managed"), (90, 99, "optimized"), (100, 100, "optimized")])
def test_the_point_lies_in_its_own_levels_step(readiness, performance, level):
    root = parse(charts.maturity_chart(readiness, performance))
    (point,) = root.iter(f"{SVG}circle")
    x, y = float(point.get("cx")), float(point.get("cy"))
    rects = level_rects(root)
    codes = list(rects)
    assert inside(rects[level], x, y)
    following = codes[codes.index(level) + 1:]
    assert not any(inside(rects[code], x, y) for code in following)
    assert level.capitalize() in root[1].text
    # The region's own level is the one name in bold.
    bold = [node.text for node in root.iter(f"{SVG}text")
            if node.get("class") == "level-label" and node.get("font-weight") == "bold"]
    assert bold == [level.capitalize()]


def test_maturity_chart_without_an_index_has_no_point_and_says_why():
    root = parse(charts.maturity_chart(80.0, None))
    assert list(root.iter(f"{SVG}circle")) == []
    assert "indeks kinerja belum ada" in root[1].text
    assert "Titik belum dapat digambar" in texts(root)


def test_two_charts_on_one_page_have_distinct_ids():
    first = parse(charts.maturity_chart(60, 60, chart_id="satu"))
    second = parse(charts.maturity_chart(60, 60, chart_id="dua"))
    ids = {node.get("id") for root in (first, second) for node in root.iter() if node.get("id")}
    assert len(ids) == 6
