"""Importing anyone's real action log (issue 12): only the action needed, status words
mapped by meaning and remembered, rows that are not actions skipped with a reason, more
headings and dates, "Status:" lines, partial import with a CSV of the refused rows, and
the command's suggestions. The layouts here are small ones of our own, not the corpus's
(tests/fidelity holds those)."""

import csv
import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from boards.importers.action_log import guess_field, guess_mapping, read_log
from boards.importers.action_log.dates import raised_date, with_year
from boards.importers.action_log.rows import read_rows
from boards.importers.action_log.status_words import leading_status, meaning_of, status_line, suggest
from boards.models import Action, Membership, RagKey, StatusWordChoice, UpdateVia
from boards.references import next_references
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


def csv_bytes(*lines):
    return "\r\n".join(lines).encode("utf-8-sig")


def table_of(*lines, name="log.csv"):
    return read_log(csv_bytes(*lines), name)


@pytest.fixture
def board(db):
    return make_board("hwb", name="Health and Wellbeing Board")


# Headings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Recommendation", "action"),
        ("Management action agreed", "action"),
        ("Item / Action", "action"),
        ("Action / Progress", "action"),
        ("Responsibility", "officers"),
        ("Exec lead", "officers"),
        ("Executive Lead", "officers"),
        ("Lead Director", "officers"),
        ("Actionee", "officers"),
        ("Councillor", "officers"),
        ("Original implementation date", "due"),
        ("Target", "due"),
        ("Completion date", "due"),
        ("To be completed/ progressed", "due"),
        ("Revised implementation date", "revised_due"),
        ("NEW\nDATE", "revised_due"),
        ("Revised due date", "revised_due"),
        ("Action taken", "comments"),
        ("Outcome", "comments"),
        ("Progress", "comments"),
        ("Current position", "comments"),
        ("Tram Team Response", "comments"),
        ("Proposed to Open/ Close", "status"),
        ("New Status (as noted at the March review)", "status"),
        ("Open/Closed", "status"),
        ("BRAG", "status"),
        ("Meeting", "date"),
        ("Date Raised", "date"),
        ("Minute ref", "reference"),
        ("Agenda Item", "reference"),
        ("AR No.", "reference"),
        ("Source\n(agenda title / item / date / Action Ref)", None),
        ("PAPER", None),
        ("% complete", None),
        ("Exec Date", None),
        ("Priority", None),
    ],
)
def test_more_headings_are_understood(heading, field):
    assert guess_field(heading) == field


def test_the_cells_settle_what_the_headings_leave_open():
    headers = ["Item", "Recommendation", "Management action agreed", "", "Status", "RAG", "Update"]
    rows = [
        [
            "Renal services",
            "Review the unit.",
            "Officers will review the unit.",
            "A second action written out in full",
            "Reviewed in May and reported to the committee.",
            "G",
            "x",
        ],
        [
            "Dental posts",
            "Recruit.",
            "Recruit two dentists.",
            "Another long text in the column without heading",
            "Two posts advertised in June, none filled yet.",
            "A",
            "y",
        ],
    ]
    mapping = guess_mapping(headers, rows)
    assert mapping["reference"] is None  # an Item column of topics is not the actions' numbers
    assert mapping["action"] == 2  # the action the board agreed beats the recommendation
    assert mapping["status"] == 5  # the RAG letters
    # The sentences of the "Status" column are comments, more filled than "Update".
    assert mapping["comments"] in (4, 6)
    # A column without a heading, holding long text, is the action when nothing else is.
    assert (
        guess_mapping(
            ["Agenda Item", "", "Councillor"],
            [["12 – Highways", "Report the pothole outside the shop", "Clerk"]],
        )["action"]
        == 1
    )


