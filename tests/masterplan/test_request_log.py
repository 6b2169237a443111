"""Request ids and JSON log lines (masterplan/request_log.py, docs/deploy.md "Logs")."""

import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from masterplan import request_log
from masterplan.celery import app as celery_app
from masterplan.tasks import ping

from ..factories import UserFactory
from .test_tasks import _delete_queue, _stop

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_lines():
    """What the request logger writes, as settings.LOGGING's JSON handler would write it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(request_log.JsonFormatter())
    handler.addFilter(request_log.RequestContextFilter())
    logger = logging.getLogger("masterplan.requests")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(level)


@pytest.mark.django_db
def test_every_answer_carries_a_fresh_request_id(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert request_log.VALID_ID.fullmatch(first) and first != second


@pytest.mark.django_db
@pytest.mark.parametrize("sent, kept", [
    ("3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", True),
    ("nginx.0123456789abcdef", True),
    ("short", False),
    ("x" * 65, False),
    ("id with spaces", False),
    ('"><script>', False),
])
def test_the_proxy_id_is_kept_only_when_it_is_a_short_token(client, sent, kept):
    answered = client.get(reverse("login"), headers={"X-Request-ID": sent})["X-Request-ID"]
    assert (answered == sent) is kept
    assert request_log.VALID_ID.fullmatch(answered)


@pytest.mark.django_db
def test_a_request_is_logged_as_one_json_line_without_its_query_string(client, json_lines):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("login") + "?token=secret-reset-token",
                          headers={"X-Request-ID": "req-0123456789"})
    lines = json_lines()
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == "req-0123456789" == response["X-Request-ID"]
    assert line["path"] == reverse("login") and line["method"] == "GET"
    assert line["status"] == response.status_code and line["user_id"] == user.pk
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "masterplan.requests"
    assert datetime.fromisoformat(line["time"]).utcoffset() is not None  # zone included
    assert "secret-reset-token" not in json.dumps(lines)


@pytest.mark.django_db
def test_an_anonymous_request_has_no_user_id_and_the_health_probe_logs_at_debug(client,
                                                                                json_lines):
    client.get(reverse("login"))
    client.get(reverse("healthz"))
    login, probe = json_lines()
    assert "user_id" not in login and login["level"] == "INFO"
    assert probe["path"] == "/healthz" and probe["level"] == "DEBUG"


def test_records_outside_a_request_have_no_request_fields():
    record = logging.LogRecord("masterplan", logging.WARNING, __file__, 1, "hello %s",
                               ("world",), None)
    request_log.RequestContextFilter().filter(record)
    line = json.loads(request_log.JsonFormatter().format(record))
    assert line["message"] == "hello world" and line["level"] == "WARNING"
    assert "request_id" not in line and "path" not in line


def test_an_exception_is_written_inside_its_line():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("masterplan", logging.ERROR, __file__, 1, "failed", (),
                                   sys.exc_info())
    text = request_log.JsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: boom" in json.loads(text)["exception"]


@pytest.mark.worker
def test_a_task_logs_with_the_id_of_the_request_that_sent_it():
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL not set: no broker to run a real worker against")
    queue = f"test-request-id-{uuid.uuid4().hex}"
    request_id = f"req-{uuid.uuid4().hex}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "LOG_FORMAT": "json"}
    command = [sys.executable, "-m", "celery", "-A", "masterplan", "worker", "--pool=solo",
               "--concurrency=1", "-Q", queue, "--without-heartbeat", "--without-gossip",
               "--without-mingle", "--loglevel=INFO", "-n", f"{queue}@test"]
    with tempfile.TemporaryFile(mode="w+") as log:
        worker = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=subprocess.STDOUT)
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = False
        token = request_log.current_request_id.set(request_id)
        try:
            result = ping.apply_async(kwargs={"token": "t"}, queue=queue)
            request_log.current_request_id.reset(token)
            deadline = time.monotonic() + 60
            while not result.ready():
                if worker.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"no result (exit {worker.poll()}); output:\n{log.read()}")
                time.sleep(0.2)
            result.forget()
        finally:
            celery_app.conf.task_always_eager = eager
            _stop(worker)
            _delete_queue(queue)
        log.seek(0)
        output = log.read()
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert lines, output
    succeeded = [line for line in lines if "succeeded" in line["message"]]
    assert succeeded and succeeded[0]["request_id"] == request_id, output
