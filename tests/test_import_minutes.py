"""python manage.py import_minutes: the parser's structure saved in one transaction."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from boards.models import Action, Membership, MinuteItem, Resolution

from .factories import make_board, make_person

SEED = Path(__file__).parent / "data" / "minutes_2016_11_17.txt"
PROPOSED = ["326(c)", "327(b)", "330(b)", "330(c)", "330(d)", "333(b)"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    board = make_board("hwb")
    director = make_person("Mike Sandys", job_title="Director of Public Health")
    Membership.objects.create(board=board, person=director, role="officer")
    return board


def test_json_gives_the_structure_with_suggested_officers_and_due(board, capsys):
    call_command("import_minutes", str(SEED), board="hwb", date="2016-11-17", dry_run=True, json=True)
    data = json.loads(capsys.readouterr().out)
    assert data["meeting"] == {"board": "hwb", "date": "2016-11-17"}
    assert [i["number"] for i in data["items"]] == [str(n) for n in range(320, 335)]
    proposed = {f"{i['number']}{r['label']}": r for i in data["items"] for r in i["resolutions"] if r["creates_action"]}
    assert sorted(proposed) == PROPOSED
    assert proposed["330(d)"]["officers"] == ["Mike Sandys"]
    assert proposed["326(c)"]["due"] == "in due course"
    assert [b["lines"] for b in data["unparsed"]] == [[1, 30], [270, 273]]


def test_dry_run_saves_nothing(board):
    call_command("import_minutes", str(SEED), board="hwb", date="2016-11-17", dry_run=True)
    assert not MinuteItem.objects.exists() and not Action.objects.exists()


def test_import_saves_items_resolutions_and_proposed_actions_with_history(board, capsys):
    call_command("import_minutes", str(SEED), board="hwb", date="2016-11-17")
    assert "imported 15 minute items, 19 resolutions and 6 actions" in capsys.readouterr().out
    assert MinuteItem.objects.filter(board=board).count() == 15
    assert Resolution.objects.filter(minute_item__board=board).count() == 19
    actions = Action.objects.filter(board=board).in_log_order()
    assert [a.reference for a in actions] == PROPOSED
    for action in actions:
        assert action.updates.get().via == "import"
        assert action.raised_on.isoformat() == "2016-11-17"
    assert list(actions.get(reference="330(d)").officers.all()) == [Membership.objects.get().person]


def test_importing_the_same_minutes_again_is_refused_and_saves_nothing(board):
    call_command("import_minutes", str(SEED), board="hwb", date="2016-11-17")
    with pytest.raises(CommandError, match="already has minute"):
        call_command("import_minutes", str(SEED), board="hwb", date="2016-11-17")
    assert MinuteItem.objects.count() == 15 and Action.objects.count() == 6


@pytest.mark.parametrize("args, message", [
    ({"board": "nope", "date": "2016-11-17"}, "No board"),
    ({"board": "hwb", "date": "17/11/2016"}, "not a date"),
])
def test_bad_arguments_are_explained(board, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_minutes", str(SEED), **args)
