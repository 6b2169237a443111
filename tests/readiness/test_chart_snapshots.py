"""readiness/charts.py draws the same bytes for the same input: each case is compared with an
SVG file in chart_snapshots/ written from the charts' output when the case was added. A change
to the drawing shows up here; if it is meant, write the case's file again from the new output."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from readiness import charts

SNAPSHOTS = Path(__file__).parent / "chart_snapshots"


def group(title, index, children=()):
    return SimpleNamespace(title=title, index=index,
                           children=[SimpleNamespace(title=t, index=i) for t, i in children])


CASES = {
    "bar_chart": lambda: charts.bar_chart(
        [charts.Bar("Struktur", 72.45, 0), charts.Bar("Tabel II.2 Kualitas SDM Daerah", 100, 1),
         charts.Bar("Tabel II.3 Belum", None, 1), charts.Bar("Infrastruktur", 0, 0),
         charts.Bar("Tabel II.99 " + "sangat panjang " * 8, 33.333, 1),
         charts.Bar('<script>alert("x")</script> & co', 105.5, 0)],
        title="Indeks <uji>", chart_id="uji", described_by="tabel-uji"),
    "bar_chart_empty": lambda: charts.bar_chart([], title="Kosong"),
    "readiness_bars": lambda: charts.readiness_bars(
        [group("Struktur", 66.6667, [("Tabel II.2 Analisis Kualitas SDM Daerah", 66.6667),
                                     ("Tabel II.3 Analisis Anggaran", None)]),
         group("Infrastruktur", None, [("Tabel II.5 Analisis Jaringan", None)])],
        described_by="tabel-kesiapan"),
    "maturity_low_left": lambda: charts.maturity_chart(12.5, 30.25, point_label="Kota Bandung"),
    "maturity_high_right": lambda: charts.maturity_chart(
        91.04, 87.5, point_label="Kabupaten dengan nama yang sangat panjang sekali", chart_id="m2"),
    "maturity_edges": lambda: charts.maturity_chart(0, 100, described_by="tabel-m"),
    "maturity_missing": lambda: charts.maturity_chart(None, 40.0),
    "maturity_both_missing": lambda: charts.maturity_chart(None, None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_its_snapshot(name):
    assert str(CASES[name]()) == (SNAPSHOTS / f"{name}.svg").read_text(encoding="utf-8")
