"""The regulation pages: status edits, uploads checked by content and size, downloads through the
access layer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap import regulations
from roadmap.models import Regulation

from ..pdf_helpers import POLYGLOT, pdf_with_embedded_file, pdf_with_open_action_javascript
from .institution_helpers import (
    PDF_BYTES,
    PNG_BYTES,
    big_upload,
    guide_regulation,
    media_files,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def url(name, region, regulation=None):
    kwargs = {"region_code": region.code}
    if regulation is not None:
        kwargs["regulation_pk"] = regulation.pk
    return reverse(name, kwargs=kwargs)


def state(regulation):
    regulation.refresh_from_db()
    return (regulation.version, regulation.status, regulation.number, regulation.date,
            regulation.document.name)


def with_document(masterplan, name="perda.pdf"):
    regulation = guide_regulation(masterplan)
    regulations.replace_document(regulation, pdf_upload(name), None, regulation.version)
    return regulation


def test_setting_a_regulation_enacted_needs_number_and_date(client, world):
    perda = guide_regulation(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    edit = url("regulation_edit", world.own, perda)
    response = client.post(edit, {"status": "ditetapkan", "number": "", "date": "",
                                  "version": perda.version})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Regulasi yang ditetapkan harus memiliki nomor." in page
    assert "Regulasi yang ditetapkan harus memiliki tanggal penetapan." in page
    assert state(perda)[1] == "belum_ada"
    response = client.post(edit, {"status": "ditetapkan", "number": "Perda No. 3 Tahun 2026",
                                  "date": "2026-05-04", "version": perda.version})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/regulasi/#regulasi-{perda.pk}")
    assert state(perda)[1:3] == ("ditetapkan", "Perda No. 3 Tahun 2026")


def test_upload_then_download_with_safe_headers(client, world, media):
    perda = guide_regulation(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_document_upload", world.own, perda),
                           {"document": pdf_upload("Perda Smart City.pdf"),
                            "version": perda.version})
    assert response.status_code == 302
    assert state(perda)[4].endswith("/Perda_Smart_City.pdf")
    client.force_login(world.user("dewan"))  # reading is enough to download
    response = client.get(url("regulation_document", world.own, perda))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Perda_Smart_City.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    page = client.get(url("regulation_list", world.own)).content.decode()
    assert url("regulation_document", world.own, perda) in page


@pytest.mark.parametrize("upload,message", [
    (lambda: pdf_upload("gambar.pdf", PNG_BYTES),
     "Isi berkas “gambar.pdf” bukan PDF yang sah, walaupun namanya berakhiran .pdf."),
    (lambda: big_upload(20 * MB + 1),
     "Berkas “besar.pdf” terlalu besar (20,0 MB); dokumen regulasi paling besar 20 MB."),
    (lambda: pdf_upload("catatan.txt", b"%PDF-1.4 teks"),
     "Berkas “catatan.txt” bukan PDF. Unggah dokumen regulasi sebagai berkas .pdf."),
    (lambda: pdf_upload("poliglot.pdf", POLYGLOT),
     "Berkas PDF “poliglot.pdf” tidak dapat dibaca"),
    (lambda: pdf_upload("skrip.pdf", pdf_with_open_action_javascript()),
     "PDF “skrip.pdf” berisi JavaScript atau berkas sisipan"),
    (lambda: pdf_upload("sisipan.pdf", pdf_with_embedded_file()),
     "PDF “sisipan.pdf” berisi JavaScript atau berkas sisipan"),
])
def test_refused_uploads_answer_422_and_leave_nothing(client, world, media, upload, message):
    perda = guide_regulation(world.masterplans["own"])
    before = state(perda)
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_document_upload", world.own, perda),
                           {"document": upload(), "version": perda.version})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert state(perda) == before
    assert media_files(media) == []


def test_a_refused_replacement_keeps_the_old_document(client, world, media):
    perda = with_document(world.masterplans["own"], "asli.pdf")
    before = state(perda)
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_document_upload", world.own, perda),
                           {"document": pdf_upload("palsu.pdf", PNG_BYTES),
                            "version": perda.version})
    assert response.status_code == 422
    assert state(perda) == before
    assert [name.rsplit("/", 1)[-1] for name in media_files(media)] == ["asli.pdf"]


def test_upload_without_a_file_is_refused(client, world, media):
    perda = guide_regulation(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_document_upload", world.own, perda),
                           {"version": perda.version})
    assert response.status_code == 422
    assert "Pilih berkas PDF yang akan diunggah." in response.content.decode()


def test_upload_without_the_version_seen_is_refused(client, world, media):
    perda = guide_regulation(world.masterplans["own"])
    before = state(perda)
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_document_upload", world.own, perda),
                           {"document": pdf_upload()})
    assert response.status_code == 422
    assert "Versi data tidak terbaca" in response.content.decode()
    assert state(perda) == before
    assert media_files(media) == []


def test_remove_document(client, world, media, django_capture_on_commit_callbacks):
    perda = with_document(world.masterplans["own"])
    client.force_login(world.user("ketua"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("regulation_document_remove", world.own, perda),
                               {"version": perda.version})
    assert response.status_code == 302
    assert state(perda)[4] == ""
    assert media_files(media) == []
    client.force_login(world.user("dewan"))
    assert client.get(url("regulation_document", world.own, perda)).status_code == 404


def test_another_regions_document_is_not_found_through_this_region(client, world, media):
    foreign = with_document(world.masterplans["other"], "banyuwangi.pdf")
    for role in ("anggota", "dewan", "admin"):
        client.force_login(world.user(role))
        response = client.get(url("regulation_document", world.own, foreign))
        assert response.status_code == 404, role
    client.force_login(world.user("anggota"))
    assert client.get(url("regulation_document", world.other, foreign)).status_code == 404
    client.force_login(world.user("admin"))  # admins see every region
    assert client.get(url("regulation_document", world.other, foreign)).status_code == 200
    client.force_login(world.user("ketua"))
    response = client.post(url("regulation_document_upload", world.own, foreign),
                           {"document": pdf_upload(), "version": foreign.version})
    assert response.status_code == 404
    assert state(foreign)[4].endswith("banyuwangi.pdf")


def test_other_regulations_are_added_and_deleted_but_not_the_guides(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    response = client.post(url("regulation_add", world.own),
                           {"title": "Perwal Satu Data", "status": "draf"})
    assert response.status_code == 302
    other = Regulation.objects.get(masterplan=masterplan, code="")
    perda = guide_regulation(masterplan)
    response = client.post(url("regulation_delete", world.own, perda), {"version": perda.version})
    assert response.status_code == 422
    assert "tidak dapat dihapus" in response.content.decode()
    response = client.post(url("regulation_delete", world.own, other), {"version": other.version})
    assert response.status_code == 302
    assert Regulation.objects.filter(masterplan=masterplan).count() == 4


def test_regulation_list_query_count_does_not_grow(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("pembimbing"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("regulation_list", world.own)).status_code == 200
        return len(queries)

    few = count()
    for index in range(8):
        Regulation.objects.create(masterplan=masterplan, title=f"Perwal {index}", position=10 + index,
                                  status="draf", updated_by=world.user("anggota"))
    assert count() == few
