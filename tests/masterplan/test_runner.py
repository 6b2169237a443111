"""The background runner (masterplan/runner.py): without a broker, renders and batch exports run
in a few threads of the web process after the request's transaction commits.

The runner's threads have database connections of their own, so the tests that render commit
their rows (transaction=True). They never wait a fixed time: a `Gate` task holds the runner's
thread until the test opens it (so the test alone uses the database meanwhile, and sees what it
sent still waiting), and `wait_idle` waits for the runner to drain.
"""

import importlib
import logging
import os
import socket
import subprocess
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from books.documents import BOOK, request_render
from masterplan import request_log, runner
from masterplan.models import ExportBatch, RenderJob
from masterplan.rendering import pipeline
from masterplan.tasks import sweep_at_start

from ..runner_helpers import DRAIN, Gate, broken, gate


@pytest.fixture
def held(request):
    with Gate(request.node.name) as made:
        yield made


@pytest.fixture
def background(settings):
    """The process's background runner, one thread, as in a web process without a broker; the
    test ends only once it has drained, so no thread outlives the test's database."""
    settings.TASK_RUNNER = runner.BACKGROUND
    settings.TASK_RUNNER_THREADS = 1
    yield runner.background()
    assert runner.wait_idle(DRAIN), "the background runner did not drain"


# --- the runner itself -------------------------------------------------------------------------

def test_at_most_threads_tasks_run_at_once_and_the_rest_wait(held):
    pool = runner.BackgroundRunner(threads=2)
    for number in range(5):
        pool.submit(gate, {"key": held.key, "number": number})
    held.wait_started(2)
    assert (pool.running, pool.waiting) == (2, 3)
    assert sorted(held.order) == [0, 1]  # first sent, first run
    held.opened.set()
    assert pool.wait_idle(DRAIN)
    assert (pool.running, pool.waiting, held.most, sorted(held.order)) == (0, 0, 2, [0, 1, 2, 3, 4])


def test_wait_idle_answers_false_while_a_task_still_runs(held):
    pool = runner.BackgroundRunner(threads=1)
    pool.submit(gate, {"key": held.key})
    held.wait_started(1)
    assert pool.wait_idle(0.01) is False
    held.opened.set()
    assert pool.wait_idle(DRAIN) is True
    assert pool.wait_idle(0) is True  # idle stays idle


def test_a_task_that_raises_is_logged_and_the_next_one_runs(held, caplog):
    pool = runner.BackgroundRunner(threads=1)
    pool.submit(broken, {"key": "k1"})
    pool.submit(gate, {"key": held.key, "number": 7})
    held.wait_started(1)
    held.opened.set()
    assert pool.wait_idle(DRAIN)
    assert held.order == [7]
    assert ("task tests.runner.broken {'key': 'k1'} failed in the background runner: "
            "ValueError('broken task k1')") in caplog.text