def test_a_status_and_comment_column_is_read_as_both():
    table = table_of(
        "No.,Action,STATUS/ COMMENT", "1,Do it.,Not yet due", "2,Do that.,Moved to June: the room was taken"
    )
    assert table.mapping["status"] == table.mapping["comments"] == 2
    first, second = read_rows(table, table.mapping).rows
    assert (first.status_word, first.comments) == ("Not yet due", "")
    assert (second.status_word, second.comments) == ("", "Moved to June: the room was taken")


# Dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Board 02/09/08", date(2008, 9, 2)),
        ("May-12", date(2012, 5, 1)),
        ("17.7.12", date(2012, 7, 17)),
        ("17/7/12", date(2012, 7, 17)),
        ("Sept 2024", date(2024, 9, 1)),
        ("23 January 2024", date(2024, 1, 23)),
        ("Public Board, 15.03.2023", date(2023, 3, 15)),
        ("Complete", None),
        ("31/02/2016", None),
    ],
)
def test_raised_dates_as_logs_write_them(text, day):
    assert raised_date(text) == day


def test_a_year_less_due_date_takes_the_year_of_its_row():
    assert with_year("30 Sept", date(2012, 6, 1)) == "30 September 2012"
    assert with_year("June", date(2012, 3, 1)) == "June 2012"
    assert with_year("13 Nov", date(2012, 12, 1)) == "13 November 2013"  # the next one after the row's date
    assert with_year("Ongoing", date(2012, 6, 1)) == "Ongoing"
    assert with_year("30 Sept") == "30 Sept"  # no year anywhere: kept as written


def test_dates_in_the_file_are_read_and_due_words_stay_as_text(board):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Meeting", "Action", "Target date", "New date"])
    sheet.append(["1", datetime(2012, 6, 12), "Book the seminar.", "30 Sept", ""])
    sheet.append(["2", "Board 02/09/12", "Walk the wards.", "Next meeting", ""])
    sheet.append(["3", "17.7.12", "Cost the plan.", "Ongoing", "14 Aug"])
    out = io.BytesIO()
    book.save(out)
    preview = preview_log(
        read_log(out.getvalue(), "log.xlsx"), read_log(out.getvalue(), "log.xlsx").mapping, board
    )
    assert preview.ok, preview.errors
    first, second, third = preview.rows
    assert (first.raised_on, first.due.date) == (date(2012, 6, 12), date(2012, 9, 30))
    assert (second.raised_on, second.due.text, second.due.date) == (date(2012, 9, 2), "Next meeting", None)
    # The revised date wins; the original is kept in the comments.
    assert third.due.date == date(2012, 8, 14)
    assert third.comments == "Original due date: Ongoing."


# Status words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "meaning"),
    [
        ("Complete", "complete"),
        ("Completed", "complete"),
        ("Done", "complete"),
        ("Achieved", "complete"),
        ("Closed", "closed"),
        ("C", "closed"),
        ("Proposed for closure", "proposed_closure"),
        ("Propose to close", "proposed_closure"),
        ("Not yet due", "not_yet_due"),
        ("On target", "on_track"),
        ("On track", "on_track"),
        ("Ongoing", "ongoing"),
        ("In progress", "ongoing"),
        ("O", "ongoing"),
        ("At risk", "at_risk"),
        ("Delayed", "at_risk"),
        ("Slipped", "at_risk"),
        ("Paused", "at_risk"),
        ("Off track", "off_track"),
        ("Overdue", "off_track"),
        ("Not started", "not_started"),
        ("tbc", "unknown"),
        ("", "unknown"),
        ("With the Chair", None),
    ],
)
def test_a_status_word_has_a_meaning(word, meaning):
    assert meaning_of(word) == meaning


@pytest.mark.parametrize(
    ("key", "meaning", "code"),
    [
        ("rag", "complete", "GREEN"),
        ("brag", "complete", "BLUE"),
        ("date-based", "complete", "COMPLETE"),
        ("brag", "proposed_closure", "BLUE"),
        ("brag", "closed", "BLUE"),
        ("rag", "not_yet_due", "GREEN"),
        ("brag", "on_track", "GREEN"),
        ("rag", "ongoing", "GREEN"),
        ("rag", "at_risk", "AMBER"),
        ("rag", "not_started", "AMBER"),
        ("date-based", "off_track", "RED"),
        ("rag", "off_track", "RED"),
    ],
)
def test_a_meaning_is_matched_to_the_key_of_each_preset(db, key, meaning, code):
    statuses = list(RagKey.objects.get(slug=key).statuses.order_by("position"))
    assert suggest(meaning, statuses).code == code


