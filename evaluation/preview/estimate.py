"""The score preview of a region's evaluation: the five components estimated from the current
masterplan's own data and the citizen survey, and the final index they would give with the
cycle's weights. An estimate, never the official score: the method is in docs/evaluation.md
("Score preview") and in parts.py.

The evaluated year is the cycle's year. A region without a current masterplan gets only the
Impact part (the survey belongs to the evaluation); the others say why they are unknown. The
final index is None while a part is unknown, and `final_reason` names the parts missing.

A fixed number of queries however many programs, KPIs and M&E records the plan holds.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from masterplan import clock
from masterplan.services import current_masterplan

from .. import scoring, survey_summary
from ..models import COMPONENTS, Component
from . import parts
from .completion import action_plan_completion, completion_total
from .parts import Part
from .text import index_text


@dataclass
class Preview:
    evaluation: object
    masterplan: object  # the region's current masterplan, or None
    year: int
    scale_max: Decimal
    parts: list = field(default_factory=list)  # [Part] in the order of COMPONENTS
    final: Decimal | None = None
    final_reason: str = ""
    completion: list = field(default_factory=list)  # [CompletionRow], empty without masterplan
    survey: object = None  # the SurveySummary

    def part(self, component):
        return next(part for part in self.parts if part.component == component)

    @property
    def values(self):
        return {part.component.value: part.value for part in self.parts}

    @property
    def final_shown(self):
        return index_text(self.final)

    @property
    def completion_total(self):
        return completion_total(self.completion) if self.completion else None


def without_masterplan(component):
    return Part(Component(component), reason=_(
        "Wilayah ini belum memiliki masterplan yang berlaku, jadi komponen ini belum dapat "
        "diperkirakan."))


def estimate(evaluation, today=None):
    """The Preview of `evaluation` (a RegionEvaluation with its cycle and region)."""
    cycle = evaluation.cycle
    region = evaluation.region
    year, scale_max = cycle.year, cycle.scale_max
    today = today or clock.today(region)
    masterplan = current_masterplan(region)
    survey = survey_summary.summary(evaluation)
    preview = Preview(evaluation, masterplan, year, scale_max, survey=survey)
    if masterplan is None:
        found = {component: without_masterplan(component) for component in COMPONENTS}
    else:
        preview.completion = action_plan_completion(masterplan, year)
        found = {
            Component.BASELINE: parts.baseline(masterplan, scale_max, today),
            Component.OUTPUT: parts.output(preview.completion, year, scale_max),
            Component.OUTCOME: parts.outcome(masterplan, year, scale_max),
            Component.QUICK_WIN: parts.quick_win(masterplan, scale_max),
        }
    found[Component.IMPACT] = parts.impact(survey, scale_max)
    weights = cycle.weights
    for component in COMPONENTS:
        part = found[component]
        part.weight = weights[component]
        preview.parts.append(part)
    preview.final = scoring.weighted_sum(weights, preview.values)
    unknown = [part for part in preview.parts if not part.known]
    if unknown:
        preview.final_reason = _(
            "Perkiraan indeks akhir belum dapat dihitung: %(parts)s belum diketahui.") % {
            "parts": ", ".join(str(part.label) for part in unknown)}
    return preview
