"""The citizen survey in the demo: both cycles use the standard questionnaire; Kota Bandung
collected 52 responses for 2025 on paper and imported them (the survey counts), and 37 through
its public link for 2026 so far (short of the 50 needed: the progress shows).

Idempotent: questions are added to an empty questionnaire, responses to a survey without any."""

import random

from evaluation import survey_public, survey_questions
from evaluation.models import ResponseSource, SurveyAnswer, SurveyResponse

# (responses, source, the answers' usual level 1–5) per year of Bandung's survey.
BANDUNG = {2025: (52, ResponseSource.IMPORT, 3.4), 2026: (37, ResponseSource.WEB, 3.8)}


def seed(cycles, region):
    for year, cycle in cycles.items():
        if not cycle.questions.exists():
            survey_questions.use_standard_questions(cycle)
        count, source, level = BANDUNG[year]
        evaluation = cycle.participants.get(region=region)
        if not evaluation.survey_responses.exists():
            _responses(evaluation, count, source, level, random.Random(year))


def _responses(evaluation, count, source, level, rng):
    questions = list(evaluation.cycle.questions.order_by("position", "pk"))
    responses = SurveyResponse.objects.bulk_create([SurveyResponse(
        evaluation=evaluation, source=source,
        device_hash=survey_public.device_hash(evaluation, f"demo-{number}")
        if source == ResponseSource.WEB else "") for number in range(count)])
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question=question,
                      value=min(5, max(1, round(rng.gauss(level, 0.9)))))
         for response in responses for question in questions])
