"""Celery tasks: thin wrappers that take primary keys and ISO times."""

from datetime import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import sender


def _moment(now: str | None):
    if not now:
        return timezone.now()
    moment = datetime.fromisoformat(now)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@shared_task(name="boards.sweep_reminders")
def sweep_reminders(now: str | None = None) -> list[int]:
    """Plan and record what is due, then queue one send per digest once that is committed."""
    digest_ids = sender.plan_and_record(_moment(now))
    for digest_id in digest_ids:
        transaction.on_commit(lambda pk=digest_id: send_digest.delay(pk, now))
    return digest_ids


@shared_task(name="boards.send_digest", acks_late=True)
def send_digest(digest_id: int, now: str | None = None) -> str:
    result = sender.send_digest(digest_id, _moment(now))
    return result.status if result else "taken"
