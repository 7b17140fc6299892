"""One row markup (boards/log_markup.py): the log page, the print view, the published copy and
the digest email show each action in the same cells, and escape user text once."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from boards.models import Meeting
from boards.reminders import sender
from boards.services.publishing import publish

from .factories import make_action, make_board, make_meeting, make_person
from .html_tables import read_table

pytestmark = pytest.mark.django_db

HEADINGS = ["No.", "Date", "Action", "Responsible Officer", "Comments", "Status"]
# The email says so where an action has no comments yet; the other three leave the cell empty.
EMAIL_NO_COMMENTS = "None yet"


def page_table(client, board):
    response = client.get(f"/boards/{board.slug}/actions/?view=all")
    assert response.status_code == 200
    headings, rows = read_table(response.content.decode(), "action log")
    assert headings[: len(HEADINGS)] == HEADINGS
    return rows


def print_table(client, board):
    response = client.get(f"/boards/{board.slug}/actions/print/?view=all")
    assert response.status_code == 200
    headings, rows = read_table(response.content.decode())
    assert headings == HEADINGS
    return rows


def published_table(client, board, meeting):
    published = publish(board, meeting, view="all")
    response = client.get(f"/boards/{board.slug}/published/{published.pk}/")
    assert response.status_code == 200
    headings, rows = read_table(response.content.decode(), published.title)
    assert headings[: len(HEADINGS)] == HEADINGS
    return rows


def digest_rows():
    """Every row of every digest sent by a sweep now (the pages' "today" too)."""
    mail.outbox.clear()
    sender.sweep(timezone.now())
    rows = []
    for message in mail.outbox:
        headings, table = read_table(message.alternatives[0][0])
        assert headings == HEADINGS
        rows += table
    return rows


def as_email_shows(row):
    return [*row[:4], row[4] or EMAIL_NO_COMMENTS, row[5]]


def test_a_boards_log_reads_the_same_on_the_page_in_print_published_and_in_the_digest(client, small_board):
    board = small_board.board
    # A sixth row, with no comments yet, for a fourth action in the digests.
    make_action(board, "203(a)", officers=[small_board.partner], due_date=date(2016, 12, 20))
    page = page_table(client, board)
    assert len(page) == board.actions.count() > 5
    assert print_table(client, board) == page
    assert published_table(client, board, Meeting.objects.filter(board=board).first()) == page

    by_reference = {row[0]: row for row in page}
    emailed = digest_rows()
    assert len({row[0] for row in emailed}) >= 4  # several actions, several officers
    for row in emailed:
        assert row == as_email_shows(by_reference[row[0]])


USER_TEXT = {
    "reference": "7(a) & <b>",
    "description": '<script>alert("x")</script> & Co\'s plan',
    "latest_comment": "Tom & Jerry <i>said</i> &amp; so:\nsee https://example.org/?a=1&b=2",
    "officer": "Smith & <Jones>",
}


def test_user_text_is_escaped_once_in_every_rendering(client):
    board = make_board("escaping", name="Escaping Board")
    meeting = make_meeting(board)
    officer = make_person(USER_TEXT["officer"], email="smith@example.org")
    make_action(
        board,
        reference=USER_TEXT["reference"],
        officers=[officer],
        description=USER_TEXT["description"],
        latest_comment=USER_TEXT["latest_comment"],
        due_date=date(2016, 12, 1),
    )
    shown = [
        USER_TEXT["reference"],
        "17/11/16",
        USER_TEXT["description"],
        USER_TEXT["officer"],
        " ".join(USER_TEXT["latest_comment"].split()),  # its line break read as a space
        "GREEN",
    ]
    renderings = {
        "page": page_table(client, board),
        "print": print_table(client, board),
        "published": published_table(client, board, meeting),
        "email": digest_rows(),
    }
    # Read back as a browser reads it: escaped twice would show "&lt;" or "&amp;amp;", not
    # escaped would lose the tags (and run the script).
    assert renderings == {name: [shown] for name in renderings}
    raw = [client.get("/boards/escaping/actions/").content.decode(), mail.outbox[0].alternatives[0][0]]
    for html in raw:
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#x27;s plan" in html
        assert "<script>alert" not in html and "&amp;lt;script" not in html
    assert '<a href="https://example.org/?a=1&amp;b=2" rel="nofollow">' in raw[0]  # the page links it


def test_an_action_without_comments_has_an_empty_cell_and_the_email_says_none_yet(client):
    board = make_board("quiet", name="Quiet Board")
    officer = make_person("Ann Officer", email="ann@example.org")
    make_action(board, officers=[officer], latest_comment="", due_date=date(2016, 12, 1))
    page = page_table(client, board)
    assert page[0][4] == "" and print_table(client, board) == page
    assert digest_rows() == [[*page[0][:4], "None yet", page[0][5]]]
