"""The action-log importer against the fidelity corpus: 10 real layouts x CSV, XLSX, DOCX.

Every file must import with only the preview's own suggestions, none may crash, and the
rows read as actions and skipped must match the expected reading at least 95% of the time.
`make fidelity` prints the scorecard and writes it to docs/fidelity.md (conftest.py).
"""

import pytest
from django.core.management import call_command

from boards.importers.action_log import read_log
from boards.models import Action, StatusWordChoice, UpdateVia
from boards.services.imports.action_log import ImportChoices, import_log
from boards.services.updating import Actor
from tests.factories import make_board
from tests.fidelity.log_score import FORMATS, LOGS, log_cases, log_report, log_totals, score_logs

CASES = [case for case, _ in log_cases()]
DEMO_KEY = "rag"  # the demo board's key (boards/demo/leicestershire.py)


@pytest.fixture
def board(db):
    return make_board("fidelity", key=DEMO_KEY, name="Fidelity Board")


@pytest.fixture
def cards(board, fidelity_report):
    cards = score_logs(board)
    fidelity_report["logs"] = log_report(cards)  # docs/fidelity.md, by make fidelity (conftest.py)
    return cards


def test_the_corpus_is_all_there():
    assert len(CASES) == 10
    assert all((LOGS / case).with_suffix(fmt).exists() for case in CASES for fmt in FORMATS)


def test_no_file_crashes_and_every_one_imports_with_only_the_previews_suggestions(cards):
    assert len(cards) == 30
    assert [c.case + c.fmt for c in cards if c.crashed] == []
    refused = {c.case + c.fmt: c.import_problems[:3] for c in cards if not c.imports}
    assert refused == {}


def test_rows_read_as_actions_and_skipped_match_the_expected_reading(cards):
    totals = log_totals(cards)
    assert totals["rows_match"] >= 0.95, log_report(cards)
    assert totals["headers_right"] == totals["files"]
    # No layout is read much worse than the rest.
    assert min(c.rows_match for c in cards) >= 0.8, log_report(cards)


@pytest.mark.parametrize("case", CASES)
def test_the_command_dry_run_of_each_format_needs_no_flag(board, case, capsys):
    """No flag but --add-new-people: the layouts' officers are nobody's names on a new board."""
    for fmt in FORMATS:
        call_command(
            "import_action_log",
            str((LOGS / case).with_suffix(fmt)),
            "--board",
            board.slug,
            "--dry-run",
            "--add-new-people",
        )
        assert "would be imported; nothing was saved" in capsys.readouterr().out
    assert not Action.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_layout_saves_with_its_suggestions_and_remembers_its_status_words(db, fmt):
    """A real import, not a preview: each layout into its own board with the demo's key."""
    for number, case in enumerate(CASES):
        board = make_board(f"fidelity-{number}", key=DEMO_KEY)
        path = (LOGS / case).with_suffix(fmt)
        table = read_log(path.read_bytes(), path.name)
        counts = import_log(
            table,
            table.mapping,
            board,
            actor=Actor(via=UpdateVia.IMPORT),
            choices=ImportChoices(add_new_people=True),
        )  # the layouts' officers: all new
        assert counts["actions"] == Action.objects.filter(board=board).count() > 0
    # The words that are not a key's own code are remembered, board by board.
    assert StatusWordChoice.objects.filter(word="not yet due", status__code="GREEN").exists()
