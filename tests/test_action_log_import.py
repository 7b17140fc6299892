"""Importing an existing action log: reading the file, guessing the columns, checking every
row, saving all or nothing; the clerk's pages and the import_action_log command."""

import html
import io
import re
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from boards.importers.action_log import LogFileError, guess_field, guess_mapping, read_log
from boards.models import Action, ActionUpdate, Membership, Person, UpdateVia
from boards.services.imports import action_log as log_import
from boards.services.imports.action_log import (
    ImportChoices,
    ImportRefused,
    import_log,
    preview_log,
    sign_table,
)
from boards.services.updating import Actor

from .factories import make_action, make_board, make_meeting, make_person

IMPORT = Actor(via=UpdateVia.IMPORT)
HEADINGS = "No.,Date,Action,Responsible Officer,Comments,Status"


def csv_bytes(*lines, bom=True, delimiter=","):
    text = "\r\n".join(line.replace(",", delimiter) if delimiter != "," else line for line in lines)
    return text.encode("utf-8-sig" if bom else "utf-8")


def good_csv():
    return csv_bytes(
        HEADINGS,
        "326(c),17/11/16,Develop a delivery plan.,Mike Sandys,Reported in March 2017.,GREEN",
        '333(b),17/11/2016,Discuss cohorts.,"Vandna Gohil/ Mike Sandys",Under consideration,amber',
    )


def xlsx_bytes(rows, title="Health and Wellbeing Board Action Log"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def board(db):
    board = make_board("hwb", name="Health and Wellbeing Board")
    sandys = make_person("Mike Sandys")
    Membership.objects.create(board=board, person=sandys, role="officer")
    return board


def errors_of(preview):
    return [(e.row, e.field, e.message) for e in preview.errors]


# Headings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("No.", "reference"),
        ("Ref", "reference"),
        ("Reference", "reference"),
        ("Item", "reference"),
        ("Action No.", "reference"),
        ("Date", "date"),
        ("Meeting date", "date"),
        ("Raised", "date"),
        ("Date of meeting", "date"),
        ("Action", "action"),
        ("Description", "action"),
        ("Action required", "action"),
        ("Lead", "officers"),
        ("Responsible Officer", "officers"),
        ("Owner", "officers"),
        ("Lead officer", "officers"),
        ("Lead/Responsible Officer", "officers"),
        ("Action owner", "officers"),
        ("Responsible Officer(s)", "officers"),
        ("Due", "due"),
        ("Target date", "due"),
        ("Deadline", "due"),
        ("Due date", "due"),
        ("Comments", "comments"),
        ("Update", "comments"),
        ("Progress", "comments"),
        ("Comments/Update", "comments"),
        ("Progress update", "comments"),
        ("Status", "status"),
        ("RAG", "status"),
        ("Status/RAG", "status"),
        ("RAG rating", "status"),
        ("Notes for the minute taker about the wider context of this", None),
        ("", None),
        ("Colour", None),
    ],
)
def test_a_heading_is_matched_to_its_field(heading, field):
    assert guess_field(heading) == field


def test_each_field_takes_the_first_column_that_names_it():
    headers = ["Ref", "Meeting date", "Description", "Lead officer", "Target date", "Update", "RAG", "Notes"]
    assert guess_mapping(headers) == {
        "reference": 0,
        "date": 1,
        "action": 2,
        "officers": 3,
        "due": 4,
        "revised_due": None,
        "comments": 5,
        "status": 6,
    }
    assert guess_mapping(["Action", "Action", "Date"]) == {
        "reference": None,
        "date": 2,
        "action": 0,
        "officers": None,
        "due": None,
        "revised_due": None,
        "comments": None,
        "status": None,
    }


# Reading files -------------------------------------------------------------------------


def test_a_csv_with_a_byte_order_mark_reads_its_first_heading():
    table = read_log(good_csv(), "log.csv")
    assert table.headers[0] == "No."
    assert table.mapping["reference"] == 0
    assert [r.number for r in table.rows] == [2, 3]
    assert table.rows[1].cells[3] == "Vandna Gohil/ Mike Sandys"


def test_a_semicolon_csv_without_a_byte_order_mark_is_split_on_semicolons():
    data = "\r\n".join(
        [
            "No.;Date;Action;Responsible Officer;Comments;Status",
            "1;01/02/2023;Write the plan, with costs, by March.;Amir Khan;Started, on time.;GREEN",
        ]
    ).encode("utf-8")
    table = read_log(data, "log.csv")
    assert table.headers == ("No.", "Date", "Action", "Responsible Officer", "Comments", "Status")
    assert table.rows[0].cells[2] == "Write the plan, with costs, by March."


