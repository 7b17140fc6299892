"""Recording and sending reminders: never lost, never silently repeated.

1. plan_and_record(now): plan what is due, record each planned reminder (the database
   refuses a duplicate), and gather the new ones into one digest per person (joining the
   digest already waiting for that person, if one is).
2. send_digest(pk, now), in three steps that each commit on their own:
   - claim: a conditional UPDATE from "pending" (or "failed" whose retry time has come) to
     "sending"; only one worker can make it;
   - send: re-check that each reminder is still due, render one email, mark the digest as
     handed to the mail server (its address recorded), send it, outside any transaction;
   - record: "sent"; or "failed", to be tried again after a back-off; or "undeliverable"
     when there is no address or the mail server refuses it for good.
3. due_now(now): the digests to send now, after recovering any left "sending" by a worker
   that stopped (see below). The sweep and the retry task both use it.

What is guaranteed, precisely (also in the README):
- A reminder is planned once, and goes in one digest; a digest is one email.
- A failed send is tried again, 5 minutes later, then doubling to every 2 hours, for as
  long as its reminders are still due; a reminder no longer due (updated, closed, its
  meeting passed) is dropped, not sent late.
- A worker that stops between the claim and the record leaves the digest "sending". After
  LEASE, the next sweep or retry finds it. If it had not been handed to the mail server, it
  is simply tried again. If it had, nobody can know whether the email went: it is sent
  again, saying that it may repeat an earlier email, with the same Message-ID (so mail
  systems that deduplicate show it once), and its record says "interrupted". At most one
  extra copy per such crash; never a lost reminder; never a silent repeat.
"""

import logging
import smtplib
import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..emails import make_email
from ..log_table import LogRow, build_rows
from ..models import Action, Board, Digest, DigestStatus, Person, Reminder, ReminderAudience, ReminderKind
from ..services.links import link_url
from . import facts, planner

log = logging.getLogger("boards.reminders")

# A send that has not been recorded this long after its claim was interrupted: longer than
# an SMTP exchange can take (EMAIL_TIMEOUT) with room to spare.
LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=2)
WAITING = (DigestStatus.PENDING, DigestStatus.FAILED)


@dataclass
class SendResult:
    digest_id: int
    person: str
    to: str
    status: str
    reminders: list[Reminder]
    error: str = ""


class DigestEntry(TypedDict):
    """One reminder as the digest's template shows it."""

    kind: str
    kind_label: str
    about: Person | None
    row: LogRow
    url: str


def retry_delay(attempts: int) -> timedelta:
    """5 minutes after the first failure, then doubling, at most 2 hours."""
    return min(FIRST_RETRY * (1 << max(attempts - 1, 0)), LONGEST_RETRY)  # 2 ** (attempts - 1)


# Planning and gathering ---------------------------------------------------------------


def plan_and_record(
    now: datetime, *, board_ids: Collection[int] | None = None, person_ids: Collection[int] | None = None
) -> list[int]:
    """Plan what is due at `now`, record it, and return the digests to send now."""
    today = timezone.localtime(now).date()
    boards = facts.board_facts(now, board_ids=board_ids)
    skipped: list[planner.Skipped] = []
    planned = planner.plan(facts.action_facts(boards, now), boards, today, skipped=skipped)
    for one in skipped:  # the rest of the sweep goes on
        log.error(
            "Reminders for action %s could not be planned and were skipped: %s", one.action_id, one.error
        )
    if person_ids is not None:
        planned = [p for p in planned if p.person_id in person_ids]
    Reminder.objects.bulk_create(
        [
            Reminder(
                person_id=p.person_id,
                action_id=p.action_id,
                kind=p.kind,
                period=p.period,
                about_id=p.about_id,
                planned_at=now,
            )
            for p in planned
        ],
        ignore_conflicts=True,  # planned before: the constraint keeps the first
    )
    _gather_into_digests(now, person_ids)
    return due_now(now)


def _gather_into_digests(now: datetime, person_ids: Collection[int] | None = None) -> None:
    """Each person's reminders not yet in a digest join the one waiting for them (pending, or
    failed and waiting for its retry), or a new one: one email per person, never two."""
    waiting = Reminder.objects.filter(digest__isnull=True, dropped=False)
    if person_ids is not None:
        waiting = waiting.filter(person_id__in=person_ids)
    by_person: defaultdict[int, list[int]] = defaultdict(list)
    for pk, person_id in waiting.values_list("pk", "person_id"):
        by_person[person_id].append(pk)
    for person_id, reminder_ids in sorted(by_person.items()):
        with transaction.atomic():
            # Locked, so that a worker claiming it waits until these reminders are in it.
            digest = (
                Digest.objects.select_for_update()
                .filter(person_id=person_id, status__in=WAITING)
                .order_by("created_at")
                .first()
            )
            new = digest is None
            if digest is None:
                digest = Digest.objects.create(person_id=person_id, created_at=now)
            # Conditional: a reminder another sweep took meanwhile stays with that sweep.
            taken = Reminder.objects.filter(pk__in=reminder_ids, digest__isnull=True).update(digest=digest)
            if new and not taken:
                digest.delete()


