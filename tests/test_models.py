"""Database rules: constraints hold on SQLite and PostgreSQL alike (.ci/run runs both)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from boards.models import Action, ActionUpdate, MinuteItem, RagStatus
from boards.references import reference_for, sort_key
from boards.services.updating import change

from .factories import SYSTEM, make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


def test_duplicate_reference_on_one_board_is_refused_by_the_database():
    board = make_board()
    make_action(board, reference="326(c)")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(board, reference="326(c)")
    assert Action.objects.filter(board=board, reference="326(c)").count() == 1


def test_same_reference_on_two_boards_is_allowed():
    make_action(make_board("a"), reference="326(c)")
    make_action(make_board("b"), reference="326(c)")
    assert Action.objects.filter(reference="326(c)").count() == 2


def test_duplicate_minute_number_on_one_board_is_refused():
    board = make_board()
    meeting = make_meeting(board)
    MinuteItem.objects.create(meeting=meeting, number="326", title="One")
    with pytest.raises(IntegrityError), transaction.atomic():
        MinuteItem.objects.create(meeting=meeting, number="326", title="Two")


def test_closed_action_must_have_a_closing_date():
    board = make_board()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(board, state="closed")


def test_deleting_a_person_who_owns_an_action_is_refused():
    board = make_board()
    officer = make_person("Mike Sandys")
    make_action(board, officers=[officer])
    with pytest.raises(ProtectedError):
        officer.delete()
    assert Action.objects.get().officers.get() == officer


def test_deleting_a_meeting_that_raised_actions_is_refused():
    board = make_board()
    meeting = make_meeting(board)
    make_action(board, raised_at=meeting)
    with pytest.raises(ProtectedError):
        meeting.delete()


def test_deleting_a_boards_officer_or_meeting_is_refused(small_board):
    board = small_board.board
    officer = board.memberships.get(person__name="Olu Officer", role="officer").person
    with pytest.raises(ProtectedError):
        officer.delete()
    meeting = board.meetings.get(starts_at__date=date(2016, 11, 17))
    with pytest.raises(ProtectedError):
        meeting.delete()
    assert Action.objects.filter(board=board).count() == 5


def test_saving_an_action_outside_the_history_writer_is_refused():
    action = make_action(make_board())
    action.description = "Quietly changed"
    with pytest.raises(RuntimeError, match="services.updating"):
        action.save()
    action.refresh_from_db()
    assert action.description != "Quietly changed"


def test_history_rows_are_never_changed_or_deleted():
    update = make_action(make_board()).updates.get()
    update.comment = "rewritten"
    with pytest.raises(RuntimeError):
        update.save()
    with pytest.raises(RuntimeError):
        update.delete()
    assert ActionUpdate.objects.get().comment == ""


def test_outstanding_and_overdue_are_derived_from_dates_and_state():
    board = make_board()
    past = make_action(board, "1(a)", due_date=date(2016, 12, 1))
    make_action(board, "1(b)", due_date=date(2017, 1, 1))
    proposed = make_action(board, "1(d)", due_date=date(2016, 12, 1), state="proposed")
    closed = make_action(
        board, "1(e)", due_date=date(2016, 12, 1), state="closed", closed_on=date(2016, 12, 2)
    )
    on = date(2016, 12, 15)
    assert list(Action.objects.overdue(on=on)) == [past]
    assert set(Action.objects.outstanding()) == set(Action.objects.exclude(pk=closed.pk))
    assert proposed in Action.objects.outstanding()
    assert list(Action.objects.overdue(on=date(2016, 12, 1))) == []


def test_an_action_whose_status_means_complete_is_not_overdue():
    board = make_board(key="brag")
    make_action(board, "1(a)", due_date=date(2016, 12, 1), status="BLUE")
    assert not Action.objects.overdue(on=date(2017, 1, 1)).exists()


def test_overdue_changes_with_the_date_without_rewriting_rows():
    board = make_board()
    action = make_action(board, due_date=date(2016, 12, 1))
    assert not Action.objects.overdue(on=date(2016, 11, 30)).exists()
    assert Action.objects.overdue(on=date(2016, 12, 2)).get() == action
    assert action.updates.count() == 1


def test_presets_ship_with_their_keys():
    keys = {s.key.slug: [] for s in RagStatus.objects.select_related("key")}
    for status in RagStatus.objects.select_related("key").order_by("position"):
        keys[status.key.slug].append(status.code)
    assert keys["rag"] == ["RED", "AMBER", "GREEN"]
    assert keys["brag"] == ["RED", "AMBER", "GREEN", "BLUE"]
    date_based = RagStatus.objects.filter(key__slug="date-based")
    assert date_based.get(shown_when_overdue=True).code == "RED"
    assert date_based.get(is_complete=True).code == "COMPLETE"


def test_a_key_can_have_only_one_overdue_status():
    red = RagStatus.objects.get(key__slug="date-based", code="RED")
    with pytest.raises(IntegrityError), transaction.atomic():
        RagStatus.objects.create(
            key=red.key, code="LATE", label="Late", colour="#000000", definition="x", shown_when_overdue=True
        )


@pytest.mark.parametrize(
    "colour, text",
    [("#d4351c", "#ffffff"), ("#00703c", "#ffffff"), ("#ffdd00", "#000000"), ("#f47738", "#000000")],
)
def test_status_text_colour_contrasts_with_its_background(colour, text):
    assert RagStatus(colour=colour).text_colour == text


@pytest.mark.parametrize(
    "number, label, expected",
    [
        ("326", "(c)", "326(c)"),
        ("326", "c)", "326(c)"),
        ("12.1", "2.", "12.1(2)"),
        ("337/18", "", "337/18"),
        ("330", "(iv)", "330(iv)"),
        ("326.", "(A)", "326(A)"),
    ],
)
def test_reference_for(number, label, expected):
    assert reference_for(number, label) == expected


def test_sort_key_orders_references_as_a_clerk_reads_them():
    refs = ["1001(a)", "330(c)", "254(e)", "330(b)", "337/102", "337/18", "33(a)"]
    assert sorted(refs, key=sort_key) == [
        "33(a)",
        "254(e)",
        "330(b)",
        "330(c)",
        "337/18",
        "337/102",
        "1001(a)",
    ]


def test_status_from_another_key_is_refused():
    board = make_board(key="rag")
    action = make_action(board)
    blue = RagStatus.objects.get(key__slug="brag", code="BLUE")
    with pytest.raises(ValueError, match="not in the RAG key"):
        change(action, actor=SYSTEM, status=blue)
    action.refresh_from_db()
    assert action.status.code == "GREEN"
    assert action.updates.count() == 1
