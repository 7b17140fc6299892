"""The board's action log page: the papers' table, filters, sorting, errors."""

import re
from datetime import date, timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from boards.filters import QuickSelect
from boards.models import Meeting
from boards.services.updating import change

from .factories import SYSTEM, make_action, make_board, make_person
from .html_tables import read_table
from .test_demo import EXPECTED_LOG

pytestmark = pytest.mark.django_db

# The small board of tests/board_world.py; the demo's log only for the papers' rows.
SLUG = "small-board"
LOG = reverse("boards:log", args=[SLUG])
PAPERS_LOG = reverse("boards:log", args=["leicestershire-hwb"])
CAPTION = "action log"


def rows(client, log=LOG, **params):
    response = client.get(log, params)
    assert response.status_code == 200
    headings, body = (
        read_table(response.content.decode(), CAPTION) if b"<table" in response.content else ([], [])
    )
    return headings, body


def refs(client, **params):
    return [row[0] for row in rows(client, **params)[1]]


# On the demo: asserts the papers' nine rows in order (EXPECTED_LOG).
def test_log_shows_the_nine_rows_of_the_papers_in_order(client, demo):
    headings, body = rows(client, PAPERS_LOG)
    assert headings == ["No.", "Date", "Action", "Responsible Officer", "Comments", "Status"]
    expected = [
        [ref, date, action, "/ ".join(officers), comment, status]
        for ref, date, action, officers, comment, status in EXPECTED_LOG
    ]
    assert body == expected


def test_log_prints_the_boards_rag_key_with_definitions(client, small_board):
    html = client.get(LOG).content.decode()
    for status in small_board.board.rag_key.statuses.all():
        assert status.definition in html
    assert "Status key" in html


def test_status_cell_carries_its_label_as_text_not_colour_alone(client, small_board):
    html = client.get(LOG).content.decode()
    assert '<span class="status rag-f47738-000000">AMBER</span>' in html
    # Its colours come from the site's status stylesheet, not an inline style.
    assert "style=" not in html
    css = client.get("/status-colours.css").content.decode()
    assert ".rag-f47738-000000 { background-color: #f47738; color: #000000; }" in css


def test_counts_by_status_above_the_table(client, small_board):
    change(
        small_board.action("201(c)"),
        actor=SYSTEM,
        status=small_board.board.rag_key.statuses.get(code="GREEN"),
    )
    html = client.get(LOG).content.decode()
    start = html.index("log-summary__counts")
    counts = " ".join(html[start : html.index("</p>", start)].split())
    assert ">GREEN</span> 3" in counts and ">AMBER</span> 1" in counts and ">RED</span> 0" in counts


# Views -----------------------------------------------------------------------


def test_default_view_is_outstanding_and_closed_actions_leave_it(client, small_board):
    action = small_board.action("201(a)")
    change(action, actor=SYSTEM, state="closed", closed_on=timezone.localdate())
    assert "201(a)" not in refs(client)
    assert refs(client, view="closed") == ["201(a)", "202(a)"]
    assert len(refs(client, view="all")) == 5
    assert len(refs(client, view="outstanding")) == 3


def test_overdue_view_is_derived_from_dates(client):
    board = make_board(SLUG)
    today = timezone.localdate()
    make_action(board, "1(a)", due_date=today - timedelta(days=1))
    make_action(board, "1(b)", due_date=today)
    make_action(board, "1(c)", due_date=today - timedelta(days=3), state="proposed")
    assert refs(client, view="overdue") == ["1(a)"]
    assert refs(client, overdue="true") == ["1(a)"]
    assert refs(client, overdue="false") == ["1(b)", "1(c)"]