def due_now(now: datetime) -> list[int]:
    """The digests to send at `now`: pending ones, failed ones whose retry time has come, and
    any a stopped worker left mid-send (recovered first, by the rule in the module's text)."""
    recover_interrupted(now)
    return sorted(
        Digest.objects.filter(
            Q(status=DigestStatus.PENDING) | Q(status=DigestStatus.FAILED, next_attempt_at__lte=now)
        ).values_list("pk", flat=True)
    )


def recover_interrupted(now: datetime) -> int:
    """Digests claimed more than LEASE ago and never recorded: their worker stopped."""
    stale = Q(status=DigestStatus.SENDING, claimed_at__lt=now - LEASE)
    # Never handed to the mail server: nothing went, so simply try again.
    unsent = Digest.objects.filter(stale, to_email="").update(
        status=DigestStatus.FAILED,
        next_attempt_at=now,
        error="The worker stopped before sending this email; it is being tried again.",
    )
    # Handed over: it may have gone. Sent again, saying it may repeat (sender.render_digest).
    maybe = Digest.objects.filter(stale).exclude(to_email="")
    interrupted = list(maybe.values_list("pk", flat=True))
    maybe.update(
        status=DigestStatus.PENDING,
        interrupted_at=F("claimed_at"),
        error="Sending was interrupted (the worker stopped): the email may or may not have "
        "gone, so it is sent again, marked as possibly repeating.",
    )
    for pk in interrupted:
        log.warning("Digest %s was interrupted mid-send; it will be sent again, marked", pk)
    return unsent + len(interrupted)


# Sending one digest -----------------------------------------------------------------------


def _claim(digest_id: int, now: datetime) -> bool:
    with transaction.atomic():
        return bool(
            Digest.objects.filter(pk=digest_id)
            .filter(Q(status=DigestStatus.PENDING) | Q(status=DigestStatus.FAILED, next_attempt_at__lte=now))
            .update(status=DigestStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, to_email="")
        )


def _still_due(reminders: Sequence[Reminder], now: datetime) -> set[tuple[int, int, str, str]]:
    """The (person, action, kind, period) keys that a fresh plan at `now` still has."""
    action_ids = {r.action_id for r in reminders}
    boards = facts.board_facts(now, board_ids={r.action.board_id for r in reminders})
    fresh = planner.plan(
        facts.action_facts(boards, now, action_ids=action_ids), boards, timezone.localtime(now).date()
    )
    keys = {(p.person_id, p.action_id, p.kind, p.period) for p in fresh}
    # A clerk's chase stands while the action is open.
    open_ids = set(Action.objects.filter(pk__in=action_ids).outstanding().values_list("pk", flat=True))
    keys |= {
        (r.person_id, r.action_id, r.kind, r.period)
        for r in reminders
        if r.kind == ReminderKind.CHASE and r.action_id in open_ids
    }
    return keys


def _record(digest_id: int, now: datetime, **fields: object) -> None:
    """Write the result of our own claim. The email may already have gone, so a dropped
    database connection is retried here (a few seconds), rather than leaving the digest to
    be found "interrupted" and sent again."""
    for attempt in range(4):
        try:
            with transaction.atomic():
                Digest.objects.filter(pk=digest_id, status=DigestStatus.SENDING, claimed_at=now).update(
                    **fields
                )
            return
        except (OperationalError, InterfaceError):
            if attempt == 3:
                raise
            connection.close()  # a new one is opened by the next query
            time.sleep(0.5 * 2**attempt)