def test_the_files_own_key_says_what_its_colours_mean(db):
    table = table_of(
        "Ref,Action,Status",
        "1,Publish the summary.,Green",
        "2,Review travel support.,Amber",
        "Key,,",
        "Green – done; no longer followed,,",
        "Amber – moving at an acceptable pace,,",
    )
    reading = read_rows(table, table.mapping)
    assert reading.legend == {"green": "complete", "amber": "on_track"}
    brag = make_board("brag", key="brag")
    preview = preview_log(table, table.mapping, brag)
    assert [(w.written, w.status.code, w.why) for w in preview.status_words] == [
        ("Green", "BLUE", "legend"),
        ("Amber", "GREEN", "legend"),
    ]
    assert [(s.number, s.why) for s in preview.skipped] == [
        (4, "status key"),
        (5, "status key"),
        (6, "status key"),
    ]


def test_a_status_line_inside_the_action_is_the_rows_status(board):
    table = table_of(
        "Relevant Item,Action,Responsibility",
        '1,"Estates report\nShow the backlog at each site.\n'
        'Status: in progress – waiting for the survey.",HS',
        '2,"Volunteering\nCount the volunteers.\nStatus: tbc in meeting",TB',
    )
    first, second = preview_log(table, table.mapping, board).rows
    assert first.description == "Estates report\nShow the backlog at each site."
    assert (first.status_word, first.status.code, first.comments) == (
        "in progress",
        "GREEN",
        "waiting for the survey",
    )
    # "tbc" is no status: the status a new action gets.
    assert (second.status_word, second.status.code) == ("tbc in meeting", "GREEN")
    assert status_line("Just an action.") is None


def test_a_status_opening_the_comments_is_the_status_when_there_is_no_status_column(board):
    table = table_of(
        "No.,Action,Progress Update", "1,Do it.,Complete – sent on 2 May.", "2,Do that.,Letters sent."
    )
    first, second = preview_log(table, table.mapping, board).rows
    assert (first.status_word, first.comments) == ("Complete", "Complete – sent on 2 May.")
    assert second.status_word == ""
    assert leading_status("Delayed by the supplier") is None  # a sentence, not a status and a note


def test_a_status_nobody_can_guess_must_be_chosen_and_the_error_names_it_and_its_rows(board):
    table = table_of("No.,Action,Status", "1,A.,With the Chair", "2,B.,GREEN", "3,C.,with the chair")
    preview = preview_log(table, table.mapping, board)
    assert [str(e) for e in preview.errors] == [
        "Status: “With the Chair” (rows 2, 4) is not in this board's key and its meaning is not known: "
        "choose the status it means."
    ]
    assert [r.number for r in preview.refused_rows] == [2, 4]
    amber = board.rag_key.statuses.get(code="AMBER")
    chosen = preview_log(table, table.mapping, board, ImportChoices(statuses={"with the chair": amber.pk}))
    assert chosen.ok
    assert [r.status.code for r in chosen.rows] == ["AMBER", "GREEN", "AMBER"]


