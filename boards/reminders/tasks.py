"""Celery tasks: thin wrappers that take primary keys and ISO times.

A dropped database connection (a restart, a failover, a network blip) is retried with a
growing delay rather than waiting for the next hourly sweep: planning and recording are
idempotent (the database refuses a second copy of a reminder), and a digest is claimed
before it is sent, so running a task again never sends anything twice.
"""

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import TypedDict

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from . import sender


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


def _moment(now: str | None) -> datetime:
    if not now:
        return timezone.now()
    moment = datetime.fromisoformat(now)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _queue_sends(digest_ids: Iterable[int], now: str | None) -> None:
    for digest_id in digest_ids:
        transaction.on_commit(partial(send_digest.delay, digest_id, now))


@shared_task(name="boards.sweep_reminders", **DATABASE_RETRY)
def sweep_reminders(now: str | None = None) -> list[int]:
    """Plan and record what is due, then queue one send per digest once that is committed."""
    digest_ids = sender.plan_and_record(_moment(now))
    _queue_sends(digest_ids, now)
    return digest_ids


@shared_task(name="boards.retry_digests", **DATABASE_RETRY)
def retry_digests(now: str | None = None) -> list[int]:
    """Every few minutes: failed sends whose retry time has come, and sends a stopped worker
    left unfinished (sender.due_now). Plans nothing new."""
    digest_ids = sender.due_now(_moment(now))
    _queue_sends(digest_ids, now)
    return digest_ids


@shared_task(name="boards.send_digest", acks_late=True, **DATABASE_RETRY)
def send_digest(digest_id: int, now: str | None = None) -> str:
    result = sender.send_digest(digest_id, _moment(now))
    return result.status if result else "taken"
