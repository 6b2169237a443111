"""The guide's ten stages as a progress tracker (`stages` in the guide's catalogue).

A stage's state comes from the data where the data tells (e.g. all readiness tables judged,
programs in all three horizons, the three books rendered final); stages the data cannot show
(forming the drafting team with the three kinds of experts; sosialisasi and legalisation) are
ticked by the team with a note. Computed for many masterplans in a fixed number of queries.

Each derived stage's check is registered by the app that owns its data, with that app's own
rule (e.g. stage 5 uses the roadmap's program completeness), from the app's registrations.py.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import figures, models_stages
from .guide import guide
from .models import GuideEdition

MANUAL = {1, 10}  # stages only the team can confirm
MANUAL_RULE = _("Dicentang oleh tim dengan catatan.")


@dataclass(frozen=True)
class StageCheck:
    """How the data decides a stage. `done(ids)` takes many masterplan ids and returns
    {stage number: set of the ids whose stage is done} for the stages it was registered for, in
    a fixed number of queries whatever the number of ids (one function may decide several
    stages from one query)."""

    number: int
    rule: str
    done: Callable[[list[int]], dict[int, set[int]]]


# Registered from each app's registrations.py: the app owning a stage's data states its rule.
_checks: dict[int, StageCheck] = {}


def register_stage_checks(rules, done):
    """Register `done` as the check of each stage in `rules` ({stage number: rule text})."""
    for number in rules:
        if number in MANUAL:
            raise ValueError(f"stage {number} is ticked by the team, not derived")
        if number in _checks:
            raise ValueError(f"stage {number} already has a check")
    for number, rule in rules.items():
        _checks[number] = StageCheck(number, rule, done)


def stage_checks():
    """{stage number: StageCheck}, in stage order."""
    return dict(sorted(_checks.items()))


@dataclass
class StageState:
    number: int
    title: str
    done: bool
    manual: bool
    rule: str
    note: str = ""


def _derived(masterplans):
    """{stage number: set of masterplan ids done} for the stages the data decides."""
    ids = [mp.pk for mp in masterplans]
    result = {}
    for done in {check.done: None for check in _checks.values()}:  # each function once
        result.update(done(ids))
    return result


def states(masterplans):
    """{masterplan id: [StageState × 10]}, computed once per change of a masterplan's content
    (masterplan/figures.py)."""
    return figures.cached("stages", masterplans, _compute_states)


def _compute_states(masterplans):
    masterplans = list(masterplans)
    editions = dict(GuideEdition.objects.filter(
        pk__in={mp.edition_id for mp in masterplans}).values_list("pk", "code"))
    derived = _derived(masterplans)
    checks = defaultdict(dict)
    for check in models_stages.StageCheck.objects.filter(masterplan__in=masterplans):
        checks[check.masterplan_id][check.number] = check
    result = {}
    for masterplan in masterplans:
        items = []
        for stage in guide(editions[masterplan.edition_id])["stages"]:
            number = stage["no"]
            check = checks[masterplan.pk].get(number)
            manual = number in MANUAL
            if manual:
                done, rule = (check.done if check else False), MANUAL_RULE
            else:
                done, rule = masterplan.pk in derived[number], _checks[number].rule
            items.append(StageState(number, stage["title"], done, manual, str(rule),
                                    check.note if check else ""))
        result[masterplan.pk] = items
    return result