def test_the_clerks_choices_are_remembered_for_the_boards_next_import_when_it_is_saved(board):
    table = table_of("No.,Action,Status", "1,A.,Paused", "2,B.,Green")
    red = board.rag_key.statuses.get(code="RED")
    choices = ImportChoices(statuses={"paused": red.pk})
    preview_log(table, table.mapping, board, choices)
    assert not StatusWordChoice.objects.exists()  # a preview saves nothing
    import_log(table, table.mapping, board, actor=IMPORT, choices=choices)
    # "Green" is the key's own code: nothing to remember.
    assert list(StatusWordChoice.objects.values_list("board__slug", "word", "status__code")) == [
        ("hwb", "paused", "RED")
    ]

    again = table_of("Ref,Action,RAG", "10,C.,PAUSED")
    (word,) = preview_log(again, again.mapping, board).status_words
    assert (word.status.code, word.why_text) == ("RED", "chosen at an earlier import")
    other = make_board("other")  # another board is offered the meaning, not this board's choice
    (word,) = preview_log(again, again.mapping, other).status_words
    assert (word.status.code, word.why) == ("AMBER", "meaning")


def test_a_refused_import_remembers_nothing(board):
    table = table_of("No.,Date,Action,Status", "1,17/11/16,A.,Paused", "2,31/02/16,B.,GREEN")
    red = board.rag_key.statuses.get(code="RED")
    with pytest.raises(ImportRefused):
        import_log(
            table, table.mapping, board, actor=IMPORT, choices=ImportChoices(statuses={"paused": red.pk})
        )
    assert not StatusWordChoice.objects.exists()


# Rows that are not actions -----------------------------------------------------------

SKIPPING_LOG = (
    "Ref,Action,Lead,Status",
    "Health and Wellbeing Board action log,,,",
    "January 2024,,,",
    "1,Write the plan.,Sam Example,Green",
    "Completed actions,,,",
    "2,Publish the leaflet.,Ann Other,Complete",
    "Ref,Action,Lead,Status",
    "Actions marked complete are removed once the Board agrees.,,,",
    "RAG key,,,",
    "Green – on track,,,",
    "Total,2,,",
    "Signed by the Chair,,,",
)


def test_rows_that_are_not_actions_are_listed_with_why():
    table = read_log(csv_bytes("Health and Wellbeing Board action log,,,", *SKIPPING_LOG), "log.csv")
    reading = read_rows(table, table.mapping)
    assert [r.number for r in reading.rows] == [5, 7]
    assert [(s.number, s.why) for s in reading.skipped] == [
        (3, "title"),
        (4, "month heading"),
        (6, "section heading"),
        (8, "repeated headings"),
        (9, "guidance"),
        (10, "status key"),
        (11, "status key"),
        (12, "total"),
        (13, "signature"),
    ]


def test_an_action_alone_in_its_column_is_still_an_action():
    # The action is the first column, and the row has nothing else: an action, not a heading.
    table = table_of(
        "Action,Date Raised,Actionee", "Publish the timetables,Feb-21,TT", "Report back on the drainage,,"
    )
    assert [r.number for r in read_rows(table, table.mapping).rows] == [2, 3]


def test_the_preview_page_lists_the_skipped_rows(board, clerk):
    data = csv_bytes(*SKIPPING_LOG)
    response = clerk.post(import_url(board), {"step": "preview", "file": SimpleUploadedFile("log.csv", data)})
    html = response.content.decode()
    assert '<h2 class="heading-m" id="skipped" tabindex="-1">Skipped rows</h2>' in html
    assert '<tr><th scope="row">5</th><td>Completed actions</td><td>Section heading</td></tr>' in html
    assert '<tr><th scope="row">11</th><td>Total | 2</td><td>Total</td></tr>' in html


# Numbers -----------------------------------------------------------------------------


def test_next_references_continue_the_boards_numbering():
    assert next_references(["HWB/23", "HWB/7"], {"HWB/23", "HWB/7"}, 2) == ["HWB/24", "HWB/25"]
    assert next_references([], {"1", "2", "5(a)"}, 2) == ["3", "4"]
    assert next_references(["A009"], {"A009"}, 1) == ["A010"]
    assert next_references(["326(c)"], {"326(c)"}, 1) == ["1"]  # a minute's label: plain numbers


