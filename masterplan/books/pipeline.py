"""The render pipeline: a RenderJob row per request, one Celery task per document, sent on commit.

A job renders one of the three books or a Tim Pembimbing's Bimtek report (Lampiran V–VIII);
`document_of` says how, and everything else is the same for both. The task only fetches the job
and calls `run_job`, which gathers, lays out and renders, reporting progress on the row the page
polls. The PDF is written atomically under a name derived from its content hash, so a retried or
repeated render reuses the same file. A job whose worker died is marked failed once its time
limit has passed (`fail_stale_jobs`), never left "running". The typesetting runs in a child
process capped in memory and time (`render.typeset_bounded`), so a document no render can finish
fails with a message saying so, in a worker and in the web process alike.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models_books import Book, ExportBatch, JobStatus, RenderJob, generated_storage
from .render import DocumentTooLarge, book_html, html_to_pdf, typeset_bounded

logger = logging.getLogger(__name__)

# Seconds: the task's soft and hard limits, and when a job still "running" is given up.
SOFT_TIME_LIMIT = getattr(settings, "RENDER_SOFT_TIME_LIMIT", 300)
HARD_TIME_LIMIT = SOFT_TIME_LIMIT + 60
# The typesetting's own bounds (read at each render): address space in MiB (the full demo's
# Buku II needs under 500) and seconds, ending before the task's soft limit.
TYPESET_MEMORY_MIB = 2048
TYPESET_SECONDS = SOFT_TIME_LIMIT - 30

BOOK_FAILED = gettext_lazy("Buku gagal dibuat karena kesalahan pada server. Coba lagi; jika "
                           "terulang, hubungi admin Kominfo.")
TOO_LARGE_MEMORY = gettext_lazy(
    "Dokumen terlalu besar untuk dibuat: penyusunannya memerlukan lebih dari %(limit)s MiB memori. "
    "Persingkat teks yang sangat panjang lalu coba lagi; jika terulang, hubungi admin Kominfo.")
TOO_LARGE_TIME = gettext_lazy(
    "Dokumen terlalu besar untuk dibuat: penyusunannya memerlukan lebih dari %(limit)s detik. "
    "Persingkat teks yang sangat panjang lalu coba lagi; jika terulang, hubungi admin Kominfo.")
REPORT_FAILED = gettext_lazy("PDF laporan gagal dibuat karena kesalahan pada server. Coba lagi; "
                             "jika terulang, hubungi admin Kominfo.")


class RenderRefused(Exception):
    """A render the checklist does not allow (a final render with open items)."""


def _enqueue(job):
    from ..tasks import render_book

    transaction.on_commit(lambda: render_book.delay(job_id=job.pk))
    return job


def request_render(masterplan, book, user, *, batch=None, final=False):
    """Create a queued job for a book and send its task once the transaction commits."""
    if book not in Book.values:
        raise ValueError(f"unknown book {book!r}")
    return _enqueue(RenderJob.objects.create(masterplan=masterplan, book=book, requested_by=user,
                                             batch=batch, is_final=final))


def request_report_render(visit, user):
    """Create a queued job for the report of a Bimtek visit (of the visit's masterplan) and send
    its task once the transaction commits."""
    return _enqueue(RenderJob.objects.create(masterplan=visit.masterplan, bimtek_visit=visit,
                                             requested_by=user))


@dataclass(frozen=True)
class Document:
    """What a job renders: `html()` gathers and lays out, `typeset(html)` gives (PDF, pages);
    the file is stored as `<stem>-<hash>.pdf`."""

    html: Callable[[], str]
    typeset: Callable[[str], tuple[bytes, int]]
    stem: str


def document_of(job):
    """The Document of a book's job or of a Bimtek report's job."""
    folder = f"{job.masterplan.region.code}/{job.masterplan_id}"
    if job.is_report:
        from bimtek import pdf as report_pdf  # WeasyPrint loads only when rendering

        visit = job.bimtek_visit
        return Document(
            html=lambda: report_pdf.render_report_html(report_pdf.printed_report(visit)),
            typeset=report_pdf.report_html_to_pdf,
            stem=f"bimtek/{folder}/laporan-bimtek-{visit.session.number}")
    return Document(html=lambda: book_html(job.book, job.masterplan)[0],
                    typeset=lambda html: html_to_pdf(html)[:2],
                    stem=f"books/{folder}/buku-{job.book}")


def _set(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    RenderJob.objects.filter(pk=job.pk).update(**fields)


def _store(stem, pdf):
    """Write `pdf` under a name derived from its content and answer (name, hash)."""
    digest = hashlib.sha256(pdf).hexdigest()
    name = f"{stem}-{digest[:16]}.pdf"
    storage = generated_storage()
    # Same content: reuse the earlier file, unless a worker died while writing it.
    if storage.exists(name) and storage.size(name) != len(pdf):
        storage.delete(name)
    if not storage.exists(name):
        saved = storage.save(name, ContentFile(pdf))
        if saved != name:  # another worker wrote the same PDF meanwhile
            storage.delete(saved)
    return name, digest


def run_job(job):
    """Render one job; every expected failure ends as `failed` with a message in plain words."""
    _set(job, status=JobStatus.RUNNING, started_at=timezone.now(), progress=5, message="")
    try:
        document = document_of(job)
        started = time.perf_counter()
        html = document.html()
        _set(job, progress=40, gather_seconds=time.perf_counter() - started)
        started = time.perf_counter()
        pdf, pages = typeset_bounded(
            document.typeset, html,
            memory_mib=getattr(settings, "RENDER_TYPESET_MEMORY_MIB", TYPESET_MEMORY_MIB),
            seconds=getattr(settings, "RENDER_TYPESET_SECONDS", TYPESET_SECONDS))
        _set(job, progress=90, render_seconds=time.perf_counter() - started)
        name, digest = _store(document.stem, pdf)
        _set(job, status=JobStatus.SUCCEEDED, progress=100, page_count=pages,
             content_hash=digest, finished_at=timezone.now(), file=name)
    except OperationalError:
        raise  # transient (database): the task retries
    except DocumentTooLarge as error:
        logger.warning("render job %s: %s", job.pk, error)
        _set(job, status=JobStatus.FAILED, finished_at=timezone.now(),
             message=(str(TOO_LARGE_MEMORY) % {"limit": error.memory_mib} if error.memory_mib
                      else str(TOO_LARGE_TIME) % {"limit": error.seconds}))
    except Exception:
        logger.exception("render job %s failed", job.pk)
        _set(job, status=JobStatus.FAILED, finished_at=timezone.now(),
             message=str(REPORT_FAILED if job.is_report else BOOK_FAILED))
    return job


def fail_stale_jobs(now=None):
    """Mark jobs running (or queued) past the hard time limit as failed; returns how many."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=HARD_TIME_LIMIT)
    running = RenderJob.objects.filter(status=JobStatus.RUNNING, started_at__lt=limit).update(
        status=JobStatus.FAILED, finished_at=now,
        message=_("Pembuatan PDF terhenti (pekerja berhenti atau melewati batas waktu). "
                  "Silakan ulangi."))
    queued = RenderJob.objects.filter(
        status=JobStatus.QUEUED, created_at__lt=now - timedelta(seconds=6 * HARD_TIME_LIMIT)
    ).update(status=JobStatus.FAILED, finished_at=now,
             message=_("Permintaan tidak diproses dalam waktu wajar. Silakan ulangi."))
    return running + queued


def create_batch(masterplans, books, user, description=""):
    """An admin export: one job per masterplan and book."""
    with transaction.atomic():
        batch = ExportBatch.objects.create(requested_by=user, books="".join(books),
                                           description=description[:300])
        for masterplan in masterplans:
            for book in books:
                request_render(masterplan, book, user, batch=batch)
    return batch
