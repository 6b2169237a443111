"""Celery tasks. Each takes ids as keyword arguments, fetches, and delegates to a service."""

import logging

from celery import shared_task
from django.db import OperationalError

from .books import pipeline
from .models_books import JobStatus, RenderJob

logger = logging.getLogger(__name__)


@shared_task(name="masterplan.ping")
def ping(*, token: str) -> str:
    """Answers its token; used to check that a worker is reachable through the broker."""
    return f"pong:{token}"


@shared_task(name="masterplan.render_book", acks_late=True,
             soft_time_limit=pipeline.SOFT_TIME_LIMIT, time_limit=pipeline.HARD_TIME_LIMIT,
             autoretry_for=(OperationalError,), retry_backoff=5, max_retries=3)
def render_book(*, job_id: int) -> None:
    """Render a RenderJob: a book or a Bimtek report (the name predates reports)."""
    job = RenderJob.objects.select_related("masterplan__region", "masterplan__edition",
                                           "bimtek_visit__session").filter(pk=job_id).first()
    if job is None:
        logger.warning("render job %s no longer exists", job_id)
        return
    if job.status == JobStatus.SUCCEEDED:
        return  # delivered twice (acks_late): the PDF is already there
    pipeline.run_job(job)
    if job.batch_id:
        build_batch_archive.delay(batch_id=job.batch_id)


@shared_task(name="masterplan.build_batch_archive", acks_late=True)
def build_batch_archive(*, batch_id: int) -> None:
    from .books.batch import build_archive
    from .models_books import ExportBatch

    batch = ExportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    build_archive(batch)


@shared_task(name="masterplan.fail_stale_render_jobs")
def fail_stale_render_jobs() -> int:
    return pipeline.fail_stale_jobs()