def test_rows_without_a_number_or_date_are_numbered_and_dated_by_the_default(board):
    make_action(board, "HWB/23")
    meeting = make_meeting(board, when=datetime(2016, 11, 17, 14, 0))
    table = table_of("Action,Lead", "Write the plan.,Sam Example", "Publish it.,")
    sam = {"sam example": "new"}  # nobody's name yet: the clerk chose to add them
    preview = preview_log(table, table.mapping, board, ImportChoices(officers=sam))
    assert preview.ok
    assert [(r.reference, r.reference_note, r.raised_on) for r in preview.rows] == [
        ("HWB/24", "new number", date(2016, 11, 17)),
        ("HWB/25", "new number", date(2016, 11, 17)),
    ]
    assert (preview.default.meeting, preview.default.why) == (meeting, "the board's latest meeting")
    import_log(
        table,
        table.mapping,
        board,
        actor=IMPORT,
        choices=ImportChoices(default_date=date(2016, 12, 6), officers=sam),
    )
    action = Action.objects.get(board=board, reference="HWB/24")
    assert (action.raised_on, action.raised_at) == (date(2016, 12, 6), None)
    # Imported again, the same text without a number is refused: it looks imported already.
    again = preview_log(table, table.mapping, board)
    assert [e.message for e in again.errors][0].startswith(
        "Health and Wellbeing Board already has this action"
    )


def test_several_actions_from_one_agenda_item_are_numbered_on_but_a_repeated_number_is_refused(board):
    table = table_of(
        "Agenda Item,Action",
        "10c) Working Groups,Price the newsletter.",
        "10c) Working Groups,Check the site.",
    )
    first, second = preview_log(table, table.mapping, board).rows
    assert (first.reference, second.reference) == ("10c) Working Groups", "10c) Working Groups (2)")
    table = table_of("No.,Action", "7,Price the newsletter.", "7,Check the site.")
    assert "also the number of row 2" in str(preview_log(table, table.mapping, board).errors[0])


# Partial import and the refused rows ---------------------------------------------------

BAD_LOG = (
    "No.,Date,Action,Status",
    "1,17/11/16,Fine.,GREEN",
    '2,31/02/16,=HYPERLINK("x"),GREEN',
    "3,17/11/16,Also fine.,",
)


def test_a_partial_import_saves_the_good_rows_and_counts_the_others(board):
    table = table_of(*BAD_LOG)
    with pytest.raises(ImportRefused):
        import_log(table, table.mapping, board, actor=IMPORT)
    assert not Action.objects.exists()
    counts = import_log(table, table.mapping, board, actor=IMPORT, partial=True)
    assert (counts["actions"], counts["refused"]) == (2, 1)
    assert sorted(Action.objects.values_list("reference", flat=True)) == ["1", "3"]


def test_a_problem_with_the_columns_stops_a_partial_import_too(board):
    table = table_of(*BAD_LOG)
    with pytest.raises(ImportRefused):
        import_log(table, {**table.mapping, "action": None}, board, actor=IMPORT, partial=True)
    assert not Action.objects.exists()


@pytest.fixture
def clerk(board):
    user = get_user_model().objects.create_user("clerk")
    Membership.objects.create(board=board, person=make_person("Clara Clerk", user=user), role="clerk")
    client = Client()
    client.force_login(user)
    return client


def import_url(board):
    return reverse("boards:log_import", args=[board.slug])


def refused_url(board):
    return reverse("boards:log_import_refused", args=[board.slug])


def preview_form(board, table):
    return {
        "table": sign_table(table, board),
        **{f"map_{k}": "" if v is None else str(v) for k, v in table.mapping.items()},
    }


def csv_cells(response):
    return list(
        csv.reader(
            io.StringIO(
                b"".join(response.streaming_content).decode("utf-8-sig")
                if response.streaming
                else response.content.decode("utf-8-sig")
            )
        )
    )


