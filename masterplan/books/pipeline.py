"""The render pipeline: a RenderJob row per request, one Celery task per document, sent on commit.

A job renders one of the three books or a Tim Pembimbing's Bimtek report (Lampiran V–VIII);
`document_of` says how, and everything else is the same for both. The task only fetches the job
and calls `run_job`, which gathers, lays out and renders, reporting progress on the row the page
polls. The PDF is written atomically under a name derived from its content hash, so a retried or
repeated render reuses the same file. A job whose render process died is failed at once by the
worker (masterplan/tasks.py), one whose whole worker died when that worker restarts, and any job
still "running" past its hard time limit by the periodic sweep (`fail_stale_jobs`); a message
delivered again for a job that has ended does nothing. The typesetting runs in a child process
capped in memory and time (`render.typeset_bounded`), so a document no render can finish fails
with a message saying so, in a worker and in the web process alike.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..models_books import Book, ExportBatch, JobStatus, RenderJob, generated_storage
from .render import DocumentTooLarge, book_html, html_to_pdf, typeset_bounded

logger = logging.getLogger(__name__)

# Seconds: the task's soft and hard limits, and when a job still "running" is given up.
SOFT_TIME_LIMIT = settings.RENDER_SOFT_TIME_LIMIT
HARD_TIME_LIMIT = settings.RENDER_HARD_TIME_LIMIT

BOOK_FAILED = gettext_lazy("Buku gagal dibuat karena kesalahan pada server. Coba lagi; jika "
                           "terulang, hubungi admin Kominfo.")
REPORT_FAILED = gettext_lazy("PDF laporan gagal dibuat karena kesalahan pada server. Coba lagi; "
                             "jika terulang, hubungi admin Kominfo.")
TOO_LARGE_MEMORY = gettext_lazy(
    "Dokumen terlalu besar untuk dibuat: penyusunannya memerlukan lebih dari %(limit)s MiB memori. "
    "Persingkat teks yang sangat panjang lalu coba lagi; jika terulang, hubungi admin Kominfo.")
TOO_LARGE_TIME = gettext_lazy(
    "Dokumen terlalu besar untuk dibuat: penyusunannya memerlukan lebih dari %(limit)s detik. "
    "Persingkat teks yang sangat panjang lalu coba lagi; jika terulang, hubungi admin Kominfo.")
TIMED_OUT = gettext_lazy("Pembuatan PDF melewati batas waktu dan dihentikan. Coba lagi; jika "
                         "terulang, periksa teks yang sangat panjang atau hubungi admin Kominfo.")
WORKER_LOST = gettext_lazy("Pembuatan PDF terhenti karena proses pembuatnya mati (kehabisan memori "
                           "atau dimulai ulang). Silakan ulangi.")
STALE = gettext_lazy("Pembuatan PDF terhenti (pekerja berhenti atau melewati batas waktu). "
                     "Silakan ulangi.")
NEVER_STARTED = gettext_lazy("Permintaan tidak diproses dalam waktu wajar. Silakan ulangi.")


class RenderRefused(Exception):
    """A render the checklist does not allow (a final render with open items)."""


def _enqueue(job):
    from ..tasks import render_book  # tasks imports this module

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker, so no beat either: the in-process runner gives up dead jobs itself.
        fail_stale_jobs()
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


def claim(job, worker=""):
    """Mark a queued job running (or a running one again, on a retry); False when the job has
    already ended, e.g. a message redelivered after its job was given up."""
    started = timezone.now()
    claimed = RenderJob.objects.filter(
        pk=job.pk, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    ).update(status=JobStatus.RUNNING, started_at=started, progress=5, message="",
             worker=worker or "")
    if claimed:
        job.status, job.started_at, job.progress, job.message, job.worker = (
            JobStatus.RUNNING, started, 5, "", worker or "")
    return bool(claimed)


def run_job(job, worker=""):
    """Render one job; every expected failure ends as `failed` with a message in plain words.
    A job that has already succeeded or failed is left as it is."""
    if not claim(job, worker):
        logger.info("render job %s already %s; not rendered again", job.pk, job.status)
        return job
    try:
        document = document_of(job)
        started = time.perf_counter()
        html = document.html()
        _set(job, progress=40, gather_seconds=time.perf_counter() - started)
        started = time.perf_counter()
        pdf, pages = typeset_bounded(
            document.typeset, html,
            memory_mib=settings.RENDER_TYPESET_MEMORY_MIB, seconds=settings.RENDER_TYPESET_SECONDS)
        _set(job, progress=90, render_seconds=time.perf_counter() - started)
        name, digest = _store(document.stem, pdf)
        _set(job, status=JobStatus.SUCCEEDED, progress=100, page_count=pages,
             content_hash=digest, finished_at=timezone.now(), file=name)
    except OperationalError:
        raise  # transient (database): the task retries
    except SoftTimeLimitExceeded:
        logger.warning("render job %s exceeded its soft time limit", job.pk)
        _set(job, status=JobStatus.FAILED, finished_at=timezone.now(), message=str(TIMED_OUT))
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


def _archive_batches_of(jobs):
    """A batch whose last job just failed outside its task still gets its archive."""
    from ..tasks import build_batch_archive  # tasks imports this module

    for batch_id in {job.batch_id for job in jobs if job.batch_id}:
        transaction.on_commit(lambda batch_id=batch_id: build_batch_archive.delay(
            batch_id=batch_id))


def _fail(queryset, message, now=None):
    """Fail the jobs of `queryset` that have not ended; answers how many."""
    jobs = list(queryset.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
                .only("pk", "batch_id"))
    if not jobs:
        return 0
    failed = RenderJob.objects.filter(
        pk__in=[job.pk for job in jobs], status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
    ).update(status=JobStatus.FAILED, finished_at=now or timezone.now(), message=str(message))
    _archive_batches_of(jobs)
    return failed


def fail_job(job_id, message):
    """Fail a job that has not ended (its task died or timed out); False if it had ended."""
    return bool(_fail(RenderJob.objects.filter(pk=job_id), message))


def fail_jobs_of_worker(worker):
    """A worker node that (re)starts runs nothing yet: whatever it had running died with it."""
    if not worker:
        return 0
    return _fail(RenderJob.objects.filter(status=JobStatus.RUNNING, worker=worker), WORKER_LOST)


def fail_stale_jobs(now=None):
    """Mark jobs running (or queued) past the hard time limit as failed; returns how many.
    Run every minute by Celery beat (settings.CELERY_BEAT_SCHEDULE), and before each render by
    the in-process runner when there is no broker."""
    now = now or timezone.now()
    running = _fail(RenderJob.objects.filter(
        status=JobStatus.RUNNING, started_at__lt=now - timedelta(seconds=HARD_TIME_LIMIT)),
        STALE, now)
    queued = _fail(RenderJob.objects.filter(
        status=JobStatus.QUEUED, created_at__lt=now - timedelta(seconds=6 * HARD_TIME_LIMIT)),
        NEVER_STARTED, now)
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
