"""Tasks for the tests of the background runner (masterplan/runner.py): `gate` holds a runner
thread until the test opens its Gate, so what waits behind it is seen waiting without timing
anything; `broken` raises."""

import threading

from celery import shared_task

# Seconds; only a bound for a broken runner, never a measure of a working one.
DRAIN = 180


class Gate:
    """What the `gate` tasks sent with one key share: how many run at once, in which order they
    started, and the event that lets them finish. As a context manager it is opened and
    forgotten when the block ends, whatever happened."""

    gates = {}

    def __init__(self, key):
        self.key, self.opened = key, threading.Event()
        self.lock, self.started = threading.Lock(), threading.Semaphore(0)
        self.inside, self.most, self.order = 0, 0, []
        Gate.gates[key] = self

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.opened.set()
        Gate.gates.pop(self.key, None)

    def enter(self, number):
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
            self.order.append(number)
        self.started.release()
        try:
            if not self.opened.wait(DRAIN):
                raise TimeoutError("the test never opened the gate")
        finally:
            with self.lock:
                self.inside -= 1

    def wait_started(self, count):
        """Block until `count` more gate tasks have started."""
        for _ in range(count):
            assert self.started.acquire(timeout=DRAIN), "a gate task never started"


@shared_task(name="tests.runner.gate")
def gate(*, key: str, number: int = 0) -> None:
    Gate.gates[key].enter(number)


@shared_task(name="tests.runner.broken")
def broken(*, key: str) -> None:
    raise ValueError(f"broken task {key}")
