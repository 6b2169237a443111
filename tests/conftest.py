import copy
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import transaction

from masterplan.models import Region, Role
from masterplan.reference_data import load_reference_data

from .factories import AdminFactory, MasterplanFactory, MembershipFactory, UserFactory

OWN_REGION = "32.73"  # Kota Bandung
OTHER_REGION = "35.10"  # Kabupaten Banyuwangi
BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser/ is a browser test, so `-m "not browser"` (make test-fast)
    leaves it out even when its module forgets the marker.

    A module where tests take `world` and none is transactional shares one world (see `world`):
    every database test of it gets `shared_world` first among its fixtures, so the module's
    transaction (module_db) opens before the test's own, and every test of the module sees the
    same rows whatever order the tests run in."""
    flushing, with_world = set(), set()
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if flushes(item):
            flushing.add(item.path)
        if "world" in getattr(item, "fixturenames", ()):
            with_world.add(item.path)
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None and item.path in with_world - flushing and uses_database(item):
            names.insert(0, "shared_world")


def uses_database(item):
    return bool(item.get_closest_marker("django_db")
                or {"db", "world", "module_world"} & set(item.fixturenames))


def flushes(item):
    """Does `item` run outside a rolled-back transaction (the database flushed after it)?"""
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    return bool({"live_server", "transactional_db", "django_db_reset_sequences"} & names
                or (marker and (marker.kwargs.get("transaction")
                                or marker.kwargs.get("reset_sequences"))))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is created from the models (--no-migrations), so the reference rows the
    data migrations give a real database are loaded here, once, by the same loaders."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def reference_data(request):
    """A flushed (transactional) test loses the reference rows: they are loaded again."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if {"live_server", "transactional_db"} & names or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif marker or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    if not Region.objects.exists():
        load_reference_data()


@dataclass
class World:
    """Two regions with a masterplan each and one account per role (the access matrix's world)."""

    own: Region
    other: Region
    users: dict
    masterplans: dict
    memberships: dict
    # What a test derives from the world's untouched rows and may reuse (see module_world).
    cache: dict = field(default_factory=dict, compare=False)

    def user(self, role):
        return self.users.get(role)

    def fresh(self):
        """A copy whose model instances a test may change without touching the shared ones
        (the cache stays shared)."""
        rows = copy.deepcopy({"own": self.own, "other": self.other, "users": self.users,
                              "masterplans": self.masterplans, "memberships": self.memberships})
        return World(**rows, cache=self.cache)


def build_world():
    own, other = Region.objects.get(code=OWN_REGION), Region.objects.get(code=OTHER_REGION)
    users = {"admin": AdminFactory(username="admin.uji")}
    memberships = {}
    for role in (Role.PEMBIMBING, Role.KETUA, Role.ANGGOTA, Role.DEWAN):
        users[role.value] = UserFactory(username=f"{role.value}.uji")
        memberships[role.value] = MembershipFactory(user=users[role.value], region=own, role=role)
    # The other region has its own team, so its objects exist to be (not) reached.
    other_members = {
        role.value: MembershipFactory(user=UserFactory(username=f"{role.value}.lain"),
                                      region=other, role=role)
        for role in (Role.KETUA, Role.ANGGOTA)
    }
    masterplans = {"own": MasterplanFactory(region=own), "other": MasterplanFactory(region=other)}
    return World(own, other, users, masterplans,
                 {"own": memberships, "other": other_members})


@pytest.fixture
def world(request, db):
    """The access matrix's world. Built once per test module where the module has no
    transactional test (the copy of module_world: every test its own instances and savepoint),
    afresh for each test otherwise."""
    if "shared_world" in request.fixturenames:
        return request.getfixturevalue("shared_world").fresh()
    return build_world()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction held open over a whole test module and rolled back after its last test.

    Rows that module-scoped fixtures create inside it are seen by every test of the module, and
    each test (through `db`) runs in a savepoint of it, so what one test changes is undone before
    the next. Only for modules without transactional tests (those flush the database)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            if not Region.objects.exists():
                load_reference_data()
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_db_setup(module_db, django_db_blocker):
    """`module_db_setup(build)` runs `build()` with database access, once per module."""
    def run(build):
        with django_db_blocker.unblock():
            return build()
    return run


@pytest.fixture(scope="module")
def shared_world(module_db_setup):
    """The world of module_world, for module-scoped fixtures that add to it (tests take
    module_world instead, which copies it)."""
    return module_db_setup(build_world)


@pytest.fixture
def module_world(shared_world, db):
    """The `world`, built once per test module (see module_db); each test gets its own copy of
    the model instances and its own savepoint, so changes never leak to the next test."""
    return shared_world.fresh()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what, seconds=20):
    """Waits until `process` listens on the loopback `port`; fails if it exits first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.1)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3-compatible server on a free loopback port: its URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                               "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, server, "moto's S3 server")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(autouse=True)
def empty_figures_cache():
    """Computed figures are cached by masterplan id and content version, and a rolled-back test
    hands the same ids and versions to the next one: every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