def test_a_csv_saved_by_excel_on_windows_is_read_as_windows_1252():
    data = (HEADINGS + "\r\n1,01/02/23,Review the “plan” – soon.,Zoë Smith,,GREEN").encode("cp1252")
    table = read_log(data, "log.csv")
    assert table.rows[0].cells[2] == "Review the “plan” – soon."
    assert table.rows[0].cells[3] == "Zoë Smith"


def test_an_xlsx_with_a_title_row_above_the_headings_numbers_rows_as_excel_does():
    data = xlsx_bytes(
        [
            ["Ref", "Meeting date", "Description", "Lead officer", "Target date", "Update", "RAG"],
            [
                "254(e)",
                datetime(2016, 1, 7),
                "Receive progress reports.",
                "Paul Meredith",
                "June 2017",
                "",
                "Green",
            ],
            [None, None, None, None, None, None, None],
            [7, "10/03/16", "Submit a report.", "Jim Bosworth/ Mike McHugh", None, "Circulated.", "AMBER"],
        ]
    )
    table = read_log(data, "log.xlsx")
    assert table.header_row == 3
    assert table.mapping == {
        "reference": 0,
        "date": 1,
        "action": 2,
        "officers": 3,
        "due": 4,
        "revised_due": None,
        "comments": 5,
        "status": 6,
    }
    # Rows 4 and 6 (the blank row 5 is skipped); an Excel date cell becomes a UK date; 7 not 7.0.
    assert [(r.number, r.cells[0], r.cells[1]) for r in table.rows] == [
        (4, "254(e)", "07/01/2016"),
        (6, "7", "10/03/16"),
    ]


def test_a_word_document_is_read_from_the_table_with_log_headings_not_the_key():
    import docx

    document = docx.Document()
    document.add_paragraph("Action log")
    key = document.add_table(rows=2, cols=2)
    key.cell(0, 0).text, key.cell(0, 1).text = "GREEN", "On track, or completed."
    key.cell(1, 0).text, key.cell(1, 1).text = "AMBER", "In progress with a risk of delay."
    log = document.add_table(rows=2, cols=6)
    for cell, text in zip(log.rows[0].cells, HEADINGS.split(","), strict=False):
        cell.text = text
    for cell, text in zip(
        log.rows[1].cells, ["1", "01/02/23", "Do it.", "Amir Khan", "", "GREEN"], strict=False
    ):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    table = read_log(out.getvalue(), "log.docx")
    assert table.source == "table 2 of the document"
    assert [(r.number, r.cells[0]) for r in table.rows] == [(2, "1")]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"No.,Date\r\n", "log.pdf", "not a file type that can be read"),
        (b"", "log.csv", "The file is empty"),
        (b"not a zip file", "log.xlsx", "could not be opened as an Excel workbook"),
        (b"not a zip file", "log.docx", "could not be opened as a Word document"),
        (b"Colour,Meaning\r\nGREEN,On track\r\n", "key.csv", "No heading row was found"),
        (b"x" * (5 * 1024 * 1024 + 1), "big.csv", "larger than 5 MB"),
    ],
)
def test_an_unreadable_file_says_why(data, filename, message):
    with pytest.raises(LogFileError, match=message):
        read_log(data, filename)


# Checking rows ------------------------------------------------------------------------


def test_a_good_file_previews_without_errors_and_names_new_people(board):
    table, mapping = read_log(good_csv(), "log.csv"), guess_mapping(HEADINGS.split(","))
    # "Vandna Gohil" is nobody's name yet: asked about, and refused until the clerk chooses.
    asked = preview_log(table, mapping, board)
    assert [q.name for q in asked.officer_questions] == ["Vandna Gohil"]
    assert [str(e) for e in asked.errors] == [
        "Responsible Officer: “Vandna Gohil” is not one of this board's "
        "people. Check the spelling, or choose to add them as a new person."
    ]
    assert asked.new_people == []
    preview = preview_log(table, mapping, board, ImportChoices(officers={"vandna gohil": "new"}))
    assert preview.ok
    assert [r.reference for r in preview.rows] == ["326(c)", "333(b)"]
    assert [r.status.code for r in preview.rows] == ["GREEN", "AMBER"]
    assert preview.rows[1].raised_on == date(2016, 11, 17)
    assert preview.new_people == ["Vandna Gohil"]
    assert not Action.objects.exists()