def send_digest(digest_id: int, now: datetime | None = None) -> SendResult | None:
    """Claim, send and record one digest. None if another worker has it, or it is done."""
    now = now or timezone.now()
    if not _claim(digest_id, now):
        return None
    digest = Digest.objects.select_related("person").get(pk=digest_id)
    person = digest.person
    reminders = list(digest.reminders.select_related("action__board", "about"))
    try:
        due = _still_due(reminders, now)
        stale = [r.pk for r in reminders if (r.person_id, r.action_id, r.kind, r.period) not in due]
        Reminder.objects.filter(pk__in=stale).update(dropped=True)
        live = [r for r in reminders if r.pk not in stale]
        if not live:
            _record(
                digest_id, now, status=DigestStatus.DROPPED, error="Every reminder in it was no longer due."
            )
            return SendResult(digest_id, person.name, "", DigestStatus.DROPPED, [])
        if not person.email:
            error = f"{person.name} has no email address."
            _record(digest_id, now, status=DigestStatus.UNDELIVERABLE, error=error)
            log.warning("Digest %s not sent: %s", digest_id, error)
            return SendResult(digest_id, person.name, "", DigestStatus.UNDELIVERABLE, live, error)
        message = render_digest(person, live, now, digest=digest)
    except (OperationalError, InterfaceError):
        raise  # the database is away: the claim stands and is recovered as never sent
    except Exception as error:  # a fault of ours in this digest: the others go on
        log.exception("Preparing digest %s failed", digest_id)
        return _failed(digest, now, error, [])
    # The point of no return: the address is recorded as handed to the mail server.
    with transaction.atomic():
        Digest.objects.filter(pk=digest_id, status=DigestStatus.SENDING, claimed_at=now).update(
            to_email=person.email, subject=message.subject[:300]
        )
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        text = f"The mail server refused the address {person.email}: {_reason(error)}"
        _record(digest_id, now, status=DigestStatus.UNDELIVERABLE, error=text[:2000])
        log.error("Digest %s undeliverable: %s", digest_id, text)
        return SendResult(digest_id, person.name, person.email, DigestStatus.UNDELIVERABLE, live, text)
    except Exception as error:  # SMTP down, refused, timed out: tried again later
        log.exception("Sending digest %s failed", digest_id)
        return _failed(digest, now, error, live)
    note = ""
    if digest.interrupted_at:
        note = (
            "Sent again after a send interrupted at "
            f"{timezone.localtime(digest.interrupted_at):%d/%m/%Y %H:%M}"
            " (the worker stopped): the email may have arrived twice, the second saying so."
        )
    _record(digest_id, now, status=DigestStatus.SENT, sent_at=now, error=note)
    return SendResult(digest_id, person.name, person.email, DigestStatus.SENT, live)


def _failed(digest: Digest, now: datetime, error: Exception, live: list[Reminder]) -> SendResult:
    attempts = digest.attempts  # as claimed (the claim counted this attempt)
    retry_at = now + retry_delay(attempts)
    text = f"{type(error).__name__}: {error}"[:2000]
    _record(digest.pk, now, status=DigestStatus.FAILED, error=text, next_attempt_at=retry_at, to_email="")
    return SendResult(digest.pk, digest.person.name, "", DigestStatus.FAILED, live, text)


def _reason(error: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(
        f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
        for code, message in error.recipients.values()
    )


def message_id(digest_pk: int) -> str:
    """The same for every attempt at one digest, so that a repeat is recognisably the same email."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<digest-{digest_pk}@{domain}>"


def render_digest(
    person: Person, reminders: Sequence[Reminder], now: datetime, *, digest: Digest | None = None
) -> EmailMultiAlternatives:
    """One email: the person's reminders grouped by board, each action in the log's columns."""
    today = timezone.localtime(now).date()
    rows = {
        row.id: row
        for row in build_rows(Action.objects.filter(pk__in={r.action_id for r in reminders}), today)
    }
    boards: defaultdict[Board, list[DigestEntry]] = defaultdict(list)
    for reminder in sorted(reminders, key=lambda r: (r.action.board.name, r.action.sort_key, r.kind)):
        boards[reminder.action.board].append(
            {
                "kind": reminder.kind,
                "kind_label": ReminderKind(reminder.kind).label,
                "about": reminder.about,
                "row": rows[reminder.action_id],
                "url": settings.SITE_URL + rows[reminder.action_id].url,
            }
        )
    audience = ReminderKind.digest_audience(r.kind for r in reminders)
    context = {
        "person": person,
        "boards": [(board, items) for board, items in sorted(boards.items(), key=lambda kv: kv[0].name)],
        "count": len(reminders),
        "link": link_url(person) if audience == ReminderAudience.OFFICER else "",
        "expires": today + timedelta(days=settings.UPDATE_LINK_MAX_AGE_DAYS),
        "is_clerk_digest": audience == ReminderAudience.CLERK,
        "today": today,
        "repeat_of": timezone.localtime(digest.interrupted_at) if digest and digest.interrupted_at else None,
    }
    message = make_email("digest", [person.email], context)
    if digest is not None:
        message.extra_headers["Message-ID"] = message_id(digest.pk)
    return message


# A whole sweep, and the clerk's "send now" ------------------------------------------------


def sweep(now: datetime | None = None) -> list[SendResult]:
    """Plan, record and send everything due at `now`, in this process."""
    now = now or timezone.now()
    results: list[SendResult] = []
    for digest_id in plan_and_record(now):
        result = send_digest(digest_id, now)
        if result is not None:
            results.append(result)
    return results


def chase(person: Person, board: Board, *, now: datetime | None = None) -> SendResult | None:
    """The clerk's "send a reminder now": one digest of the person's open actions on the board."""
    now = now or timezone.now()
    actions = Action.objects.filter(board=board, officer_links__person=person).outstanding()
    period = f"chase-{now.isoformat()}"
    with transaction.atomic():
        digest = Digest.objects.create(person=person, created_at=now)
        Reminder.objects.bulk_create(
            Reminder(
                person=person,
                action=action,
                kind=ReminderKind.CHASE,
                period=period,
                planned_at=now,
                digest=digest,
            )
            for action in actions
        )
        if not digest.reminders.exists():
            digest.delete()
            return None
    return send_digest(digest.pk, now)
