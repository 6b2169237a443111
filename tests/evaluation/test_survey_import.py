"""Survey responses from a CSV file: a good file is saved whole (comma or semicolon, with or
without Excel's byte order mark, headers p1… or 1…), a bad one is refused whole with every error
naming its row and column, and nothing of it is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.models import ResponseSource, SurveyAnswer, SurveyResponse
from evaluation.survey_import import MAX_ERRORS_SHOWN

from .helpers import make_cycle
from .survey_helpers import add_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(world):
    cycle = make_cycle(2026, [world.own, world.other])
    add_questions(cycle, 3)
    return cycle.participants.get(region=world.own)


def url(name, region, year=2026):
    return reverse(name, kwargs={"region_code": region.code, "year": year})


def upload(client, region, content, name="tanggapan.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(url("evaluation_survey_import", region),
                       {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


@pytest.fixture
def ketua(client, world):
    client.force_login(world.users["ketua"])
    return client


def refused(response):
    """The errors the page lists, after checking the file was refused and nothing saved."""
    assert response.status_code == 422
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()
    html = response.content.decode()
    assert "Berkas ditolak; tidak ada tanggapan yang disimpan." in html
    return html


def test_a_semicolon_file_from_excel_is_imported_whole(ketua, world, evaluation):
    rows = "\r\n".join(["p3;p1;p2", *["5;4;3"] * 20, "", "1;2;3", "2;2;2", "3;3;3", ""])
    response = upload(ketua, world.own, "\ufeff" + rows)
    assert response.status_code == 302 and response["Location"].endswith("#kemajuan")
    assert SurveyResponse.objects.filter(evaluation=evaluation).count() == 23
    assert set(SurveyResponse.objects.values_list("source", "device_hash")) == {
        (ResponseSource.IMPORT, "")}
    first = evaluation.cycle.questions.order_by("position").first()
    assert SurveyAnswer.objects.filter(question=first, value=4).count() == 20
    page = ketua.get(response["Location"]).content.decode()
    assert "23 tanggapan diimpor." in page and "23 dari 50 tanggapan" in page


def test_a_comma_file_with_numbered_headers_is_imported(ketua, world, evaluation):
    assert upload(ketua, world.own, "1,2,3\n1,2,3\n4,5,1\n").status_code == 302
    assert SurveyResponse.objects.count() == 2 and SurveyAnswer.objects.count() == 6


def test_every_bad_value_is_named_by_row_and_column(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1,p2,p3\n1,2,3\n4,5,1\n5,6,7\n,2,3\n4.0,x,3\n"))
    for message in ["Baris 4, kolom p2: nilai harus 1–5, tertulis “6”.",
                    "Baris 4, kolom p3: nilai harus 1–5, tertulis “7”.",
                    "Baris 5, kolom p1: kosong; isi nilai 1–5.",
                    "Baris 6, kolom p1: nilai harus 1–5, tertulis “4.0”.",
                    "Baris 6, kolom p2: nilai harus 1–5, tertulis “x”."]:
        assert message in html


def test_a_short_row_has_its_missing_answers_named(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1;p2;p3\n1;2\n"))
    assert "Baris 2, kolom p3: kosong; isi nilai 1–5." in html


def test_header_errors_are_named(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1,nama,p9,p1\n1,Budi,2,3\n"))
    for message in ["Baris 1, kolom 2: judul “nama” tidak dikenal; tulis nomor pertanyaan, "
                    "mis. p1 atau 1.",
                    "Baris 1, kolom 3: pertanyaan p9 tidak ada; kuesioner ini berisi p1 sampai p3.",
                    "Baris 1, kolom 4: p1 sudah ada di kolom 1.",
                    "Baris 1: kolom p2 tidak ada; setiap pertanyaan perlu satu kolom.",
                    "Baris 1: kolom p3 tidak ada; setiap pertanyaan perlu satu kolom."]:
        assert message in html


def test_values_beyond_the_headed_columns_are_refused(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1,p2,p3,\n1,2,3,4\n1,2,3,\n1,2,3,,9\n"))
    assert "Baris 2, kolom 4: ada nilai “4” di kolom tanpa judul." in html
    assert "Baris 4: ada 1 nilai di kanan kolom terakhir yang berjudul" in html
    assert "Baris 3" not in html  # an empty cell under an empty header is fine


def test_an_empty_file_or_one_without_responses_is_refused(ketua, world, evaluation):
    response = upload(ketua, world.own, "")
    assert response.status_code == 422 and "Berkas kosong" in response.content.decode()
    assert "Berkas kosong" in refused(upload(ketua, world.own, "\ufeff\r\n"))
    assert "Berkas tidak berisi tanggapan" in refused(upload(ketua, world.own, "p1,p2,p3\n\n"))


def test_a_file_not_in_utf8_or_not_a_csv_is_refused(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1,p2,p3\n1,2,3\n".encode("utf-16")))
    assert "Berkas bukan teks UTF-8." in html
    html = refused(upload(ketua, world.own, b"PK\x03\x04\x00\x00rest", name="tanggapan.xlsx"))
    assert "bukan .xlsx" in html


def test_no_file_or_a_file_too_large_is_refused(ketua, world, evaluation):
    response = ketua.post(url("evaluation_survey_import", world.own), {})
    assert response.status_code == 422
    assert "Pilih berkas CSV yang akan diimpor." in response.content.decode()
    big = "p1,p2,p3\n" + "1,2,3\n" * 400_000
    assert "Berkas lebih besar dari 2 MB" in upload(ketua, world.own, big).content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_long_list_of_errors_is_cut_with_a_count(ketua, world, evaluation):
    html = refused(upload(ketua, world.own, "p1,p2,p3\n" + "9,9,9\n" * 50))
    assert html.count("nilai harus 1–5") == MAX_ERRORS_SHOWN
    assert "… dan 50 kesalahan lain." in html


def test_a_cycle_without_questions_takes_no_file(ketua, world):
    make_cycle(2027, [world.own])
    response = ketua.post(url("evaluation_survey_import", world.own, 2027),
                          {"file": SimpleUploadedFile("a.csv", b"p1\n1\n", content_type="text/csv")})
    assert "Kuesioner siklus ini belum berisi pertanyaan." in refused(response)


def test_the_template_names_the_cycles_questions(ketua, world, evaluation):
    response = ketua.get(url("evaluation_survey_template", world.own))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="survei-warga-32.73-2026.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8") == "\ufeffp1,p2,p3\r\n"
    # The template, filled, is a good file.
    assert upload(ketua, world.own, response.content.decode("utf-8") + "1,2,3\r\n").status_code == 302


def test_only_the_regions_team_and_admins_import(client, world, evaluation):
    for role, status in (("dewan", 403), ("pembimbing", 403), ("anggota", 302), ("admin", 302)):
        client.force_login(world.users[role])
        assert upload(client, world.own, "p1,p2,p3\n1,2,3\n").status_code == status, role
    assert SurveyResponse.objects.count() == 2


def test_another_regions_team_cannot_reach_this_survey(client, world, evaluation):
    client.force_login(world.memberships["other"]["ketua"].user)
    assert upload(client, world.own, "p1,p2,p3\n1,2,3\n").status_code == 404
    assert client.get(url("evaluation_survey", world.own)).status_code == 404
    assert client.get(url("evaluation_survey_template", world.own)).status_code == 404
    assert client.post(url("evaluation_survey_open", world.own), {"buka": "0"}).status_code == 404
    assert not SurveyResponse.objects.exists()
    evaluation.refresh_from_db()
    assert evaluation.survey_open