def test_row_errors_name_the_row_and_column_and_nothing_is_saved(board):
    make_action(board, "100")
    data = csv_bytes(
        HEADINGS,
        "1,17/11/16,Fine.,Mike Sandys,,GREEN",
        "2,31/02/16,Bad date.,Mike Sandys,,GREEN",
        "1,17/11/16,Duplicate number.,Mike Sandys,,GREEN",
        "3,17/11/16,Unknown status.,Mike Sandys,,PURPLE",
        ",17/11/16,No number.,Mike Sandys,,GREEN",
        "100,17/11/16,Number already on the board.,,,",
        "4,,No date.,,,",
    )
    table = read_log(data, "log.csv")
    with pytest.raises(ImportRefused) as refused:
        import_log(table, table.mapping, board, actor=IMPORT)
    preview = refused.value.preview
    found = [(row, field) for row, field, _ in errors_of(preview)]
    # A status nobody can guess is one problem naming its rows; a row without a number
    # or a date is not a problem (it is numbered on, and dated by the default).
    assert found == [(None, "status"), (3, "date"), (4, "reference"), (7, "reference")]
    messages = [str(e) for e in preview.errors]
    assert messages[0] == (
        "Status: “PURPLE” (row 5) is not in this board's key and its meaning is not known: "
        "choose the status it means."
    )
    assert messages[1].startswith("Row 3, Date: “31/02/16” is not a date")
    assert "also the number of row 2" in messages[2]
    assert "already has an action 100" in messages[3]
    assert [r.number for r in preview.refused_rows] == [3, 4, 5, 7]
    assert list(Action.objects.values_list("reference", flat=True)) == ["100"]


def test_a_status_matches_its_code_or_label_and_a_blank_status_is_the_default(board):
    data = csv_bytes(HEADINGS, "1,01/02/23,A.,,,red", "2,01/02/23,B.,,,Amber", "3,01/02/23,C.,,,")
    preview = preview_log(read_log(data, "log.csv"), guess_mapping(HEADINGS.split(",")), board)
    assert [r.status.code for r in preview.rows] == ["RED", "AMBER", "GREEN"]


def test_the_columns_chosen_must_include_the_needed_ones_once_each(board):
    table = read_log(good_csv(), "log.csv")
    # Only the action is needed now (a row without a number or a date is numbered and dated).
    mapping = {**table.mapping, "reference": None, "date": None, "comments": 2}
    preview = preview_log(table, mapping, board)
    assert [(e.row, e.field) for e in preview.errors] == [(None, "comments")]
    assert "already chosen for Action" in preview.errors[0].message
    preview = preview_log(table, {**mapping, "action": None, "comments": None}, board)
    assert [(e.row, e.field) for e in preview.errors] == [(None, "action")]


# Saving -------------------------------------------------------------------------------


def test_an_import_saves_every_row_with_its_history_officers_and_due(board):
    meeting = make_meeting(board, when=datetime(2016, 11, 17, 14, 0))
    data = csv_bytes(
        "No.,Date,Action,Lead,Due,Update,RAG",
        '326(c),17/11/16,Develop a plan.,Mike Sandys,March 2017,"Reported in March.",GREEN',
        "333(b),17/11/16,Discuss cohorts.,Vandna Gohil/ mike sandys,in due course,,AMBER",
    )
    table = read_log(data, "log.csv")
    counts = import_log(
        table, table.mapping, board, actor=IMPORT, choices=ImportChoices(officers={"vandna gohil": "new"})
    )
    assert counts["actions"] == 2 and counts["new_people"] == 1
    first, second = Action.objects.filter(board=board).order_by("sort_key")
    assert (first.raised_on, first.raised_at, first.latest_comment) == (
        date(2016, 11, 17),
        meeting,
        "Reported in March.",
    )
    assert (first.due_date, first.due_text) == (date(2017, 3, 31), "March 2017")
    assert second.due_text == "in due course" and second.due_date is None
    assert [p.name for p in second.officers.order_by("officer_links__position")] == [
        "Vandna Gohil",
        "Mike Sandys",
    ]
    assert Person.objects.filter(name__iexact="mike sandys").count() == 1
    assert Membership.objects.filter(board=board, person__name="Vandna Gohil", role="officer").exists()
    history = ActionUpdate.objects.get(action=first)
    assert (history.via, history.comment, history.version) == (UpdateVia.IMPORT, "Reported in March.", 1)


