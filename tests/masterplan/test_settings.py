"""masterplan/settings.py: typed environment variables, refused when malformed (docs/deploy.md).

The subprocess tests start a fresh interpreter with a controlled environment, because the
settings module is evaluated once per process. They need no database.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from masterplan.settings import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_rate,
    env_str,
    env_url,
)

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
# Every variable the settings module reads, taken from its source so a new one is covered too.
SETTINGS_VARS = set(re.findall(r'\benv_\w+\(\s*"([A-Z][A-Z0-9_]*)"', (ROOT / "masterplan" / "settings.py").read_text()))
SECRET = "settings-test-key-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEF"
# What start-up needs with DEBUG off.
REQUIRED = {"SECRET_KEY": SECRET, "SITE_URL": "https://masterplan.example.go.id"}


def documented_environment():
    """The example environment file in docs/deploy.md ("Production settings"), as a dict."""
    match = re.search(r"```sh\n# /etc/masterplan/masterplan\.env\n(.*?)```", DEPLOY_DOC.read_text(), re.S)
    assert match, "docs/deploy.md lost its example /etc/masterplan/masterplan.env block"
    pairs = [line.split("=", 1) for line in match.group(1).splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    return {name.strip(): value.strip() for name, value in pairs}


def clean_env(**overrides):
    """os.environ without anything the settings read (the test run sets some), plus overrides."""
    env = {name: value for name, value in os.environ.items()
           if name not in SETTINGS_VARS and not name.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "masterplan.settings"
    env.update(overrides)
    return env


def run(args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


SETUP = "import django; django.setup()"


# --- start-up refuses a bad environment -------------------------------------------------

@pytest.mark.parametrize("overrides, message", [
    ({}, "SECRET_KEY is required"),
    ({"SECRET_KEY": SECRET}, "SITE_URL is required"),
    ({**REQUIRED, "SITE_URL": "masterplan.example.go.id"}, "SITE_URL must be a URL with scheme"),
    ({**REQUIRED, "DEBUG": "maybe"}, "DEBUG must be one of"),
    ({**REQUIRED, "DATABASE_URL": "mysql://x"}, "DATABASE_URL must be a URL with scheme"),
    ({**REQUIRED, "CELERY_BROKER_URL": "http://x"}, "CELERY_BROKER_URL must be a URL with scheme"),
    ({**REQUIRED, "AXES_FAILURE_LIMIT": "abc"}, "AXES_FAILURE_LIMIT must be a whole number"),
    # Redis would hand a render still running to a second worker.
    ({**REQUIRED, "RENDER_SOFT_TIME_LIMIT": "300", "CELERY_VISIBILITY_TIMEOUT": "360"},
     "CELERY_VISIBILITY_TIMEOUT must be at least 361"),
    ({**REQUIRED, "TASK_RUNNER": "threads"},
     "TASK_RUNNER must be one of celery, background, eager; got 'threads'"),
    ({**REQUIRED, "TASK_RUNNER": "celery"}, "TASK_RUNNER=celery needs CELERY_BROKER_URL"),
    # The broker's workers would never get a task.
    ({**REQUIRED, "TASK_RUNNER": "background", "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"},
     "TASK_RUNNER=background runs tasks in the web process"),
    ({**REQUIRED, "TASK_RUNNER_THREADS": "0"}, "TASK_RUNNER_THREADS must be at least 1"),
    ({**REQUIRED, "S3_URL_EXPIRE": "0"}, "S3_URL_EXPIRE must be at least 1"),
    ({**REQUIRED, "S3_BUCKET": "masterplan"}, "S3_ACCESS_KEY is required"),
    ({**REQUIRED, "LOG_FORMAT": "xml"}, "LOG_FORMAT must be one of text, json; got 'xml'"),
    ({**REQUIRED, "API_THROTTLE_ANON": "60 per minute"}, "API_THROTTLE_ANON must look like 60/minute"),
    ({**REQUIRED, "API_THROTTLE_TOKEN": "0/hour"}, "API_THROTTLE_TOKEN must look like 60/minute"),
], ids=["no-secret-key", "no-site-url", "site-url-no-scheme", "debug-maybe", "mysql", "broker-http", "axes-abc",
        "visibility-below-hard-limit", "runner-unknown", "runner-celery-no-broker",
        "runner-background-with-broker", "runner-no-threads", "signed-url-expire-0",
        "bucket-without-key", "log-format-xml", "api-rate-words", "api-rate-zero"])
def test_malformed_environment_stops_start_up(overrides, message):
    result = run(["-c", SETUP], clean_env(**overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_a_command_that_serves_nothing_runs_without_secrets_and_others_do_not():
    """A build or CI step checks the migrations with no SECRET_KEY or SITE_URL; a command that
    may sign or send (seed_demo, shell, the web app) still refuses to start without them."""
    checked = run(["manage.py", "makemigrations", "--check", "--dry-run"], clean_env())
    assert checked.returncode == 0, checked.stderr
    assert "No changes detected" in checked.stdout
    refused = run(["manage.py", "seed_demo"], clean_env())
    assert refused.returncode != 0 and "SECRET_KEY is required" in refused.stderr


# --- the documented production environment ----------------------------------------------

def test_documented_environment_uses_only_known_variables():
    env = documented_environment()
    assert set(env) <= SETTINGS_VARS, f"unknown variables in docs/deploy.md: {set(env) - SETTINGS_VARS}"
    assert env.get("DEBUG", "0") in {"0", "false", "no", "off", ""}
    assert len(env["SECRET_KEY"]) >= 50


def test_every_settings_variable_is_documented():
    text = DEPLOY_DOC.read_text()
    missing = sorted(name for name in SETTINGS_VARS if f"`{name}`" not in text)
    assert not missing, f"not described in docs/deploy.md: {missing}"


def test_documented_environment_passes_deploy_check():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                 clean_env(**documented_environment()))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def documented_headers():
    """{header: value} from the table in docs/deploy.md ("Security headers")."""
    section = DEPLOY_DOC.read_text().split("## Security headers", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([A-Za-z-]+)` \| `([^`]+)` \|", section, re.M))


# Asks the app for its login page as nginx would pass it on, and runs the header middleware for
# a logged-in user; prints the headers as JSON. The database is an empty in-memory one and no
# broker is configured, so nothing leaves the process.
HEADERS = SETUP + """
import json
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client, RequestFactory
from masterplan.security_headers import SecurityHeadersMiddleware

