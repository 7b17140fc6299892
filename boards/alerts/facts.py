"""Gather what the alert planner needs from the database, in a fixed number of queries.

Who may see what is boards.access's to say: an alert's changes are read through
visible_actions and visible_boards, with user=None for a member of the public (public boards
only, never an exempt action) and the follower's account otherwise.
"""

from collections.abc import Collection
from datetime import datetime
from typing import TypeAlias

from django.db.models import Exists, OuterRef, Q

from ..access import visible_actions, visible_boards
from ..models import ActionUpdate, AlertEmail, AlertStatus, Follow, Follower, PublishedLog
from .planner import Change, Followed, FollowerFacts, kind_of

# Alerts that stop a new one being planned for their follower until they are done.
WAITING = (AlertStatus.PENDING, AlertStatus.FAILED, AlertStatus.SENDING)

# The row behind a change, which the sender renders: an action's history row for a change
# keyed ("update", pk), a published log for one keyed ("published", pk).
Row: TypeAlias = ActionUpdate | PublishedLog
Rows: TypeAlias = dict[tuple[str, int], Row]


def follower_facts(now: datetime, *, follower_ids: Collection[int] | None = None) -> list[FollowerFacts]:
    """Every follower receiving alerts, whether anything happened on what it follows since its
    alerted_upto (three EXISTS in one query), and whether an alert of theirs is still waiting."""
    follows = Follow.objects.filter(follower=OuterRef(OuterRef("pk")))
    followed_actions = follows.filter(action__isnull=False).values("action_id")
    followed_boards = follows.filter(board__isnull=False).values("board_id")
    updates = ActionUpdate.objects.filter(at__gt=OuterRef("alerted_upto"), at__lte=now).filter(
        Q(action_id__in=followed_actions) | Q(action__board_id__in=followed_boards)
    )
    logs = PublishedLog.objects.filter(
        published_at__gt=OuterRef("alerted_upto"), published_at__lte=now, board_id__in=followed_boards
    )
    waiting = AlertEmail.objects.filter(follower=OuterRef("pk"), status__in=WAITING)
    followers = Follower.objects.receiving()
    if follower_ids is not None:
        followers = followers.filter(pk__in=follower_ids)
    rows = (
        followers.annotate(new_updates=Exists(updates), new_logs=Exists(logs), waiting=Exists(waiting))
        .order_by("pk")
        .values_list("pk", "alerted_upto", "new_updates", "new_logs", "waiting")
    )
    return [
        FollowerFacts(pk, upto, bool(new_updates or new_logs), bool(is_waiting))
        for pk, upto, new_updates, new_logs, is_waiting in rows
    ]


def followed(follower: Follower) -> list[Followed]:
    return [
        Followed(board_id, action_id, since)
        for board_id, action_id, since in follower.follows.values_list("board_id", "action_id", "created_at")
    ]


def visible_changes(
    follower: Follower, follows: list[Followed], since: datetime, upto: datetime
) -> tuple[list[Change], Rows]:
    """The changes in (since, upto] on what the follower follows that they may see now, as
    facts, and the rows behind them by key (for rendering): two queries whatever their number."""
    user = follower.user if follower.user_id else None
    action_ids = [f.action_id for f in follows if f.action_id is not None]
    board_ids = [f.board_id for f in follows if f.board_id is not None]
    updates = (
        ActionUpdate.objects.filter(action__in=visible_actions(user), at__gt=since, at__lte=upto)
        .filter(Q(action_id__in=action_ids) | Q(action__board_id__in=board_ids))
        .select_related("action__board", "action__status")
        .order_by("at", "id")
    )
    logs = (
        PublishedLog.objects.filter(
            board__in=visible_boards(user),
            board_id__in=board_ids,
            published_at__gt=since,
            published_at__lte=upto,
        )
        .select_related("board", "meeting")
        .defer("rows", "statuses")
        .order_by("published_at", "id")
    )
    changes: list[Change] = []
    rows: Rows = {}
    for update in updates:
        key = ("update", update.pk)
        rows[key] = update
        changes.append(
            Change(
                key,
                kind_of(update.version, update.changes),
                update.at,
                update.action.board_id,
                update.action_id,
            )
        )
    for log in logs:
        key = ("published", log.pk)
        rows[key] = log
        changes.append(Change(key, "published", log.published_at, log.board_id))
    return changes, rows