def test_a_task_logs_with_the_id_of_the_request_that_sent_it():
    """The request filter (settings.LOGGING) runs in the runner's thread, as the log handlers do."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(request_log.RequestContextFilter())
    logging.getLogger(runner.__name__).addHandler(handler)
    try:
        pool = runner.BackgroundRunner(threads=1)
        token = request_log.current_request_id.set("req-sent-by-a-request")
        try:
            pool.submit(broken, {"key": "k2"})
        finally:
            request_log.current_request_id.reset(token)
        pool.submit(broken, {"key": "k3"})  # sent outside any request
        assert pool.wait_idle(DRAIN)
    finally:
        logging.getLogger(runner.__name__).removeHandler(handler)
    ids = {record.getMessage().split("'key': ")[1][:4]: record.request_id for record in records}
    assert ids == {"'k2'": "req-sent-by-a-request", "'k3'": None}


def test_a_forked_child_starts_a_runner_of_its_own():
    """gunicorn --preload forks its workers from a process whose runner threads do not follow."""
    parent = runner.background()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answers through the pipe, never returns into pytest
        try:
            child = runner.background()
            os.write(write_fd, b"own" if child is not parent and child.running == 0 else b"shared")
        finally:
            os._exit(0)
    os.close(write_fd)
    os.waitpid(pid, 0)
    with os.fdopen(read_fd, "rb") as answer:
        assert answer.read() == b"own"
    assert runner.background() is parent


def test_in_eager_mode_send_runs_the_task_at_once_in_the_sending_thread(settings, held):
    settings.TASK_RUNNER = "eager"
    held.opened.set()
    runner.send(gate, key=held.key, number=1)
    assert held.order == [1]  # done before send returned
    assert runner.worker_name() == ""  # no runner holds render jobs
    settings.TASK_RUNNER = runner.BACKGROUND
    assert runner.worker_name() == f"web:{socket.gethostname()}:{os.getpid()}"


# --- renders in the background -----------------------------------------------------------------

# The runner's threads see only committed rows.
committed_db = pytest.mark.django_db(transaction=True)


@committed_db
def test_a_render_is_sent_when_its_transaction_commits_and_runs_in_the_background(
        world, background, held):
    runner.send(gate, key=held.key)  # the one thread is busy
    held.wait_started(1)
    with transaction.atomic():
        job = request_render(world.masterplans["own"], "3", world.user("ketua"))
        assert background.waiting == 0  # not sent before the commit
    assert background.waiting == 1
    job.refresh_from_db()
    assert (job.status, job.progress, job.worker) == ("queued", 0, runner.worker_name())
    held.opened.set()
    assert runner.wait_idle(DRAIN)
    job.refresh_from_db()
    assert (job.status, job.progress, job.message) == ("succeeded", 100, "")
    assert job.file.open("rb").read(5) == b"%PDF-" and job.worker == runner.worker_name()


@committed_db
def test_a_render_that_fails_in_the_background_records_its_message(world, background, held):
    runner.send(gate, key=held.key)
    held.wait_started(1)
    world.masterplans["other"].outlook.delete()  # Buku I of this region cannot be written
    job = request_render(world.masterplans["other"], "1", None)
    held.opened.set()
    assert runner.wait_idle(DRAIN)
    job.refresh_from_db()
    assert job.status == "failed" and "gagal dibuat" in job.message


@committed_db
def test_a_render_over_its_memory_in_the_background_says_the_document_is_too_large(
        world, background, held, settings):
    runner.send(gate, key=held.key)
    held.wait_started(1)
    settings.RENDER_TYPESET_MEMORY_MIB = 64
    job = request_render(world.masterplans["own"], "3", None)
    held.opened.set()
    assert runner.wait_idle(DRAIN)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("failed", 40)
    assert job.message.startswith("Dokumen terlalu besar untuk dibuat")


@committed_db
def test_buat_ketiga_buku_answers_before_the_books_are_rendered(client, world, background, held):
    runner.send(gate, key=held.key)  # the one thread is busy with something else
    held.wait_started(1)
    client.force_login(world.user("ketua"))
    url = reverse("books", kwargs={"region_code": world.own.code})
    response = client.post(url, {"book": "all"})
    assert response.status_code == 302
    jobs = RenderJob.objects.filter(masterplan=world.masterplans["own"], kind=BOOK)
    assert sorted(jobs.values_list("part", "status")) == [
        ("1", "queued"), ("2", "queued"), ("3", "queued")]
    page = client.get(url).content.decode()
    assert page.count("Dalam antrean") >= 3 and 'hx-trigger="every 2s"' in page
    held.opened.set()
    assert runner.wait_idle(DRAIN)
    assert sorted(jobs.values_list("part", "status")) == [
        ("1", "succeeded"), ("2", "succeeded"), ("3", "succeeded")]


@committed_db
def test_a_batch_export_answers_at_once_and_its_zip_is_built_in_the_background(
        client, world, background, held):
    runner.send(gate, key=held.key)
    held.wait_started(1)
    client.force_login(world.user("admin"))
    response = client.post(reverse("batch_export"), {"books": ["3"]})
    batch = ExportBatch.objects.get()
    assert response["Location"] == reverse("batch_export_detail", kwargs={"batch_pk": batch.pk})
    assert sorted(batch.jobs.values_list("masterplan__region__code", "status")) == [
        ("32.73", "queued"), ("35.10", "queued")]
    progress = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "0/2" in progress and "hx-get" in progress
    held.opened.set()
    assert runner.wait_idle(DRAIN)
    batch.refresh_from_db()
    assert set(batch.jobs.values_list("status", flat=True)) == {"succeeded"}
    assert batch.archive.name.endswith(".zip")


# --- a web process that stopped ----------------------------------------------------------------

def stopped_runner():
    """The name of a background runner of this machine whose process has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return f"web:{socket.gethostname()}:{process.pid}"


@committed_db
def test_a_starting_web_process_fails_the_jobs_a_stopped_one_held(world, background):
    gone = stopped_runner()
    masterplan = world.masterplans["own"]
    long_ago = timezone.now() - timedelta(seconds=6 * pipeline.HARD_TIME_LIMIT + 5)
    lost_running = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="1",
                                            status="running", started_at=timezone.now(),
                                            worker=gone)
    lost_queued = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="2", worker=gone)
    # Waiting long behind an export of many regions in this live process: its turn will come.
    waiting = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="3",
                                       worker=runner.worker_name())
    RenderJob.objects.filter(pk=waiting.pk).update(created_at=long_ago)
    celery_job = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="3",
                                          status="running", started_at=timezone.now(),
                                          worker="worker@mesin-1")
    importlib.reload(importlib.import_module("masterplan.wsgi"))  # what a web process runs first
    assert runner.wait_idle(DRAIN)
    for job in (lost_running, lost_queued, waiting, celery_job):
        job.refresh_from_db()
    for job in (lost_running, lost_queued):
        assert job.status == "failed"
        assert job.message == ("Pembuatan PDF terhenti karena server web dimulai ulang sebelum "
                               "selesai. Silakan ulangi.")
    assert (waiting.status, celery_job.status) == ("queued", "running")


@committed_db
def test_without_the_background_runner_nothing_is_swept_at_start(world, settings):
    settings.TASK_RUNNER = "eager"
    job = RenderJob.objects.create(masterplan=world.masterplans["own"], kind=BOOK, part="1",
                                   status="running", started_at=timezone.now(),
                                   worker=stopped_runner())
    sweep_at_start()
    job.refresh_from_db()
    assert job.status == "running"