def test_the_rows_with_problems_download_as_a_formula_safe_csv(board, clerk):
    table = table_of(*BAD_LOG)
    response = clerk.post(refused_url(board), preview_form(board, table))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="log - rows not imported.csv"' in response["Content-Disposition"]
    assert csv_cells(response) == [
        ["No.", "Date", "Action", "Status", "Problem"],
        [
            "2",
            "31/02/16",
            '\'=HYPERLINK("x")',
            "GREEN",
            "Row 3, Date: “31/02/16” is not a date: write it as day/month/year, "
            "for example 17/11/16 or 17/11/2016.",
        ],
    ]
    assert not Action.objects.exists()


def test_a_ticked_partial_import_through_the_page_keeps_the_left_out_rows_to_download(board, clerk):
    table = table_of(*BAD_LOG)
    form = {
        **preview_form(board, table),
        "step": "confirm",
        "previewed": "reference=0 date=1 action=2 officers=- due=- revised_due=- comments=- status=3",
    }
    untick = clerk.post(import_url(board), form)
    assert untick.status_code == 200 and "tick the box under Problems" in untick.content.decode()
    assert not Action.objects.exists()

    done = clerk.post(import_url(board), {**form, "partial": "yes"}, follow=True)
    assert done.redirect_chain == [(import_url(board), 302)]
    assert "2 actions imported from log.csv. 1 row with problems was left out" in done.content.decode()
    assert refused_url(board) in done.content.decode()
    left_out = clerk.get(refused_url(board))
    assert csv_cells(left_out)[1][:3] == ["2", "31/02/16", '\'=HYPERLINK("x")']
    # Another board's import page offers nothing of this one's.
    other = make_board("other")
    Membership.objects.create(
        board=other, person=get_user_model().objects.get(username="clerk").person, role="clerk"
    )
    assert clerk.get(refused_url(other)).status_code == 302


def test_the_download_is_for_the_boards_clerks_only(board, clerk):
    table = table_of(*BAD_LOG)
    member = get_user_model().objects.create_user("member")
    Membership.objects.create(board=board, person=make_person("Mo Member", user=member), role="member")
    client = Client()
    client.force_login(member)
    assert client.post(refused_url(board), preview_form(board, table)).status_code == 403
    assert Client().post(refused_url(board), preview_form(board, table)).status_code == 302  # to log in
    # A table uploaded to this board cannot be read through another board's URL.
    other = make_board("other")
    other_clerk = get_user_model().objects.create_user("other")
    Membership.objects.create(board=other, person=make_person("Otto", user=other_clerk), role="clerk")
    client.force_login(other_clerk)
    response = client.post(refused_url(other), preview_form(board, table))
    assert response.status_code == 200 and "could not be read back" in response.content.decode()
    assert "HYPERLINK" not in response.content.decode()


def test_the_status_words_and_default_date_are_chosen_on_the_page(board, clerk):
    meeting = make_meeting(board, when=datetime(2023, 3, 1, 10, 0))
    data = csv_bytes("Action,Status", "Write the plan.,With the Chair", "Publish it.,Done")
    page = clerk.post(import_url(board), {"step": "preview", "file": SimpleUploadedFile("log.csv", data)})
    html = page.content.decode()
    # The unknown word is in the error summary, linked to its select, inside a fieldset.
    assert '<a href="#id_status-word-0">Status: “With the Chair” (row 2)' in html
    assert '<legend class="heading-m">Status words</legend>' in html
    assert '<label class="label" for="id_status-word-0">“With the Chair”' in html
    assert '<legend class="heading-m">Date for rows without one</legend>' in html
    assert "Import 2 actions" not in html
    red = board.rag_key.statuses.get(code="RED")
    form = {
        "table": page.context["token"],
        "previewed": page.context["previewed"],
        "map_action": "0",
        "map_status": "1",
        "status-word-0": str(red.pk),
        "status-word-0-word": "with the chair",
        "status-word-1": "",
        "status-word-1-word": "done",
        "default_meeting": str(meeting.pk),
        "default_date": "",
        "step": "confirm",
    }
    done = clerk.post(import_url(board), form)
    assert done.status_code == 302
    assert list(Action.objects.order_by("reference").values_list("status__code", "raised_at")) == [
        ("RED", meeting.pk),
        ("GREEN", meeting.pk),
    ]
    remembered = StatusWordChoice.objects.get(board=board, word="with the chair")
    assert (remembered.status, remembered.chosen_by.username) == (red, "clerk")


