"""evaluation/charts.py draws the same bytes for the same input: each case is compared with an
SVG file in chart_snapshots/ written from the chart's output when the case was added. A change
to the drawing shows up here; if it is meant, write the case's file again from the new output."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from evaluation import charts
from evaluation.charts import ASSESSOR, PUBLISHED, SELF, HistoryPoint

SNAPSHOTS = Path(__file__).parent / "chart_snapshots"
HUNDRED = D(100)

CASES = {
    "history": lambda: charts.history_chart(
        [HistoryPoint(2023, D("48.5"), SELF, HUNDRED),
         HistoryPoint(2024, D("55.125"), ASSESSOR, HUNDRED),
         HistoryPoint(2025, D("61.98"), PUBLISHED, HUNDRED),
         HistoryPoint(2026, None, None, HUNDRED)],
        chart_id="riwayat", described_by="tabel-riwayat"),
    "history_one_year_full_and_over": lambda: charts.history_chart(
        [HistoryPoint(2025, D("100"), PUBLISHED, HUNDRED),
         HistoryPoint(2026, D("104.2"), SELF, HUNDRED)]),
    "history_scales_differ": lambda: charts.history_chart(
        [HistoryPoint(2024, D("3.75"), PUBLISHED, D(5)),
         HistoryPoint(2025, D("0"), ASSESSOR, HUNDRED)]),
    "history_many_years": lambda: charts.history_chart(
        [HistoryPoint(year, D(40 + (year - 2017) * 4.5), PUBLISHED, HUNDRED)
         for year in range(2017, 2029)]),
    "history_empty": lambda: charts.history_chart([]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_its_snapshot(name):
    assert str(CASES[name]()) == (SNAPSHOTS / f"{name}.svg").read_text(encoding="utf-8")
