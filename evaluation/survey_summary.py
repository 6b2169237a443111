"""The citizen survey's summary: how many responses, whether they are enough to count, and the
mean answer per question and overall (1–5), read in a fixed number of queries.

The index the survey gives is the overall mean placed on the cycle's scale: 1 is 0 and 5 is
`scale_max` (a linear map), so a survey answered "3" throughout scores half the scale."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count

from . import scoring
from .models import SurveyAnswer


@dataclass
class QuestionSummary:
    question: object
    count: int
    mean: Decimal | None


@dataclass
class SurveySummary:
    responses: int
    needed: int
    questions: list = field(default_factory=list)
    mean: Decimal | None = None  # over every answer, 1–5
    index: Decimal | None = None  # the mean on the cycle's scale, once enough responses

    @property
    def counts(self):
        """Enough responses for the survey to count in the evaluation."""
        return self.responses >= self.needed

    @property
    def progress_percent(self):
        return min(100, round(100 * self.responses / self.needed)) if self.needed else 100


def scale_index(mean, scale_max):
    """A 1–5 mean on the cycle's 0–scale_max scale."""
    return scoring.rounded((Decimal(mean) - 1) / 4 * Decimal(scale_max))


def summary(evaluation):
    cycle = evaluation.cycle
    questions = list(cycle.questions.all())
    stats = {row["question"]: row for row in
             SurveyAnswer.objects.filter(response__evaluation=evaluation)
             .values("question").annotate(count=Count("pk"), mean=Avg("value"))}
    responses = evaluation.survey_responses.count()
    per_question = [QuestionSummary(question, stats.get(question.pk, {}).get("count", 0),
                                    _decimal(stats.get(question.pk, {}).get("mean")))
                    for question in questions]
    answered = sum(row.count for row in per_question)
    mean = None
    if answered:
        mean = scoring.rounded(sum(Decimal(row.count) * row.mean for row in per_question
                                   if row.mean is not None) / answered)
    result = SurveySummary(responses, cycle.survey_min_responses, per_question, mean)
    if mean is not None and result.counts:
        result.index = scale_index(mean, cycle.scale_max)
    return result


def _decimal(value):
    return None if value is None else scoring.rounded(Decimal(str(value)))
