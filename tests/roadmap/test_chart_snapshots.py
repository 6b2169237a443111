"""roadmap/charts.py draws the same bytes for the same input: each case is compared with an SVG
file in chart_snapshots/ written from the charts' output when the case was added. A change to
the drawing shows up here; if it is meant, write the case's file again from the new output."""

from decimal import Decimal
from pathlib import Path

import pytest

from roadmap import charts

from .test_charts import ENVIRONMENT, GOVERNANCE, dimension, make_budget, program

SNAPSHOTS = Path(__file__).parent / "chart_snapshots"
ECONOMY = dimension(3, "Smart Economy & <Co>")

PROGRAMS = [
    program(1, "Satu Data", (2026, 1), (2027, 2), egov=True),
    program(2, "Layanan cepat", (2026, 2), (2026, 3), dim=ENVIRONMENT, quick_win=True),
    program(3, "Program dengan nama yang sangat panjang sekali & <khusus>", (2025, 4), (2031, 1),
            dim=ECONOMY, quick_win=True, egov=True),
    program(4, "Terlalu awal", (2020, 1), (2021, 4)),
    program(5, "Terlalu lambat", (2040, 1), (2041, 2), dim=ENVIRONMENT),
    program(6, "Sepanjang periode", (2026, 1), (2030, 4), dim=GOVERNANCE),
]

CASES = {
    "gantt": lambda: charts.gantt_svg(PROGRAMS, 2026, 2030, chart_id="g", described_by="tabel-g"),
    "gantt_long_period": lambda: charts.gantt_svg(PROGRAMS[:3], 2026, 2045),
    "gantt_empty": lambda: charts.gantt_svg([], 2026, 2035),
    "budget": lambda: charts.budget_svg(make_budget(
        {(2026, "apbd"): 1_000_000_000, (2026, "apbn"): 500_000_000, (2026, "csr"): 7_500,
         (2027, "apbd"): 250_000_000, (2027, "kpbu"): Decimal("2500000.50"),
         (2028, "dak"): 999_960_000, (2028, "hibah"): 12_345_000_000})),
    "budget_small": lambda: charts.budget_svg(make_budget(
        {(2026, "lainnya"): 950, (2027, "apbd"): Decimal("0.40")}, years=(2026, 2027)),
        chart_id="a", described_by="tabel-a"),
    "budget_empty": lambda: charts.budget_svg(make_budget({})),
    "risk_heat_map": lambda: charts.risk_heat_map_svg(
        {(3, 2): 1, (1, 1): 4, (2, 2): 2, (3, 3): 12, (1, 3): 0}, chart_id="r",
        described_by="keterangan-r"),
    "risk_heat_map_empty": lambda: charts.risk_heat_map_svg({}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_its_snapshot(name):
    assert str(CASES[name]()) == (SNAPSHOTS / f"{name}.svg").read_text(encoding="utf-8")
