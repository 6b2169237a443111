"""The citizen survey's summary: how many responses, whether they are enough to count, and the
mean answer per question and overall (1–5) with how often each answer was given, read in a
fixed number of queries (three).

The index the survey gives is the overall mean placed on the cycle's scale: 1 is 0 and 5 is
`scale_max` (a linear map), so a survey answered "3" throughout scores half the scale."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from . import scoring
from .models import SurveyAnswer

ANSWERS = (1, 2, 3, 4, 5)


@dataclass
class QuestionSummary:
    question: object
    count: int
    mean: Decimal | None
    # How many answered 1, 2, 3, 4 and 5, in that order.
    distribution: list = field(default_factory=lambda: [0] * len(ANSWERS))

    @property
    def shares(self):
        """[(answer, count, percent of the question's answers)] for 1 to 5."""
        return [(answer, count, round(100 * count / self.count) if self.count else 0)
                for answer, count in zip(ANSWERS, self.distribution, strict=True)]


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
    questions = list(cycle.questions.select_related("dimension").order_by("position", "pk"))
    for number, question in enumerate(questions, start=1):
        question.number = number  # p1, p2, … as the CSV import names them
    distributions = {question.pk: [0] * len(ANSWERS) for question in questions}
    for row in (SurveyAnswer.objects.filter(response__evaluation=evaluation)
                .values("question", "value").annotate(count=Count("pk")).order_by()):
        if row["question"] in distributions and row["value"] in ANSWERS:
            distributions[row["question"]][row["value"] - 1] = row["count"]
    responses = evaluation.survey_responses.count()
    per_question = [_question_summary(question, distributions[question.pk])
                    for question in questions]
    answered = sum(row.count for row in per_question)
    exact = None
    if answered:
        total = sum(answer * times for row in per_question
                    for answer, times in zip(ANSWERS, row.distribution, strict=True))
        exact = Decimal(total) / answered
    result = SurveySummary(responses, cycle.survey_min_responses, per_question,
                           scoring.rounded(exact))
    if exact is not None and result.counts:
        result.index = scale_index(exact, cycle.scale_max)  # rounded once, at the end
    return result


def _question_summary(question, distribution):
    count = sum(distribution)
    mean = None
    if count:
        total = sum(answer * times for answer, times in zip(ANSWERS, distribution, strict=True))
        mean = scoring.rounded(Decimal(total) / count)
    return QuestionSummary(question, count, mean, distribution)
