"""generate_data: deterministic, shaped as the one writer would shape it, and pages whose
query counts do not grow with the rows generated."""

from datetime import date
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boards.demo.generator import generate
from boards.models import (
    Action,
    ActionState,
    ActionUpdate,
    Board,
    Membership,
    MembershipRole,
    Person,
    ReminderPolicy,
)
from boards.services.updating import TRACKED_FIELDS, _value

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


class Rollback(Exception):
    pass


def snapshot():
    actions = [
        (
            a.board.name,
            a.reference,
            a.description,
            a.status.code,
            a.state,
            a.version,
            a.due_date,
            a.closed_on,
            a.raised_on,
            a.latest_comment,
            tuple(link.person.name for link in a.officer_links.all()),
        )
        for a in Action.objects.select_related("board", "status")
        .prefetch_related("officer_links__person")
        .order_by("board__name", "sort_key")[:300]
    ]
    updates = list(
        ActionUpdate.objects.order_by("action__board__name", "action__sort_key", "version").values_list(
            "action__reference", "version", "via", "at", "changes", "comment", "by_person__name"
        )[:1000]
    )
    counts = {
        model.__name__: model.objects.count()
        for model in (Board, Person, Membership, Action, ActionUpdate, ReminderPolicy)
    }
    return counts, actions, updates


def generated_snapshot(**kwargs):
    try:
        with transaction.atomic():
            generate(**kwargs)
            result = snapshot()
            raise Rollback(result)
    except Rollback as done:
        return done.args[0]


def test_same_seed_same_data_other_seed_other_data():
    first = generated_snapshot(boards=2, years=1, seed=1, today=TODAY)
    again = generated_snapshot(boards=2, years=1, seed=1, today=TODAY)
    other = generated_snapshot(boards=2, years=1, seed=2, today=TODAY)
    assert first == again
    assert first[0]["Action"] > 500
    assert first[1] != other[1]


def test_the_command_prints_progress_and_counts():
    from io import StringIO

    out = StringIO()
    call_command("generate_data", "--boards", "1", "--years", "1", "--today", "2026-11-23", stdout=out)
    text = out.getvalue()
    assert "board 1/1" in text
    assert f"Generated {Action.objects.count():,} actions" in text


@pytest.fixture
def generated(db):
    return generate(boards=2, years=1, seed=3, today=TODAY)


def test_invariants_hold(generated):
    assert generated["Action"] == Action.objects.count() > 500
    # Each action's version is its last history row's, with versions 1..n and 3 to 10 of them.
    mismatched = Action.objects.annotate(last=Max("updates__version"), n=Count("updates")).filter(
        ~Q(version=F("last")) | ~Q(n=F("version")) | Q(n__lt=3) | Q(n__gt=10)
    )
    assert not mismatched.exists()
    # Statuses come from the board's own key.
    assert not Action.objects.exclude(status__key=F("board__rag_key")).exists()
    # Closed actions carry their closing facts; others none.
    assert (
        not Action.objects.filter(state=ActionState.CLOSED)
        .filter(Q(closed_on__isnull=True) | Q(closed_at_meeting__isnull=True))
        .exists()
    )
    assert not Action.objects.exclude(state=ActionState.CLOSED).filter(closed_on__isnull=False).exists()
    assert Action.objects.filter(state=ActionState.CLOSED).exists()
    assert Action.objects.filter(state=ActionState.OPEN).exists()
    # Officers exist and sit on the action's board as officers.
    outside = Action.officers.through.objects.exclude(person__memberships__board=F("action__board"))
    assert not outside.exists()
    assert Membership.objects.filter(role=MembershipRole.OFFICER).exists()
    assert ReminderPolicy.objects.count() == Board.objects.count()


def test_history_replays_to_the_action_as_the_writer_records_it(generated):
    """Each field's "from" is the previous "to", version 1 starts from nothing, and the last
    "to" is the action's value as services.updating renders it."""
    actions = (
        Action.objects.select_related(
            "board",
            "status",
            "raised_at__board",
            "due_meeting__board",
            "closed_at_meeting__board",
            "resolution__minute_item",
            "minute_item",
        )
        .prefetch_related("updates", "officer_links__person")
        .order_by("pk")[:400]
    )
    for action in actions:
        history = sorted(action.updates.all(), key=lambda u: u.version)
        assert [u.version for u in history] == list(range(1, action.version + 1))
        assert all(change["from"] in (None, []) for change in history[0].changes.values())
        assert all(earlier.at < later.at for earlier, later in pairwise(history))
        values = {}
        for update in history:
            for field, change in update.changes.items():
                assert change["from"] == values.get(field, [] if field == "officers" else None), (
                    action.reference,
                    update.version,
                    field,
                )
                values[field] = change["to"]
        for field in TRACKED_FIELDS:
            assert values.get(field) == _value(action, field), (action.reference, field)
        assert values["officers"] == [link.person.name for link in action.officer_links.all()]
        # Closing keeps the officer's comment in the log (comment_to_log=False).
        logged = [
            u.comment
            for u in history
            if u.comment and u.changes.get("state", {}).get("to") != ActionState.CLOSED
        ]
        assert action.latest_comment == (logged[-1] if logged else "")


def test_officers_are_shared_across_boards():
    generate(boards=12, years=1, seed=1, today=TODAY)
    most = Person.objects.annotate(n=Count("memberships__board", distinct=True)).order_by("-n").first()
    assert most.n >= 10


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_page_queries_do_not_grow_with_generated_rows(client):
    generate(boards=1, years=1, seed=1, today=TODAY)
    generate(boards=1, years=4, seed=1, today=TODAY)  # the same board again, "-gen", four years
    small, large = Board.objects.order_by("pk")
    assert large.actions.count() > 3 * small.actions.count()
    for board in (small, large):
        board.sample = board.actions.filter(state=ActionState.OPEN).order_by("-version").first()
    pages = {
        "log": lambda b: reverse("boards:log", args=[b.slug]),
        "log, all, filtered": lambda b: (
            reverse("boards:log", args=[b.slug]) + "?view=all&q=report&status=AMBER"
        ),
        "print": lambda b: reverse("boards:log_print", args=[b.slug]),
        "action": lambda b: reverse("boards:action", args=[b.slug, b.sample.pk]),
        "meeting": lambda b: reverse("boards:meeting", args=[b.slug, b.sample.raised_at_id]),
    }
    for name, url in pages.items():
        counts = [_queries(client, url(board)) for board in (small, large)]
        assert counts[0] == counts[1], (
            f"{name}: {counts[0]} queries on the small board, {counts[1]} on the large"
        )
