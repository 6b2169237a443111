"""Celery tasks: in-process (eager) in every run, and through a real worker when there is a broker."""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from kombu import Exchange, Queue

from masterplan.celery import app as celery_app
from masterplan.tasks import ping

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RESULT_TIMEOUT = 60  # seconds, worker start-up included


def test_ping_runs_eagerly_in_process():
    assert celery_app.conf.task_always_eager
    result = ping.delay(token="eager")
    assert result.get(timeout=5) == "pong:eager"


def _stop(worker):
    worker.terminate()  # SIGTERM: warm shutdown
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


def _delete_queue(name):
    """Remove the test queue and its binding keys from the broker (the worker declared them)."""
    with celery_app.connection_for_write() as connection:
        queue = Queue(name, Exchange(name, type="direct"), routing_key=name)
        queue(connection.default_channel).declare()  # records the binding so it can be deleted
        queue(connection.default_channel).delete()


@pytest.mark.worker
def test_ping_runs_on_a_real_worker():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL not set: no broker to run a real worker against")

    # A queue of its own, so no other worker on the same broker takes the task.
    queue = f"test-ping-{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    command = [sys.executable, "-m", "celery", "-A", "masterplan", "worker", "--pool=solo",
               "--concurrency=1", "-Q", queue, "--without-heartbeat", "--without-gossip",
               "--without-mingle", "--loglevel=INFO"]
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=subprocess.STDOUT)
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        try:
            result = ping.apply_async(kwargs={"token": token}, queue=queue)
            # Poll rather than block, so a worker that dies on start-up fails the test at once.
            deadline = time.monotonic() + RESULT_TIMEOUT
            while not result.ready():
                if worker.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"No result from the worker (exit code {worker.poll()}); "
                                f"worker output:\n{log.read()}")
                time.sleep(0.2)
            assert result.get(timeout=RESULT_TIMEOUT) == f"pong:{token}"
            result.forget()
        finally:
            celery_app.conf.task_always_eager = eager
            _stop(worker)
            _delete_queue(queue)
