import os
from logging.config import dictConfig

from celery import Celery
from celery.signals import before_task_publish, setup_logging, task_postrun, task_prerun
from django.conf import settings

from . import request_log

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masterplan.settings")

app = Celery("masterplan")
# Settings named CELERY_* in settings.py configure the app (no broker -> tasks run eagerly).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# A task's log records carry the id of the request that sent it (masterplan/request_log.py):
# the id travels in the message's headers and is set for the task's run in the worker.
@before_task_publish.connect
def _send_request_id(headers=None, **kwargs):
    request_id = request_log.current_request_id.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


_task_tokens = {}


@task_prerun.connect
def _take_request_id(task_id=None, task=None, **kwargs):
    request_id = request_log.accepted_id(getattr(task.request, "request_id", None))
    if request_id:
        _task_tokens[task_id] = request_log.current_request_id.set(request_id)


@task_postrun.connect
def _drop_request_id(task_id=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_log.current_request_id.reset(token)


if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    @setup_logging.connect
    def _use_django_logging(**kwargs):
        """The worker logs through settings.LOGGING (JSON lines) instead of Celery's format."""
        dictConfig(settings.LOGGING)
