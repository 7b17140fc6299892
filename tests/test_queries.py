"""Every read page runs the same number of SQL queries with 10 or 1,000 actions."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boards.models import Action, ActionOfficer, ActionUpdate, Membership, UpdateVia
from boards.references import sort_key

from .factories import make_board, make_meeting, make_person, make_resolution

pytestmark = pytest.mark.django_db


def populate(n):
    """A board with n actions (two officers each, a third overdue, some closed), quickly."""
    board = make_board("big-board", key="date-based")
    meeting = make_meeting(board)
    resolution = make_resolution(meeting)
    lead, second = make_person("Lead Officer"), make_person("Second Officer")
    Membership.objects.create(board=board, person=lead, role="officer")
    statuses = list(board.rag_key.statuses.all())
    today = timezone.localdate()
    actions = Action.objects.bulk_create(
        Action(
            board=board,
            reference=f"{i}(a)",
            sort_key=sort_key(f"{i}(a)"),
            resolution=resolution,
            minute_item=resolution.minute_item,
            raised_at=meeting,
            raised_on=date(2016, 11, 17),
            description=f"Action number {i}",
            latest_comment=f"Comment {i}",
            due_date=today + timedelta(days=(i % 3) - 1),
            due_meeting=meeting if i % 5 == 0 else None,
            status=statuses[i % len(statuses)],
            state="closed" if i % 7 == 0 else "open",
            closed_on=today if i % 7 == 0 else None,
            version=1,
        )
        for i in range(n)
    )
    ActionOfficer.objects.bulk_create(
        [ActionOfficer(action=a, person=lead, position=0) for a in actions]
        + [ActionOfficer(action=a, person=second, position=1) for a in actions]
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=a,
            via=UpdateVia.SYSTEM,
            version=1,
            changes={"status": {"from": None, "to": "RED"}},
            comment=f"Comment {a.pk}",
            by_person=lead,
        )
        for a in actions
    )
    return board, meeting, lead, actions[1]


def many_updates(action, n):
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            via=UpdateVia.WEB,
            version=v,
            comment=f"Update {v}",
            changes={"due_date": {"from": "2017-01-01", "to": "2017-02-01"}},
            by_person=action.officers.first(),
        )
        for v in range(2, n + 2)
    )


PAGES = {
    "log": lambda b, m, p, a: reverse("boards:log", args=[b.slug]),
    "log filtered and sorted": lambda b, m, p, a: (
        reverse("boards:log", args=[b.slug]) + f"?status=RED&officer={p.pk}&q=Action&sort=officer&view=all"
    ),
    "print": lambda b, m, p, a: reverse("boards:log_print", args=[b.slug]),
    "action": lambda b, m, p, a: reverse("boards:action", args=[b.slug, a.pk]),
    "meeting": lambda b, m, p, a: reverse("boards:meeting", args=[b.slug, m.pk]),
    "board": lambda b, m, p, a: reverse("boards:board", args=[b.slug]),
    "home": lambda b, m, p, a: reverse("boards:home"),
    "person": lambda b, m, p, a: reverse("boards:person", args=[p.pk]),
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_rows(client, page):
    board, meeting, person, action = populate(10)
    many_updates(action, 10)
    small = count_queries(client, PAGES[page](board, meeting, person, action))

    big_board, big_meeting, big_person, big_action = _bigger(board, meeting, person, action)
    large = count_queries(client, PAGES[page](big_board, big_meeting, big_person, big_action))
    assert small == large, f"{page}: {small} queries with 10 actions, {large} with 1,000"


def _bigger(board, meeting, person, action):
    """Grow the same board to 1,000 actions and the action's history to 1,000 rows."""
    lead, second = person, board.actions.first().officers.order_by("officer_links__position")[1]
    statuses = list(board.rag_key.statuses.all())
    today = timezone.localdate()
    resolution = action.resolution
    new = Action.objects.bulk_create(
        Action(
            board=board,
            reference=f"{i}(b)",
            sort_key=sort_key(f"{i}(b)"),
            resolution=resolution,
            minute_item=resolution.minute_item,
            raised_at=meeting,
            raised_on=date(2016, 11, 17),
            description=f"Action number {i}",
            latest_comment=f"Comment {i}",
            due_date=today + timedelta(days=(i % 3) - 1),
            status=statuses[i % len(statuses)],
            state="closed" if i % 7 == 0 else "open",
            closed_on=today if i % 7 == 0 else None,
            version=1,
        )
        for i in range(990)
    )
    ActionOfficer.objects.bulk_create(
        [ActionOfficer(action=a, person=lead, position=0) for a in new]
        + [ActionOfficer(action=a, person=second, position=1) for a in new]
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=a, via=UpdateVia.SYSTEM, version=1, comment="x", by_person=lead) for a in new
    )
    ActionUpdate.objects.bulk_create(
        ActionUpdate(action=action, via=UpdateVia.WEB, version=v, comment=f"Update {v}", by_person=lead)
        for v in range(12, 1001)
    )
    assert board.actions.count() == 1000
    assert action.updates.count() == 1000
    return board, meeting, person, action


def test_the_overdue_query_can_use_the_partial_index_on_open_actions_due_dates(db):
    """SQLite uses a partial index only when the query repeats its condition (overdue_q does);
    PostgreSQL proves it. Either way the home page's overdue list need not read every action."""
    populate(10)
    overdue = Action.objects.overdue(on=timezone.localdate())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = overdue.explain()
    assert "boards_action_open_due" in plan, plan
