"""readiness/scoring.py: points, indices of a two-level tree and the maturity level."""

import pytest

from readiness import scoring
from readiness.scoring import Score, maturity_label, maturity_level, mean_index, tree_index


def test_score_is_the_share_of_the_maximum_points_of_the_judged_items():
    score = Score()
    for judgement in ("baik", "sedang", "buruk", ""):
        score.add(judgement)
    assert (score.points, score.judged, score.unjudged, score.total) == (3 + 2 + 1, 3, 1, 4)
    assert score.counts == {"baik": 1, "sedang": 1, "buruk": 1}
    assert score.index == pytest.approx(100 * 6 / (3 * 3))


def test_score_counts_many_items_at_once_and_is_none_while_nothing_is_judged():
    score = Score()
    score.add("", 5)
    assert (score.index, score.judged, score.unjudged) == (None, 0, 5)
    score.add("baik", 2)
    score.add("buruk", 2)
    assert score.index == pytest.approx(100 * (2 * 3 + 2 * 1) / (4 * 3))
    assert score.counts == {"baik": 2, "buruk": 2}


def test_all_baik_is_100_and_all_buruk_is_a_third():
    best, worst = Score(), Score()
    best.add("baik", 7)
    worst.add("buruk", 7)
    assert best.index == pytest.approx(100)
    assert worst.index == pytest.approx(100 / 3)


def test_weights_come_from_settings(settings):
    settings.READINESS_WEIGHTS = {"baik": 4, "sedang": 2, "buruk": 0}
    score = Score()
    score.add("baik")
    score.add("buruk")
    score.add("sedang", 2)
    # Points over the most the judged items could score with the best weight (4).
    assert score.points == 4 + 0 + 2 * 2
    assert score.index == pytest.approx(100 * 8 / (4 * 4))


def test_mean_index_ignores_missing_values():
    assert mean_index([None, 40, None, 80]) == pytest.approx(60)
    assert mean_index([None, None]) is None
    assert mean_index([]) is None


TREE = [
    ("a", "Element A", [("a1", "Table A1"), ("a2", "Table A2"), ("a3", "Table A3")]),
    ("b", "Element B", [("b1", "Table B1")]),
    ("c", "Element C", [("c1", "Table C1")]),
]


def test_tree_index_means_sub_areas_then_elements_and_counts_unjudged():
    judgements = {
        "a1": [("baik", 1)],  # 100
        "a2": [("buruk", 3), ("", 2)],  # 33.3, two unjudged
        "a3": [("", 4)],  # nothing judged: left out of the mean, counted
        "b1": [("sedang", 2)],  # 66.7
        # c1 has no rows at all
    }
    overall, groups = tree_index(TREE, judgements)
    a, b, c = groups
    assert [child.index for child in a.children] == [
        pytest.approx(100), pytest.approx(100 / 3), None]
    # Element A is the mean of its tables, not the pooled share of its components (50).
    assert a.index == pytest.approx((100 + 100 / 3) / 2)
    assert a.index != pytest.approx(100 * (3 + 3) / (4 * 3))
    assert (a.judged, a.unjudged) == (4, 6)
    assert [(child.judged, child.unjudged) for child in a.children] == [(1, 0), (3, 2), (0, 4)]
    assert b.index == pytest.approx(200 / 3)
    assert (c.index, c.judged, c.unjudged) == (None, 0, 0)
    # The overall index is the mean of the elements that have an index.
    assert overall == pytest.approx((a.index + b.index) / 2)
    assert (a.code, a.title, a.children[1].code, a.children[1].title) == (
        "a", "Element A", "a2", "Table A2")


def test_tree_index_without_judgements_is_none_everywhere():
    overall, groups = tree_index(TREE, {"a1": [("", 9)]})
    assert overall is None
    assert all(group.index is None for group in groups)
    assert groups[0].unjudged == 9


@pytest.mark.parametrize("readiness,performance,level", [
    (0, 0, "initial"),
    (49.99, 100, "initial"),
    (100, 49.99, "initial"),
    (50, 50, "developing"),
    (50, 100, "developing"),
    (69.99, 69.99, "developing"),
    (100, 69.99, "developing"),
    (70, 70, "managed"),
    (84.99, 100, "managed"),
    (100, 84.99, "managed"),
    (85, 85, "optimized"),
    (100, 100, "optimized"),
])
def test_maturity_is_the_highest_level_both_indices_reach(readiness, performance, level):
    assert maturity_level(readiness, performance) == level


@pytest.mark.parametrize("readiness,performance", [(None, 90), (90, None), (None, None)])
def test_maturity_needs_both_indices(readiness, performance):
    assert maturity_level(readiness, performance) is None


def test_maturity_thresholds_and_labels():
    assert [(code, minimum) for code, _label, minimum in scoring.MATURITY_LEVELS] == [
        ("initial", 0), ("developing", 50), ("managed", 70), ("optimized", 85)]
    assert maturity_label("managed") == "Managed"
    assert maturity_label(None) == ""
