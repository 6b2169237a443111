"""The admins' questionnaire of a cycle: questions added, edited, moved and deleted (not once
answered), and the standard set for an empty questionnaire."""

import pytest
from django.urls import reverse

from evaluation import survey_questions
from evaluation.models import SurveyQuestion
from evaluation.services import evaluation_dimensions

from .helpers import make_cycle
from .survey_helpers import add_questions, add_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world):
    return make_cycle(2026, [world.own])


@pytest.fixture
def admin(client, world):
    client.force_login(world.users["admin"])
    return client


def questions_url(cycle):
    return reverse("evaluation_survey_questions", kwargs={"year": cycle.year})


def question_url(name, question):
    return reverse(name, kwargs={"year": question.cycle.year, "question_pk": question.pk})


def texts(cycle):
    return list(cycle.questions.order_by("position", "pk").values_list("text", flat=True))


def test_the_cycle_form_links_the_questionnaire(admin, cycle):
    html = admin.get(reverse("evaluation_cycle_edit", kwargs={"year": 2026})).content.decode()
    assert f'href="{questions_url(cycle)}"' in html


def test_an_admin_adds_questions_with_or_without_a_dimension(admin, cycle):
    living = next(d for d in evaluation_dimensions() if d.code == "living")
    response = admin.post(questions_url(cycle), {"text": "Puskesmas mudah dijangkau.",
                                                 "dimension": living.pk})
    assert response.status_code == 302
    admin.post(questions_url(cycle), {"text": "Saya bangga tinggal di sini.", "dimension": ""})
    assert texts(cycle) == ["Puskesmas mudah dijangkau.", "Saya bangga tinggal di sini."]
    assert [q.dimension for q in cycle.questions.order_by("position")] == [living, None]
    html = admin.get(questions_url(cycle)).content.decode()
    assert "p1</span>Puskesmas mudah dijangkau." in html and "Smart Living" in html
    assert "p2</span>Saya bangga tinggal di sini." in html


def test_an_empty_question_is_refused(admin, cycle):
    response = admin.post(questions_url(cycle), {"text": "  ", "dimension": ""})
    assert response.status_code == 422
    assert not SurveyQuestion.objects.exists()


def test_the_standard_questions_cover_the_six_dimensions_once(admin, cycle):
    assert "Pakai pertanyaan standar" in admin.get(questions_url(cycle)).content.decode()
    response = admin.post(reverse("evaluation_survey_standard", kwargs={"year": 2026}))
    assert response.status_code == 302
    questions = list(cycle.questions.select_related("dimension"))
    assert 8 <= len(questions) <= 12
    assert {q.dimension.code for q in questions} == {
        "governance", "branding", "economy", "living", "society", "environment"}
    assert [q.position for q in questions] == list(range(len(questions)))
    html = admin.get(questions_url(cycle)).content.decode()
    assert "Pakai pertanyaan standar" not in html
    again = admin.post(reverse("evaluation_survey_standard", kwargs={"year": 2026}))
    assert again.status_code == 422
    assert "sudah berisi pertanyaan" in again.content.decode()
    assert cycle.questions.count() == len(questions)


def test_questions_move_up_and_down(admin, cycle):
    first, second, third = add_questions(cycle, 3)
    admin.post(question_url("evaluation_survey_question_move", third), {"arah": "naik"})
    admin.post(question_url("evaluation_survey_question_move", first), {"arah": "turun"})
    assert texts(cycle) == [third.text, first.text, second.text]
    response = admin.post(question_url("evaluation_survey_question_move", first), {"arah": "ke-mana"})
    assert response.status_code == 422 and "Arah pemindahan tidak dikenal." in response.content.decode()


def test_an_answered_question_is_corrected_but_not_deleted(admin, world, cycle):
    first, second = add_questions(cycle, 2)
    add_responses(cycle.participants.get(), [[4, 5], [3, 3]])
    edit = admin.get(question_url("evaluation_survey_question_edit", first)).content.decode()
    assert "Pertanyaan ini sudah dijawab 2 kali." in edit
    response = admin.post(question_url("evaluation_survey_question_edit", first),
                          {"text": "Layanan perizinan daring mudah digunakan.", "dimension": ""})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "Layanan perizinan daring mudah digunakan."
    assert first.answers.count() == 2
    refused = admin.post(question_url("evaluation_survey_question_delete", first))
    assert refused.status_code == 422
    assert ("sudah dijawab dalam 2 tanggapan, jadi tidak dihapus" in refused.content.decode())
    assert cycle.questions.count() == 2


def test_an_unanswered_question_is_deleted(admin, cycle):
    first, second = add_questions(cycle, 2)
    response = admin.post(question_url("evaluation_survey_question_delete", second))
    assert response.status_code == 302
    assert texts(cycle) == [first.text]
    assert survey_questions.questions_of(cycle)[0].number == 1


def test_a_question_of_another_cycle_is_not_found(admin, world, cycle):
    other = make_cycle(2025, [world.own])
    question = add_questions(other, 1)[0]
    url = reverse("evaluation_survey_question_edit", kwargs={"year": 2026, "question_pk": question.pk})
    assert admin.get(url).status_code == 404


def test_only_admins_edit_the_questionnaire(client, world, cycle):
    for role in ("ketua", "pembimbing"):
        client.force_login(world.users[role])
        assert client.get(questions_url(cycle)).status_code == 403
        assert client.post(questions_url(cycle), {"text": "x"}).status_code == 403
    assert not SurveyQuestion.objects.exists()
