"""The render pipeline: a RenderJob row per request, one Celery task per document, sent on commit.

A job renders a document of a kind an app registers (masterplan/documents.py: the books, a Tim
Pembimbing's Bimtek report); the kind says how, and everything else is the same for every kind.
The task only fetches the job and calls `run_job`, which gathers, lays out and renders,
reporting progress on the row the page polls; it is sent through masterplan/runner.py, to a
Celery worker or, without a broker, to the web process's background runner. The PDF is written
atomically under a name derived from its content hash, so a retried or repeated render reuses
the same file. A job whose render process died is failed at once by the worker
(masterplan/tasks.py), one whose whole worker died when that worker restarts, one held by a web
process's background runner that stopped when the next web process starts or renders, and any
job still "running" past its hard time limit by the periodic sweep (`fail_stale_jobs`); a
message delivered again for a job that has ended does nothing. The typesetting runs in a child
process capped in memory and time (`render.typeset_bounded`), so a document no render can finish
fails with a message saying so, in a worker and in the web process alike.
"""

import hashlib
import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .. import content_version, documents, runner
from ..models_render import ExportBatch, JobStatus, RenderJob, generated_storage
from .typesetting import DocumentTooLarge, typeset_bounded

logger = logging.getLogger(__name__)

# Seconds: the task's soft and hard limits, and when a job still "running" is given up.
SOFT_TIME_LIMIT = settings.RENDER_SOFT_TIME_LIMIT
HARD_TIME_LIMIT = settings.RENDER_HARD_TIME_LIMIT

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
RUNNER_LOST = gettext_lazy("Pembuatan PDF terhenti karena server web dimulai ulang sebelum "
                           "selesai. Silakan ulangi.")


def _queue(masterplan, kind, user, *, part="", batch=None, final=False, link=None):
    # deferred: masterplan.tasks imports this module
    from ..tasks import render_book

    with transaction.atomic():
        # A job for the background runner names this web process from the start, so that one
        # stopping while the job still waits is noticed too.
        job = RenderJob.objects.create(masterplan=masterplan, kind=kind, part=part,
                                       requested_by=user, batch=batch, is_final=final,
                                       worker=runner.worker_name())
        if link is not None:
            link(job)
    transaction.on_commit(lambda: runner.send(render_book, job_id=job.pk))
    return job


def _give_up_dead_jobs():
    if settings.TASK_RUNNER != "celery":
        # No broker, so no beat either: the web process gives up dead jobs itself.
        fail_stale_jobs()


def request_render(masterplan, kind, user, *, part="", batch=None, final=False, link=None):
    """Create a queued job of the document kind `kind` and send its task once the transaction
    commits. `link(job)`, if given, writes the kind's own rows for the job in the same
    transaction (e.g. which report it renders)."""
    job = _queue(masterplan, kind, user, part=part, batch=batch, final=final, link=link)
    _give_up_dead_jobs()
    return job


def _set(job, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    RenderJob.objects.filter(pk=job.pk).update(**fields)


def _store(stem, pdf, extension="pdf"):
    """Write `pdf` (the document's bytes) under a name derived from its content and answer
    (name, hash)."""
    digest = hashlib.sha256(pdf).hexdigest()
    name = f"{stem}-{digest[:16]}.{extension}"
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
        kind = documents.kind_of(job)
        document = kind.document(job)
        started = time.perf_counter()
        html = document.html()
        _set(job, progress=40, gather_seconds=time.perf_counter() - started)
        started = time.perf_counter()
        pdf, pages = typeset_bounded(
            document.typeset, html,
            memory_mib=settings.RENDER_TYPESET_MEMORY_MIB, seconds=settings.RENDER_TYPESET_SECONDS)
        _set(job, progress=90, render_seconds=time.perf_counter() - started)
        name, digest = _store(document.stem, pdf, kind.extension)
        _set(job, status=JobStatus.SUCCEEDED, progress=100, page_count=pages,
             content_hash=digest, finished_at=timezone.now(), file=name)
        if job.is_final:  # a final book counts for a stage
            content_version.masterplan_changed(job.masterplan_id)
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
             message=str(server_failure(job)))
    return job


def server_failure(job):
    """The message of a job the server failed to render, in its kind's words."""
    return documents.kind_of(job).failed


def _archive_batches_of(jobs):
    """A batch whose last job just failed outside its task still gets its archive."""
    # deferred: masterplan.tasks imports this module
    from ..tasks import build_batch_archive

    for batch_id in {job.batch_id for job in jobs if job.batch_id}:
        transaction.on_commit(lambda batch_id=batch_id: runner.send(
            build_batch_archive, batch_id=batch_id))


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


def fail_job(job_id, message=None):
    """Fail a job that has not ended (its task died or timed out; without a message: the
    server failed to render it); False if it had ended or no longer exists."""
    job = RenderJob.objects.filter(pk=job_id).only("pk", "kind").first()
    if job is None:
        return False
    return bool(_fail(RenderJob.objects.filter(pk=job_id), message or server_failure(job)))


def fail_jobs_of_worker(worker):
    """A worker node that (re)starts runs nothing yet: whatever it had running died with it."""
    if not worker:
        return 0
    return _fail(RenderJob.objects.filter(status=JobStatus.RUNNING, worker=worker), WORKER_LOST)


def fail_stale_jobs(now=None):
    """Mark as failed the jobs whose web process's background runner has stopped, and those
    running (or queued) past the hard time limit; returns how many. Run every minute by Celery
    beat (settings.CELERY_BEAT_SCHEDULE); without a broker, once when a web process starts
    (masterplan/wsgi.py) and before each render."""
    now = now or timezone.now()
    unfinished = RenderJob.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
    holders = set(unfinished.exclude(worker="").order_by().values_list("worker", flat=True)
                  .distinct())
    lost = _fail(unfinished.filter(worker__in=[name for name in holders if runner.is_gone(name)]),
                 RUNNER_LOST, now)
    running = _fail(RenderJob.objects.filter(
        status=JobStatus.RUNNING, started_at__lt=now - timedelta(seconds=HARD_TIME_LIMIT)),
        STALE, now)
    # A live background runner renders one job after another: its jobs wait their turn however
    # long the queue (an export of every region) and are not given up for waiting.
    queued = _fail(RenderJob.objects.filter(
        status=JobStatus.QUEUED, created_at__lt=now - timedelta(seconds=6 * HARD_TIME_LIMIT))
        .exclude(worker__in=[name for name in holders if runner.is_alive_here(name)]),
        NEVER_STARTED, now)
    return lost + running + queued


def create_batch(masterplans, kind, parts, user, description=""):
    """An admin export: one job of `kind` per masterplan and part."""
    with transaction.atomic():
        batch = ExportBatch.objects.create(requested_by=user, parts="".join(parts),
                                           description=description[:300])
        for masterplan in masterplans:
            for part in parts:
                _queue(masterplan, kind, user, part=part, batch=batch)
        _give_up_dead_jobs()
    return batch
