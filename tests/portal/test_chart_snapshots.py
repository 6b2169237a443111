"""portal/charts.py draws the same bytes for the same input: each case is compared with an SVG
file in chart_snapshots/ written from the chart's output when the case was added. A change to
the drawing shows up here; if it is meant, write the case's file again from the new output."""

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from portal.charts import kpi_chart
from portal.pages import KpiRow

SNAPSHOTS = Path(__file__).parent / "chart_snapshots"


def row(name, unit, actual, target, percent, year=2026, quarter=2):
    kpi = SimpleNamespace(name=name, unit=unit, program=SimpleNamespace(name="Satu Data <Kota>"))
    return KpiRow(kpi, None, year, quarter, Decimal(actual),
                  None if target is None else Decimal(target), percent)


ROWS = [
    row("Layanan perizinan yang dapat diajukan daring", "%", "71", "80", 88.75),
    row("Aduan warga yang ditindaklanjuti dalam 3 hari & <segera>", "%", "57", "59", 96.61),
    row("Indeks SPBE dengan nama indikator yang sangat panjang sekali sampai tiga baris atau "
        "lebih dari itu", "indeks", "3.98", "4", 99.5),
    row("Target turun: waktu layanan", "hari", "5", "3", 60.0),
    row("Tanpa target tahun ini", "", "1234.5", None, None),
]

CASES = {
    "kpi": lambda: kpi_chart(ROWS, chart_id="k", described_by="tabel-k"),
    "kpi_one": lambda: kpi_chart(ROWS[:1]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_its_snapshot(name):
    assert str(CASES[name]()) == (SNAPSHOTS / f"{name}.svg").read_text(encoding="utf-8")
