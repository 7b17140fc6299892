"""What the Celery tasks of the reminders and the alerts share: when a task is retried, and
the moment a task was asked to act for (an ISO time, or now)."""

from datetime import datetime
from typing import TypedDict

from django.db import InterfaceError, OperationalError
from django.utils import timezone


class RetryOptions(TypedDict):
    """The keywords of Celery's shared_task that say when and how a task is retried."""

    autoretry_for: tuple[type[Exception], ...]
    retry_backoff: int
    retry_backoff_max: int
    retry_jitter: bool
    max_retries: int


# Retried on a lost database: 2, 4, 8 ... seconds, at most 5 minutes apart, for about 20 minutes.
DATABASE_RETRY: RetryOptions = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": False,
    "max_retries": 8,
}


def moment(now: str | None) -> datetime:
    """The time a task acts for: `now` as an ISO time (naive: the current time zone's), or now."""
    if not now:
        return timezone.now()
    at = datetime.fromisoformat(now)
    return timezone.make_aware(at) if timezone.is_naive(at) else at
