"""The report as PDF through the core's render pipeline: a RenderJob of the report's document
kind, the task (in-process in tests), the polled status fragment and the download, all through
the access layer."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bimtek import pdf, rendering, reports
from bimtek.models import ReportRender
from books.documents import BOOK
from masterplan.models import RenderJob
from masterplan.rendering import pipeline

from .helpers import OTHER, OWN, url, visit_of, written_report

pytestmark = pytest.mark.django_db


def text_of(data):
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def job_url(name, job, code=OWN):
    return reverse(name, kwargs={"region_code": code, "job_pk": job.pk})


def ask_for_pdf(client, capture, number=1, code=OWN):
    """POST "Buat PDF laporan"; the task runs in-process once the request's transaction commits."""
    with capture(execute=True):
        response = client.post(url("bimtek_report_pdf", code=code, number=number))
    return response


def test_buat_pdf_renders_the_report_through_a_render_job(client, world,
                                                          django_capture_on_commit_callbacks):
    report = written_report(world)
    visit = report.visit
    visit.pembimbing.add(world.user("pembimbing"))
    client.force_login(world.user("pembimbing"))

    response = ask_for_pdf(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == url("bimtek_visit") + "#laporan-pdf"
    job = RenderJob.objects.get(bimtek_report__visit=visit)
    assert (job.masterplan, job.kind, job.part, job.requested_by) == (
        visit.masterplan, rendering.REPORT, "", world.user("pembimbing"))
    assert (job.status, job.progress, job.message) == ("succeeded", 100, "")
    assert job.page_count >= 1 and len(job.content_hash) == 64
    assert job.gather_seconds > 0 and job.render_seconds > 0
    assert job.file.name.startswith(f"bimtek/{OWN}/{visit.masterplan_id}/laporan-bimtek-1-")
    text = text_of(job.file.open("rb").read())
    for expected in ("LAMPIRAN V:", "Formulir Laporan Tim Pembimbing: Bimtek #1",
                     "Kota / Kabupaten: Kota Bandung", "Tanggal Kunjungan: 10 Maret 2026",
                     "Hari Ke – 1", "09:00 – 10:00", "Sambutan", "Terlaksana. Dibuka oleh Sekda.",
                     "Output Hasil Bimtek #1:", "Draf masterplan bab I–III disepakati."):
        assert expected in text, expected

    # The visit page shows the job with its download link; the download is the same file.
    page = client.get(url("bimtek_visit")).content.decode()
    assert "Pembuatan PDF laporan dimulai." in page
    assert "Laporan Bimtek #1 · Selesai" in page
    assert job_url("render_job_download", job) in page
    download = client.get(job_url("render_job_download", job))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="laporan-bimtek-1-3273.pdf"'
    assert b"".join(download.streaming_content) == job.file.open("rb").read()


def test_the_same_report_reuses_one_file_and_a_change_makes_a_new_one(
        client, world, monkeypatch, django_capture_on_commit_callbacks):
    # Fonts subset by fontTools (no HarfBuzz-Subset) carry the render's time unless pinned.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = written_report(world)
    client.force_login(world.user("pembimbing"))
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    first, second = RenderJob.objects.filter(bimtek_report__visit=report.visit).order_by("pk")
    assert first.content_hash == second.content_hash and first.file.name == second.file.name
    report.output = "Output yang direvisi."
    report.save()
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    latest = RenderJob.objects.filter(bimtek_report__visit=report.visit).first()
    assert latest.content_hash != first.content_hash
    assert "Output yang direvisi." in text_of(latest.file.open("rb").read())


@pytest.mark.parametrize("role", ["admin", "pembimbing", "ketua", "anggota", "dewan"])
def test_every_role_of_the_region_may_ask_and_download_even_the_blank_form(
        client, world, role, django_capture_on_commit_callbacks):
    blank = visit_of(world, 4)
    client.force_login(world.user(role))
    ask_for_pdf(client, django_capture_on_commit_callbacks, number=4)
    job = RenderJob.objects.get(bimtek_report__visit=blank)
    assert job.status == "succeeded", job.message
    text = text_of(job.file.open("rb").read())
    assert "LAMPIRAN VIII:" in text and "Formulir Laporan Tim Pembimbing: Bimtek #4" in text
    # Rendering the blank form stores no report.
    assert reports.report_of(type(blank).objects.get(pk=blank.pk)) is None
    download = client.get(job_url("render_job_download", job))
    assert download["Content-Disposition"] == 'attachment; filename="laporan-bimtek-4-3273.pdf"'


def test_a_failed_render_shows_a_plain_indonesian_message(client, world, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    written_report(world)

    def broken(html):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(pdf, "report_html_to_pdf", broken)
    client.force_login(world.user("ketua"))
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    job = RenderJob.objects.get(bimtek_report__visit=visit_of(world))
    assert (job.status, job.file.name) == ("failed", "")
    assert job.message.startswith("PDF laporan gagal dibuat karena kesalahan pada server.")
    page = client.get(url("bimtek_visit")).content.decode()
    assert "PDF laporan gagal dibuat" in page and "layout exploded" not in page
    fragment = client.get(job_url("render_job", job), headers={"HX-Request": "true"})
    assert "PDF laporan gagal dibuat" in fragment.content.decode()
    assert client.get(job_url("render_job_download", job)).status_code == 404


def test_the_status_fragment_polls_until_the_job_is_done(client, world):
    job = rendering.request_render(visit_of(world), world.user("dewan"))  # not committed
    client.force_login(world.user("dewan"))
    fragment = client.get(job_url("render_job", job), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert f'hx-get="{job_url("render_job", job)}"' in html and "Dalam antrean" in html
    assert "Laporan Bimtek #1" in html and "Unduh PDF" not in html
    # Without htmx: a small page leading back to the visit.
    page = client.get(job_url("render_job", job)).content.decode()
    assert url("bimtek_visit") + "#laporan-pdf" in page
    pipeline.run_job(RenderJob.objects.get(pk=job.pk))
    html = client.get(job_url("render_job", job), headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in html and "Unduh PDF" in html


def test_another_regions_user_gets_404(client, world, django_capture_on_commit_callbacks):
    written_report(world)
    client.force_login(world.user("ketua"))
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    job = RenderJob.objects.get(bimtek_report__visit=visit_of(world))
    stranger = world.memberships["other"]["ketua"].user
    client.force_login(stranger)
    assert client.post(url("bimtek_report_pdf")).status_code == 404
    assert client.get(job_url("render_job", job)).status_code == 404
    assert client.get(job_url("render_job_download", job)).status_code == 404
    # Nor does the job answer under the stranger's own region.
    assert client.get(job_url("render_job_download", job, code=OTHER)).status_code == 404
    assert RenderJob.objects.count() == 1


def test_reading_is_refused_to_get(client, world):
    client.force_login(world.user("dewan"))
    assert client.get(url("bimtek_report_pdf")).status_code == 405
    assert not RenderJob.objects.exists()


def test_report_jobs_stay_off_the_books_page_and_book_jobs_still_render(
        client, world, django_capture_on_commit_callbacks):
    written_report(world)
    client.force_login(world.user("ketua"))
    ask_for_pdf(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("books", kwargs={"region_code": OWN}), {"book": "3"})
    book_job = RenderJob.objects.get(kind=BOOK, part="3")
    assert book_job.status == "succeeded" and not ReportRender.objects.filter(job=book_job).exists()
    assert book_job.file.name.startswith(f"books/{OWN}/")
    page = client.get(reverse("books", kwargs={"region_code": OWN})).content.decode()
    assert "Buku III Executive Summary · Selesai" in page and "Laporan Bimtek" not in page
    download = client.get(job_url("render_job_download", book_job))
    assert download["Content-Disposition"] == 'attachment; filename="32.73-buku-3-draf.pdf"'


def test_a_stale_report_job_is_failed_like_a_book_job(world):
    job = rendering.request_render(visit_of(world), None)
    RenderJob.objects.filter(pk=job.pk).update(
        status="running",
        started_at=timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5))
    assert pipeline.fail_stale_jobs() == 1
    job.refresh_from_db()
    assert job.status == "failed" and "terhenti" in job.message


def test_a_report_job_goes_with_its_visit(world):
    visit = visit_of(world)
    job = rendering.request_render(visit, None)
    visit.delete()
    assert not RenderJob.objects.filter(pk=job.pk).exists()
    assert not ReportRender.objects.exists()
