"""Where the render pipeline's tasks run (settings.TASK_RUNNER).

`send(task, **kwargs)` sends a task, from `transaction.on_commit` like every task:

- "celery" (a broker is configured): `task.delay`, to the broker's workers.
- "background" (the default without a broker, `make run`): a few threads of the web process run
  `task.apply`, the same task function a Celery worker runs, with the task's retries and
  failure signals. The request that asked returns at once and its page polls the job as it would
  with Celery. At most settings.TASK_RUNNER_THREADS tasks run at a time (typesetting needs a lot
  of memory); the others wait their turn in the order they were sent. A thread closes its
  database connections after each task, and ends when nothing is left to run.
- "eager": Celery's task_always_eager runs the task at once, inside the request (the tests).

The threads are daemons: a web process that stops (a reload of `runserver`, a crash) loses what
it was running and what was waiting. The render jobs it held carry its name (`worker_name()`),
so the next web process on the machine fails them (`fail_stale_jobs` in
masterplan/rendering/pipeline.py) instead of leaving them "running" for ever.
"""

import logging
import os
import socket
import threading
from collections import deque

from django.conf import settings
from django.db import connections

from . import request_log

logger = logging.getLogger(__name__)

BACKGROUND = "background"
# A background runner's name: this prefix, the machine's host name and the process id.
NAME_PREFIX = "web:"


class BackgroundRunner:
    """Runs tasks in at most `threads` daemon threads (settings.TASK_RUNNER_THREADS when None),
    first sent, first run."""

    def __init__(self, threads=None):
        self._threads = threads
        self._condition = threading.Condition()
        self._waiting = deque()
        self._running = 0
        self._workers = 0

    @property
    def threads(self):
        return self._threads or settings.TASK_RUNNER_THREADS

    def submit(self, task, kwargs):
        """Queue `task.apply(kwargs=kwargs)`; starts a thread if fewer than `threads` run. The
        task's log records carry the id of the request that sent it, as in a Celery worker."""
        request_id = request_log.current_request_id.get()
        with self._condition:
            self._waiting.append((task, dict(kwargs), request_id))
            if self._workers < self.threads:
                self._workers += 1
                threading.Thread(target=self._work, name=f"task-runner-{self._workers}",
                                 daemon=True).start()

    def _work(self):
        while True:
            with self._condition:
                if not self._waiting:
                    self._workers -= 1
                    self._condition.notify_all()
                    return
                task, kwargs, request_id = self._waiting.popleft()
                self._running += 1
            token = request_log.current_request_id.set(request_id)
            try:
                run(task, kwargs)
            finally:
                request_log.current_request_id.reset(token)
                with self._condition:
                    self._running -= 1
                    self._condition.notify_all()

    @property
    def waiting(self):
        """How many tasks wait for a thread."""
        with self._condition:
            return len(self._waiting)

    @property
    def running(self):
        """How many tasks run now."""
        with self._condition:
            return self._running

    def wait_idle(self, timeout=None):
        """Block until no task runs or waits, at most `timeout` seconds (None: for as long as it
        takes); True when idle."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._waiting and not self._running,
                                            timeout)


def run(task, kwargs):
    """One task in a runner thread, as Celery's eager mode runs it: retried as the task says, and
    a failure logged and sent to the task's task_failure receivers (which fail its render job),
    not raised."""
    try:
        result = task.apply(kwargs=kwargs, throw=False)
        if result.failed():
            logger.error("task %s %r failed in the background runner: %r", task.name, kwargs,
                         result.result)
    except Exception:  # a retry raising despite throw=False (settings.CELERY_TASK_EAGER_PROPAGATES)
        logger.exception("task %s %r failed in the background runner", task.name, kwargs)
    finally:
        connections.close_all()  # this thread's own connections


_runner = None
_runner_lock = threading.Lock()


def _forget_the_parents_runner():
    """A forked child (a worker of `gunicorn --preload`) has none of its parent's threads, and
    perhaps a lock one of them held: it starts a runner of its own."""
    global _runner, _runner_lock
    _runner, _runner_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_the_parents_runner)


def background():
    """This process's background runner, created at its first use."""
    global _runner
    with _runner_lock:
        if _runner is None:
            _runner = BackgroundRunner()
        return _runner


def send(task, **kwargs):
    """Send `task` with its keyword arguments the way settings.TASK_RUNNER says (see the module
    docstring); call it from `transaction.on_commit`."""
    if settings.TASK_RUNNER == BACKGROUND:
        background().submit(task, kwargs)
    else:  # to the broker, or run here and now by Celery's eager mode
        task.delay(**kwargs)


def wait_idle(timeout=None):
    """Wait until this process's background runner has run everything sent to it (what the
    tests use to see a task's outcome); True when idle, False after `timeout` seconds."""
    return background().wait_idle(timeout)


def worker_name():
    """The name under which this process's background runner holds render jobs (RenderJob.worker),
    or "" when tasks do not run in the background runner."""
    if settings.TASK_RUNNER != BACKGROUND:
        return ""
    return f"{NAME_PREFIX}{socket.gethostname()}:{os.getpid()}"


def _pid_here(name):
    """The process id in `name` if it names a background runner of this machine, else None."""
    prefix = f"{NAME_PREFIX}{socket.gethostname()}:"
    pid = name.removeprefix(prefix)
    return int(pid) if name.startswith(prefix) and pid.isdigit() else None


def _process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, under another user
        return True
    return True


def is_gone(name):
    """True when `name` is a background runner of this machine whose process has ended; False
    for a live one and for any other name (a Celery node, another machine)."""
    pid = _pid_here(name)
    return pid is not None and not _process_exists(pid)


def is_alive_here(name):
    """True when `name` is a live background runner of this machine, which still holds its jobs."""
    pid = _pid_here(name)
    return pid is not None and _process_exists(pid)