def test_a_failure_while_saving_the_last_row_saves_nothing(board, monkeypatch):
    data = csv_bytes(
        HEADINGS,
        "1,01/02/23,A.,New Person One,,GREEN",
        "2,01/02/23,B.,,,GREEN",
        "3,01/02/23,C.,New Person Two,,GREEN",
    )
    table = read_log(data, "log.csv")
    real_record, calls = log_import.record, []

    def failing_on_the_third(action, **kwargs):
        calls.append(action.reference)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return real_record(action, **kwargs)

    monkeypatch.setattr(log_import, "record", failing_on_the_third)
    people, memberships = Person.objects.count(), Membership.objects.count()
    with pytest.raises(RuntimeError):
        import_log(
            table,
            table.mapping,
            board,
            actor=IMPORT,
            choices=ImportChoices(officers={"new person one": "new", "new person two": "new"}),
        )
    assert calls == ["1", "2", "3"]
    assert not Action.objects.filter(board=board).exists()
    assert not ActionUpdate.objects.exists()
    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)


def test_an_error_in_the_last_row_saves_none_of_the_good_rows(board):
    data = csv_bytes(
        HEADINGS, "1,01/02/23,A.,Someone New,,GREEN", "2,01/02/23,B.,,,GREEN", "3,not a date,C.,,,GREEN"
    )
    table = read_log(data, "log.csv")
    with pytest.raises(ImportRefused):
        import_log(table, table.mapping, board, actor=IMPORT)
    assert not Action.objects.exists()
    assert not Person.objects.filter(name="Someone New").exists()


def test_a_complete_status_is_imported_open_with_that_status(db):
    board = make_board("brag-board", key="brag")
    data = csv_bytes(HEADINGS, "1,01/02/23,Done.,,Finished.,BLUE")
    table = read_log(data, "log.csv")
    counts = import_log(table, table.mapping, board, actor=IMPORT)
    action = Action.objects.get(board=board)
    assert (action.state, action.status.code, counts["complete"]) == ("open", "BLUE", 1)


# The clerk's pages ----------------------------------------------------------------------


@pytest.fixture
def clerk(board):
    user = get_user_model().objects.create_user("clerk")
    person = make_person("Clara Clerk", user=user)
    Membership.objects.create(board=board, person=person, role="clerk")
    client = Client()
    client.force_login(user)
    return client


def import_url(board):
    return reverse("boards:log_import", args=[board.slug])


def hidden(response, name):
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1))


