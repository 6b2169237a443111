"""Test settings: the production settings module with test-only defaults.

Values come from the environment like in production (CI sets DATABASE_URL and
CELERY_BROKER_URL); only what a test run cannot know is defaulted here.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789-abcdefghij")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SITE_URL", "https://masterplan.example.go.id")

from masterplan.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run inside the request that sends them, so a test sees their outcome at once. The tests
# of the background runner switch to it themselves (tests/masterplan/test_runner.py), and those
# that need a real worker switch eager mode off (tests/masterplan/test_tasks.py).
TASK_RUNNER = "eager"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# seed_demo leaves Kota Bandung's books unrendered (three typesettings per seed); the tests of the
# portal's downloads turn it on (tests/portal/, tests/browser/test_portal.py).
DEMO_RENDER_BOOKS = False
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Uploads and generated files of a test run go to a throw-away folder, never to var/.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# Exported so worker processes started by the tests share the folder.
os.environ.setdefault("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="masterplan-test-media-"))
MEDIA_ROOT = Path(os.environ["TEST_MEDIA_ROOT"])
STORAGES["generated"] = {"BACKEND": "django.core.files.storage.FileSystemStorage",  # noqa: F405
                         "OPTIONS": {"location": MEDIA_ROOT / "generated"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database is thrown away: a commit need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c synchronous_commit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The SQLite test database lives in memory, shared between threads through SQLite's shared
    # cache, where a reader locks each table it reads and a writer on another connection fails
    # at once with "database table is locked" instead of waiting: the background runner's thread
    # writing a job's progress while the live server answers the page's poll. Readers that lock
    # nothing let both go on, as a real database does. Outside a shared cache the pragma does
    # nothing.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA read_uncommitted = 1")
