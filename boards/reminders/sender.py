"""Recording and sending reminders, exactly once.

1. sweep(now): plan what is due, record each planned reminder (the database
   refuses a duplicate), and gather the new ones into one pending Digest per person.
2. send_digest(pk, now): claim the digest with a conditional UPDATE (only one
   worker can), re-check that each reminder is still due (an update or closing
   since it was planned drops it), send one email, record the result. The claim,
   the send and the record share one transaction: a worker killed mid-send leaves
   the digest pending for the next run, never half-recorded.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..emails import make_email
from ..log_table import build_rows
from ..models import Action, Digest, DigestStatus, Person, Reminder, ReminderKind
from ..services.links import link_url
from . import facts, planner

log = logging.getLogger("boards.reminders")
MAX_ATTEMPTS = 3


@dataclass
class SendResult:
    digest_id: int
    person: str
    to: str
    status: str
    reminders: list


def plan_and_record(now, *, board_ids=None, person_ids=None) -> list[int]:
    """Plan what is due at `now`, record it, and return the new pending digests' ids."""
    today = timezone.localtime(now).date()
    boards = facts.board_facts(now, board_ids=board_ids)
    skipped = []
    planned = planner.plan(facts.action_facts(boards, now), boards, today, skipped=skipped)
    for one in skipped:  # the rest of the sweep goes on
        log.error("Reminders for action %s could not be planned and were skipped: %s", one.action_id, one.error)
    if person_ids is not None:
        planned = [p for p in planned if p.person_id in person_ids]
    Reminder.objects.bulk_create(
        [Reminder(person_id=p.person_id, action_id=p.action_id, kind=p.kind, period=p.period,
                  about_id=p.about_id, planned_at=now) for p in planned],
        ignore_conflicts=True,  # planned before: the constraint keeps the first
    )
    return _gather_into_digests(now, person_ids)


def _gather_into_digests(now, person_ids=None) -> list[int]:
    """One pending digest per person for their reminders not yet in one."""
    waiting = Reminder.objects.filter(digest__isnull=True, dropped=False)
    if person_ids is not None:
        waiting = waiting.filter(person_id__in=person_ids)
    by_person = defaultdict(list)
    for pk, person_id in waiting.values_list("pk", "person_id"):
        by_person[person_id].append(pk)
    digest_ids = []
    for person_id, reminder_ids in sorted(by_person.items()):
        with transaction.atomic():
            digest = Digest.objects.create(person_id=person_id, created_at=now)
            # Conditional: a reminder another sweep took meanwhile stays with that sweep.
            taken = Reminder.objects.filter(pk__in=reminder_ids, digest__isnull=True).update(digest=digest)
            if taken:
                digest_ids.append(digest.pk)
            else:
                digest.delete()
    # Failed digests are tried again, a few times.
    Digest.objects.filter(status=DigestStatus.FAILED, attempts__lt=MAX_ATTEMPTS).update(status=DigestStatus.PENDING)
    digest_ids += list(
        Digest.objects.filter(status=DigestStatus.PENDING).exclude(pk__in=digest_ids).values_list("pk", flat=True)
    )
    return sorted(digest_ids)


def _still_due(reminders, now) -> set:
    """The (person, action, kind, period) keys that a fresh plan at `now` still has."""
    action_ids = {r.action_id for r in reminders}
    boards = facts.board_facts(now, board_ids={r.action.board_id for r in reminders})
    fresh = planner.plan(facts.action_facts(boards, now, action_ids=action_ids), boards,
                         timezone.localtime(now).date())
    keys = {(p.person_id, p.action_id, p.kind, p.period) for p in fresh}
    # A clerk's chase stands while the action is open.
    open_ids = set(Action.objects.filter(pk__in=action_ids).outstanding().values_list("pk", flat=True))
    keys |= {(r.person_id, r.action_id, r.kind, r.period) for r in reminders
             if r.kind == ReminderKind.CHASE and r.action_id in open_ids}
    return keys


