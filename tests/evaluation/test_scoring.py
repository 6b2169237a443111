"""The evaluation's arithmetic (evaluation/scoring.py) with the published weights of recent
years and of an older page."""

from decimal import Decimal as D
from types import SimpleNamespace

from evaluation import scoring
from evaluation.models import DEFAULT_WEIGHTS

RECENT = DEFAULT_WEIGHTS  # 10/20/30/20/20
OLDER = {"baseline": D(10), "output": D(20), "outcome": D(30), "impact": D(30),
         "quick_win": D(10)}
PARTS = {"baseline": D("80"), "output": D("70"), "outcome": D("60"), "impact": D("50"),
         "quick_win": D("90")}


def test_the_final_index_is_the_weighted_sum_with_the_cycle_weights():
    # 8 + 14 + 18 + 10 + 18
    assert scoring.weighted_sum(RECENT, PARTS) == D("68.00")
    # 8 + 14 + 18 + 15 + 9: the same scores weigh differently under the older weights
    assert scoring.weighted_sum(OLDER, PARTS) == D("64.00")


def test_a_missing_component_leaves_the_final_index_unknown():
    assert scoring.weighted_sum(RECENT, {**PARTS, "impact": None}) is None
    assert scoring.weighted_sum(RECENT, {key: PARTS[key] for key in ("baseline", "output")}) is None


def test_sums_are_rounded_half_up_to_two_places():
    parts = {**PARTS, "baseline": D("80.05")}  # 8.005 more → 68.005
    assert scoring.weighted_sum(RECENT, parts) == D("68.01")


def score(component, dimension_id, value):
    return SimpleNamespace(component=component, dimension_id=dimension_id, self_score=value)


def test_a_component_index_is_the_mean_over_the_dimensions_scored():
    scores = [score("output", 1, D(60)), score("output", 2, D(71)), score("output", 3, None),
              score("impact", 1, None)]
    indices = scoring.component_indices(scores, "self_score")
    assert indices["output"] == D("65.50")
    assert indices["impact"] is None and indices["baseline"] is None


def test_a_dimension_index_weighs_its_five_component_scores():
    scores = [score(component, 7, value) for component, value in PARTS.items()]
    scores += [score(component, 8, value) for component, value in PARTS.items()
               if component != "outcome"]
    indices = scoring.dimension_indices(scores, RECENT, "self_score")
    assert indices == {7: D("68.00"), 8: None}


def test_all_indices_of_a_fully_scored_region_agree():
    scores = [score(component, dimension, value + dimension)
              for component, value in PARTS.items() for dimension in range(1, 7)]
    result = scoring.indices(scores, RECENT, "self_score")
    # Every component's mean is its value + 3,5: the final index is 68 + 3,5.
    assert result["components"]["outcome"] == D("63.50")
    assert result["final"] == D("71.50")
    assert result["dimensions"][1] == D("69.00")


def test_a_difference_over_one_hundredth_is_flagged():
    assert scoring.difference(D("68.00"), D("68.00")) == (D("0.00"), False)
    assert scoring.difference("68.01", D("68.00")) == (D("0.01"), False)
    assert scoring.difference("68.50", D("68.00")) == (D("0.50"), True)
    assert scoring.difference("67.98", D("68.00")) == (D("-0.02"), True)
