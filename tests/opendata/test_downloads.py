"""The open-data files: CSV (UTF-8, header of column names, formula cells escaped, numbers kept)
and JSON (metadata and rows) per dataset, nationally and per published region, the data
dictionary, public cache headers without cookies, nothing of an unpublished masterplan."""

import csv
import io
import json

import pytest

from opendata import services
from opendata.datasets import CODE_LISTS, DATASETS

from .helpers import fill, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world):
    own = fill(world.masterplans["own"], programs=4)
    publish(own, licence="CC0-1.0")
    fill(world.masterplans["other"], programs=2)  # unpublished
    return own


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_every_dataset_downloads_as_csv_and_json_nationally_and_per_region(client, published):
    for name, dataset in DATASETS.items():
        for url in (f"/data/{name}.csv", f"/data/wilayah/32.73/{name}.csv"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert response["Content-Disposition"].startswith("attachment;")
            rows = read_csv(response)
            assert rows[0] == dataset.column_names
            assert {row[0] for row in rows[1:]} == {"32.73"}, url  # never the unpublished one
        document = json.loads(client.get(f"/data/wilayah/32.73/{name}.json").content)
        assert document["dataset"] == name and document["kolom"] == dataset.column_names
        assert document["lisensi"][0]["kode"] == "CC0-1.0"
        assert document["wilayah"] == {"kode_wilayah": "32.73", "nama_wilayah": "Kota Bandung"}
        assert document["sumber"] and document["dibuat_pada"].endswith("+07:00")
        assert document["jumlah_baris"] == len(document["data"]) > 0


def test_csv_escapes_formula_text_but_keeps_negative_numbers(client, published):
    rows = read_csv(client.get("/data/kesiapan.csv"))
    header = rows[0]
    judged = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    extra = next(row for row in judged if row["nomor_tambahan"] == "1")
    assert extra["komponen"] == "'+Komponen tambahan" and extra["catatan"] == "'@catatan"
    first = next(row for row in judged if row["nilai_teks"])
    assert first["nilai_teks"] == "'=SUM(A1:A9)"
    assert first["nilai_angka"] == "-12.5"  # a number, not text
    applications = read_csv(client.get("/data/aplikasi.csv"))
    assert ["32.73", "'=HYPERLINK(\"x\")"] == applications[2][:2] or \
        ["32.73", "'=HYPERLINK(\"x\")"] == applications[1][:2]
    regulations = read_csv(client.get("/data/regulasi.csv"))
    assert any(row[2] == "'-Perda Satu Data" for row in regulations)
    # The JSON keeps the text as it is: it is no spreadsheet.
    document = json.loads(client.get("/data/kesiapan.json").content)
    assert any(row["nilai_teks"] == "=SUM(A1:A9)" for row in document["data"])


def test_escape_cell():
    assert services.escape_cell("=1+1") == "'=1+1"
    assert services.escape_cell("-x") == "'-x"
    assert services.escape_cell("@x") == "'@x"
    assert services.escape_cell("+62 22") == "'+62 22"
    assert services.escape_cell("\tx") == "'\tx"
    assert services.escape_cell("Dinas") == "Dinas"


def test_public_files_and_pages_are_cacheable_without_a_cookie(client, published, settings):
    settings.OPEN_DATA_MAX_AGE = 600
    for url in ("/data/", "/data/wilayah/32.73/", "/data/kamus/", "/data/kamus.json",
                "/data/program.csv", "/data/semua.json", "/data/wilayah/32.73/kpi.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=600", url
        assert not response.cookies, url
        assert "Set-Cookie" not in response, url


def test_a_signed_in_user_gets_the_same_files_privately(client, world, published):
    client.force_login(world.user("dewan"))
    response = client.get("/data/program.csv")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_an_unpublished_region_has_no_open_data(client, world, published):
    for url in ("/data/wilayah/35.10/", "/data/wilayah/35.10/program.csv",
                "/data/wilayah/35.10/semua.json", "/data/wilayah/99.99/"):
        assert client.get(url).status_code == 404, url
    client.force_login(world.memberships["other"]["ketua"].user)  # not even for its own team
    assert client.get("/data/wilayah/35.10/program.csv").status_code == 404


def test_the_index_states_the_licence_and_lists_the_files(client, published):
    page = client.get("/data/wilayah/32.73/").content.decode()
    assert "CC0 1.0" in page and "/data/wilayah/32.73/program.csv" in page
    national = client.get("/data/").content.decode()
    assert "/data/wilayah/32.73/" in national and "/data/wilayah/35.10/" not in national


def test_the_dictionary_describes_every_column_and_its_code_list(client):
    document = json.loads(client.get("/data/kamus.json").content)
    described = {dataset["nama"]: dataset for dataset in document["dataset"]}
    assert list(described) == list(DATASETS)
    for name, dataset in DATASETS.items():
        columns = described[name]["kolom"]
        assert [column["nama"] for column in columns] == dataset.column_names
        for column in columns:
            assert column["tipe"] in document["tipe"] and column["deskripsi"]
            if column["daftar_kode"]:
                assert column["daftar_kode"] in document["daftar_kode"]
    assert {code["kode"] for code in document["daftar_kode"]["dimensi"]["kode"]} >= {
        "governance", "branding", "economy", "living", "society", "environment"}
    assert {code["kode"] for code in document["daftar_kode"]["penilaian"]["kode"]} == {
        "baik", "sedang", "buruk"}
    assert document["daftar_kode"]["wilayah"]["kode"] is None  # described, not listed
    assert set(document["daftar_kode"]) == set(CODE_LISTS)
    page = client.get("/data/kamus/").content.decode()
    assert all(f"<code>{column.name}</code>" in page
               for dataset in DATASETS.values() for column in dataset.columns)
    rows = read_csv(client.get("/data/kamus.csv"))
    assert rows[0] == ["dataset", "kolom", "tipe", "satuan", "daftar_kode", "deskripsi"]
    assert len(rows) - 1 == sum(len(dataset.columns) for dataset in DATASETS.values())
