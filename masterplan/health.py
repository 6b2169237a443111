"""What `/healthz` checks: each service the app needs answers, without revealing anything about
it. A check answers "ok" or "error"; the cause goes to the log, never to the response."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)

OK, ERROR, SKIPPED = "ok", "error", "skipped"
# Seconds the broker may take to accept a connection: a load balancer's probe must answer fast.
BROKER_TIMEOUT = 3


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just stored")
    finally:
        cache.delete(key)


def check_broker():
    if not settings.CELERY_BROKER_URL:
        return SKIPPED  # tasks run in the web process (settings.TASK_RUNNER)
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT,
                    transport_options={"socket_connect_timeout": BROKER_TIMEOUT,
                                       "socket_timeout": BROKER_TIMEOUT}) as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    return None


def check_storage():
    """Writes and deletes a small file where generated files go (the disk or the bucket)."""
    storage = storages["generated"]
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    storage.delete(name)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker,
          "storage": check_storage}


def run_checks():
    """{name: "ok" | "error" | "skipped"}; every check runs even when an earlier one failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or OK
        except Exception as error:  # any failure of the service means "error"
            logger.warning("health check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = ERROR
    return results


def healthy(results):
    return ERROR not in results.values()
