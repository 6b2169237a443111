"""The background runner (masterplan/runner.py): without a broker, tasks run in a few threads of
the web process.

The tests never wait a fixed time: a `Gate` task holds a runner's thread until the test opens
it, and `wait_idle` waits for the runner to drain.
"""

import os
import socket

import pytest

from masterplan import runner

from ..runner_helpers import DRAIN, Gate, broken, gate


@pytest.fixture
def held(request):
    with Gate(request.node.name) as made:
        yield made


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
