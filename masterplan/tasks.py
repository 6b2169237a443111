"""Celery tasks. Each takes ids as keyword arguments, fetches, and delegates to a service."""

import logging

from billiard.exceptions import WorkerLostError
from celery import shared_task
from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure, worker_ready
from django.conf import settings
from django.db import OperationalError

from . import documents, notifications, runner
from .models_render import ExportBatch, RenderJob
from .rendering import pipeline
from .rendering.batch import build_archive

logger = logging.getLogger(__name__)


@shared_task(name="masterplan.ping")
def ping(*, token: str) -> str:
    """Answers its token; used to check that a worker is reachable through the broker."""
    return f"pong:{token}"


@shared_task(name="masterplan.render_book", bind=True, acks_late=True,
             soft_time_limit=pipeline.SOFT_TIME_LIMIT, time_limit=pipeline.HARD_TIME_LIMIT,
             autoretry_for=(OperationalError,), retry_backoff=5, max_retries=3)
def render_book(self, *, job_id: int) -> None:
    """Render a RenderJob of any document kind (the name predates other kinds than the books,
    and queued messages keep it across deploys). A job that has already ended is left alone."""
    job = RenderJob.objects.select_related("masterplan__region", "masterplan__edition",
                                           *documents.related_lookups()).filter(pk=job_id).first()
    if job is None:
        logger.warning("render job %s no longer exists", job_id)
        return
    if job.done:
        return  # delivered again after it ended (acks_late, or a redelivered message)
    # In-process (no broker) there is no worker node: the job keeps the name of the web process
    # whose background runner holds it (runner.worker_name()), or none when run in the request.
    worker = job.worker if self.request.is_eager else (self.request.hostname or "")
    pipeline.run_job(job, worker=worker)
    if job.batch_id:
        runner.send(build_batch_archive, batch_id=job.batch_id)


@task_failure.connect(sender=render_book)
def _fail_job_of_a_dead_render(sender=None, exception=None, kwargs=None, **extra):
    """The worker's main process reports a render whose process was killed (hard time limit,
    out of memory): the job fails at once instead of waiting for the stale-job sweep."""
    job_id = (kwargs or {}).get("job_id")
    if job_id is None:
        return
    if isinstance(exception, TimeLimitExceeded):
        message = pipeline.TIMED_OUT
    elif isinstance(exception, WorkerLostError):
        message = pipeline.WORKER_LOST
    else:  # e.g. the database stayed unreachable through every retry: the kind's own words
        message = None
    if pipeline.fail_job(job_id, message):
        logger.warning("render job %s failed: %r", job_id, exception)


@worker_ready.connect
def _fail_jobs_lost_by_a_restart(sender=None, **extra):
    """A worker that starts has nothing running: jobs still marked running on its node name were
    lost when it died (node names are unique per machine: `-n worker@%H`)."""
    hostname = getattr(sender, "hostname", "")
    failed = pipeline.fail_jobs_of_worker(hostname)
    if failed:
        logger.warning("%s render jobs of %s failed: the worker had died", failed, hostname)


@shared_task(name="masterplan.build_batch_archive", acks_late=True)
def build_batch_archive(*, batch_id: int) -> None:
    batch = ExportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    build_archive(batch)


@shared_task(name="masterplan.send_notification_emails", acks_late=True)
def send_notification_emails(*, notification_ids: list[int], subject: str) -> None:
    notifications.send_emails(notification_ids, subject)


@shared_task(name="masterplan.fail_stale_render_jobs")
def fail_stale_render_jobs() -> int:
    """Scheduled by Celery beat (settings.CELERY_BEAT_SCHEDULE); without a broker, sent once by
    a web process that starts (`sweep_at_start`)."""
    return pipeline.fail_stale_jobs()


def sweep_at_start():
    """Called by masterplan/wsgi.py. A web process whose background runner renders has no beat:
    it fails, in that runner, the jobs a web process of this machine left unfinished when it
    stopped (a reload of `runserver`, a crash), so their pages stop showing them in progress."""
    if settings.TASK_RUNNER == runner.BACKGROUND:
        runner.send(fail_stale_render_jobs)
