"""The public questionnaire by its link: no login, every question answered 1–5, one response per
browser (kept only as a keyed hash), the challenge against bots (honeypot, minimum fill time,
a signed sum), a closed or unknown survey, and nothing personal stored."""

import re
import time

import pytest
from django.test import Client

from evaluation import survey_public
from evaluation.models import ResponseSource, SurveyAnswer, SurveyResponse

from .helpers import make_cycle
from .survey_helpers import (
    add_questions,
    answers,
    device_of,
    filled_form,
    public_url,
    shown_challenge,
)

pytestmark = pytest.mark.django_db
ALREADY = "Anda sudah mengisi survei ini. Terima kasih."


@pytest.fixture
def evaluation(world):
    cycle = make_cycle(2026, [world.own, world.other])
    add_questions(cycle, 3)
    return cycle.participants.get(region=world.own)


def test_anyone_opens_the_questionnaire_by_its_link(client, evaluation):
    response = client.get(public_url(evaluation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Survei warga smart city Kota Bandung 2026" in html
    assert html.count('type="radio"') == 3 * 5
    assert "Sangat tidak setuju" in html and "Sangat setuju" in html
    assert re.search(r"Berapa \d \+ \d\?", html)
    assert "login" not in html.lower().split("<main", 1)[1]  # no sign-in chrome in the page
    # A form with a CSRF token and a device cookie: never cached, not indexed.
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cookie = response.cookies[survey_public.DEVICE_COOKIE]
    assert cookie["path"] == "/survei/" and cookie["httponly"] and cookie["max-age"]


def test_a_citizen_answers_and_only_a_hash_of_the_browser_is_kept(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    response = client.post(public_url(evaluation), data)
    assert response.status_code == 302 and response["Location"].endswith("?terkirim=1")
    saved = SurveyResponse.objects.get()
    assert saved.evaluation == evaluation and saved.source == ResponseSource.WEB
    device = device_of(client)
    assert re.fullmatch(r"[0-9a-f]{64}", saved.device_hash) and device not in saved.device_hash
    assert saved.device_hash == survey_public.device_hash(evaluation, device)
    assert sorted(saved.answers.values_list("value", flat=True)) == [2, 4, 5]
    thanks = client.get(response["Location"]).content.decode()
    assert "Terima kasih! Tanggapan Anda sudah tersimpan." in thanks and "<form" not in thanks


def test_nothing_about_the_person_is_stored():
    assert {field.name for field in SurveyResponse._meta.get_fields()} == {
        "id", "evaluation", "source", "device_hash", "submitted_at", "answers"}
    assert {field.name for field in SurveyAnswer._meta.get_fields()} == {
        "id", "response", "question", "value"}


def test_a_browser_answers_once_and_another_browser_may_answer_too(client, evaluation):
    first = filled_form(client, evaluation, [5, 4, 2])
    second = filled_form(client, evaluation, [1, 1, 1])  # e.g. a second tab, opened before
    assert client.post(public_url(evaluation), first).status_code == 302
    refused = client.post(public_url(evaluation), second)
    assert refused.status_code == 409
    assert ALREADY in refused.content.decode()
    page = client.get(public_url(evaluation)).content.decode()
    assert ALREADY in page and 'type="radio"' not in page
    other = Client()
    assert other.post(public_url(evaluation), filled_form(other, evaluation, [3, 3, 3])) \
        .status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_the_same_browser_answers_each_region_once_with_unrelated_hashes(client, world, evaluation):
    other = evaluation.cycle.participants.get(region=world.other)
    for survey in (evaluation, other):
        assert client.post(public_url(survey), filled_form(client, survey, [4, 4, 4])) \
            .status_code == 302
    hashes = set(SurveyResponse.objects.values_list("device_hash", flat=True))
    assert len(hashes) == 2


def test_every_question_must_be_answered_and_the_answers_are_kept(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    question = evaluation.cycle.questions.order_by("position").last()
    del data[f"p{question.pk}"]
    response = client.post(public_url(evaluation), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Pilih salah satu jawaban." in html and "Tanggapan belum terkirim." in html
    assert html.count("checked") == 2
    assert not SurveyResponse.objects.exists()


def test_an_answer_off_the_scale_is_refused(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    question = evaluation.cycle.questions.order_by("position").first()
    data[f"p{question.pk}"] = "7"
    assert client.post(public_url(evaluation), data).status_code == 422
    assert not SurveyResponse.objects.exists()


def test_a_filled_honeypot_is_refused(client, evaluation):
    response = client.post(public_url(evaluation),
                           filled_form(client, evaluation, [5, 4, 2], situs_web="http://spam.example"))
    assert response.status_code == 422
    assert "Tanggapan ini tidak dapat diterima." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_wrong_sum_is_refused_kindly_and_a_new_one_asked(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    data["jawaban_pengaman"] = str(int(data["jawaban_pengaman"]) + 1)
    response = client.post(public_url(evaluation), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Jawaban hitungan belum benar. Coba lagi dengan soal yang baru." in html
    assert html.count("checked") == 3  # the answers stay
    assert not SurveyResponse.objects.exists()
    # The new sum keeps the time the form was first shown: answered right, it goes through now.
    first, second, signed = shown_challenge(html)
    retry = {**data, "tantangan": signed, "jawaban_pengaman": str(first + second)}
    assert client.post(public_url(evaluation), retry).status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_missing_or_unreadable_sum_is_refused(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2], jawaban_pengaman="")
    response = client.post(public_url(evaluation), data)
    assert response.status_code == 422 and "Jawab pertanyaan pengaman ini." in response.content.decode()
    data["jawaban_pengaman"] = "tujuh"
    response = client.post(public_url(evaluation), data)
    assert "Tulis jawabannya sebagai angka." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_form_sent_too_quickly_is_refused(client, evaluation):
    html = client.get(public_url(evaluation)).content.decode()
    first, second, signed = shown_challenge(html)
    data = {**answers(evaluation, [5, 4, 2]), "tantangan": signed,
            "jawaban_pengaman": str(first + second)}
    response = client.post(public_url(evaluation), data)
    assert response.status_code == 422
    assert "Formulir terkirim terlalu cepat." in response.content.decode()
    assert not SurveyResponse.objects.exists()
    assert survey_public.MIN_FILL_SECONDS == 3


def test_a_forged_or_foreign_challenge_is_refused(client, world, evaluation):
    message = "Halaman ini sudah terlalu lama terbuka."
    data = filled_form(client, evaluation, [5, 4, 2])
    forged = {**data, "tantangan": data["tantangan"][:-2] + "xx"}
    assert message in client.post(public_url(evaluation), forged).content.decode()
    other = evaluation.cycle.participants.get(region=world.other)
    foreign = survey_public.issue_challenge(other, device_of(client), started=time.time() - 60)
    response = client.post(public_url(evaluation), {**data, "tantangan": foreign.signed,
                                                    "jawaban_pengaman": str(foreign.answer)})
    assert response.status_code == 422 and message in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_browser_without_the_cookie_is_asked_to_allow_it(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    client.cookies.pop(survey_public.DEVICE_COOKIE)
    response = client.post(public_url(evaluation), data)
    assert response.status_code == 422
    assert "Browser Anda tidak menyimpan cookie halaman ini" in response.content.decode()
    assert survey_public.DEVICE_COOKIE in response.cookies  # set again for the next try
    assert not SurveyResponse.objects.exists()


def test_a_closed_survey_says_so_and_takes_nothing(client, evaluation):
    data = filled_form(client, evaluation, [5, 4, 2])
    survey_public.set_open(evaluation, False)
    page = client.get(public_url(evaluation))
    assert page.status_code == 200
    assert "Survei ini sedang ditutup" in page.content.decode()
    assert 'type="radio"' not in page.content.decode()
    response = client.post(public_url(evaluation), data)
    assert response.status_code == 403 and "Survei ini sedang ditutup" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_survey_without_questions_is_not_ready(client, world):
    evaluation = make_cycle(2027, [world.own]).participants.get()
    page = client.get(public_url(evaluation)).content.decode()
    assert "Survei ini belum siap diisi." in page and "<form" not in page.split("<main", 1)[1]


def test_an_unknown_link_is_not_found(client, evaluation):
    response = client.get("/survei/tidak-ada-survei-ini/")
    assert response.status_code == 404