def test_upload_preview_change_the_columns_and_confirm(board, clerk):
    page = clerk.get(import_url(board))
    assert page.status_code == 200
    assert b'<label class="label" for="id_file">' in page.content

    # The file's columns are in an unusual order and one heading is not recognised.
    data = csv_bytes(
        "Who,No.,Date,Action,Colour",
        "Mike Sandys,1,17/11/16,Develop a plan.,AMBER",
        "Vandna Gohil,2,17/11/16,Discuss cohorts.,GREEN",
    )
    upload = SimpleUploadedFile("log.csv", data, content_type="text/csv")
    preview = clerk.post(import_url(board), {"step": "preview", "file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert '<option value="0" selected>Column 1: Who</option>' in html  # "Who" guessed as the officer
    # "Vandna Gohil" is nobody's name yet: the clerk is asked, and cannot import every row until answered.
    assert "Who is “Vandna Gohil”?" in html and "Add “Vandna Gohil” as a new person" in html
    assert "Import 2 actions" not in html
    mapping = {f"map_{k}": "" if v is None else str(v) for k, v in preview.context["preview"].mapping.items()}
    assert mapping["map_status"] == ""

    # Choose the "Colour" column as the status and preview again.
    token, previewed = hidden(preview, "table"), hidden(preview, "previewed")
    changed = {
        **mapping,
        "map_status": "4",
        "table": token,
        "officer-choice-0": "new",
        "officer-choice-0-name": "Vandna Gohil",
    }
    # Confirming columns that were not previewed shows the preview again instead of importing.
    again = clerk.post(import_url(board), {**changed, "step": "confirm", "previewed": previewed})
    assert again.status_code == 200 and "You changed the columns" in again.content.decode()
    assert not Action.objects.exists()
    assert [r.status.code for r in again.context["preview"].rows] == ["AMBER", "GREEN"]
    assert "new person" in again.content.decode() and 'value="confirm"' in again.content.decode()

    done = clerk.post(
        import_url(board),
        {**changed, "step": "confirm", "previewed": hidden(again, "previewed")},
        follow=True,
    )
    assert done.redirect_chain == [(reverse("boards:log", args=[board.slug]), 302)]
    assert "2 actions imported from log.csv" in done.content.decode()
    assert list(Action.objects.order_by("sort_key").values_list("reference", "status__code")) == [
        ("1", "AMBER"),
        ("2", "GREEN"),
    ]
    assert set(ActionUpdate.objects.values_list("via", "by_user__username")) == {("import", "clerk")}


def test_the_preview_lists_row_errors_linked_from_the_summary_and_offers_no_import(board, clerk):
    data = csv_bytes(HEADINGS, "1,17/11/16,Fine.,,,GREEN", "2,31/02/16,Bad date.,,,GREEN")
    response = clerk.post(import_url(board), {"step": "preview", "file": SimpleUploadedFile("log.csv", data)})
    html = response.content.decode()
    assert '<a href="#problem-1">Row 3, Date: “31/02/16” is not a date' in html
    assert '<tr id="problem-1" tabindex="-1"><th scope="row">3</th><td>Date</td>' in html
    # The import of every row is not offered; importing only the good row is, on purpose
    # (a ticked "partial" box: tests/test_action_log_import_real_layouts.py).
    assert "Import 2 actions" not in html
    assert "Import the good rows" in html and 'name="partial"' in html
    # A forced confirm (without "partial") saves nothing either.
    response = clerk.post(
        import_url(board),
        {
            "step": "confirm",
            "table": hidden(response, "table"),
            "previewed": hidden(response, "previewed"),
            **{f"map_{k}": str(i) for i, k in enumerate(["reference", "date", "action", "officers"])},
            "map_comments": "4",
            "map_status": "5",
        },
    )
    assert response.status_code == 200
    assert not Action.objects.exists()


def test_an_oversized_or_unreadable_upload_is_refused_with_a_clear_message(board, clerk):
    big = SimpleUploadedFile("log.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = clerk.post(import_url(board), {"step": "preview", "file": big})
    assert "The file is larger than 5 MB" in response.content.decode()
    response = clerk.post(
        import_url(board), {"step": "preview", "file": SimpleUploadedFile("log.pdf", b"%PDF")}
    )
    assert "not a file type that can be read" in response.content.decode()


def test_a_table_signed_for_another_board_or_altered_is_refused(board, clerk):
    other = make_board("other")
    table = read_log(good_csv(), "log.csv")
    for token in (sign_table(table, other), sign_table(table, board)[:-2] + "xx"):
        response = clerk.post(
            import_url(board),
            {
                "step": "confirm",
                "table": token,
                "previewed": "",
                "map_reference": "0",
                "map_date": "1",
                "map_action": "2",
            },
        )
        assert response.status_code == 200
        assert "could not be read back: upload it again" in response.content.decode()
    assert not Action.objects.exists()


def test_the_log_page_links_clerks_to_the_import(board, clerk):
    assert import_url(board).encode() in clerk.get(reverse("boards:log", args=[board.slug])).content
    assert import_url(board).encode() not in Client().get(reverse("boards:log", args=[board.slug])).content


# The command --------------------------------------------------------------------------


def test_the_command_dry_run_saves_nothing_and_then_imports(board, tmp_path, capsys):
    path = tmp_path / "log.csv"
    path.write_bytes(good_csv())
    call_command("import_action_log", str(path), "--board", board.slug, "--dry-run", "--add-new-people")
    out = capsys.readouterr().out
    assert (
        "Officer “Vandna Gohil” is not one of this board's people. Added as a new person (--add-new-people)."
    ) in out
    assert "Responsible Officer  column 4 “Responsible Officer”" in out
    assert "Dry run: 2 actions would be imported" in out
    assert not Action.objects.exists()
    # "Vandna Gohil" is nobody's name yet: refused without --add-new-people, added with it.
    with pytest.raises(CommandError, match="1 problem found: nothing was imported"):
        call_command("import_action_log", str(path), "--board", board.slug)
    assert "“Vandna Gohil” is not one of this board's people" in capsys.readouterr().err
    assert not Action.objects.exists()
    call_command("import_action_log", str(path), "--board", board.slug, "--add-new-people")
    assert "Imported 2 actions into Health and Wellbeing Board (1 new person)" in capsys.readouterr().out
    assert Action.objects.filter(board=board).count() == 2


def test_the_command_prints_row_errors_and_saves_nothing(board, tmp_path, capsys):
    path = tmp_path / "log.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                HEADINGS.split(","),
                ["1", "17/11/16", "A.", "", "", "GREEN"],
                ["2", "17/13/16", "B.", "", "", "GREEN"],
            ]
        )
    )
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_action_log", str(path), "--board", board.slug)
    assert "Row 5, Date: “17/13/16” is not a date" in capsys.readouterr().err
    assert not Action.objects.exists()
