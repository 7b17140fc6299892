"""Celery tasks for alerts: thin wrappers that take primary keys and ISO times.

Retried on a lost database as the reminder tasks are: planning is idempotent (one alert per
follower and day, refused twice by the database) and an alert is claimed before it is sent,
so running a task again never sends anything twice.
"""

from collections.abc import Iterable
from functools import partial

from celery import shared_task
from django.db import transaction

from ..task_retries import DATABASE_RETRY
from ..task_retries import moment as _moment
from . import sender


def _queue_sends(alert_ids: Iterable[int], now: str | None) -> None:
    for alert_id in alert_ids:
        transaction.on_commit(partial(send_alert.delay, alert_id, now))


@shared_task(name="boards.sweep_alerts", **DATABASE_RETRY)
def sweep_alerts(now: str | None = None) -> list[int]:
    """Daily: record each follower's alert, then queue one send per alert once committed."""
    alert_ids = sender.plan_and_record(_moment(now))
    _queue_sends(alert_ids, now)
    return alert_ids


@shared_task(name="boards.retry_alerts", **DATABASE_RETRY)
def retry_alerts(now: str | None = None) -> list[int]:
    """Every few minutes: failed alerts whose retry time has come, and sends a stopped worker
    left unfinished. Plans nothing new."""
    alert_ids = sender.due_now(_moment(now))
    _queue_sends(alert_ids, now)
    return alert_ids


@shared_task(name="boards.send_alert", acks_late=True, **DATABASE_RETRY)
def send_alert(alert_id: int, now: str | None = None) -> str:
    result = sender.send_alert(alert_id, _moment(now))
    return result.status if result else "taken"
