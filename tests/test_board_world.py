"""The small board world that tests build with factories (tests/board_world.py)."""

from datetime import date

from django.urls import reverse

from boards.models import Action, ActionUpdate, Membership

from .board_world import small_board
from .html_tables import read_table


def test_the_small_board_has_its_people_meetings_and_actions_in_several_states(small_board):
    world = small_board
    roles = set(Membership.objects.filter(board=world.board).values_list("person__name", "role"))
    assert roles == {
        ("Clara Clerk", "clerk"),
        ("Mo Member", "member"),
        ("Ada Adviser", "officer"),
        ("Olu Officer", "officer"),
        ("Pat Partner", "officer"),
    }
    assert [m.date for m in world.board.meetings.all()] == [
        date(2016, 5, 5),
        date(2016, 11, 17),
        date(2017, 1, 5),
    ]
    states = dict(Action.objects.filter(board=world.board).values_list("reference", "state"))
    assert states == {
        "101(a)": "open",
        "201(a)": "open",
        "201(b)": "open",
        "201(c)": "proposed",
        "202(a)": "closed",
    }
    assert [p.name for p in world.action("201(b)").officers.order_by("officer_links__position")] == [
        "Olu Officer",
        "Pat Partner",
    ]
    assert world.action("101(a)").due_date == date(2017, 1, 5)  # its target meeting's date
    # Each action was written by the history writer: one history row each.
    assert ActionUpdate.objects.filter(action__board=world.board).count() == 5


def test_two_small_boards_do_not_clash(db):
    first, second = small_board("first-board"), small_board("second-board")
    assert first.board != second.board and first.clerk_user != second.clerk_user


def test_its_clerk_and_officer_are_signed_in_by_the_fixtures(clerk_of_small_board, small_board):
    response = clerk_of_small_board.get(reverse("boards:close_actions", args=[small_board.board.slug]))
    assert response.status_code == 200
    _, rows = read_table(
        clerk_of_small_board.get(reverse("boards:log", args=[small_board.board.slug])).content.decode(),
        "action log",
    )
    assert [row[0] for row in rows] == ["101(a)", "201(a)", "201(b)", "201(c)"]
