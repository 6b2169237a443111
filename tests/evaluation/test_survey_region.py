"""A region's survey page: the public link on the site's address, opening and closing it, the
progress towards the responses needed, and the summary per question with the index once it
counts; read in a fixed number of queries however many responses."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation.models import ResponseSource
from evaluation.survey_summary import scale_index, summary

from .helpers import make_cycle
from .survey_helpers import add_questions, add_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(world):
    cycle = make_cycle(2026, [world.own, world.other])
    add_questions(cycle, 3)
    return cycle.participants.get(region=world.own)


def url(name, region, year=2026):
    return reverse(name, kwargs={"region_code": region.code, "year": year})


def test_every_role_of_the_region_reads_the_link_and_the_progress(client, world, settings,
                                                                   evaluation):
    settings.SITE_URL = "https://masterplan.example.go.id"
    add_responses(evaluation, [[4, 4, 2]] * 30, ResponseSource.WEB)
    add_responses(evaluation, [[5, 3, 1]] * 7)
    for role in ("ketua", "anggota", "dewan", "pembimbing", "admin"):
        client.force_login(world.users[role])
        html = client.get(url("evaluation_survey", world.own)).content.decode()
        assert f'value="https://masterplan.example.go.id/survei/{evaluation.survey_token}/"' in html
        assert f'href="/survei/{evaluation.survey_token}/"' in html
        assert "37 dari 50 tanggapan" in html and "w-pct-74" in html
        assert "30 melalui tautan publik, 7 impor CSV." in html
        assert "Survei baru dihitung dalam komponen Impact setelah ada 50 tanggapan" in html
        assert "Indeks survei" not in html
        manages = role in ("ketua", "anggota", "admin")
        assert ("Impor tanggapan dari CSV" in html) is manages, role
        assert ("Tutup survei" in html) is manages, role


def test_the_detail_page_links_the_survey(client, world, evaluation):
    client.force_login(world.users["dewan"])
    html = client.get(url("evaluation_detail", world.own)).content.decode()
    assert f'href="{url("evaluation_survey", world.own)}"' in html


def test_once_enough_responses_the_index_shows_on_the_cycles_scale(client, world, evaluation):
    add_responses(evaluation, [[5, 4, 3]] * 40 + [[1, 2, 3]] * 10)
    client.force_login(world.users["ketua"])
    html = client.get(url("evaluation_survey", world.own)).content.decode()
    assert "50 dari 50 tanggapan" in html and "w-pct-100" in html
    # Mean of every answer: (40 × 12 + 10 × 6) / 150 = 3.6; on 0–100: (3.6 − 1) / 4 × 100 = 65.
    assert "Indeks survei: <strong>65</strong> pada skala 0–100 (rata-rata jawaban 3,6 dari 5)." \
        in html


def test_the_summary_per_question_means_and_distribution(evaluation):
    evaluation.cycle.survey_min_responses = 4
    add_responses(evaluation, [[5, 1, 3], [4, 1, 3], [4, 2, 3], [1, 2, 3]])
    result = summary(evaluation)
    assert (result.responses, result.needed, result.counts, result.progress_percent) == (
        4, 4, True, 100)
    first, second, third = result.questions
    assert (first.count, first.mean, first.distribution) == (4, D("3.50"), [1, 0, 0, 2, 1])
    assert first.shares == [(1, 1, 25), (2, 0, 0), (3, 0, 0), (4, 2, 50), (5, 1, 25)]
    assert (second.mean, second.distribution) == (D("1.50"), [2, 2, 0, 0, 0])
    assert (third.mean, third.distribution) == (D("3.00"), [0, 0, 4, 0, 0])
    assert [row.question.number for row in result.questions] == [1, 2, 3]
    assert result.mean == D("2.67")  # 32 / 12
    assert result.index == D("41.67")  # (32 / 12 − 1) / 4 × 100, rounded once at the end


def test_below_the_minimum_there_is_progress_but_no_index(evaluation):
    add_responses(evaluation, [[3, 3, 3]] * 37)
    result = summary(evaluation)
    assert (result.responses, result.counts, result.progress_percent) == (37, False, 74)
    assert result.mean == D("3.00") and result.index is None
    assert scale_index(D(3), D(100)) == D(50) and scale_index(D(5), D(5)) == D(5)


def test_an_empty_survey(evaluation):
    result = summary(evaluation)
    assert (result.responses, result.mean, result.index, result.progress_percent) == (0, None, None, 0)
    assert [row.count for row in result.questions] == [0, 0, 0]


def test_the_team_closes_and_opens_the_link(client, world, evaluation):
    client.force_login(world.users["anggota"])
    response = client.post(url("evaluation_survey_open", world.own), {"buka": "0"})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.survey_open
    page = client.get(response["Location"]).content.decode()
    assert "Survei warga ditutup" in page and "Buka survei" in page
    client.post(url("evaluation_survey_open", world.own), {"buka": "1"})
    evaluation.refresh_from_db()
    assert evaluation.survey_open
    client.post(url("evaluation_survey_open", world.own), {"buka": "mungkin"})
    evaluation.refresh_from_db()
    assert evaluation.survey_open


def test_the_dewan_and_the_pembimbing_do_not_close_it(client, world, evaluation):
    for role in ("dewan", "pembimbing"):
        client.force_login(world.users[role])
        assert client.post(url("evaluation_survey_open", world.own), {"buka": "0"}).status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.survey_open


def test_the_page_reads_in_a_fixed_number_of_queries(client, world, evaluation,
                                                    django_assert_max_num_queries):
    client.force_login(world.users["ketua"])
    add_responses(evaluation, [[3, 4, 5]] * 3)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url("evaluation_survey", world.own)).status_code == 200
    add_questions(evaluation.cycle, 9)
    add_responses(evaluation, [[index % 5 + 1] * 12 for index in range(120)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("evaluation_survey", world.own)).status_code == 200
