"""One refusal for both imports (boards/services/imports/refused.py): minutes and an action log
refuse with the same ImportRefused, caught by one `except`, nothing imported."""

from datetime import date

import pytest

from boards.importers.action_log import read_log
from boards.importers.minutes import parse_minutes
from boards.models import Action, MinuteItem, UpdateVia
from boards.services.imports.action_log import import_log
from boards.services.imports.minutes import record_minutes
from boards.services.imports.refused import ImportRefused
from boards.services.updating import Actor

from .factories import make_board

IMPORT = Actor(via=UpdateVia.IMPORT)


@pytest.fixture
def board(db):
    return make_board("hwb", name="Health and Wellbeing Board")


def test_minutes_with_no_items_are_refused_with_the_reason(board):
    with pytest.raises(ImportRefused) as refused:
        record_minutes(parse_minutes(""), board=board, meeting_date=date(2016, 11, 17), actor=IMPORT)
    assert str(refused.value) == "No minute items were found in the text: nothing was imported."
    assert refused.value.preview is None
    assert not MinuteItem.objects.exists()


def test_a_log_with_problems_is_refused_with_its_preview_and_a_count(board):
    text = (
        "No.,Date,Action,Responsible Officer,Comments,Status\r\n"
        "7,17/11/16,A status nobody knows.,,,PURPLE\r\n"
    )
    table = read_log(text.encode(), "log.csv")
    with pytest.raises(ImportRefused) as refused:
        import_log(table, table.mapping, board, actor=IMPORT)
    preview = refused.value.preview
    assert len(preview.errors) == 1
    assert str(refused.value) == "1 problem found: nothing was imported."
    assert not Action.objects.exists()


def test_a_message_given_is_kept_beside_the_preview():
    class Preview:
        errors = ["one", "two"]

    assert str(ImportRefused(preview=Preview())) == "2 problems found: nothing was imported."
    assert str(ImportRefused("Preview the file again.", preview=Preview())) == "Preview the file again."