def test_a_default_date_that_is_not_a_date_is_an_error_linked_from_the_summary(board, clerk):
    data = csv_bytes("Action,Lead", "Write the plan.,Sam Example")
    page = clerk.post(import_url(board), {"step": "preview", "file": SimpleUploadedFile("log.csv", data)})
    form = {
        "table": page.context["token"],
        "previewed": page.context["previewed"],
        "map_action": "0",
        "map_officers": "1",
        "default_date": "31/02/2020",
        "step": "confirm",
    }
    response = clerk.post(import_url(board), form)
    assert response.status_code == 200
    assert '<a href="#id_default_date">Or a date: Enter a valid date.</a>' in response.content.decode()
    assert not Action.objects.exists()


# The command -----------------------------------------------------------------------


def test_the_command_prints_the_suggestions_it_applies_and_flags_override_them(board, tmp_path, capsys):
    make_meeting(board, when=datetime(2016, 11, 17, 14, 0))
    path = tmp_path / "log.csv"
    path.write_bytes(
        csv_bytes(
            "Action,Status",
            "June 2012,",
            "Write the plan.,Not yet due",
            "Publish it.,Complete",
            "Count it.,With the Chair",
        )
    )
    with pytest.raises(CommandError, match="1 problem found: nothing was imported. Use --partial"):
        call_command("import_action_log", str(path), "--board", board.slug, "--dry-run")
    out = capsys.readouterr().out
    assert "Status “Not yet due” -> GREEN (suggested by meaning): row 3" in out
    assert "Row 2 skipped: month heading – “June 2012”" in out
    assert "3 rows without a date dated by the meeting or month heading above." in out

    call_command(
        "import_action_log",
        str(path),
        "--board",
        board.slug,
        "--status",
        "With the Chair=AMBER",
        "--status",
        "complete=RED",
        "--default-date",
        "06/12/2016",
    )
    out = capsys.readouterr().out
    assert "Status “Complete” -> RED (--status): row 4" in out
    # A date chosen for the rows without one is theirs, heading or not.
    assert "No date column: 3 actions dated 06/12/2016 (--default-date)." in out
    assert "Imported 3 actions" in out
    assert list(Action.objects.order_by("reference").values_list("status__code", flat=True)) == [
        "GREEN",
        "RED",
        "AMBER",
    ]
    assert set(Action.objects.values_list("raised_on", flat=True)) == {date(2016, 12, 6)}


def test_the_command_imports_the_good_rows_and_writes_the_others(board, tmp_path, capsys):
    path, refused = tmp_path / "log.csv", tmp_path / "refused.csv"
    path.write_bytes(csv_bytes(*BAD_LOG))
    call_command(
        "import_action_log", str(path), "--board", board.slug, "--partial", "--refused-csv", str(refused)
    )
    assert (
        "Imported 2 actions into Health and Wellbeing Board (0 new people); 1 row with problems left out."
        in capsys.readouterr().out
    )
    rows = list(csv.reader(io.StringIO(refused.read_bytes().decode("utf-8-sig"))))
    assert rows[1][2] == '\'=HYPERLINK("x")' and rows[0][-1] == "Problem"


def test_the_command_refuses_a_status_flag_naming_no_status_of_the_key(board, tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(csv_bytes("Action,Lead", "A.,Sam Example"))
    with pytest.raises(CommandError, match="PURPLE is not a status of Health and Wellbeing Board's key"):
        call_command("import_action_log", str(path), "--board", board.slug, "--status", "Paused=PURPLE")
    with pytest.raises(CommandError, match="not a date"):
        call_command("import_action_log", str(path), "--board", board.slug, "--default-date", "31/02/2016")
