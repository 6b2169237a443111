"""Regulations: the guide's list, status rules, other regulations, PDF documents."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from masterplan.editing import VersionConflict
from masterplan.ordering import RowChanged
from roadmap import regulations
from roadmap.models import Regulation
from roadmap.regulations import RegulationForm, clean_filename

from ..pdf_helpers import ACTIVE_PDFS, POLYGLOT
from ..swot.strategic_helpers import form_data
from .institution_helpers import (
    PDF_BYTES,
    PNG_BYTES,
    big_upload,
    guide_regulation,
    media_files,
    pdf_upload,
)

pytestmark = pytest.mark.django_db
D = datetime.date
MB = 1024 * 1024


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def post_form(regulation, masterplan, **values):
    form = RegulationForm(instance=regulation, masterplan=masterplan)
    return RegulationForm(form_data(form, **values), instance=regulation, masterplan=masterplan)


def state(regulation):
    regulation.refresh_from_db()
    return (regulation.version, regulation.status, regulation.number, regulation.date,
            regulation.document.name)


def test_every_masterplan_has_the_guides_four_regulations(world):
    rows = list(Regulation.objects.filter(masterplan=world.masterplans["own"])
                .order_by("position").values_list("code", "status"))
    assert rows == [("perda_masterplan", "belum_ada"), ("perkada_quick_wins", "belum_ada"),
                    ("keputusan_dewan_tim", "belum_ada"), ("juklak_juknis", "belum_ada")]


def test_enacted_regulation_is_saved_with_number_and_date(world):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    form = post_form(perda, masterplan, status="ditetapkan", number="Perda No. 3 Tahun 2026",
                     date="2026-05-04")
    assert form.is_valid(), form.errors
    regulations.save_regulation(form, world.user("anggota"))
    assert state(perda)[:4] == (2, "ditetapkan", "Perda No. 3 Tahun 2026", D(2026, 5, 4))
    assert "title" not in form.fields  # the guide's titles are not edited


@pytest.mark.parametrize("values,errors", [
    ({"status": "ditetapkan", "number": "", "date": ""},
     {"number": ["Regulasi yang ditetapkan harus memiliki nomor."],
      "date": ["Regulasi yang ditetapkan harus memiliki tanggal penetapan."]}),
    ({"status": "ditetapkan", "number": "Perda 3/2026", "date": ""},
     {"date": ["Regulasi yang ditetapkan harus memiliki tanggal penetapan."]}),
    ({"status": "ditetapkan", "number": "Perda 3/2026", "date": "2999-01-01"},
     {"date": ["Tanggal tidak boleh di masa depan."]}),
    ({"status": "dicabut"}, {"status": None}),
])
def test_bad_status_input_is_refused_and_nothing_saved(world, values, errors):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    before = state(perda)
    form = post_form(perda, masterplan, **values)
    assert not form.is_valid()
    for field, messages in errors.items():
        assert field in form.errors
        if messages:
            assert form.errors[field] == messages
    assert state(perda) == before


def test_draft_needs_no_number(world):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    form = post_form(perda, masterplan, status="draf")
    assert form.is_valid()


def test_concurrent_edit_of_a_regulation_is_refused(world):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    first = post_form(perda, masterplan, status="draf")
    second = post_form(guide_regulation(masterplan), masterplan, status="dibahas_dprd")
    assert first.is_valid() and second.is_valid()
    regulations.save_regulation(first, world.user("ketua"))
    with pytest.raises(VersionConflict) as conflict:
        regulations.save_regulation(second, world.user("anggota"))
    assert state(perda)[1] == "draf"
    assert [(c.label, c.before, c.after) for c in conflict.value.changes] == [
        ("Status", "Belum ada", "Draf")]


def test_other_regulations_are_added_at_the_end_and_deleted(world, media,
                                                            django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    form = post_form(Regulation(masterplan=masterplan), masterplan,
                     title="Perwal tentang Satu Data", status="draf")
    assert form.is_valid(), form.errors
    other = regulations.save_regulation(form, world.user("anggota"))
    assert (other.code, other.position) == ("", 5)
    with django_capture_on_commit_callbacks(execute=True):
        regulations.replace_document(other, pdf_upload("satu-data.pdf"), world.user("anggota"))
    assert media_files(media) == [f"regulasi/32.73/{masterplan.pk}/satu-data.pdf"]
    with pytest.raises(RowChanged):
        regulations.delete_regulation(other, other.version - 1)
    with django_capture_on_commit_callbacks(execute=True):
        regulations.delete_regulation(other, other.version)
    assert not Regulation.objects.filter(pk=other.pk).exists()
    assert media_files(media) == []


def test_another_regulation_needs_a_title(world):
    masterplan = world.masterplans["own"]
    form = post_form(Regulation(masterplan=masterplan), masterplan, title="", status="draf")
    assert form.errors["title"] == ["Tuliskan nama regulasinya."]


def test_the_guides_regulations_cannot_be_deleted(world):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        regulations.delete_regulation(perda, perda.version)
    assert Regulation.objects.filter(pk=perda.pk).exists()


# --- documents ---------------------------------------------------------------------------------

def test_a_pdf_is_stored_under_a_clean_name(world, media):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    regulations.replace_document(perda, pdf_upload("../Perda SC/2026 (final)!.PDF"),
                                 world.user("anggota"), perda.version)
    assert state(perda)[0] == 2
    assert regulations.document_name(perda) == "2026_final.pdf"
    assert perda.document.read() == PDF_BYTES
    assert perda.updated_by == world.user("anggota")


@pytest.mark.parametrize("upload,message", [
    (lambda: pdf_upload("perda.pdf", PNG_BYTES), "bukan PDF yang sah"),
    (lambda: pdf_upload("perda.png", PNG_BYTES), "bukan PDF. Unggah dokumen"),
    (lambda: pdf_upload("perda.docx", PDF_BYTES), "bukan PDF. Unggah dokumen"),
    (lambda: pdf_upload("perda", PDF_BYTES), "bukan PDF. Unggah dokumen"),
    (lambda: pdf_upload("perda.pdf", b""), "kosong"),
    (lambda: pdf_upload("perda.pdf", b"PDF-1.4 but not at the start"), "bukan PDF yang sah"),
    (lambda: big_upload(20 * MB + 1), "terlalu besar (20,0 MB); dokumen regulasi paling besar 20 MB"),
    (lambda: pdf_upload("perda.pdf", POLYGLOT), "tidak dapat dibaca"),
    (lambda: pdf_upload("perda.pdf", PDF_BYTES[: len(PDF_BYTES) // 2]), "tidak dapat dibaca"),
    *[(lambda make=make: pdf_upload("perda.pdf", make()), "berisi JavaScript atau berkas sisipan")
      for make in ACTIVE_PDFS.values()],
])
def test_uploads_are_checked_by_size_extension_and_content(world, media, upload, message):
    masterplan = world.masterplans["own"]
    perda = guide_regulation(masterplan)
    before = state(perda)
    with pytest.raises(regulations.DocumentRefused, match=message.replace("(", r"\(")
                       .replace(")", r"\)")):
        regulations.replace_document(perda, upload(), world.user("anggota"), perda.version)
    assert state(perda) == before
    assert media_files(media) == []


def test_exactly_20_mb_is_accepted(world, media):
    perda = guide_regulation(world.masterplans["own"])
    regulations.replace_document(perda, big_upload(20 * MB), None, perda.version)
    assert perda.document.size == 20 * MB


def test_replacing_removes_the_old_file_once_committed(world, media,
                                                       django_capture_on_commit_callbacks):
    perda = guide_regulation(world.masterplans["own"])
    with django_capture_on_commit_callbacks(execute=True):
        regulations.replace_document(perda, pdf_upload("draf-1.pdf"), None, perda.version)
    with django_capture_on_commit_callbacks(execute=True):
        regulations.replace_document(perda, pdf_upload("draf-2.pdf"), None, perda.version)
    assert [name.rsplit("/", 1)[-1] for name in media_files(media)] == ["draf-2.pdf"]
    with django_capture_on_commit_callbacks(execute=True):
        regulations.remove_document(perda, None, perda.version)
    assert state(perda)[4] == ""
    assert media_files(media) == []


def test_a_stale_upload_stores_nothing(world, media, django_capture_on_commit_callbacks):
    perda = guide_regulation(world.masterplans["own"])
    seen = perda.version
    with django_capture_on_commit_callbacks(execute=True):
        regulations.replace_document(perda, pdf_upload("pertama.pdf"), world.user("ketua"), seen)
    before = state(perda)
    stale = guide_regulation(world.masterplans["own"])
    with pytest.raises(regulations.DocumentChanged) as changed:
        regulations.replace_document(stale, pdf_upload("kedua.pdf"), None, seen)
    assert "sudah diubah oleh" in changed.value.message
    assert state(perda) == before
    assert [name.rsplit("/", 1)[-1] for name in media_files(media)] == ["pertama.pdf"]
    with pytest.raises(regulations.DocumentChanged):
        regulations.remove_document(stale, None, seen)
    assert state(perda) == before


@pytest.mark.parametrize("sent,cleaned", [
    ("Perda.PDF", "Perda.pdf"),
    ("C:\\Users\\x\\Keputusan Wali Kota.pdf", "Keputusan_Wali_Kota.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("\u202eevil\u0000.pdf", "evil.pdf"),
    (".pdf", "dokumen.pdf"),
    ("a" * 300 + ".pdf", "a" * 100 + ".pdf"),
])
def test_clean_filename(sent, cleaned):
    assert clean_filename(sent) == cleaned
