"""Recording and sending alerts: one email a day per follower, never two.

1. plan_and_record(now): ask the planner who has something new (facts.follower_facts), record
   one AlertEmail per follower and day (the database refuses a second: a sweep run twice
   records nothing new), and return the alerts to send now.
2. send_alert(pk, now), in steps that each commit on their own:
   - claim: a conditional UPDATE from "pending" (or "failed" whose retry time has come) to
     "sending"; only one worker can make it;
   - prepare: read what changed in the alert's window that the follower may see now (facts,
     through boards.access), render one email; nothing left to tell, or an unsubscribed
     follower, and it is "dropped";
   - send, outside any transaction, after recording the address it is handed to;
   - record: "sent", and the follower's alerted_upto moves to the alert's end; or "failed",
     tried again after a back-off (5 minutes, doubling to 2 hours) up to MAX_ATTEMPTS, then
     "undeliverable" (alerted_upto stays, so the next day's alert carries those changes).
3. due_now(now): pending alerts and failed ones whose time has come, after recovering those
   a stopped worker left "sending": never handed to the mail server, they are tried again;
   handed over, they may have gone, and alerts are not worth a second copy: "interrupted",
   and alerted_upto moves on. At most once per handed-over email; never a silent loss of the
   record.
A failure in one alert is recorded on it and the sweep goes on with the next.
"""

import logging
import smtplib
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NotRequired, TypedDict
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from ..emails import make_email
from ..history import Change as FieldChange
from ..history import describe
from ..models import AlertEmail, AlertStatus, Board, ChangeKind, Follower, PublishedLog
from ..services.follows import unsubscribe_url
from . import facts, planner

log = logging.getLogger("boards.alerts")

LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=2)
MAX_ATTEMPTS = 8
# The longest list in one email; the rest are counted, with the board's page to see them.
MAX_LISTED = 100
# The fields of a history row an alert may show: what the public log shows, never exemption
# grounds or who was chased.
PUBLIC_FIELDS = {
    "reference",
    "description",
    "due_date",
    "due_meeting",
    "due_text",
    "status",
    "state",
    "closed_at_meeting",
    "closed_on",
    "officers",
}


@dataclass
class SendResult:
    alert_id: int
    to: str
    status: str
    changes: int = 0
    error: str = ""


class AlertItem(TypedDict):
    """One line of an alert as its template shows it; the last four for an action's change only."""

    kind: str
    at: datetime
    title: str
    url: str
    reference: NotRequired[str]
    changes: NotRequired[list[FieldChange]]
    comment: NotRequired[str]
    status: NotRequired[str]


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (1 << max(attempts - 1, 0)), LONGEST_RETRY)  # 2 ** (attempts - 1)


# Planning ---------------------------------------------------------------------------------


def plan_and_record(now: datetime, *, follower_ids: Collection[int] | None = None) -> list[int]:
    """Record today's alert for each follower with something new; the alerts to send now."""
    today = timezone.localtime(now).date()
    planned = planner.plan(facts.follower_facts(now, follower_ids=follower_ids), today, now)
    AlertEmail.objects.bulk_create(
        [
            AlertEmail(follower_id=p.follower_id, period=p.period, since=p.since, upto=p.upto, created_at=now)
            for p in planned
        ],
        ignore_conflicts=True,  # planned before today: the constraint keeps the first
    )
    return due_now(now)


def due_now(now: datetime) -> list[int]:
    recover_interrupted(now)
    return sorted(
        AlertEmail.objects.filter(
            Q(status=AlertStatus.PENDING) | Q(status=AlertStatus.FAILED, next_attempt_at__lte=now)
        ).values_list("pk", flat=True)
    )


def recover_interrupted(now: datetime) -> int:
    """Alerts claimed more than LEASE ago and never recorded: their worker stopped."""
    stale = Q(status=AlertStatus.SENDING, claimed_at__lt=now - LEASE)
    unsent = AlertEmail.objects.filter(stale, to_email="").update(
        status=AlertStatus.FAILED,
        next_attempt_at=now,
        error="The worker stopped before sending this email; it is being tried again.",
    )
    handed = list(
        AlertEmail.objects.filter(stale).exclude(to_email="").values_list("pk", "follower_id", "upto")
    )
    for pk, follower_id, upto in handed:
        AlertEmail.objects.filter(pk=pk, status=AlertStatus.SENDING).update(
            status=AlertStatus.INTERRUPTED,
            error="The worker stopped after handing this email to the mail server: it may or may not "
            "have gone, and is not sent again.",
        )
        _advance(follower_id, upto)
        log.warning("Alert %s was interrupted mid-send; not sent again", pk)
    return unsent + len(handed)


# Sending one alert -------------------------------------------------------------------------


def _claim(alert_id: int, now: datetime) -> bool:
    with transaction.atomic():
        return bool(
            AlertEmail.objects.filter(pk=alert_id)
            .filter(Q(status=AlertStatus.PENDING) | Q(status=AlertStatus.FAILED, next_attempt_at__lte=now))
            .update(status=AlertStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, to_email="")
        )


def _record(alert_id: int, now: datetime, **fields: object) -> None:
    with transaction.atomic():
        AlertEmail.objects.filter(pk=alert_id, status=AlertStatus.SENDING, claimed_at=now).update(**fields)


def _advance(follower_id: int, upto: datetime) -> None:
    """The follower has been told everything up to `upto` (never moved backwards)."""
    Follower.objects.filter(pk=follower_id, alerted_upto__lt=upto).update(alerted_upto=upto)


