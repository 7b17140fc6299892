"""Celery tasks: thin wrappers that take primary keys and ISO times.

A dropped database connection (a restart, a failover, a network blip) is retried with a
growing delay rather than waiting for the next hourly sweep: planning and recording are
idempotent (the database refuses a second copy of a reminder), and a digest is claimed
before it is sent, so running a task again never sends anything twice.
"""

from collections.abc import Iterable
from functools import partial

from celery import shared_task
from django.db import transaction

from ..task_retries import DATABASE_RETRY
from ..task_retries import moment as _moment
from . import sender


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
