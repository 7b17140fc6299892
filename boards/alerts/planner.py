"""Who gets an alert today, and which changes go in it: pure functions of the facts.

No database here. `facts.py` reads the followers and the changes they may see (through
boards.access); `sender.py` records, claims and sends. One alert a day per follower (its
period is the local date), covering the changes after its `alerted_upto` up to the moment the
alert was planned; a change on a followed action and on its followed board is listed once.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..models.actions import ActionState
from ..models.follows import ChangeKind


@dataclass(frozen=True)
class FollowerFacts:
    follower_id: int
    alerted_upto: datetime
    has_changes: bool  # anything new on what it follows since alerted_upto (before visibility)
    waiting: bool = False  # an alert of an earlier day still waiting to be sent or retried


@dataclass(frozen=True, order=True)
class Planned:
    follower_id: int
    period: str
    since: datetime
    upto: datetime


def period_of(day: date) -> str:
    return day.isoformat()


def plan(followers: Iterable[FollowerFacts], today: date, now: datetime) -> list[Planned]:
    """An alert for each follower with something new and none waiting: the one waiting is
    sent (or given up) first, and the next day's alert starts where it ended."""
    return sorted(
        Planned(f.follower_id, period_of(today), f.alerted_upto, now)
        for f in followers
        if f.has_changes and not f.waiting and f.alerted_upto < now
    )


@dataclass(frozen=True)
class Followed:
    """One follow: a board or an action, and when it started."""

    board_id: int | None
    action_id: int | None
    since: datetime


@dataclass(frozen=True)
class Change:
    """A change the follower may see: an action's history row, or a log published."""

    key: tuple[str, int]  # ("update", pk) or ("published", pk): what the sender renders
    kind: str  # a ChangeKind
    at: datetime
    board_id: int
    action_id: int | None = None


def kind_of(version: int, changes: Mapping[str, Any]) -> str:
    """What a history row did, in an alert's words: raised (its first version), a change of
    state (proposed for closure, closed, withdrawn, reopened), or else updated."""
    if version == 1:
        return ChangeKind.RAISED.value
    state = changes.get("state")
    if isinstance(state, Mapping):
        to = state.get("to")
        if to == ActionState.PROPOSED_COMPLETE:
            return ChangeKind.PROPOSED.value
        if to == ActionState.CLOSED:
            return ChangeKind.CLOSED.value
        if to == ActionState.WITHDRAWN:
            return ChangeKind.WITHDRAWN.value
        if to == ActionState.OPEN and state.get("from") in (ActionState.CLOSED, ActionState.WITHDRAWN):
            return ChangeKind.REOPENED.value
    return ChangeKind.UPDATED.value


def changes_for(
    follows: Iterable[Followed], changes: Iterable[Change], since: datetime, upto: datetime
) -> list[Change]:
    """The changes an alert lists, oldest first: those on a followed action or on any action
    (or log) of a followed board, after both `since` and the follow's own start, up to `upto`.
    A log published is a board's change: following an action alone does not bring it."""
    board_since: dict[int, datetime] = {}
    action_since: dict[int, datetime] = {}
    for follow in follows:
        if follow.board_id is not None:
            board_since[follow.board_id] = max(follow.since, since)
        elif follow.action_id is not None:
            action_since[follow.action_id] = max(follow.since, since)
    chosen: dict[tuple[str, int], Change] = {}
    for change in changes:
        if change.at > upto:
            continue
        starts = [board_since[change.board_id]] if change.board_id in board_since else []
        if change.action_id is not None and change.action_id in action_since:
            starts.append(action_since[change.action_id])
        if starts and change.at > min(starts):
            chosen[change.key] = change
    return sorted(chosen.values(), key=lambda c: (c.at, c.key))
