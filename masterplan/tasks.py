"""Core Celery tasks. Tasks take ids as keyword arguments and delegate to services."""

from celery import shared_task


@shared_task(name="masterplan.ping")
def ping(*, token: str) -> str:
    """Answers its token; used to check that a worker is reachable through the broker."""
    return f"pong:{token}"