def test_unknown_view_is_reported_and_the_default_view_shown(client, small_board):
    change(
        small_board.action("201(a)"),
        actor=SYSTEM,
        state="closed",
        closed_on=timezone.localdate(),
    )
    response = client.get(LOG, {"view": "everything"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "everything is not one of the available choices" in html
    assert len(read_table(html, CAPTION)[1]) == 3


# Filters -----------------------------------------------------------------------


def test_filter_by_status(client, small_board):
    assert refs(client, status="RED") == ["201(c)"]
    amber = small_board.board.rag_key.statuses.get(code="AMBER")
    change(small_board.action("201(c)"), actor=SYSTEM, status=amber)
    assert refs(client, status="AMBER") == ["201(b)", "201(c)"]
    assert refs(client, status=["AMBER", "GREEN"]) == ["101(a)", "201(a)", "201(b)", "201(c)"]
    assert refs(client, status="RED") == []


def test_filter_by_officer_includes_joint_officers(client, small_board):
    assert refs(client, officer=small_board.officer.pk) == ["201(a)", "201(b)"]
    assert refs(client, officer=small_board.partner.pk) == ["101(a)", "201(b)"]


def test_filter_by_meeting_raised_at(client, small_board):
    may = Meeting.objects.get(board=small_board.board, starts_at__date="2016-05-05")
    november = Meeting.objects.get(board=small_board.board, starts_at__date="2016-11-17")
    assert refs(client, meeting=may.pk) == ["101(a)"]
    assert refs(client, meeting=november.pk) == ["201(a)", "201(b)", "201(c)"]


def test_filter_by_due_between_in_uk_or_iso_format(client, small_board):
    make_action(small_board.board, "203(a)", due_date=date(2017, 3, 1))
    make_action(small_board.board, "203(b)", due_date=date(2017, 4, 1))
    assert refs(client, due_from="01/03/2017", due_to="31/03/2017") == ["201(a)", "203(a)"]
    assert refs(client, due_from="2017-01-01", due_to="2017-01-31") == ["101(a)"]  # its meeting's date
    assert refs(client, due_to="06/12/16") == ["201(b)"]


def test_filter_by_raised_between(client, small_board):
    make_action(small_board.board, "99(a)", raised_on=date(2016, 1, 7))
    make_action(small_board.board, "99(b)", raised_on=date(2015, 12, 31))
    assert refs(client, raised_from="01/01/2016", raised_to="31/05/2016") == ["99(a)", "101(a)"]
    assert refs(client, raised_from="17/11/2016") == ["201(a)", "201(b)", "201(c)"]


def test_free_text_searches_action_and_comments(client, small_board):
    change(small_board.action("201(b)"), actor=SYSTEM, comment="Prisoners are counted.")
    make_action(small_board.board, "203(a)", latest_comment="Plan for March, report in 2017.")
    assert refs(client, q="prisoners") == ["201(b)"]  # action text and comment
    assert refs(client, q="march 2017") == ["201(a)", "203(a)"]  # comments, any case, all words
    assert refs(client, q="Cohorts") == ["201(c)"]  # action text only
    assert refs(client, q="no such words") == []


def test_filters_combine(client, small_board):
    make_action(small_board.board, "203(a)", officers=[small_board.officer], status="AMBER")
    officer = small_board.officer.pk
    assert refs(client, officer=officer, status="AMBER") == ["201(b)", "203(a)"]
    assert refs(client, officer=officer, status="AMBER", q="prisoners") == ["201(b)"]


def test_empty_result_says_so(client, small_board):
    html = client.get(LOG, {"q": "zebra"}).content.decode()
    assert "No actions match these filters." in html


@pytest.mark.parametrize(
    "params, field",
    [
        ({"status": "PURPLE"}, "Status"),
        ({"officer": "999999"}, "Responsible officer"),
        ({"officer": "abc"}, "Responsible officer"),
        ({"meeting": "abc"}, "Raised at meeting"),
        ({"overdue": "maybe"}, "Overdue"),
        ({"due_from": "31/02/2017"}, "Due between"),
        ({"due_to": "next week"}, "Due between"),
        ({"raised_from": "2016-13-01"}, "Raised between"),
        ({"sort": "colour"}, "Sort by"),
    ],
)
def test_invalid_parameters_give_a_clear_message_not_an_error(client, small_board, params, field):
    response = client.get(LOG, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f"{field}:" in html
    # The other filters, here none, still apply: the outstanding log is shown.
    assert len(read_table(html, CAPTION)[1]) == 4


def test_an_invalid_filter_does_not_stop_the_valid_ones(client, small_board):
    html = client.get(LOG, {"status": "AMBER", "due_from": "nonsense"}).content.decode()
    assert "There is a problem" in html
    assert [r[0] for r in read_table(html, CAPTION)[1]] == ["201(b)"]


def test_filtered_view_is_a_shareable_link(client, small_board):
    html = client.get(LOG, {"status": "AMBER", "q": "cohorts"}).content.decode()
    assert 'value="cohorts"' in html
    assert 'value="AMBER"' in html and "checked" in html[html.index('value="AMBER"') - 120 :]


# Sorting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sort, first, last",
    [
        ("reference", "101(a)", "201(c)"),
        ("-reference", "201(c)", "101(a)"),
        ("date", "101(a)", None),
        ("-date", None, "101(a)"),
        ("action", "201(b)", "201(c)"),  # "Ask whether ..." first, "Target cohorts ..." last
        ("-action", "201(c)", "201(b)"),
        ("officer", "201(c)", "101(a)"),  # lead officers: Ada Adviser ... Pat Partner
        ("-officer", "101(a)", "201(c)"),
        ("comments", "201(c)", "201(b)"),  # "Awaiting the data." first; "Under consideration." last
        ("-comments", "201(b)", "201(c)"),
        ("status", "201(c)", None),  # RED, then AMBER, before GREEN in the key's order
        ("-status", None, "201(c)"),
    ],
)
def test_sort_by_each_column(client, small_board, sort, first, last):
    found = refs(client, sort=sort)
    assert len(found) == 4
    if first:
        assert found[0] == first, found
    if last:
        assert found[-1] == last, found


def test_sort_headers_link_to_the_other_direction_and_mark_aria_sort(client, small_board):
    html = client.get(LOG, {"sort": "date", "status": "GREEN"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "sort=-date" in html and "status=GREEN" in html


def test_invalid_page_number_shows_a_page_not_an_error(client, small_board):
    assert client.get(LOG, {"page": "abc"}).status_code == 200
    assert client.get(LOG, {"page": "9999"}).status_code == 200


def test_long_logs_are_paginated(client):
    board = make_board(SLUG)
    officer = make_person()
    for n in range(105):
        make_action(board, f"{n}(a)", officers=[officer])
    first = client.get(LOG).content.decode()
    assert "Showing 1 to 100 of 105" in first
    second = refs(client, page=2)
    assert len(second) == 5


def test_meeting_filter_lists_the_boards_meetings_by_local_date_newest_first(client, small_board):
    html = client.get(LOG).content.decode()
    select = html[html.index('<select name="meeting"') :]
    select = select[: select.index("</select>")]
    expected = [
        (str(m.pk), f"{m.date:%d/%m/%Y}")
        for m in Meeting.objects.filter(board=small_board.board).order_by("-starts_at")
    ]
    assert len(expected) == 3
    assert re.findall(r'<option value="(\d+)">([^<]*)</option>', select) == expected
    assert '<option value="" selected>Any meeting</option>' in select


def test_quick_select_writes_what_djangos_select_writes():
    choices = [("", "Any"), (1, "One & <two>"), ("x", "Ex")]
    for value in (None, "", "1", 1, "x", "missing"):
        quick = QuickSelect(choices=choices).render("f", value, attrs={"id": "id_f"})
        django = forms.Select(choices=choices).render("f", value, attrs={"id": "id_f"})
        assert " ".join(quick.split()) == " ".join(django.split()), value


def test_counts_by_status_follow_the_filters_with_each_action_once(client, small_board):
    """Joint officers join two rows per action; each action still counts once."""
    officer = small_board.officer.pk
    html = client.get(LOG, {"officer": officer}).content.decode()
    start = html.index("log-summary__counts")
    counts = re.findall(r">(\w+)</span> (\d+)", html[start : html.index("</p>", start)])
    assert sum(int(n) for _, n in counts) == len(refs(client, officer=officer)) == 2