def send_digest(digest_id: int, now=None) -> SendResult | None:
    """Send one pending digest. Returns None if someone else has it or it is done."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            claimed = Digest.objects.filter(pk=digest_id, status=DigestStatus.PENDING).update(
                status=DigestStatus.SENDING, attempts=F("attempts") + 1
            )
            if not claimed:
                return None
            digest = Digest.objects.select_related("person").get(pk=digest_id)
            reminders = list(digest.reminders.select_related("action__board", "about"))
            due = _still_due(reminders, now)
            stale = [r.pk for r in reminders if (r.person_id, r.action_id, r.kind, r.period) not in due]
            Reminder.objects.filter(pk__in=stale).update(dropped=True)
            live = [r for r in reminders if r.pk not in stale]
            person = digest.person
            if not live or not person.email:
                digest.status = DigestStatus.DROPPED
                digest.error = "" if live else "Every reminder in it was no longer due."
                if live and not person.email:
                    digest.error = "No email address."
                digest.save(update_fields=["status", "error"])
                return SendResult(digest.pk, person.name, "", digest.status, live)
            message = render_digest(person, live, now)
            message.send()
            digest.status, digest.sent_at = DigestStatus.SENT, now
            digest.to_email, digest.subject, digest.error = person.email, message.subject, ""
            digest.save(update_fields=["status", "sent_at", "to_email", "subject", "error"])
            return SendResult(digest.pk, person.name, person.email, digest.status, live)
    except Exception as error:  # the send failed: the claim rolled back; record the failure
        log.exception("Sending digest %s failed", digest_id)
        Digest.objects.filter(pk=digest_id).update(
            status=DigestStatus.FAILED, error=str(error)[:2000], attempts=F("attempts") + 1
        )
        return SendResult(digest_id, "", "", DigestStatus.FAILED, [])


def render_digest(person: Person, reminders: list, now):
    """One email: the person's reminders grouped by board, each action in the log's columns."""
    today = timezone.localtime(now).date()
    rows = {row.id: row for row in build_rows(
        Action.objects.filter(pk__in={r.action_id for r in reminders}), today)}
    boards = defaultdict(list)
    for reminder in sorted(reminders, key=lambda r: (r.action.board.name, r.action.sort_key, r.kind)):
        boards[reminder.action.board].append({
            "kind": reminder.kind,
            "kind_label": ReminderKind(reminder.kind).label,
            "about": reminder.about,
            "row": rows[reminder.action_id],
            "url": settings.SITE_URL + rows[reminder.action_id].url,
        })
    officer_reminders = [r for r in reminders if r.kind in {"upcoming", "overdue", "meeting", "chase"}]
    context = {
        "person": person,
        "boards": [(board, items) for board, items in sorted(boards.items(), key=lambda kv: kv[0].name)],
        "count": len(reminders),
        "link": link_url(person) if officer_reminders else "",
        "expires": today + timedelta(days=settings.UPDATE_LINK_MAX_AGE_DAYS),
        "is_clerk_digest": not officer_reminders,
        "today": today,
    }
    return make_email("digest", [person.email], context)


def sweep(now=None) -> list[SendResult]:
    """Plan, record and send everything due at `now`, in this process."""
    now = now or timezone.now()
    results = []
    for digest_id in plan_and_record(now):
        result = send_digest(digest_id, now)
        if result is not None:
            results.append(result)
    return results


def chase(person: Person, board, *, now=None) -> SendResult | None:
    """The clerk's "send a reminder now": one digest of the person's open actions on the board."""
    now = now or timezone.now()
    actions = Action.objects.filter(board=board, officer_links__person=person).outstanding()
    period = f"chase-{now.isoformat()}"
    with transaction.atomic():
        digest = Digest.objects.create(person=person, created_at=now)
        Reminder.objects.bulk_create(
            Reminder(person=person, action=action, kind=ReminderKind.CHASE, period=period,
                     planned_at=now, digest=digest)
            for action in actions
        )
        if not digest.reminders.exists():
            digest.delete()
            return None
    return send_digest(digest.pk, now)
