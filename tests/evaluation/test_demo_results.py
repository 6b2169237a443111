"""The demo's published 2025 results: ten regions of five provinces ranked, a shared rank, one
flagged difference, and seeding again changes nothing."""

from decimal import Decimal as D

import pytest

from demo import core, evaluation
from evaluation import ranking, results
from evaluation.models import PublishedResult

pytestmark = pytest.mark.django_db


def test_the_demo_ranks_ten_regions_and_seeding_again_changes_nothing():
    full, empty = core.seed()["masterplan_objects"]
    cycles = evaluation.seed(full, empty)
    before = list(PublishedResult.objects.order_by("pk").values_list("pk", "final"))
    evaluation.seed(full, empty)
    assert list(PublishedResult.objects.order_by("pk").values_list("pk", "final")) == before
    rows = ranking.standings(cycles[2025])
    assert len(rows) == 10
    assert [(row.region.code, row.rank) for row in rows][:2] == [("35.78", 1), ("33.74", 2)]
    assert [row.rank for row in rows if row.region.code in ("51.71", "32.77")] == [7, 7]
    bandung = cycles[2025].participants.get(region=full.region)
    rank = ranking.region_rank(bandung)
    assert (rank.rank, rank.total, rank.province_rank, rank.province_total) == (6, 10, 1, 3)
    assert bandung.result.final == D("61.98") and bandung.result.dimensions["governance"] == "64.10"
    flagged = [results.result_line(result).region.code for result in PublishedResult.objects
               .select_related("evaluation__cycle", "evaluation__region")
               if results.result_line(result).flagged]
    assert flagged == ["35.73"]
    assert not PublishedResult.objects.filter(evaluation__cycle__year=2026).exists()
