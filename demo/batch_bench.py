"""Processes of `manage.py bench_batch`: a CPU-bound probe of the cores the machine gives, Celery
workers on a queue of their own whose process tree is sampled for memory, and the batch export
itself, asked for and awaited in a child process on the benchmark's database."""

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import psutil
from django.conf import settings

from .loadtest import run

# Work of one probe process: a pure-Python loop of about two seconds on an idle core (a shorter
# one is swayed by whatever else starts meanwhile).
PROBE_LOOPS = 36_000_000


def _spin(loops):
    total = 0
    for number in range(loops):
        total += number * number % 7
    return total


def cores_probe():
    """(seconds of one probe alone, seconds of two at once, the cores that gives: 2 × alone ÷
    together, 2.0 when two processes really run side by side)."""
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    context.Process(target=_spin, args=(PROBE_LOOPS,)).run()  # in this process, as a baseline
    alone = time.perf_counter() - started
    processes = [context.Process(target=_spin, args=(PROBE_LOOPS,)) for _ in range(2)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    together = time.perf_counter() - started
    return alone, together, 2 * alone / together


class MemorySampler(threading.Thread):
    """Samples the resident memory of a Celery worker's process tree every 0.1 s: the peak of each
    pool process (a "worker child"), of each typesetting process it forks, and of a pool process
    and its typesetting child together."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.stopped = threading.Event()
        self.child = self.typesetting = self.slot = 0

    def run(self):
        while not self.stopped.wait(0.1):
            try:
                pool = self.root.children()
            except psutil.Error:
                return
            for process in pool:
                try:
                    own = process.memory_info().rss
                    forked = sum(grandchild.memory_info().rss for grandchild in process.children())
                    largest = max((grandchild.memory_info().rss
                                   for grandchild in process.children()), default=0)
                except psutil.Error:
                    continue  # ended between two calls
                self.child = max(self.child, own)
                self.typesetting = max(self.typesetting, largest)
                self.slot = max(self.slot, own + forked)

    def stop(self):
        self.stopped.set()
        self.join()


def worker_env(database_url, queue, media_root):
    return run.base_env(
        DATABASE_URL=database_url, CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_RENDER_QUEUE=queue, DEBUG="0", SECRET_KEY=uuid.uuid4().hex * 2,
        SITE_URL="http://127.0.0.1", ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="WARNING",
        MEDIA_ROOT=str(media_root))


class Worker:
    """A Celery worker as docs/deploy.md runs it (prefork, prefetch 1, memory cap per child), on
    its own queue, with `concurrency` pool processes."""

    def __init__(self, env, concurrency, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "masterplan", "worker", "--pool=prefork",
             f"--concurrency={concurrency}", "--prefetch-multiplier=1",
             "--max-tasks-per-child=50", "--max-memory-per-child=1048576",
             "-Q", env["CELERY_RENDER_QUEUE"], "--without-heartbeat", "--without-gossip",
             "--without-mingle", "--loglevel=INFO", "-n", f"bench-{uuid.uuid4().hex[:8]}@%h"],
            cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, deadline):
        until = time.monotonic() + min(60, deadline.left())
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker stopped at start-up (see {self.log_path})")
            if " ready." in self.log_path.read_text():
                return
            time.sleep(0.2)
        raise run.OutOfTime(f"the Celery worker was not ready in time (see {self.log_path})")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
