"""Round trip: a board's log exported to CSV, XLSX or DOCX and imported into an empty board
reads back row for row, cell for cell (No., Date, Action, Responsible Officer, Comments, Status)."""

from datetime import date

import pytest

from boards.exports import QueryOnly, document_for, render
from boards.importers.action_log import read_log
from boards.models import ActionUpdate, UpdateVia
from boards.services.imports.action_log import import_log
from boards.services.updating import Actor

from .factories import make_action, make_board, make_person

FORMATS = ["csv", "xlsx", "docx"]
ALL_ROWS = "view=all"  # outstanding and closed: every row of the log


def log_cells(board):
    """The board's log as the exports build it: every row's cells in the papers' columns."""
    doc = document_for(QueryOnly(ALL_ROWS), board)
    return [row.cells() for row in doc.rows]


def export_and_import(board, fmt, slug="imported"):
    data = render(document_for(QueryOnly(ALL_ROWS), board), fmt)
    table = read_log(data, f"{board.slug}-action-log.{fmt}")
    target = make_board(slug, key=board.rag_key.slug, name="An empty board")
    counts = import_log(table, table.mapping, target, actor=Actor(via=UpdateVia.IMPORT))
    return target, table, counts


# On the demo: the papers' nine real rows (long text, joint officers) must read back cell for cell.
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_log_reads_back_identically_from_each_format(demo, fmt):
    original = log_cells(demo)
    assert len(original) == 9

    target, table, counts = export_and_import(demo, fmt)

    assert table.mapping == {
        "reference": 0,
        "date": 1,
        "action": 2,
        "officers": 3,
        "due": None,
        "revised_due": None,
        "comments": 4,
        "status": 5,
    }
    assert counts["actions"] == 9
    assert log_cells(target) == original
    # Joint officers keep their order, lead first, as separate people.
    row = next(r for r in document_for(QueryOnly(ALL_ROWS), target).rows if r.reference == "266(c)")
    assert [o.name for o in row.officers] == ["Jim Bosworth", "Mike McHugh"]
    # Each imported action has its one history row, written via Import.
    assert ActionUpdate.objects.filter(action__board=target, via=UpdateVia.IMPORT).count() == 9


@pytest.mark.parametrize("fmt", FORMATS)
def test_awkward_cells_and_closed_rows_read_back_identically(db, fmt):
    """Line breaks, quotes, delimiters, accents and a closed action survive each format."""
    board = make_board("awkward", name="Awkward Board")
    lead, second, third = (make_person(n) for n in ("Zoë O'Neill", "Amir Khan", "Jo Bloggs-Smith"))
    make_action(
        board,
        "12",
        officers=[lead, second, third],
        status="AMBER",
        raised_on=date(2023, 2, 1),
        description="Review the “Better Care Fund” plan; report back, with costs.\nSecond line.",
        latest_comment="First update, with a comma.\n\nA new paragraph; and a semicolon | pipe.",
    )
    make_action(
        board,
        "12(a)",
        officers=[second],
        status="RED",
        raised_on=date(2019, 12, 31),
        description="Closed already.",
        latest_comment="Done.",
        state="closed",
        closed_on=date(2020, 1, 10),
    )
    make_action(board, "13", status="GREEN", description="No officer and no comment.")
    original = log_cells(board)

    target, _, _ = export_and_import(board, fmt)

    assert log_cells(target) == original
