"""`/healthz`: each service answers, or the probe says which one does not (503), revealing no
address, user name or password of any of them."""

import json
import socket

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _closed_port():
    """A loopback port nothing listens on: bound to learn a free one, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _probe(client):
    response = client.get(reverse("healthz"))
    return response, json.loads(response.content)


def test_every_check_passes_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = None
    response, body = _probe(client)
    assert response.status_code == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok",
                                               "broker": "skipped", "storage": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_a_broker_that_does_not_answer_fails_the_probe_without_naming_it(client, settings, caplog):
    port = _closed_port()
    settings.CELERY_BROKER_URL = f"redis://:broker-password@127.0.0.1:{port}/4"
    response, body = _probe(client)
    assert response.status_code == 503
    assert body == {"status": "error", "checks": {"database": "ok", "cache": "ok",
                                                  "broker": "error", "storage": "ok"}}
    text = response.content.decode()
    assert "broker-password" not in text and "127.0.0.1" not in text and str(port) not in text
    # The cause is in the log, for the operator.
    assert any("health check broker failed" in record.getMessage() for record in caplog.records)


def test_the_configured_broker_answers(client, settings):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL not set: no broker to probe")
    response, body = _probe(client)
    assert body["checks"]["broker"] == "ok", body


def test_storage_that_cannot_be_written_fails_the_probe(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.STORAGES = {**settings.STORAGES, "generated": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": blocker / "generated"}}}
    settings.CELERY_BROKER_URL = None
    response, body = _probe(client)
    assert response.status_code == 503
    assert body["checks"]["storage"] == "error" and body["checks"]["database"] == "ok"
    assert str(tmp_path) not in response.content.decode()


def test_the_probe_leaves_no_file_behind(client, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "generated": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path}}}
    settings.CELERY_BROKER_URL = None
    assert _probe(client)[0].status_code == 200
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def test_the_probe_answers_plain_http_where_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_BROKER_URL = None
    assert client.get(reverse("login")).status_code == 301
    assert client.get(reverse("healthz")).status_code == 200


def test_the_probe_only_reads(client):
    assert client.post(reverse("healthz")).status_code == 405
