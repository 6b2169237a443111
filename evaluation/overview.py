"""What the region's evaluation pages show: the score table of one evaluation and the indices of
every evaluation of a region, read in a fixed number of queries."""

from dataclasses import dataclass

from . import scoring, services
from .models import COMPONENTS, Component, PublishedResult, Score


@dataclass
class ComponentRow:
    component: Component
    weight: object
    cells: list  # [Score] in dimension order
    self_index: object
    assessor_index: object

    @property
    def last_self(self):
        """The component's latest self-assessment change (a Score), or None."""
        return _latest(self.cells, "self_updated_at")

    @property
    def last_assessed(self):
        return _latest(self.cells, "assessed_at")


def _latest(scores, stamp):
    dated = [score for score in scores if getattr(score, stamp)]
    return max(dated, key=lambda score: getattr(score, stamp)) if dated else None


def score_table(evaluation):
    """The component × dimension table of one evaluation with every index, self and assessor."""
    cycle = evaluation.cycle
    scores = services.scores_of(evaluation)
    weights = cycle.weights
    self_indices = scoring.indices(scores, weights, "self_score")
    assessor_indices = scoring.indices(scores, weights, "assessor_score")
    dimensions = []
    for score in scores:
        if score.dimension not in dimensions:
            dimensions.append(score.dimension)
    rows = [ComponentRow(Component(component), weights[component],
                         [score for score in scores if score.component == component],
                         self_indices["components"][component],
                         assessor_indices["components"][component])
            for component in COMPONENTS]
    result = PublishedResult.objects.filter(evaluation=evaluation).first()
    return {
        "dimensions": [(dimension, self_indices["dimensions"].get(dimension.pk),
                        assessor_indices["dimensions"].get(dimension.pk))
                       for dimension in dimensions],
        "rows": rows,
        "self_final": self_indices["final"],
        "assessor_final": assessor_indices["final"],
        "result": result,
        "self_filled": sum(score.self_score is not None for score in scores),
        "assessed": sum(score.assessor_score is not None for score in scores),
        "cells": len(scores),
    }


@dataclass
class RegionRow:
    evaluation: object
    self_final: object
    assessor_final: object
    result: object


def region_rows(region):
    """Every evaluation of `region`, newest first, with its self, assessor and published final
    index (three queries however many cycles)."""
    evaluations = list(services.evaluations_of(region))
    scores = {}
    for score in Score.objects.filter(evaluation__in=evaluations):
        scores.setdefault(score.evaluation_id, []).append(score)
    results = {result.evaluation_id: result
               for result in PublishedResult.objects.filter(evaluation__in=evaluations)}
    rows = []
    for evaluation in evaluations:
        weights = evaluation.cycle.weights
        own = scores.get(evaluation.pk, [])
        rows.append(RegionRow(
            evaluation,
            scoring.weighted_sum(weights, scoring.component_indices(own, "self_score")),
            scoring.weighted_sum(weights, scoring.component_indices(own, "assessor_score")),
            results.get(evaluation.pk)))
    return rows