def send_alert(alert_id: int, now: datetime | None = None) -> SendResult | None:
    """Claim, send and record one alert. None if another worker has it, or it is done."""
    now = now or timezone.now()
    if not _claim(alert_id, now):
        return None
    alert = AlertEmail.objects.select_related("follower__user").get(pk=alert_id)
    follower = alert.follower
    try:
        if follower.unsubscribed_at is not None or follower.confirmed_at is None:
            _record(alert_id, now, status=AlertStatus.DROPPED, error="The follower unsubscribed.")
            return SendResult(alert_id, "", AlertStatus.DROPPED)
        follows = facts.followed(follower)
        changes, rows = facts.visible_changes(follower, follows, alert.since, alert.upto)
        listed = planner.changes_for(follows, changes, alert.since, alert.upto)
        if not listed:
            _record(alert_id, now, status=AlertStatus.DROPPED, error="Nothing the follower may see changed.")
            _advance(follower.pk, alert.upto)
            return SendResult(alert_id, "", AlertStatus.DROPPED)
        address = follower.address
        if not address:
            error = "The follower's account has no email address."
            _record(alert_id, now, status=AlertStatus.UNDELIVERABLE, error=error)
            return SendResult(alert_id, "", AlertStatus.UNDELIVERABLE, len(listed), error)
        message = render_alert(follower, alert, listed, rows, now)
    except (OperationalError, InterfaceError):
        raise  # the database is away: the claim stands and is recovered as never sent
    except Exception as error:  # a fault of ours in this alert: the others go on
        log.exception("Preparing alert %s failed", alert_id)
        return _failed(alert, now, error)
    # The point of no return: the address is recorded as handed to the mail server.
    _record(alert_id, now, to_email=address, subject=message.subject[:300], change_count=len(listed))
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        text = f"The mail server refused the address {address}: {error.recipients}"[:2000]
        _record(alert_id, now, status=AlertStatus.UNDELIVERABLE, error=text)
        return SendResult(alert_id, address, AlertStatus.UNDELIVERABLE, len(listed), text)
    except Exception as error:  # SMTP down, refused, timed out: tried again later
        log.exception("Sending alert %s failed", alert_id)
        return _failed(alert, now, error)
    _record(alert_id, now, status=AlertStatus.SENT, sent_at=now, error="")
    _advance(follower.pk, alert.upto)
    return SendResult(alert_id, address, AlertStatus.SENT, len(listed))


def _failed(alert: AlertEmail, now: datetime, error: Exception) -> SendResult:
    text = f"{type(error).__name__}: {error}"[:2000]
    attempts = alert.attempts  # as claimed (the claim counted this attempt)
    if attempts >= MAX_ATTEMPTS:
        _record(
            alert.pk,
            now,
            status=AlertStatus.UNDELIVERABLE,
            error=f"Given up after {attempts} attempts; the next alert carries its changes. {text}"[:2000],
            to_email="",
        )
        return SendResult(alert.pk, "", AlertStatus.UNDELIVERABLE, error=text)
    _record(
        alert.pk,
        now,
        status=AlertStatus.FAILED,
        error=text,
        next_attempt_at=now + retry_delay(attempts),
        to_email="",
    )
    return SendResult(alert.pk, "", AlertStatus.FAILED, error=text)


def message_id(alert_pk: int) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<alert-{alert_pk}@{domain}>"


def _item(change: planner.Change, row: facts.Row) -> AlertItem:
    """One line of an alert, public fields only."""
    label = ChangeKind(change.kind).label
    if isinstance(row, PublishedLog):  # a change of kind "published"
        return {
            "kind": label,
            "at": timezone.localtime(change.at),
            "title": row.title,
            "url": settings.SITE_URL + reverse("boards:published_log", args=[row.board.slug, row.pk]),
        }
    action = row.action
    return {
        "kind": label,
        "at": timezone.localtime(change.at),
        "title": f"{action.reference}: {action.description}",
        "reference": action.reference,
        "changes": [c for field, c in zip(row.changes, describe(row), strict=True) if field in PUBLIC_FIELDS],
        "comment": row.comment,
        "status": action.status.code,
        "url": settings.SITE_URL + action.get_absolute_url(),
    }


def render_alert(
    follower: Follower,
    alert: AlertEmail,
    listed: Sequence[planner.Change],
    rows: facts.Rows,
    now: datetime,
) -> EmailMultiAlternatives:
    """One email: the changes grouped by board, oldest first, with the unsubscribe link in its
    body and in its List-Unsubscribe headers (RFC 8058 one-click)."""
    boards: defaultdict[Board, list[AlertItem]] = defaultdict(list)
    for change in listed[:MAX_LISTED]:
        row = rows[change.key]
        board = row.board if isinstance(row, PublishedLog) else row.action.board
        boards[board].append(_item(change, row))
    unsubscribe = unsubscribe_url(follower)
    context = {
        "boards": sorted(boards.items(), key=lambda kv: kv[0].name),
        "count": len(listed),
        "more": max(len(listed) - MAX_LISTED, 0),
        "since": timezone.localtime(alert.since),
        "upto": timezone.localtime(alert.upto),
        "unsubscribe": unsubscribe,
        "is_public": not follower.user_id,
    }
    message = make_email("alerts", [follower.address], context)
    message.extra_headers["Message-ID"] = message_id(alert.pk)
    message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


# A whole sweep -----------------------------------------------------------------------------


def sweep(now: datetime | None = None) -> list[SendResult]:
    """Plan, record and send every alert due at `now`, in this process."""
    now = now or timezone.now()
    results: list[SendResult] = []
    for alert_id in plan_and_record(now):
        result = send_alert(alert_id, now)
        if result is not None:
            results.append(result)
    return results
