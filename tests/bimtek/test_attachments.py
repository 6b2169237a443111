"""Attachments: checked by content, size-limited, sanitised, stored privately, served through the
access layer; a refused upload leaves nothing behind."""

import io
import zipfile

import pytest
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from bimtek import attachments, reports
from bimtek.models import Attachment

from ..pdf_helpers import POLYGLOT, pdf_with_file_annotation, pdf_with_page_javascript
from .helpers import MINIMAL_PDF, OTHER, pdf_upload, url, visit_of, written_report

pytestmark = pytest.mark.django_db

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def image(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, kind)
    return buffer.getvalue()


def ooxml(main_type, part="word/document.xml", include_part=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'))
        if include_part:
            archive.writestr(part, "<document/>")
    return buffer.getvalue()


def xlsx():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Daftar hadir"
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("catatan.txt", "bukan dokumen Office")
    return buffer.getvalue()


def stored_files(media_root):
    return sorted(p.name for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


@pytest.fixture
def report(world):
    return reports.ensure_report(visit_of(world))


def upload(client, world, name, content, content_type="application/octet-stream"):
    client.force_login(world.user("pembimbing"))
    return client.post(url("bimtek_attachment_add"),
                       {"file": SimpleUploadedFile(name, content, content_type=content_type)})


# --- accepted ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,content_type", [
    ("notulen.pdf", MINIMAL_PDF, "application/pdf"),
    ("foto.png", image("PNG"), "image/png"),
    ("foto.jpg", image("JPEG"), "image/jpeg"),
    ("foto.JPEG", image("JPEG"), "image/jpeg"),
    ("laporan.docx", ooxml(DOCX_MAIN),
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("daftar-hadir.xlsx", xlsx(),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_accepted_kinds_are_stored_privately_with_their_real_type(
        client, world, report, private_media, name, content, content_type):
    # The browser's claim (text/html) is ignored: the stored type comes from the content.
    response = upload(client, world, name, content, content_type="text/html")
    assert response.status_code == 302
    attachment = Attachment.objects.get(report=report)
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.uploaded_by == world.user("pembimbing")
    assert attachment.file.name.startswith(f"bimtek/32.73/{report.pk}/")
    assert (private_media / attachment.file.name).read_bytes() == content


# --- refused ----------------------------------------------------------------------------------------

REFUSALS = [
    ("foto.pdf", image("PNG"),
     "Ekstensi berkas “foto.pdf” tidak sesuai dengan isinya: namanya PDF, isinya PNG."),
    ("catatan.docx", b"Ini hanya teks biasa, bukan dokumen Word.\n",
     "Isi berkas “catatan.docx” bukan DOCX (Word) yang sah."),
    ("arsip.docx", plain_zip(), "Isi berkas “arsip.docx” bukan DOCX (Word) yang sah."),
    ("tanpa-bagian.docx", ooxml(DOCX_MAIN, include_part=False),
     "Isi berkas “tanpa-bagian.docx” bukan DOCX (Word) yang sah."),
    ("laporan.xlsx", ooxml(DOCX_MAIN),
     "Ekstensi berkas “laporan.xlsx” tidak sesuai dengan isinya: namanya XLSX (Excel), "
     "isinya DOCX (Word)."),
    ("makro.xlsx", ooxml(XLSM_MAIN, part="xl/workbook.xml"),
     "Isi berkas “makro.xlsx” bukan XLSX (Excel) yang sah."),
    ("gambar.jpg", image("PNG"),
     "Ekstensi berkas “gambar.jpg” tidak sesuai dengan isinya: namanya JPEG, isinya PNG."),
    ("program.exe", b"MZ\x90\x00", "Jenis berkas “program.exe” tidak diterima."),
    ("notulen.pdf.html", b"<html>", "Jenis berkas “notulen.pdf.html” tidak diterima."),
    ("kosong.pdf", b"", "Berkas yang dikirimkan kosong."),
    ("poliglot.pdf", POLYGLOT, "Berkas PDF “poliglot.pdf” tidak dapat dibaca"),
    ("skrip.pdf", pdf_with_page_javascript(),
     "PDF “skrip.pdf” berisi JavaScript atau berkas sisipan"),
    ("sisipan.pdf", pdf_with_file_annotation(),
     "PDF “sisipan.pdf” berisi JavaScript atau berkas sisipan"),
]


@pytest.mark.parametrize("name,content,message", REFUSALS)
def test_refused_uploads_say_why_and_leave_nothing(client, world, report, private_media,
                                                   name, content, message):
    response = upload(client, world, name, content)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(private_media) == []


def test_a_file_over_20_mb_is_refused_and_leaves_nothing(client, world, report, private_media):
    content = MINIMAL_PDF + b"\0" * (20 * 1024 * 1024 + 1 - len(MINIMAL_PDF))
    response = upload(client, world, "besar.pdf", content)
    assert response.status_code == 422
    assert "Berkas “besar.pdf” terlalu besar (20,0 MB); lampiran paling besar 20 MB." in \
        response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(private_media) == []


def test_an_empty_file_is_refused_by_the_service_too():
    with pytest.raises(attachments.AttachmentRefused, match="Berkas “kosong.pdf” kosong."):
        attachments.check_upload(SimpleUploadedFile("kosong.pdf", b""), "kosong.pdf")


def test_the_size_limit_is_20_mb_inclusive():
    exactly = File(io.BytesIO(MINIMAL_PDF), name="batas.pdf")
    exactly.size = attachments.MAX_BYTES
    assert attachments.check_upload(exactly, "batas.pdf") == attachments.PDF
    exactly.size = attachments.MAX_BYTES + 1
    with pytest.raises(attachments.AttachmentRefused, match="terlalu besar"):
        attachments.check_upload(exactly, "batas.pdf")


def test_a_failed_save_removes_the_stored_file(world, report, private_media, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Attachment, "save", broken_save)
    with pytest.raises(RuntimeError):
        attachments.add_attachment(report, pdf_upload(), world.user("pembimbing"))
    assert stored_files(private_media) == []


@pytest.mark.parametrize("sent,stored", [
    ("../../etc/Notulen rapat<script>.PDF", "Notulen_rapat_script.pdf"),
    ("C:\\Users\\tim\\Laporan Bimtek #1.pdf", "Laporan_Bimtek_1.pdf"),
    ("..pdf", "lampiran.pdf"),
    ("notulen rapat  -- final.v2.pdf", "notulen_rapat_--_final.v2.pdf"),
    ("notulen\x00\x1f.pdf", "notulen.pdf"),
    ("Notula rapat Dinas Komunikasi dan Informatika " * 5 + ".pdf", None),
])
def test_file_names_are_sanitised(world, report, private_media, sent, stored):
    attachment = attachments.add_attachment(report, pdf_upload(sent), world.user("pembimbing"))
    name = attachment.file.name.rsplit("/", 1)[-1]
    assert attachment.original_name == name
    if stored is not None:
        assert name == stored
    else:
        assert len(name) <= attachments.MAX_NAME_STEM + 4 and name.endswith(".pdf")
    assert (private_media / attachment.file.name).is_file()
    assert private_media in (private_media / attachment.file.name).resolve().parents


# --- download and delete ------------------------------------------------------------------------

def attach(world, target="own", number=1, name="notulen.pdf"):
    visit = visit_of(world, number, target)
    return attachments.add_attachment(reports.ensure_report(visit), pdf_upload(name), None)


@pytest.mark.parametrize("role", ["admin", "pembimbing", "ketua", "anggota", "dewan"])
def test_every_role_downloads_through_the_access_layer(client, world, role):
    attachment = attach(world)
    client.force_login(world.user(role))
    response = client.get(url("bimtek_attachment", attachment_pk=attachment.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="notulen.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize("role", ["admin", "pembimbing", "ketua", "anggota", "dewan"])
def test_another_regions_attachment_through_this_regions_url_is_404(client, world, role):
    theirs = attach(world, target="other")
    client.force_login(world.user(role))
    assert client.get(url("bimtek_attachment", attachment_pk=theirs.pk)).status_code == 404
    assert client.post(url("bimtek_attachment_delete", attachment_pk=theirs.pk)).status_code in (
        403, 404)
    assert Attachment.objects.filter(pk=theirs.pk).exists()


def test_another_visits_attachment_id_is_404(client, world):
    second = attach(world, number=2)
    client.force_login(world.user("dewan"))
    assert client.get(url("bimtek_attachment", number=1, attachment_pk=second.pk)).status_code == 404
    assert client.get(url("bimtek_attachment", number=2, attachment_pk=second.pk)).status_code == 200


def test_other_region_users_get_404_for_its_attachments(client, world):
    ours = attach(world)
    client.force_login(world.memberships["other"]["ketua"].user)
    assert client.get(url("bimtek_attachment", attachment_pk=ours.pk)).status_code == 404


def test_a_missing_file_is_404_not_a_crash(client, world):
    attachment = attach(world)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(world.user("dewan"))
    assert client.get(url("bimtek_attachment", attachment_pk=attachment.pk)).status_code == 404


def test_the_pembimbing_deletes_an_attachment_and_its_file(
        client, world, private_media, django_capture_on_commit_callbacks):
    attachment = attach(world)
    path = private_media / attachment.file.name
    client.force_login(world.user("ketua"))
    assert client.post(url("bimtek_attachment_delete", attachment_pk=attachment.pk)).status_code == 403
    assert path.is_file()
    client.force_login(world.user("pembimbing"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("bimtek_attachment_delete", attachment_pk=attachment.pk))
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not path.exists()


def test_signed_reports_keep_their_attachments(client, world, private_media):
    report = written_report(world)
    attachment = attachments.add_attachment(report, pdf_upload(), world.user("pembimbing"))
    reports.sign(report, world.user("pembimbing"))
    reports.sign(report, world.user("ketua"))
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_attachment_delete", attachment_pk=attachment.pk), follow=True)
    assert "Laporan sudah ditandatangani kedua pihak; tidak dapat diubah." in response.content.decode()
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert (private_media / attachment.file.name).is_file()
    response = client.post(url("bimtek_attachment_add"), {"file": pdf_upload("baru.pdf")},
                           follow=True)
    assert "Laporan sudah ditandatangani kedua pihak; tidak dapat diubah." in response.content.decode()
    assert stored_files(private_media) == ["notulen.pdf"]


def test_upload_form_is_offered_to_writers_only(client, world):
    client.force_login(world.user("pembimbing"))
    assert url("bimtek_attachment_add") in client.get(url("bimtek_visit")).content.decode()
    client.force_login(world.user("ketua"))
    assert url("bimtek_attachment_add") not in client.get(url("bimtek_visit")).content.decode()


def test_other_region_is_404_for_uploads(client, world):
    client.force_login(world.user("pembimbing"))
    response = client.post(url("bimtek_attachment_add", code=OTHER), {"file": pdf_upload()})
    assert response.status_code == 404
    assert not Attachment.objects.exists()
