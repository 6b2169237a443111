"""The citizen survey in tests: questions, responses, and a browser (a test client) answering
the public questionnaire."""

import re
import time

from django.test import RequestFactory
from django.urls import reverse

from evaluation import survey_public, survey_questions
from evaluation.models import ResponseSource, SurveyAnswer, SurveyResponse

TEXTS = ["Layanan perizinan daring mudah dipakai.", "Informasi anggaran daerah terbuka.",
         "Sampah di lingkungan saya terangkut teratur."]


def add_questions(cycle, count=3):
    return [survey_questions.add_question(cycle, TEXTS[number % len(TEXTS)] + f" ({number + 1})")
            for number in range(count)]


def add_responses(evaluation, rows, source=ResponseSource.IMPORT):
    """One response per row of values (in the order of the cycle's questions)."""
    questions = list(evaluation.cycle.questions.order_by("position", "pk"))
    responses = SurveyResponse.objects.bulk_create(
        [SurveyResponse(evaluation=evaluation, source=source,
                        device_hash=f"{number:064x}" if source == ResponseSource.WEB else "")
         for number, _row in enumerate(rows, start=1)])
    SurveyAnswer.objects.bulk_create(
        [SurveyAnswer(response=response, question=question, value=value)
         for response, row in zip(responses, rows, strict=True)
         for question, value in zip(questions, row, strict=True)])
    return responses


def public_url(evaluation):
    return reverse("evaluation_survey_public", kwargs={"token": evaluation.survey_token})


def device_of(client):
    """The device id in the client's signed survey cookie."""
    request = RequestFactory().get("/survei/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return survey_public.device_of(request)


def shown_challenge(html):
    """(first, second, signed) of the sum the page asks."""
    first, second = map(int, re.search(r"Berapa (\d+) \+ (\d+)\?", html).groups())
    signed = re.search(r'name="tantangan" value="([^"]+)"', html).group(1)
    return first, second, signed


def answers(evaluation, values):
    """{field: value} of the questionnaire's answers, in the order of its questions."""
    questions = evaluation.cycle.questions.order_by("position", "pk")
    return {f"p{question.pk}": str(value) for question, value in zip(questions, values, strict=True)}


def filled_form(client, evaluation, values, opened_seconds_ago=10, **extra):
    """Opens the survey (setting the device cookie) and answers it with `values`, the form shown
    `opened_seconds_ago` (a challenge issued for this survey and device, as the page issues it)."""
    client.get(public_url(evaluation))
    challenge = survey_public.issue_challenge(evaluation, device_of(client),
                                              started=time.time() - opened_seconds_ago)
    return {**answers(evaluation, values), "tantangan": challenge.signed,
            "jawaban_pengaman": str(challenge.answer), "situs_web": "", **extra}
