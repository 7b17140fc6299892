"""Joint officers are written one way and read back the same way (boards/officers.py):
"Jim Bosworth/ Mike McHugh" as the papers print them; "/", ";" or a new line when typed."""

import pytest

from boards.forms.actions import ActionEditForm
from boards.history import _text
from boards.models import Membership
from boards.officers import OFFICER_SEPARATOR, join_officer_names, split_officer_names

from .factories import make_action, make_board, make_person


def test_what_is_printed_reads_back_as_the_same_names():
    names = ["Jim Bosworth", "Mike McHugh", "Vandna Gohil"]
    assert join_officer_names(names) == "Jim Bosworth/ Mike McHugh/ Vandna Gohil"
    assert split_officer_names(join_officer_names(names)) == names


@pytest.mark.parametrize(
    "typed",
    [
        "Jim Bosworth/Mike McHugh",
        "Jim Bosworth; Mike McHugh",
        "Jim Bosworth\nMike McHugh",
        " Jim   Bosworth /\n mike mchugh / Mike McHugh ;",
    ],
)
def test_typed_separators_and_spacing_and_repeats(typed):
    assert [n.lower() for n in split_officer_names(typed)] == ["jim bosworth", "mike mchugh"]


def test_the_log_table_prints_with_the_same_separator():
    from boards.log_table import OFFICER_SEPARATOR as table_separator

    assert table_separator == OFFICER_SEPARATOR


def test_history_shows_a_change_of_officers_with_the_separator():
    assert _text("officers", ["Jim Bosworth", "Mike McHugh"]) == "Jim Bosworth/ Mike McHugh"


@pytest.mark.django_db
def test_the_edit_form_offers_the_officers_as_the_papers_print_them():
    board = make_board()
    people = [make_person("Jim Bosworth"), make_person("Mike McHugh")]
    for person in people:
        Membership.objects.create(board=board, person=person, role="officer")
    action = make_action(board, officers=people)
    form = ActionEditForm(action=action)
    assert form.initial["officers"] == "Jim Bosworth/ Mike McHugh"
    assert split_officer_names(form.initial["officers"]) == ["Jim Bosworth", "Mike McHugh"]
