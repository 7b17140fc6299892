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
    proposed = {
        f"{i['number']}{r['label']}": r
        for i in data["items"]
        for r in i["resolutions"]
        if r["creates_action"]
    }
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


@pytest.mark.parametrize(
    "args, message",
    [
        ({"board": "nope", "date": "2016-11-17"}, "No board"),
        ({"board": "hwb", "date": "2016-13-45"}, "not a date"),
        ({"board": "hwb", "date": "17/11/2016", "number": ["x=1"]}, "POSITION=NUMBER"),
        ({"board": "hwb", "date": "17/11/2016", "action": ["999(z)"]}, r"No resolution 999\(z\)"),
        ({"board": "hwb", "date": "17/11/2016", "edit": ["join:99:0"]}, "does not fit"),
    ],
)
def test_bad_arguments_are_explained(board, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_minutes", str(SEED), **args)


def test_each_suggestion_applied_is_printed_and_flags_override_them(board, capsys):
    flags = {
        "no_action": ["327(b)"],
        "action": ["328(a)"],
        "officers": ["330(d)=Jim Bosworth"],
        "due": ["326(c)=31/03/2017"],
    }
    # "Jim Bosworth" is nobody's name yet: refused, nothing saved, unless --add-new-people.
    with pytest.raises(CommandError, match="1 officer name is none of the board's people"):
        call_command("import_minutes", str(SEED), board="hwb", date="17/11/2016", **flags)
    assert "officer “Jim Bosworth” is not one of this board's people." in capsys.readouterr().out
    assert not Action.objects.exists()
    call_command("import_minutes", str(SEED), board="hwb", date="17/11/2016", add_new_people=True, **flags)
    out = capsys.readouterr().out
    assert (
        "officer “Jim Bosworth” is not one of this board's people. Added as a new person (--add-new-people)."
        in out
    )
    assert "applied: 330(d) is an action (creates work: " in out
    assert (
        "applied: 326(c) is an action (creates work: 'be developed'); officers: none found; "
        "due: in due course" in out
    )
    assert "flag: 327(b) is not an action (--no-action)" in out
    assert "flag: 328(a) is an action (--action)" in out
    references = set(Action.objects.values_list("reference", flat=True))
    assert "327(b)" not in references and "328(a)" in references
    assert [p.name for p in Action.objects.get(reference="330(d)").officers.all()] == ["Jim Bosworth"]
    assert Action.objects.get(reference="326(c)").due_date.isoformat() == "2017-03-31"


def test_minutes_without_numbers_dry_run_and_then_import_with_a_number(board, tmp_path, capsys):
    path = tmp_path / "one-item.txt"
    path.write_text(
        "Members discussed the plan.\nRESOLVED: That a report be submitted to the next meeting.\n"
    )
    call_command("import_minutes", str(path), board="hwb", date="2024-05-01", dry_run=True)
    assert "item 1 has no number in the text: give it with --number 1=NUMBER" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Minute item 1 has no number"):
        call_command("import_minutes", str(path), board="hwb", date="2024-05-01")
    call_command("import_minutes", str(path), board="hwb", date="2024-05-01", number=["1=12"])
    assert list(Action.objects.values_list("reference", flat=True)) == ["12"]


@pytest.mark.parametrize(
    "content",
    [
        b"12. Plan\nRESOLVED: That the \x00plan be noted.\n",
        "12. Caf\u00e9 grants \u2013 \u00a3500\nRESOLVED: That the grants be approved.\n".encode("cp1252"),
        b"\xef\xbb\xbf12. Plan\nRESOLVED: That the plan be noted.\n",
        bytes(range(256)) * 40,
    ],
)
def test_awkward_files_import_or_are_refused_without_a_traceback(board, tmp_path, content):
    path = tmp_path / "minutes.txt"
    path.write_bytes(content)
    try:
        call_command("import_minutes", str(path), board="hwb", date="2024-05-01")
    except CommandError as refused:
        assert "nothing was imported" in str(refused).lower() or "no number" in str(refused).lower()
        assert not MinuteItem.objects.exists()
    else:
        assert MinuteItem.objects.filter(board=board).count() >= 1
        assert "\x00" not in MinuteItem.objects.get().text + Resolution.objects.get().text


def test_the_cp1252_file_reads_its_pound_sign_and_dash(board, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes(
        "12. Caf\u00e9 grants \u2013 \u00a3500\nRESOLVED: That the grants be approved.\n".encode("cp1252")
    )
    call_command("import_minutes", str(path), board="hwb", date="2024-05-01")
    assert MinuteItem.objects.get().title == "Caf\u00e9 grants \u2013 \u00a3500"


def test_a_text_repeating_a_minute_number_is_refused_not_a_traceback(board, tmp_path):
    path = tmp_path / "issue.txt"
    path.write_text(
        "Meeting: 01/02/2024 - Board (Item 5)\n\n5 Plan\n\nRESOLVED: That the plan be noted.\n\n"
        "Meeting: 01/03/2024 - Board (Item 5)\n\n5 Plan\n\nRESOLVED: That the plan be noted.\n"
    )
    with pytest.raises(CommandError, match="Minute 5 appears twice in the text"):
        call_command("import_minutes", str(path), board="hwb", date="2024-05-01")
    assert not MinuteItem.objects.exists()
