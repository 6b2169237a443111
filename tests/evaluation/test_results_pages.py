"""The admins' results pages: the participants with published and recomputed final, one region's
form (Indonesian numbers, refused input 422 and nothing saved, the difference warned about), and
the CSV upload that saves a whole file or nothing."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation import results
from evaluation.models import PublishedResult

from .helpers import make_cycle

pytestmark = pytest.mark.django_db

FORM = {"baseline": "80", "output": "70", "outcome": "60", "impact": "50", "quick_win": "90",
        "final": "68", "source": "Surat B-1/2026"}
HEADER = "kode_wilayah;baseline;output;outcome;impact;quick_win;final"


def edit_url(region, year=2026):
    return reverse("evaluation_result_edit", kwargs={"year": year, "region_code": region.code})


def list_url(year=2026):
    return reverse("evaluation_results", kwargs={"year": year})


def admin_client(client, world):
    client.force_login(world.users["admin"])
    return client


def test_an_admin_records_a_result_with_indonesian_numbers(client, world):
    cycle = make_cycle(2026, [world.own, world.other])
    client = admin_client(client, world)
    page = client.get(edit_url(world.own)).content.decode()
    assert "Bobot siklus ini (Baseline/Output/Outcome/Impact/Quick Win): 10/20/30/20/20." in page
    response = client.post(edit_url(world.own), {
        **FORM, "baseline": "80,5", "final": "68.05", "dimension_governance": "71,25",
        "dimension_economy": "66.5"})
    assert response.status_code == 302
    assert response["Location"] == f"{list_url()}#wilayah-32.73"
    result = PublishedResult.objects.get(evaluation__cycle=cycle)
    assert (result.baseline, result.final) == (D("80.5"), D("68.05"))
    assert result.dimensions == {"governance": "71.25", "economy": "66.50"}
    assert result.recorded_by == world.users["admin"] and result.source == "Surat B-1/2026"
    listing = client.get(response["Location"]).content.decode()
    assert "Hasil resmi Kota Bandung 2026 disimpan." in listing
    assert "1 dari 2 peserta sudah memiliki hasil resmi" in listing
    assert "table-warning" not in listing  # 68.05 is the weighted sum (80.5 weighs 0.05 more)


def test_a_difference_over_the_tolerance_is_saved_and_warned_about(client, world):
    make_cycle(2026, [world.own])
    client = admin_client(client, world)
    response = client.post(edit_url(world.own), {**FORM, "final": "68,5"}, follow=True)
    content = response.content.decode()
    warning = ("Indeks akhir terbit 68,5 berbeda 0,5 dari jumlah tertimbang komponennya dengan "
               "bobot siklus (68): periksa salah ketik, atau bobot yang dipakai Kementerian "
               "berbeda.")
    assert warning in content
    assert "1 wilayah selisih &gt; 0,01" in content and "table-warning" in content
    form_page = client.get(edit_url(world.own)).content.decode()
    assert 'id="peringatan-selisih"' in form_page and warning in form_page
    assert "Indeks akhir tercatat 68,5; jumlah tertimbang komponennya 68." in form_page
    assert 'name="final" value="68,50"' in form_page  # what is stored, the Indonesian way


@pytest.mark.parametrize("field,value,message", [
    ("outcome", "7O,5", "Masukkan sebuah bilangan."),
    ("final", "101", "Indeks paling tinggi 100, sesuai skala siklus ini."),
    ("impact", "-1", "Indeks tidak boleh negatif."),
    ("baseline", "80,125", "Paling banyak dua angka desimal."),
    ("quick_win", "", "Bidang ini tidak boleh kosong."),
    ("dimension_living", "abc", "Masukkan sebuah bilangan."),
])
def test_refused_input_answers_422_and_saves_nothing(client, world, field, value, message):
    make_cycle(2026, [world.own])
    response = admin_client(client, world).post(edit_url(world.own), {**FORM, field: value})
    content = response.content.decode()
    assert response.status_code == 422
    assert "Periksa isian yang ditandai; belum ada yang disimpan." in content
    assert message in content
    assert "data-unsaved-input" in content
    assert not PublishedResult.objects.exists()


def test_an_existing_result_is_replaced_not_duplicated(client, world):
    make_cycle(2026, [world.own])
    client = admin_client(client, world)
    client.post(edit_url(world.own), FORM)
    client.post(edit_url(world.own), {**FORM, "final": "68,01", "dimension_society": "50"})
    result = PublishedResult.objects.get()
    assert result.final == D("68.01") and result.dimensions == {"society": "50.00"}


def test_a_region_taking_no_part_and_a_year_without_cycle_are_unknown(client, world):
    make_cycle(2026, [world.own])
    client = admin_client(client, world)
    assert client.get(edit_url(world.other)).status_code == 404
    assert client.get(edit_url(world.own, 2030)).status_code == 404
    assert client.get(list_url(2030)).status_code == 404


def test_only_admins_open_the_results_pages(client, world):
    make_cycle(2026, [world.own])
    for role in ("pembimbing", "ketua", "anggota", "dewan"):
        client.force_login(world.users[role])
        assert client.get(list_url()).status_code == 403
        assert client.post(edit_url(world.own), FORM).status_code == 403
    assert not PublishedResult.objects.exists()


def test_the_list_shows_published_recomputed_and_difference_and_links_each_form(client, world):
    cycle = make_cycle(2026, [world.own, world.other])
    values = {"baseline": D(80), "output": D(70), "outcome": D(60), "impact": D(50),
              "quick_win": D(90), "final": D("68.5")}
    results.record_result(cycle.participants.get(region=world.own), values, None, "Surat")
    content = admin_client(client, world).get(list_url()).content.decode()
    row = content[content.index('id="wilayah-32.73"'):content.index('id="wilayah-35.10"')]
    assert ">68,5</td>" in row and ">68</td>" in row and ">0,5 <span" in row
    assert f'href="{edit_url(world.own)}">Ubah hasil 32.73' in row
    assert f'href="{edit_url(world.other)}">Catat hasil 35.10' in content
    cycles = client.get(reverse("evaluation_cycles")).content.decode()
    assert f'href="{list_url()}"' in cycles
    cycle_form = client.get(reverse("evaluation_cycle_edit", kwargs={"year": 2026})).content.decode()
    assert f'href="{list_url()}"' in cycle_form


def upload(client, text, name="hasil.csv", source=""):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("evaluation_results_import", kwargs={"year": 2026}),
                       {"file": file, "source": source})


def test_an_uploaded_file_is_imported_whole(client, world):
    make_cycle(2026, [world.own])
    client = admin_client(client, world)
    response = upload(client, f"{HEADER}\n32.73;80;70;60;50;90;68\n51.71;80;70;60;50;90;69\n")
    assert response.status_code == 302 and response["Location"] == list_url()
    content = client.get(list_url()).content.decode()
    assert "2 hasil resmi dari hasil.csv disimpan." in content
    assert "Ditambahkan sebagai peserta siklus 2026: 51.71 Kota Denpasar." in content
    assert "1 wilayah selisih &gt; 0,01 antara indeks akhir terbit dan hasil hitung: 51.71." in content
    assert PublishedResult.objects.count() == 2
    assert set(PublishedResult.objects.values_list("source", flat=True)) == {"Impor CSV hasil.csv"}


def test_a_refused_file_lists_every_error_answers_422_and_saves_nothing(client, world):
    make_cycle(2026, [world.own])
    client = admin_client(client, world)
    response = upload(client, f"{HEADER}\n32.73;80;70;60;50;90;68\n35.10;80;70;7O,5;50;90;99.99\n"
                              "99.99;1;1;1;1;1;1\n")
    content = response.content.decode()
    assert response.status_code == 422
    assert "Berkas ditolak, tidak ada yang disimpan:" in content
    assert "Baris 3, kolom outcome: “7O,5” bukan angka." in content
    assert "Baris 4, kolom kode_wilayah: kode “99.99” tidak dikenal." in content
    assert not PublishedResult.objects.exists()


def test_an_upload_without_a_file_is_refused(client, world):
    make_cycle(2026, [world.own])
    response = admin_client(client, world).post(
        reverse("evaluation_results_import", kwargs={"year": 2026}), {})
    assert response.status_code == 422
    assert "Bidang ini tidak boleh kosong." in response.content.decode()
