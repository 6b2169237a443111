"""The evaluation's arithmetic: component indices, per-dimension indices and the final index as
the weighted sum with the cycle's weights (in percent, summing to 100).

Scores are on the cycle's scale (0 to `scale_max`). A component's index is the mean of its
scores over the dimensions that have one; a dimension's index is the weighted sum of its five
component scores; the final index is the weighted sum of the five component indices. A sum with
a missing part is None: an index is shown only when everything it weighs is there.
"""

from decimal import ROUND_HALF_UP, Decimal

from .models import COMPONENTS

CENT = Decimal("0.01")
# A published final differing from the recomputed one by more than this is flagged.
TOLERANCE = Decimal("0.01")


def rounded(value):
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_sum(weights, values):
    """sum(weight × value) / 100 over COMPONENTS; None if any component's value is missing."""
    if any(values.get(component) is None for component in COMPONENTS):
        return None
    total = sum((Decimal(weights[component]) * Decimal(values[component])
                 for component in COMPONENTS), Decimal(0))
    return rounded(total / 100)


def component_indices(scores, field):
    """{component: mean of `field` over the dimensions scored, or None}; `scores` are Score
    rows (or anything with `component` and the field)."""
    values = {component: [] for component in COMPONENTS}
    for score in scores:
        value = getattr(score, field)
        if value is not None:
            values[score.component].append(value)
    return {component: rounded(sum(found) / len(found)) if found else None
            for component, found in values.items()}


def dimension_indices(scores, weights, field):
    """{dimension_id: weighted sum of its five component scores, or None if one is missing}."""
    by_dimension = {}
    for score in scores:
        by_dimension.setdefault(score.dimension_id, {})[score.component] = getattr(score, field)
    return {dimension_id: weighted_sum(weights, values)
            for dimension_id, values in by_dimension.items()}


def indices(scores, weights, field):
    """The components', dimensions' and final index of one region from its Score rows."""
    scores = list(scores)
    components = component_indices(scores, field)
    return {"components": components,
            "dimensions": dimension_indices(scores, weights, field),
            "final": weighted_sum(weights, components)}


def difference(published, computed):
    """published − computed, and whether it is over the tolerance (a typo or other weights)."""
    diff = rounded(Decimal(published) - Decimal(computed))
    return diff, abs(diff) > TOLERANCE
