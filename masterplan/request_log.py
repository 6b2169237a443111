"""Request ids and one log line per request (docs/deploy.md, "Logs").

`RequestIdMiddleware` takes the id the proxy sent in `X-Request-ID` (when it is a short token) or
makes one, keeps it in a context variable for the request's log records, answers it in the same
header, and logs one line per request: path (never the query string, which may carry tokens),
status, duration and the user's id. Celery tasks sent during the request carry the id in their
message headers (masterplan/celery.py), and tasks sent to the background runner take it into its
thread (masterplan/runner.py), so a task's records name the request that asked.

`JsonFormatter` writes each record as one JSON object per line (`LOG_FORMAT=json`);
`RequestContextFilter` gives every record the request's id and path, for either format.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id, a UUID, …): anything else is replaced.
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

current_request_id = ContextVar("request_id", default=None)
current_path = ContextVar("request_path", default=None)

logger = logging.getLogger("masterplan.requests")
# Asked for by load balancers every few seconds: logged only at DEBUG.
QUIET_PATHS = {"/healthz"}


def accepted_id(value):
    """The proxy's id when it is a short token, else None."""
    return value if value and VALID_ID.fullmatch(value) else None


def new_id():
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Comes first in MIDDLEWARE, so redirects and refusals of later middleware carry the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accepted_id(request.headers.get(HEADER)) or new_id()
        request.request_id = request_id
        id_token, path_token = current_request_id.set(request_id), current_path.set(request.path)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
            logger.log(level, "%s %s %s", request.method, request.path, response.status_code,
                       extra={"status": response.status_code, "user_id": _user_id(request),
                              "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                              "method": request.method})
            return response
        finally:
            current_request_id.reset(id_token)
            current_path.reset(path_token)


def _user_id(request):
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestContextFilter(logging.Filter):
    """Adds request_id and path to every record (None outside a request or task)."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id.get()
        if getattr(record, "path", None) is None:
            record.path = current_path.get()
        return True


# Record fields written when present; everything else of a record (args, extra) is left out,
# so nothing a caller passed by accident (a form's data) reaches the log.
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
