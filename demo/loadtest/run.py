"""Processes of `manage.py loadtest`: a database of its own (never the one `make run` serves),
gunicorn on loopback with DEBUG off, and locust headless against it, each stopped in time."""

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2
from django.conf import settings

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Variables of the caller that must not reach the measured app: its own database, broker and
# runner choice would make it another app than the one measured.
DROPPED = {"DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "TASK_RUNNER",
           "DJANGO_SETTINGS_MODULE", "LOG_FORMAT"}


class OutOfTime(Exception):
    pass


class Deadline:
    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def left(self):
        left = self.end - time.monotonic()
        if left <= 0:
            raise OutOfTime("the load test ran out of its time")
        return left


def base_env(**extra):
    env = {name: value for name, value in os.environ.items() if name not in DROPPED}
    return {**env, **extra}


class Databases:
    """The demo database and its grown copy: SQLite files under VAR_DIR, or PostgreSQL databases
    masterplan_loadtest and masterplan_loadtest_grown on the configured server."""

    NAMES = {"demo": "masterplan_loadtest", "grown": "masterplan_loadtest_grown"}

    def __init__(self):
        self.db = settings.DATABASES["default"]
        self.postgres = self.db["ENGINE"] == "django.db.backends.postgresql"

    @property
    def engine(self):
        return "PostgreSQL" if self.postgres else "SQLite"

    def url(self, which):
        if not self.postgres:
            return f"sqlite:///{settings.VAR_DIR / (self.NAMES[which] + '.sqlite3')}"
        db = self.db
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.NAMES[which]}"

    def _admin(self, *statements):
        db = self.db
        connection = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"],
                                      host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def fingerprint(self):
        """What the seeded demo depends on: the migrations, the reference data and the demo's
        code. The same fingerprint as the last run's means its seeded database can be kept."""
        digest = hashlib.sha256()
        base = settings.BASE_DIR
        files = [*base.glob("*/migrations/*.py"), *base.glob("*/data/**/*"),
                 *base.glob("demo/*.py")]
        for path in sorted(path for path in files if path.is_file()):
            digest.update(str(path.relative_to(base)).encode() + path.read_bytes())
        return digest.hexdigest()

    @property
    def stamp(self):
        return settings.VAR_DIR / f"{self.NAMES['demo']}.{'postgres' if self.postgres else 'sqlite'}.seeded"

    def demo_is_current(self):
        """True when the last run seeded the demo from the same migrations and demo code."""
        if not self.stamp.exists() or self.stamp.read_text() != self.fingerprint():
            return False
        if self.postgres:
            return self._exists(self.NAMES["demo"])
        return settings.VAR_DIR.joinpath(self.NAMES["demo"] + ".sqlite3").exists()

    def mark_seeded(self):
        self.stamp.write_text(self.fingerprint())

    def _exists(self, name):
        db = self.db
        connection = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"],
                                      host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                return cursor.fetchone() is not None
        finally:
            connection.close()

    def drop_grown(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.NAMES["grown"]}" WITH (FORCE)')
        else:
            settings.VAR_DIR.joinpath(self.NAMES["grown"] + ".sqlite3").unlink(missing_ok=True)

    def create_demo(self):
        self.stamp.unlink(missing_ok=True)
        if self.postgres:
            self._admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
                          for name in self.NAMES.values()),
                        f'CREATE DATABASE "{self.NAMES["demo"]}"')
        else:
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            for name in self.NAMES.values():
                settings.VAR_DIR.joinpath(name + ".sqlite3").unlink(missing_ok=True)

    def seed_demo(self, deadline, say, reseed=False):
        """Seed the demo into its own database unless the last run's is current (and `reseed` is
        not asked), then give the copy (`url("grown")`) a fresh copy of it."""
        if not reseed and self.demo_is_current():
            say("Keeping the demo seeded by the last run (same migrations and demo data).")
            self.drop_grown()
        else:
            say(f"Seeding the demo into its own {self.engine} database…")
            self.create_demo()
            manage(deadline, self.url("demo"), "migrate", "--noinput")
            manage(deadline, self.url("demo"), "seed_demo")
            self.mark_seeded()
        self.copy_demo()

    def copy_demo(self):
        if self.postgres:
            self._admin(f'CREATE DATABASE "{self.NAMES["grown"]}" TEMPLATE "{self.NAMES["demo"]}"')
        else:
            shutil.copyfile(settings.VAR_DIR / (self.NAMES["demo"] + ".sqlite3"),
                            settings.VAR_DIR / (self.NAMES["grown"] + ".sqlite3"))


def manage(deadline, database_url, *args):
    """Runs a manage.py command on the load test's database; its output goes to the caller's."""
    try:
        subprocess.run([sys.executable, "manage.py", *args, "--verbosity", "0"],
                       cwd=settings.BASE_DIR, env=base_env(DATABASE_URL=database_url, DEBUG="1"),
                       check=True, timeout=deadline.left(), stdout=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise OutOfTime(f"manage.py {args[0]} ran out of the load test's time") from None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with 2 workers on a loopback port, as in production but over plain HTTP."""

    def __init__(self, database_url, log_path, workers=2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = base_env(
            DATABASE_URL=database_url, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
            SITE_URL=self.url, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0",
            DATABASE_CONN_MAX_AGE="60", LOG_LEVEL="WARNING",
            MEDIA_ROOT=str(settings.VAR_DIR / "loadtest-media"))
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "masterplan.wsgi", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "60"],
            cwd=settings.BASE_DIR, env=env, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, deadline, seconds=60):
        until = time.monotonic() + min(seconds, deadline.left())
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up (see {self.log.name})")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise OutOfTime(f"gunicorn did not answer /healthz in time (see {self.log.name})")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def query(deadline, database_url, code):
    """What `code` prints, run by `manage.py shell` on the load test's database."""
    try:
        answer = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                                 code], cwd=settings.BASE_DIR, capture_output=True, text=True,
                                env=base_env(DATABASE_URL=database_url, DEBUG="1"),
                                check=True, timeout=deadline.left())
    except subprocess.TimeoutExpired:
        raise OutOfTime("manage.py shell ran out of the load test's time") from None
    return answer.stdout.strip()


def run_load(deadline, url, plan, seconds, users, results_path, classes, spawn_rate=None,
             stop_timeout=5):
    """locust headless for `seconds` with the locustfile's `classes`; answers its results.
    At the end each user may finish its request for `stop_timeout` seconds, so a write the
    server saved is not left unanswered."""
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "--users", str(users), "--spawn-rate", str(spawn_rate or users),
               "--run-time", f"{seconds}s",
               "--host", url, "--stop-timeout", str(stop_timeout), "--only-summary", "--loglevel", "WARNING",
               "--exit-code-on-error", "0", *classes]
    env = base_env(LOADTEST_PLAN=json.dumps(plan), LOADTEST_RESULTS=str(results_path))
    try:
        subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       timeout=min(deadline.left(), seconds + stop_timeout + 25))
    except subprocess.TimeoutExpired:
        raise OutOfTime("locust ran out of the load test's time") from None
    return json.loads(Path(results_path).read_text())
