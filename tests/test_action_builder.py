"""One builder of an action (boards.services.recording.new_action), used by every path that
records one: the clerk's actions page, the minutes import, the log import and the demo."""

from datetime import date, datetime

import pytest

from boards.due import Due
from boards.models import Action
from boards.services.recording import action_from_resolution, new_action
from tests.factories import SYSTEM, make_board, make_meeting, make_resolution


def green(board):
    return board.rag_key.statuses.get(code="GREEN")


@pytest.fixture
def board(db):
    return make_board()


def test_from_a_resolution_it_takes_the_item_the_meeting_its_date_and_the_reference(board):
    meeting = make_meeting(board, datetime(2016, 11, 17, 14, 0))
    resolution = make_resolution(meeting, number="326", label="(c)")
    action = new_action(description="Develop a plan.", status=green(board), resolution=resolution)
    assert action.board_id == board.pk
    assert action.minute_item == resolution.minute_item
    assert action.raised_at == meeting and action.raised_on == date(2016, 11, 17)
    assert action.reference == "326(c)"
    assert action.pk is None  # built, not saved: record() saves it with its history


def test_a_reference_given_is_kept(board):
    resolution = make_resolution(make_meeting(board), number="326", label="(c)")
    action = new_action(
        board, description="x", status=green(board), resolution=resolution, reference="326(c)(i)"
    )
    assert action.reference == "326(c)(i)"


def test_without_a_resolution_it_is_raised_when_the_row_says(board):
    due = Due(date=date(2017, 3, 31), text="March 2017")
    action = new_action(
        board,
        reference="9(b)",
        description="From a log.",
        status=green(board),
        raised_on=date(2015, 6, 4),
        due=due,
    )
    assert (action.resolution, action.minute_item, action.raised_at) == (None, None, None)
    assert action.raised_on == date(2015, 6, 4)
    assert (action.due_date, action.due_meeting, action.due_text) == (date(2017, 3, 31), None, "March 2017")


def test_action_from_resolution_records_it_with_its_due(board):
    meeting = make_meeting(board)
    later = make_meeting(board, datetime(2017, 1, 19, 14, 0))
    resolution = make_resolution(meeting)
    action = action_from_resolution(
        resolution,
        description="Report back.",
        officers=[],
        status=green(board),
        actor=SYSTEM,
        due=Due(meeting=later),
    )
    saved = Action.objects.get(pk=action.pk)
    assert saved.due_meeting == later and saved.raised_at == meeting and saved.updates.count() == 1
