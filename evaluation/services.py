"""The evaluation's writes: cycles and their participants, the self-assessment and the
assessor's scores. Each write is one transaction."""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from masterplan.models import Dimension, Region

from .models import COMPONENTS, EvaluationCycle, RegionEvaluation, Score

# The guide edition whose six dimensions a cycle is scored on. Evaluations score regions, not
# masterplans, so they follow the newest edition's dimensions.


def evaluation_dimensions():
    """The six smart city dimensions of the newest guide edition, in order."""
    from masterplan.services import latest_edition

    return list(Dimension.objects.filter(edition=latest_edition()).order_by("number"))


def participant_regions(cycle):
    """The regions taking part in `cycle`: those of its batches and those listed by name."""
    return Region.objects.filter(
        Q(batch__in=cycle.batches.all()) | Q(pk__in=cycle.extra_regions.all())).distinct()


def new_survey_token():
    return secrets.token_urlsafe(16)[:22]


@transaction.atomic
def sync_participants(cycle):
    """Give every participant of `cycle` its RegionEvaluation (with its 30 score rows) and drop
    the evaluations of regions no longer taking part, unless they hold data; returns
    (added, removed, kept) region lists, `kept` being those left out but holding data."""
    wanted = set(participant_regions(cycle).values_list("pk", flat=True))
    existing = dict(cycle.participants.values_list("region_id", "pk"))
    added = sorted(wanted - set(existing))
    evaluations = RegionEvaluation.objects.bulk_create(
        [RegionEvaluation(cycle=cycle, region_id=region_id, survey_token=new_survey_token())
         for region_id in added])
    dimensions = evaluation_dimensions()
    Score.objects.bulk_create(
        [Score(evaluation=evaluation, component=component, dimension=dimension)
         for evaluation in evaluations for component in COMPONENTS for dimension in dimensions])
    leaving = RegionEvaluation.objects.filter(cycle=cycle, region_id__in=set(existing) - wanted)
    with_data = leaving.filter(
        Q(scores__self_score__isnull=False) | Q(scores__assessor_score__isnull=False)
        | Q(survey_responses__isnull=False) | Q(result__isnull=False)).distinct()
    kept = list(with_data.values_list("region_id", flat=True))
    removed = list(leaving.exclude(pk__in=with_data).values_list("region_id", flat=True))
    RegionEvaluation.objects.filter(cycle=cycle, region_id__in=removed).delete()
    return added, removed, kept


@transaction.atomic
def save_cycle(form, user):
    """Save a cycle's form (new or changed) and bring its participants up to date."""
    cycle = form.save(commit=False)
    if cycle.pk is None:
        cycle.created_by = user
    cycle.save()
    form.save_m2m()
    return cycle, sync_participants(cycle)


@transaction.atomic
def create_cycle(year, user=None, **fields):
    """A cycle for `year` with the default weights (unless given) and no participants yet."""
    return EvaluationCycle.objects.create(year=year, created_by=user, **fields)


def evaluations_of(region):
    """The region's evaluations, newest cycle first."""
    return (RegionEvaluation.objects.filter(region=region).select_related("cycle")
            .order_by("-cycle__year"))


def scores_of(evaluation):
    return list(evaluation.scores.select_related("dimension", "self_updated_by", "assessed_by")
                .order_by("component", "dimension__number"))


@transaction.atomic
def save_self_assessment(evaluation, component, rows, user):
    """`rows`: {score_id: {"self_score", "self_note", "evidence_links"}} of one component."""
    now = timezone.now()
    scores = {score.pk: score for score in
              evaluation.scores.select_for_update().filter(component=component)}
    for score_id, values in rows.items():
        score = scores[score_id]
        for name, value in values.items():
            setattr(score, name, value)
        score.self_updated_by, score.self_updated_at = user, now
    Score.objects.bulk_update(scores.values(), ["self_score", "self_note", "evidence_links",
                                                "self_updated_by", "self_updated_at"])


@transaction.atomic
def save_assessor_scores(evaluation, component, rows, user):
    """`rows`: {score_id: {"assessor_score", "assessor_note"}} of one component."""
    now = timezone.now()
    scores = {score.pk: score for score in
              evaluation.scores.select_for_update().filter(component=component)}
    for score_id, values in rows.items():
        score = scores[score_id]
        for name, value in values.items():
            setattr(score, name, value)
        score.assessed_by, score.assessed_at = user, now
    Score.objects.bulk_update(scores.values(), ["assessor_score", "assessor_note", "assessed_by",
                                                "assessed_at"])