page = Client().get("/masuk/", HTTP_HOST="masterplan.example.go.id", HTTP_X_FORWARDED_PROTO="https")
request = RequestFactory().get("/")
request.user = User(username="ketua")
private = SecurityHeadersMiddleware(lambda request: HttpResponse())(request)
print(json.dumps({"status": page.status_code, "headers": dict(page.headers),
                  "private": private["Cache-Control"], "middleware": settings.MIDDLEWARE}))
"""


def test_documented_environment_sends_the_documented_security_headers():
    documented = documented_headers()
    assert {"Content-Security-Policy", "Permissions-Policy", "Cache-Control",
            "Strict-Transport-Security"} <= set(documented)
    env = clean_env(**{**documented_environment(), "DATABASE_URL": "sqlite://:memory:",
                       "CELERY_BROKER_URL": "", "CELERY_RESULT_BACKEND": ""})
    result = run(["-c", HEADERS], env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    sent = answer["headers"]
    # django-csp writes the directives in no fixed order.
    assert sorted(sent["Content-Security-Policy"].split("; ")) == sorted(
        documented.pop("Content-Security-Policy").split("; "))
    for header, value in documented.items():
        if header != "Cache-Control":
            assert sent.get(header) == value, header
    assert answer["private"] == documented["Cache-Control"] == "private, no-store"
    # The middleware reads request.user, so it must come after the authentication middleware.
    middleware = answer["middleware"]
    assert (middleware.index("masterplan.security_headers.SecurityHeadersMiddleware")
            > middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware"))
    assert "csp.middleware.CSPMiddleware" in middleware


# --- values derived from the environment -------------------------------------------------

PRINT = (SETUP + "; from django.conf import settings; "
         "print(settings.TASK_RUNNER, settings.TASK_RUNNER_THREADS, settings.CELERY_TASK_ALWAYS_EAGER, "
         "settings.CELERY_TASK_EAGER_PROPAGATES, settings.LANGUAGE_CODE, settings.TIME_ZONE)")


@pytest.mark.parametrize("overrides, runner", [
    ({}, ["background", "2", "True", "False"]),
    ({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}, ["celery", "2", "False", "False"]),
    ({"TASK_RUNNER": " Eager ", "TASK_RUNNER_THREADS": "1"}, ["eager", "1", "True", "True"]),
    ({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0", "TASK_RUNNER": "celery"},
     ["celery", "2", "False", "False"]),
], ids=["no-broker", "redis-broker", "eager", "celery-said"])
def test_tasks_run_in_the_background_without_a_broker_unless_told_otherwise(overrides, runner):
    result = run(["-c", PRINT], clean_env(**REQUIRED, **overrides))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [*runner, "id", "Asia/Jakarta"]


ROUTES = SETUP + "; from django.conf import settings; print(settings.CELERY_TASK_ROUTES)"


def test_renders_go_to_their_own_queue_only_when_one_is_named():
    unnamed = run(["-c", ROUTES], clean_env(**REQUIRED))
    named = run(["-c", ROUTES], clean_env(**REQUIRED, CELERY_RENDER_QUEUE="renders"))
    assert unnamed.stdout.strip() == "{}", unnamed.stderr
    assert named.stdout.strip() == ("{'masterplan.render_book': {'queue': 'renders'}, "
                                    "'masterplan.build_batch_archive': {'queue': 'renders'}}")


# --- the helpers themselves ---------------------------------------------------------------

VAR = "MASTERPLAN_SETTINGS_TEST_VAR"


@pytest.fixture
def setenv(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)

    def set_value(value):
        monkeypatch.setenv(VAR, value)

    return set_value


@pytest.mark.parametrize("value, expected", [
    ("1", True), ("true", True), ("YES", True), (" on ", True),
    ("0", False), ("false", False), ("No", False), ("off", False), ("", False),
])
def test_env_bool_values(setenv, value, expected):
    setenv(value)
    assert env_bool(VAR, not expected) is expected


def test_env_bool_default_and_garbage(setenv):
    assert env_bool(VAR, True) is True
    assert env_bool(VAR, False) is False
    setenv("maybe")
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_bool(VAR, False)


def test_env_int(setenv):
    assert env_int(VAR, 7) == 7
    setenv("")
    assert env_int(VAR, 7) == 7
    setenv("42")
    assert env_int(VAR, 7, minimum=1) == 42
    for bad in ("abc", "4.5"):
        setenv(bad)
        with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be a whole number"):
            env_int(VAR, 7)
    setenv("0")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be at least 1"):
        env_int(VAR, 7, minimum=1)


def test_env_list(setenv):
    default = ["a"]
    value = env_list(VAR, default)
    assert value == ["a"] and value is not default
    setenv(" a.example , b.example,, ")
    assert env_list(VAR, default) == ["a.example", "b.example"]
    setenv("")
    assert env_list(VAR, default) == []


def test_env_url(setenv):
    schemes = {"redis", "rediss"}
    assert env_url(VAR, schemes=schemes) is None
    assert env_url(VAR, "redis://default:6379/0", schemes=schemes) == "redis://default:6379/0"
    # The default is checked too: a broker URL is not always a valid result backend.
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_url(VAR, "amqp://guest@localhost//", schemes=schemes)
    setenv("")
    assert env_url(VAR, schemes=schemes) is None
    setenv("rediss://cache.example:6380/1")
    assert env_url(VAR, schemes=schemes) == "rediss://cache.example:6380/1"
    setenv("http://x")
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be a URL with scheme redis, rediss"):
        env_url(VAR, schemes=schemes)


def test_env_choice(setenv):
    choices = ("celery", "background")
    assert env_choice(VAR, "background", choices=choices) == "background"
    setenv("")
    assert env_choice(VAR, "background", choices=choices) == "background"
    setenv(" Celery ")
    assert env_choice(VAR, "background", choices=choices) == "celery"
    setenv("thread")
    with pytest.raises(ImproperlyConfigured,
                       match=f"{VAR} must be one of celery, background; got 'thread'"):
        env_choice(VAR, "background", choices=choices)


def test_env_str(setenv):
    assert env_str(VAR, "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} is required"):
        env_str(VAR, required=True)
    setenv("")
    assert env_str(VAR, "fallback") == "fallback"
    setenv("value")
    assert env_str(VAR, required=True) == "value"


def test_lockout_reads_the_client_address_from_the_configured_proxy_header(settings, rf):
    from masterplan.client_ip import client_ip

    settings.AXES_CLIENT_IP_META = "HTTP_X_REAL_IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "203.0.113.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_env_rate(setenv):
    assert env_rate(VAR, "60/minute") == "60/minute"
    setenv("5/hour")
    assert env_rate(VAR, "60/minute") == "5/hour"
    for bad in ("5/min", "x/hour", "5", "-1/day", "0/day"):
        setenv(bad)
        with pytest.raises(ImproperlyConfigured, match="must look like 60/minute"):
            env_rate(VAR, "60/minute")
