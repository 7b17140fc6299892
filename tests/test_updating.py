"""The one writer of history: every change leaves exactly one ActionUpdate."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from boards.models import Action, ActionUpdate, UpdateVia
from boards.services.updating import TRACKED_FIELDS, Actor, StaleAction, change, keep_refusal, record

from .factories import SYSTEM, make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board()


@pytest.fixture
def action(board):
    return make_action(board, officers=[make_person("Mike Sandys")], due_date=date(2017, 3, 31))


def test_creating_an_action_writes_one_row_with_every_value(action):
    update = action.updates.get()
    assert update.version == 1
    assert update.changes["reference"] == {"from": None, "to": "1(a)"}
    assert update.changes["status"] == {"from": None, "to": "GREEN"}
    assert update.changes["officers"] == {"from": [], "to": ["Mike Sandys"]}
    assert update.changes["due_date"] == {"from": None, "to": "2017-03-31"}


def _new_value(action, field, board):
    """A different, valid value for each tracked field."""
    meeting = make_meeting(board)
    amber = board.rag_key.statuses.get(code="AMBER")
    values = {
        "reference": "99(z)",
        "description": "A new description.",
        "raised_on": date(2016, 1, 1),
        "raised_at": meeting,
        "resolution": None,
        "minute_item": None,
        "due_date": date(2018, 1, 1),
        "due_meeting": meeting,
        "due_text": "In due course",
        "status": amber,
        "state": "proposed",
        "closed_at_meeting": meeting,
        "closed_on": None,
    }
    return values[field]


# Exempt and its grounds change together (test_marking_exempt_is_one_row_with_both_fields).
@pytest.mark.parametrize(
    "field",
    [
        f
        for f in TRACKED_FIELDS
        if f not in {"resolution", "minute_item", "closed_on", "exempt", "exempt_grounds"}
    ],
)
def test_each_tracked_field_change_leaves_exactly_one_row(action, board, field):
    before = ActionUpdate.objects.count()
    old = getattr(action, field)
    new = _new_value(action, field, board)
    update = change(action, actor=SYSTEM, **{field: new})
    assert ActionUpdate.objects.count() == before + 1
    assert set(update.changes) == {field} | ({"due_date"} if field == "due_meeting" else set())
    assert update.changes[field]["from"] == (
        None if old in (None, "") else (old.isoformat() if hasattr(old, "isoformat") else str(old))
    )
    action.refresh_from_db()
    assert action.version == 2


def test_marking_exempt_is_one_row_with_both_fields(action):
    """An action open to the public records nothing about exemption when made (False is no
    news); marking it exempt records both fields, and unmarking records them going."""
    assert "exempt" not in action.updates.get(version=1).changes
    grounds = "Paragraph 3 of Schedule 12A"
    update = change(action, actor=SYSTEM, exempt=True, exempt_grounds=grounds)
    assert update.changes == {
        "exempt": {"from": None, "to": True},
        "exempt_grounds": {"from": None, "to": grounds},
    }
    update = change(action, actor=SYSTEM, exempt=False, exempt_grounds="")
    assert update.changes == {
        "exempt": {"from": True, "to": None},
        "exempt_grounds": {"from": grounds, "to": None},
    }


def test_closing_writes_one_row_with_state_and_date(action, board):
    meeting = make_meeting(board)
    update = change(
        action,
        actor=SYSTEM,
        state="closed",
        closed_on=date(2017, 1, 5),
        closed_at_meeting=meeting,
        comment="Agreed as complete.",
    )
    assert set(update.changes) == {"state", "closed_on", "closed_at_meeting"}
    assert update.changes["state"] == {"from": "open", "to": "closed"}
    assert action.updates.count() == 2
    assert Action.objects.closed().get() == action


def test_changing_officers_leaves_one_row_with_names_in_order(action):
    lead, other = make_person("Vandna Gohil"), action.officers.get()
    update = record(action, actor=SYSTEM, officers=[lead, other])
    assert update.changes == {"officers": {"from": ["Mike Sandys"], "to": ["Vandna Gohil", "Mike Sandys"]}}
    assert [o.person for o in action.officer_links.all()] == [lead, other]


def test_a_comment_alone_is_one_row_and_becomes_the_log_comment(action):
    update = change(action, actor=SYSTEM, comment="  Report scheduled for March 2017.  ")
    assert update.changes == {}
    assert update.comment == "Report scheduled for March 2017."
    action.refresh_from_db()
    assert action.latest_comment == "Report scheduled for March 2017."
    assert action.updates.count() == 2


def test_a_change_that_changes_nothing_writes_nothing(action):
    assert change(action, actor=SYSTEM, status=action.status) is None
    assert record(action, actor=SYSTEM, officers=list(action.officers.all())) is None
    assert action.updates.count() == 1


def test_several_fields_in_one_change_are_one_row(action, board):
    amber = board.rag_key.statuses.get(code="AMBER")
    change(
        action,
        actor=SYSTEM,
        status=amber,
        due_date=date(2017, 6, 1),
        due_text="June 2017",
        comment="Slipped to June.",
    )
    assert action.updates.count() == 2
    assert set(action.updates.first().changes) == {"status", "due_date", "due_text"}


def test_the_row_records_who_and_how(action):
    user = get_user_model().objects.create_user("clerk")
    person = make_person("Demo Clerk", user=user)
    update = change(action, actor=Actor.for_user(user, via=UpdateVia.ADMIN), comment="Checked.")
    assert (update.by_user, update.by_person, update.via) == (user, person, "admin")


def test_a_stale_edit_is_refused_and_saves_nothing(action, board):
    amber, red = (board.rag_key.statuses.get(code=c) for c in ("AMBER", "RED"))
    first = Action.objects.get(pk=action.pk)
    second = Action.objects.get(pk=action.pk)
    change(first, actor=SYSTEM, status=amber, comment="First", expected_version=1)
    with pytest.raises(StaleAction) as refused:
        change(second, actor=SYSTEM, status=red, comment="Second", expected_version=1)
    assert [u.comment for u in refused.value.changes_since()] == ["First"]
    action.refresh_from_db()
    assert (action.status, action.latest_comment, action.version) == (amber, "First", 2)
    assert action.updates.count() == 2
    # Both attempts are in the record: the saved change and the refused one.
    refusal = action.refused_changes.get()
    assert (refusal.seen_version, refusal.current_version) == (1, 2)
    assert refusal.attempted == {"status": "RED"} and refusal.comment == "Second"


@pytest.mark.parametrize("writer", ["record", "change"])
def test_a_refusal_inside_the_callers_transaction_is_kept_after_it(action, writer):
    """Inside a caller's atomic() the refused attempt would roll back with the caller's work:
    it waits on the exception, and keep_refusal() writes it once that transaction has ended."""
    first, second = Action.objects.get(pk=action.pk), Action.objects.get(pk=action.pk)
    change(first, actor=SYSTEM, description="First edit")
    with transaction.atomic():
        with pytest.raises(StaleAction) as refused:
            if writer == "record":
                second.description = "Second edit"
                record(second, actor=SYSTEM, expected_version=1, comment="Mine")
            else:
                change(second, actor=SYSTEM, description="Second edit", expected_version=1, comment="Mine")
        with pytest.raises(RuntimeError):  # not inside the transaction it would roll back with
            keep_refusal(refused.value)
    assert not action.refused_changes.exists()
    keep_refusal(refused.value)
    keep_refusal(refused.value)  # once only
    kept = action.refused_changes.get()
    assert kept.attempted == {"description": "Second edit"} and kept.comment == "Mine"


def test_a_stale_edited_instance_is_refused_and_recorded(action, board):
    first, second = Action.objects.get(pk=action.pk), Action.objects.get(pk=action.pk)
    first.description = "First edit"
    record(first, actor=SYSTEM, expected_version=1)
    second.description = "Second edit"
    with pytest.raises(StaleAction):
        record(second, actor=SYSTEM, expected_version=1, comment="Mine")
    action.refresh_from_db()
    assert action.description == "First edit"
    assert action.refused_changes.get().attempted == {"description": "Second edit"}


def test_unchanged_fields_held_stale_in_memory_are_not_written_back(action, board):
    stale = Action.objects.get(pk=action.pk)
    change(action, actor=SYSTEM, description="Fresh description")
    change(stale, actor=SYSTEM, due_text="Next meeting")
    action.refresh_from_db()
    assert action.description == "Fresh description"
    assert action.due_text == "Next meeting"


def test_a_target_meeting_sets_the_due_date(board):
    meeting = make_meeting(board)
    action = make_action(board, due_meeting=meeting)
    assert action.due_date == date(2016, 11, 17)


def test_tracked_fields_cannot_be_smuggled_past_the_writer(action):
    with pytest.raises(ValueError):
        change(action, actor=SYSTEM, version=99)


def test_whoever_is_made_responsible_becomes_an_officer_of_the_board_and_is_in_its_filter(db):
    from boards.filters import ActionFilter
    from boards.models import Membership

    board = make_board()
    outsider = make_person("Newly Named")
    action = make_action(board, "1(a)")
    assert not Membership.objects.filter(person=outsider).exists()

    change(action, actor=SYSTEM, officers=[outsider])
    change(action, actor=SYSTEM, officers=[outsider])  # no second membership

    assert list(Membership.objects.filter(person=outsider).values_list("board", "role")) == [
        (board.pk, "officer")
    ]
    choices = ActionFilter({}, queryset=Action.objects.all(), board=board).filters["officer"].queryset
    assert list(choices) == [outsider]
