"""A region's evaluations across the years, as its evaluation page shows them above the table:
the final index of each cycle (published, else the assessor's, else the self-assessment's) for
the chart, and the region's own rank in each cycle with a published result."""

from dataclasses import dataclass

from . import ranking
from .charts import ASSESSOR, PUBLISHED, SELF, HistoryPoint, history_chart


@dataclass
class RankLine:
    year: int
    rank: ranking.RegionRank


def point(row):
    """The HistoryPoint of one of overview.region_rows' rows."""
    cycle = row.evaluation.cycle
    for value, source in ((row.result.final if row.result else None, PUBLISHED),
                          (row.assessor_final, ASSESSOR), (row.self_final, SELF)):
        if value is not None:
            return HistoryPoint(cycle.year, value, source, cycle.scale_max)
    return HistoryPoint(cycle.year, None, None, cycle.scale_max)


def region_history(rows):
    """{"chart": the SVG or None, "ranks": [RankLine], newest first} of overview.region_rows'
    rows (newest first); one query for the ranks."""
    points = [point(row) for row in reversed(rows)]
    ranks = ranking.region_ranks([row.evaluation for row in rows])
    chart = None
    if any(found.value is not None for found in points):
        chart = history_chart(points, described_by="tabel-evaluasi-wilayah")
    return {"chart": chart,
            "ranks": [RankLine(row.evaluation.cycle.year, ranks[row.evaluation.pk])
                      for row in rows if row.evaluation.pk in ranks]}
