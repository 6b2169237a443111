"""The deployment of docs/deploy.md spread over machines: two web processes (gunicorn) and two
Celery workers (one reading the renders' queue, one the rest), each in a working directory of
its own with a media directory that must stay empty, sharing only PostgreSQL, the broker and an
S3-compatible store (moto's server).

A ketua signs in on the first web process and asks for Buku III there; the render worker renders
it into the bucket; the job's page and the PDF are then fetched through the second web
process."""

import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import boto3
import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from masterplan.models import Masterplan, Region, RenderJob, Role

from .conftest import free_port, wait_for_port
from .factories import MasterplanFactory, MembershipFactory, UserFactory
from .masterplan.test_tasks import _delete_queue, _stop

pytestmark = [pytest.mark.worker, pytest.mark.s3, pytest.mark.django_db(transaction=True)]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ACCESS_KEY, SECRET_KEY, REGION = "uji", "rahasia-uji", "us-east-1"
PASSWORD = "rahasia-123"


def database_url():
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("processes of their own need the PostgreSQL test database")
    return (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@pytest.fixture
def shared(s3_endpoint):
    """What the machines share: the environment of docs/deploy.md with this test's database,
    a queue of its own on the broker and a fresh bucket."""
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL not set: no broker for the workers")
    bucket = f"topologi-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=ACCESS_KEY,
                 aws_secret_access_key=SECRET_KEY, region_name=REGION).create_bucket(
        Bucket=bucket)
    queue = f"test-topology-{uuid.uuid4().hex}"
    renders = f"{queue}-renders"
    dropped = {"DJANGO_SETTINGS_MODULE", "MEDIA_ROOT", "DATABASE_URL", "DEBUG", "S3_PREFIX"}
    environment = {name: value for name, value in os.environ.items()
                   if name not in dropped and not name.startswith("S3_")}
    environment |= {
        "DJANGO_SETTINGS_MODULE": "masterplan.settings", "PYTHONPATH": str(PROJECT_ROOT),
        "DEBUG": "0", "SECRET_KEY": uuid.uuid4().hex * 2, "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url(), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_QUEUE": queue, "CELERY_RENDER_QUEUE": renders, "TASK_RUNNER": "celery",
        "S3_BUCKET": bucket, "S3_ENDPOINT_URL": s3_endpoint, "S3_ACCESS_KEY": ACCESS_KEY,
        "S3_SECRET_KEY": SECRET_KEY, "S3_REGION": REGION,
    }
    yield environment, bucket
    _delete_queue(queue)
    _delete_queue(renders)


class Machine:
    """A process in a working directory of its own, its media directory never created."""

    def __init__(self, name, command, environment):
        self.directory = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.media = self.directory / "media"
        self.log = open(self.directory / "log.txt", "w+")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command, cwd=self.directory, env={**environment, "MEDIA_ROOT": str(self.media)},
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        _stop(self.process)
        self.log.close()


@pytest.fixture
def machines(shared):
    environment, _bucket = shared
    started = []
    try:
        webs = []
        for number in (1, 2):
            port = free_port()
            web = Machine(f"web{number}", [sys.executable, "-m", "gunicorn", "masterplan.wsgi",
                                           "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                          environment)
            started.append(web)
            web.url = f"http://127.0.0.1:{port}"
            webs.append((web, port))
        # As docs/deploy.md lays them out: a render worker reading the renders' queue, and a
        # small one for the rest.
        for number, queue, options in (
                (1, environment["CELERY_RENDER_QUEUE"],
                 ["--max-tasks-per-child=50", "--max-memory-per-child=1048576"]),
                (2, environment["CELERY_QUEUE"], [])):
            started.append(Machine(f"worker{number}", [
                sys.executable, "-m", "celery", "-A", "masterplan", "worker", "--pool=prefork",
                "--concurrency=1", "-Q", queue, *options, "-n", f"worker{number}@topologi",
                "--without-heartbeat", "--without-gossip", "--without-mingle",
                "--loglevel=INFO"], environment))
        for web, port in webs:
            wait_for_port(port, web.process, "gunicorn", seconds=60)
        yield started
    finally:
        for machine in started:
            machine.stop()


class Browser:
    """Cookies shared by every web process on 127.0.0.1, as a browser behind one host name
    would send them to whichever process the load balancer picks."""

    def __init__(self):
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, url):
        with self.opener.open(url, timeout=60) as response:
            return response.status, response.headers, response.read()

    def post(self, url, fields):
        _status, _headers, body = self.get(url)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        data = urlencode({**fields, "csrfmiddlewaretoken": token.decode()}).encode()
        with self.opener.open(Request(url, data=data), timeout=60) as response:
            return response.status, response.url, response.read()


def test_a_book_asked_on_one_web_process_is_rendered_by_a_worker_and_fetched_from_the_other(
        shared, machines):
    _environment, bucket = shared
    first, second, *workers = machines
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="ketua.topologi")
    # Hashed as the production settings the web processes run with can check it (the tests'
    # own settings hash with MD5 for speed).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    MembershipFactory(user=user, region=region, role=Role.KETUA)
    MasterplanFactory(region=region)

    browser = Browser()
    _status, landed, _body = browser.post(f"{first.url}/masuk/", {
        "username": user.username, "password": PASSWORD})
    assert landed.endswith("/wilayah/32.73/"), landed
    _status, _url, page = browser.post(f"{first.url}/wilayah/32.73/buku/", {"book": "3"})
    assert "Pembuatan buku dimulai." in page.decode()

    job = RenderJob.objects.get(masterplan=Masterplan.objects.get(region=region))
    deadline = time.monotonic() + 180
    while job.status not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, "\n".join(m.output()[-3000:] for m in machines)
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.status == "succeeded", job.message
    assert job.worker == "worker1@topologi"  # the render worker, from the renders' queue

    # The second web process, which never saw the request, shows the job and serves its PDF.
    status, _headers, body = browser.get(f"{second.url}/wilayah/32.73/buku/tugas/{job.pk}/")
    assert status == 200 and "Unduh PDF" in body.decode()
    status, headers, pdf = browser.get(
        f"{second.url}/wilayah/32.73/buku/tugas/{job.pk}/unduh/")
    assert status == 200 and pdf.startswith(b"%PDF")
    assert "32.73-buku-3-draf.pdf" in headers["Content-Disposition"]

    # The PDF lives in the bucket, and no machine wrote a media directory of its own.
    stored = boto3.client("s3", endpoint_url=_environment["S3_ENDPOINT_URL"],
                          aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                          region_name=REGION).list_objects_v2(Bucket=bucket)
    assert [item["Key"] for item in stored.get("Contents", [])] == [f"generated/{job.file.name}"]
    assert [machine.media.exists() for machine in machines] == [False] * 4
