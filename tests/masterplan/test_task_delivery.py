"""Render tasks delivered twice, killed, or lost with their worker (masterplan/tasks.py).

A task's worker can die at any point; the job row must end failed with a message, never stay
"running", and a message delivered again must not render a job that has already ended.
The same paths through a real worker on Redis are in test_render_worker.py.
"""

from datetime import timedelta

import pytest
from billiard.exceptions import WorkerLostError
from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure, worker_ready
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from books.documents import BOOK, request_render
from masterplan.celery import app as celery_app
from masterplan.models import ExportBatch, RenderJob
from masterplan.rendering import pipeline
from masterplan.tasks import render_book

pytestmark = pytest.mark.django_db


def make_job(world, **fields):
    return RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="3", **fields)


@pytest.mark.parametrize("status", ["failed", "succeeded"])
def test_a_task_delivered_again_for_an_ended_job_does_nothing(world, status):
    job = make_job(world, status=status, message="earlier outcome")
    render_book.apply(kwargs={"job_id": job.pk})
    job.refresh_from_db()
    assert (job.status, job.message, job.file.name) == (status, "earlier outcome", "")


def test_a_task_for_a_queued_job_renders_it_and_records_no_worker_in_process(world):
    job = make_job(world)
    render_book.apply(kwargs={"job_id": job.pk})
    job.refresh_from_db()
    assert job.status == "succeeded" and job.file.name.endswith(".pdf")
    assert job.worker == ""  # in-process: no node that could restart


def test_a_killed_render_process_fails_its_job_at_once(world):
    job = make_job(world, status="running", started_at=timezone.now(), worker="worker@a")
    task_failure.send(sender=render_book, task_id="t1", exception=WorkerLostError("signal 9"),
                      args=(), kwargs={"job_id": job.pk}, traceback=None, einfo=None)
    job.refresh_from_db()
    assert job.status == "failed" and "proses pembuatnya mati" in job.message


def test_a_render_past_its_hard_time_limit_fails_with_the_time_limit_message(world):
    job = make_job(world, status="running", started_at=timezone.now())
    task_failure.send(sender=render_book, task_id="t2", exception=TimeLimitExceeded(360),
                      args=(), kwargs={"job_id": job.pk}, traceback=None, einfo=None)
    job.refresh_from_db()
    assert job.status == "failed" and "batas waktu" in job.message


def test_a_late_failure_report_does_not_overwrite_a_finished_job(world):
    job = make_job(world, status="succeeded")
    task_failure.send(sender=render_book, task_id="t3", exception=WorkerLostError(),
                      args=(), kwargs={"job_id": job.pk}, traceback=None, einfo=None)
    job.refresh_from_db()
    assert job.status == "succeeded" and job.message == ""


class RestartedWorker:
    hostname = "worker@mesin-1"


def test_a_restarted_worker_fails_the_jobs_it_was_running_and_only_those(world):
    lost = make_job(world, status="running", started_at=timezone.now(), worker="worker@mesin-1")
    elsewhere = make_job(world, status="running", started_at=timezone.now(),
                         worker="worker@mesin-2")
    worker_ready.send(sender=RestartedWorker())
    lost.refresh_from_db()
    elsewhere.refresh_from_db()
    assert lost.status == "failed" and "proses pembuatnya mati" in lost.message
    assert elsewhere.status == "running"


def test_a_batch_whose_last_job_is_given_up_still_gets_its_archive(world,
                                                                  django_capture_on_commit_callbacks):
    batch = ExportBatch.objects.create(parts="3")
    done = make_job(world, batch=batch)
    render_book.apply(kwargs={"job_id": done.pk})
    stuck = make_job(world, batch=batch, status="running",
                     started_at=timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert pipeline.fail_stale_jobs() == 1
    stuck.refresh_from_db()
    batch.refresh_from_db()
    assert stuck.status == "failed"
    assert batch.archive.name.endswith(".zip")


def test_the_job_page_poll_writes_nothing(client, world):
    """Stale jobs are the beat's work, not the page's: a poll only reads."""
    job = make_job(world, status="running",
                   started_at=timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5))
    client.force_login(world.user("ketua"))
    url = reverse("render_job", kwargs={"region_code": world.own.code, "job_pk": job.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
              and "renderjob" in q["sql"].lower()]
    assert writes == []
    job.refresh_from_db()
    assert job.status == "running"


def test_without_a_broker_a_new_render_gives_up_stale_jobs_first(world):
    stuck = make_job(world, status="running",
                     started_at=timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5))
    request_render(world.masterplans["own"], "1", None)
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "terhenti" in stuck.message


def test_delivery_settings_fit_the_time_limits():
    options = celery_app.conf.broker_transport_options
    assert options["visibility_timeout"] > pipeline.HARD_TIME_LIMIT == render_book.time_limit
    assert render_book.soft_time_limit < render_book.time_limit
    assert celery_app.conf.task_reject_on_worker_lost is False
    assert render_book.acks_late is True
    sweep = settings.CELERY_BEAT_SCHEDULE["fail-stale-render-jobs"]
    assert sweep["task"] == "masterplan.fail_stale_render_jobs"
    assert sweep["schedule"] <= 60
