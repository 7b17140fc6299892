"""Closing what the board accepts as done, reopening with a reason, and withdrawing an
action recorded in error (reopen() reinstates it)."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Action, ActionState, ActionUpdate, Board, Meeting
from .updating import Actor, change


def close(actions: Iterable[Action], *, meeting: Meeting, actor: Actor, comment: str = "") -> int:
    """Close each action "as agreed at" `meeting`, all or none. Returns how many.
    Owns its transaction."""
    with transaction.atomic():
        count = 0
        for action in actions:
            change(
                action,
                actor=actor,
                state=ActionState.CLOSED,
                closed_on=meeting.date,
                closed_at_meeting=meeting,
                comment=comment,
                comment_to_log=False,  # the log keeps the officer's last update
            )
            count += 1
    return count


class NotWithdrawable(ValueError):
    """Only an outstanding action (open or proposed for closure) can be withdrawn."""


WITHDRAWABLE = (ActionState.OPEN, ActionState.PROPOSED_COMPLETE)


def withdraw(
    action: Action, *, actor: Actor, reason: str, expected_version: int | None = None
) -> ActionUpdate | None:
    """Withdraw an action recorded in error: it leaves the outstanding, overdue and closed
    views and the reminders, stays in "All" marked withdrawn, and keeps its history, with
    `reason` as the withdrawing change's comment (not the log's Comments column).
    StaleAction if the action moved on from `expected_version`, and nothing is saved but the
    RefusedChange. reopen() reinstates it.

    Owns its transaction (updating.change's). Inside a caller's, the refused attempt waits
    on the StaleAction: the caller keeps it with updating.keep_refusal() after its atomic()."""
    if action.state not in WITHDRAWABLE:
        raise NotWithdrawable(
            f"{action.reference} is {action.get_state_display().lower()}: "
            "only an outstanding action can be withdrawn."
        )
    return change(
        action,
        actor=actor,
        state=ActionState.WITHDRAWN,
        comment=reason,
        comment_to_log=False,
        expected_version=expected_version,
    )


def reopen(
    action: Action, *, actor: Actor, reason: str, expected_version: int | None = None
) -> ActionUpdate | None:
    """A closed action reopened, or a withdrawn one reinstated: open again. StaleAction as
    withdraw(), with its RefusedChange.

    Owns its transaction (updating.change's). Inside a caller's, the refused attempt waits
    on the StaleAction: the caller keeps it with updating.keep_refusal() after its atomic()."""
    return change(
        action,
        actor=actor,
        state=ActionState.OPEN,
        closed_on=None,
        closed_at_meeting=None,
        comment=reason,
        expected_version=expected_version,
    )


def last_meeting(board: Board, now: datetime | None = None) -> Meeting | None:
    """The board's most recent meeting that has started."""
    now = now or timezone.now()
    return board.meetings.filter(starts_at__lte=now).order_by("-starts_at").first()


def closed_since(meeting: Meeting) -> QuerySet[Action]:
    """Closed at or after `meeting`, the board's last: shown once on the next log, then gone.

    An action closed at a meeting counts from that meeting's start, so one closed at a
    morning meeting is gone from the log of an afternoon meeting the same day. One
    closed without a meeting (imported) counts from its date.
    """
    return (
        Action.objects.filter(board_id=meeting.board_id)
        .closed()
        .filter(
            Q(closed_at_meeting__starts_at__gte=meeting.starts_at)
            | Q(closed_at_meeting__isnull=True, closed_on__gte=meeting.date)
        )
    )


def closed_since_last_meeting(board: Board, now: datetime | None = None) -> QuerySet[Action]:
    meeting = last_meeting(board, now)
    return closed_since(meeting) if meeting is not None else Action.objects.none()
