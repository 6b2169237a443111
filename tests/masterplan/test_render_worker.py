"""Rendering through a real Celery worker on the broker (CI: Redis, PostgreSQL)."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from bimtek import rendering as report_rendering
from books.documents import BOOK, request_render
from masterplan.celery import app as celery_app
from masterplan.models import RenderJob
from masterplan.rendering import pipeline

from .test_tasks import _delete_queue, _stop

PROJECT_ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _worker_env():
    """The worker must see this test's database (committed rows: transaction=True)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("a separate worker process needs the PostgreSQL test database")
    url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
           f"{db['PORT'] or 5432}/{db['NAME']}")
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": url}


def _start_worker(queue, log, *options, env=None):
    command = [sys.executable, "-m", "celery", "-A", "masterplan", "worker", "--pool=solo",
               "--concurrency=1", "-Q", queue, "--without-heartbeat", "--without-gossip",
               "--without-mingle", "--loglevel=INFO", "-n", f"{queue}@test", *options]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env={**_worker_env(), **(env or {})},
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)


def _wait(job, worker, log, statuses, seconds=120):
    deadline = time.monotonic() + seconds
    while True:
        job.refresh_from_db()
        if job.status in statuses:
            return job
        if worker.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"job {job.status}; worker exit {worker.poll()}; output:\n{log.read()}")
        time.sleep(0.3)


@pytest.fixture
def worker_queue():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL not set: no broker to run a real worker against")
    queue = f"test-render-{uuid.uuid4().hex}"
    eager, default_queue = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield queue
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = eager, default_queue
    _delete_queue(queue)


def test_a_small_masterplan_renders_on_a_real_worker(world, worker_queue):
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = _start_worker(worker_queue, log)
        try:
            job = request_render(world.masterplans["own"], "3", world.user("ketua"))
            job = _wait(job, worker, log, {"succeeded", "failed"})
            assert job.status == "succeeded", job.message
            assert job.page_count > 3
            assert job.file.open("rb").read(5) == b"%PDF-"
        finally:
            _stop(worker)


def test_a_bimtek_report_renders_on_a_real_worker(world, worker_queue):
    visit = world.masterplans["own"].bimtek_visits.select_related("masterplan").get(
        session__number=2)
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = _start_worker(worker_queue, log)
        try:
            job = report_rendering.request_render(visit, world.user("dewan"))
            job = _wait(job, worker, log, {"succeeded", "failed"})
            assert job.status == "succeeded", job.message
            assert job.page_count >= 1 and job.file.name.startswith("bimtek/32.73/")
            assert job.file.open("rb").read(5) == b"%PDF-"
        finally:
            _stop(worker)


def test_a_worker_killed_midway_fails_its_job_when_it_restarts(world, worker_queue):
    """The whole worker dies (SIGKILL): on restart it fails what it was rendering, and the
    unacknowledged message, delivered again later, does not render the ended job."""
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = _start_worker(worker_queue, log)
        try:
            job = request_render(world.masterplans["own"], "2", world.user("ketua"))
            _wait(job, worker, log, {"running", "succeeded", "failed"})
            if job.status != "running":
                pytest.skip("the render ended before the worker could be killed")
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            job.refresh_from_db()
            assert job.status == "running" and job.worker == f"{worker_queue}@test"
            worker = _start_worker(worker_queue, log)
            job = _wait(job, worker, log, {"failed", "succeeded"}, seconds=60)
            assert job.status == "failed" and "proses pembuatnya mati" in job.message
            assert not job.file
        finally:
            _stop(worker)


def test_a_killed_render_process_fails_its_job_at_once_and_is_not_run_again(world, worker_queue):
    """Prefork: the render's child process dies (as when the kernel kills it for memory). The
    job fails at once with a message; the message is not requeued onto the next child."""
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = _start_worker(worker_queue, log, "--pool=prefork")
        try:
            job = request_render(world.masterplans["own"], "2", world.user("ketua"))
            _wait(job, worker, log, {"running", "succeeded", "failed"})
            if job.status != "running":
                pytest.skip("the render ended before its process could be killed")
            children = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True,
                                      text=True).stdout.split()
            assert children, "the prefork worker has no child process"
            for pid in children:
                os.kill(int(pid), signal.SIGKILL)
            job = _wait(job, worker, log, {"failed", "succeeded"}, seconds=60)
            assert job.status == "failed" and "proses pembuatnya mati" in job.message
            time.sleep(3)  # a requeued message would now be running again
            job.refresh_from_db()
            assert job.status == "failed" and not job.file
        finally:
            _stop(worker)


def test_celery_beat_fails_a_job_whose_worker_vanished(world, worker_queue, tmp_path):
    """The stale-job sweep runs under beat (here embedded in the worker, every second)."""
    stale = RenderJob.objects.create(
        masterplan=world.masterplans["own"], kind=BOOK, part="1", status="running", worker="gone@elsewhere",
        started_at=timezone.now() - timedelta(seconds=pipeline.HARD_TIME_LIMIT + 5))
    fresh = RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="3",
                                     status="running", worker="busy@elsewhere",
                                     started_at=timezone.now())
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = _start_worker(worker_queue, log, "--beat", "-s", str(tmp_path / "beat-schedule"),
                               env={"STALE_JOB_SWEEP_SECONDS": "1",
                                    "CELERY_QUEUE": worker_queue})
        try:
            stale = _wait(stale, worker, log, {"failed"}, seconds=60)
            assert "terhenti" in stale.message
            fresh.refresh_from_db()
            assert fresh.status == "running"
        finally:
            _stop(worker)
            RenderJob.objects.filter(pk=fresh.pk).update(status="failed")
