import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from books.documents import BOOK
from masterplan.models import ExportBatch, RenderJob
from masterplan.rendering.batch import build_archive

pytestmark = pytest.mark.django_db


def test_admin_exports_the_filtered_regions_books_as_one_zip(client, world,
                                                            django_capture_on_commit_callbacks):
    world.masterplans["other"].outlook.delete()  # this region's Buku I will fail
    client.force_login(world.user("admin"))
    url = reverse("batch_export") + "?status=draf"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"books": ["1", "3"]})
    batch = ExportBatch.objects.get()
    assert response["Location"] == reverse("batch_export_detail", kwargs={"batch_pk": batch.pk})
    assert sorted(batch.jobs.values_list("masterplan__region__code", "part", "status")) == [
        ("32.73", "1", "succeeded"), ("32.73", "3", "succeeded"),
        ("35.10", "1", "failed"), ("35.10", "3", "succeeded")]
    page = client.get(response["Location"]).content.decode()
    assert "Kabupaten Banyuwangi" in page and "gagal dibuat" in page
    archive = client.get(reverse("batch_export_download", kwargs={"batch_pk": batch.pk}))
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert sorted(names) == ["32.73-kota-bandung/buku-1.pdf", "32.73-kota-bandung/buku-3.pdf",
                             "35.10-kabupaten-banyuwangi/buku-3.pdf"]


def test_the_progress_keeps_polling_until_the_zip_is_ready(client, world):
    """The last render ends a moment before its zip is written: a poll landing in between must
    not stop polling, or the page would never show the link."""
    batch = ExportBatch.objects.create(requested_by=world.user("admin"), parts="3")
    RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="3",
                             batch=batch, status="failed", message="gagal")
    client.force_login(world.user("admin"))
    url = reverse("batch_export_detail", kwargs={"batch_pk": batch.pk})
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Arsip sedang dikemas" in fragment and f'hx-get="{url}"' in fragment
    build_archive(batch)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Unduh zip" in fragment and "hx-get" not in fragment


def test_batch_export_without_books_is_refused(client, world):
    client.force_login(world.user("admin"))
    response = client.post(reverse("batch_export"), {"books": []}, follow=True)
    assert "Pilih minimal satu buku" in response.content.decode()
    assert not ExportBatch.objects.exists()


@pytest.mark.django_db(transaction=True)  # the render is sent when the command's data commits
def test_render_books_command_writes_the_pdfs(world, tmp_path, capsys):
    call_command("render_books", "32.73", output=str(tmp_path), book="3", timeout=120)
    assert (tmp_path / "32.73-buku-3.pdf").read_bytes().startswith(b"%PDF")
    assert "Book 3:" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Unknown region code"):
        call_command("render_books", "99.99", output=str(tmp_path))
