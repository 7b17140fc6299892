"""Gather what the planner needs from the database, in a fixed number of queries.

Only actions that could be due a reminder are read: open actions due within the
longest "upcoming" window or already past due, and open actions on boards with a
meeting coming up. So a sweep's cost follows the reminders due, not the actions stored.
"""

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime, timedelta

from django.db.models import F, Max, Q
from django.utils import timezone

from ..models import (
    Action,
    ActionOfficer,
    ActionState,
    ActionUpdate,
    Board,
    Meeting,
    Membership,
    MembershipRole,
    Reminder,
    ReminderKind,
    ReminderPolicy,
)
from .planner import ActionFacts, BoardFacts, Officer, Policy


def board_facts(now: datetime, *, board_ids: Collection[int] | None = None) -> dict[int, BoardFacts]:
    """Boards whose daily send time has come (local time), with policy, clerks, next meeting."""
    local = timezone.localtime(now)
    boards = Board.objects.all()
    policies = ReminderPolicy.objects.all()
    clerk_memberships = Membership.objects.filter(role=MembershipRole.CLERK)
    if board_ids is not None:  # a digest's re-check reads only its own boards
        boards = boards.filter(pk__in=board_ids)
        policies = policies.filter(board_id__in=board_ids)
        clerk_memberships = clerk_memberships.filter(board_id__in=board_ids)
    policy_of = {p.board_id: p for p in policies}
    facts = {}
    clerks = defaultdict(list)
    for board_id, person_id in clerk_memberships.values_list("board_id", "person_id").order_by("person_id"):
        clerks[board_id].append(person_id)
    for board_id in boards.values_list("pk", flat=True):
        row = policy_of.get(board_id) or ReminderPolicy(board_id=board_id)  # the defaults
        if not row.enabled or local.time() < row.send_time:
            continue
        policy = Policy(
            row.upcoming_days, row.overdue_every_days, row.before_meeting_days, row.escalate_after
        )
        facts[board_id] = BoardFacts(board_id, policy, tuple(clerks[board_id]))
    upcoming = (
        Meeting.objects.filter(board_id__in=facts, starts_at__date__gte=local.date())
        .order_by("board_id", "starts_at")
        .values_list("board_id", "pk", "starts_at")
    )
    for board_id, meeting_id, starts_at in upcoming:
        board = facts[board_id]
        if board.next_meeting is None:
            facts[board_id] = BoardFacts(
                board_id, board.policy, board.clerks, (meeting_id, timezone.localtime(starts_at).date())
            )
    return facts


def action_facts(
    boards: dict[int, BoardFacts], now: datetime, *, action_ids: Collection[int] | None = None
) -> list[ActionFacts]:
    if not boards:
        return []
    today = timezone.localtime(now).date()
    horizon = today + timedelta(days=max(b.policy.upcoming_days for b in boards.values()))
    meeting_soon = [
        b.board_id
        for b in boards.values()
        if b.next_meeting and b.next_meeting[1] - timedelta(days=b.policy.before_meeting_days) <= today
    ]
    actions = Action.objects.filter(board_id__in=boards, state=ActionState.OPEN).filter(
        Q(due_date__lte=horizon) | Q(board_id__in=meeting_soon)
    )
    if action_ids is not None:
        actions = actions.filter(pk__in=action_ids)
    rows = list(actions.values_list("pk", "board_id", "state", "status__is_complete", "due_date"))
    ids = [row[0] for row in rows]
    officers = defaultdict(list)
    for action_id, person_id, email in (
        ActionOfficer.objects.filter(action_id__in=ids)
        .order_by("action_id", "position")
        .values_list("action_id", "person_id", "person__email")
    ):
        officers[action_id].append(Officer(person_id, bool(email)))
    last_update = dict(
        ActionUpdate.objects.filter(
            action_id__in=ids, at__lte=now, by_person__officer_links__action=F("action")
        )
        .values("action_id")
        .annotate(last=Max("at"))
        .values_list("action_id", "last")
    )
    sent = defaultdict(set)
    for action_id, period in Reminder.objects.filter(
        action_id__in=ids, kind=ReminderKind.OVERDUE, digest__status="sent"
    ).values_list("action_id", "period"):
        sent[action_id].add(period)
    return [
        ActionFacts(
            action_id=pk,
            board_id=board_id,
            state=state,
            complete=complete,
            due_date=due,
            officers=tuple(officers[pk]),
            last_officer_update=timezone.localtime(last_update[pk]).date() if pk in last_update else None,
            overdue_periods_sent=frozenset(sent[pk]),
        )
        for pk, board_id, state, complete, due in rows
    ]
