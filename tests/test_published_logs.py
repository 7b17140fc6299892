"""Published logs: the frozen copy of the log for a meeting's agenda pack."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.exports import QueryOnly, document_for, render
from boards.log_table import COLUMNS
from boards.models import Action, PublishedLog, UpdateVia
from boards.published.snapshot import document_of, freeze_row, thaw_row
from boards.services.publishing import publish
from boards.services.updating import Actor, change

from .factories import make_board, make_meeting

HEADINGS = [heading for _, heading in COLUMNS]
# The small board's (tests/board_world.py) outstanding actions: the published view.
OUTSTANDING = ["101(a)", "201(a)", "201(b)", "201(c)"]


@pytest.fixture
def board(small_board):
    return small_board.board


@pytest.fixture
def clerk(clerk_of_small_board):
    return clerk_of_small_board


def first_meeting(board):
    return board.meetings.order_by("starts_at").first()


def csv_rows(content: bytes):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def later_change(board):
    """An officer's update after publication: new status and comment on 201(a), GREEN until then."""
    action = Action.objects.get(board=board, reference="201(a)")
    amber = board.rag_key.statuses.get(code="AMBER")
    change(action, actor=Actor(via=UpdateVia.SYSTEM), status=amber, comment="Changed after publication.")
    return action


def test_rows_freeze_and_thaw_to_equal_rows(board):
    doc = document_for(QueryOnly("view=all"), board)
    assert len(doc.rows) == 5, "the small board's log has rows"
    assert [thaw_row(freeze_row(row)) for row in doc.rows] == doc.rows


def test_the_clerk_publishes_for_a_meeting_and_lands_on_the_copy(board, clerk):
    meeting = first_meeting(board)
    page = clerk.get(reverse("boards:publish_log", args=[board.slug, meeting.pk]))
    assert page.status_code == 200
    assert f"Outstanding ({len(OUTSTANDING)} actions)" in page.content.decode()

    response = clerk.post(
        reverse("boards:publish_log", args=[board.slug, meeting.pk]), {"view": "outstanding"}
    )

    published = PublishedLog.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:published_log", args=[board.slug, published.pk])
    assert (published.board, published.meeting, published.view) == (board, meeting, "outstanding")
    assert published.row_count == len(OUTSTANDING)
    assert published.published_by.get_username() == "small-board-clerk"
    assert published.title == f"{board.name} Action Log"


def test_an_unknown_view_is_an_error_and_publishes_nothing(board, clerk):
    meeting = first_meeting(board)
    response = clerk.post(
        reverse("boards:publish_log", args=[board.slug, meeting.pk]), {"view": "everything"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PublishedLog.objects.exists()


def test_the_published_copy_does_not_change_when_the_log_does(board):
    meeting = first_meeting(board)
    before = render(document_for(QueryOnly(), board), "csv")
    published = publish(board, meeting, view="outstanding")

    later_change(board)

    live = next(
        row for row in csv_rows(render(document_for(QueryOnly(), board), "csv")) if row[0] == "201(a)"
    )
    assert (live[4], live[5]) == ("Changed after publication.", "AMBER")
    page = Client().get(reverse("boards:published_log", args=[board.slug, published.pk])).content.decode()
    assert "Changed after publication." not in page
    frozen = Client().get(reverse("boards:published_export", args=[board.slug, published.pk, "csv"]))
    assert frozen.content == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "pdf"])
def test_each_format_downloads_the_frozen_rows(board, fmt):
    meeting = first_meeting(board)
    published = publish(board, meeting, view="outstanding")
    later_change(board)

    response = Client().get(reverse("boards:published_export", args=[board.slug, published.pk, fmt]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{board.slug}-action-log-published-'
        f'{meeting.date:%Y-%m-%d}-{published.pk}.{fmt}"'
    )
    frozen_row = next(row for row in document_of(published).rows if row.reference == "201(a)")
    assert frozen_row.comments != "Changed after publication."
    text = downloaded_text(response.content, fmt)
    assert "Changed after publication." not in text
    for ref in OUTSTANDING:
        assert ref in text
    assert " ".join(frozen_row.comments.split()[:4]) in text


def downloaded_text(content: bytes, fmt: str) -> str:
    if fmt == "csv":
        return "\n".join(" ".join(row) for row in csv_rows(content))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        return "\n".join(" ".join(str(v or "") for v in row) for row in sheet.iter_rows(values_only=True))
    if fmt == "docx":
        from docx import Document

        tables = Document(io.BytesIO(content)).tables
        return "\n".join(" ".join(cell.text for cell in row.cells) for row in tables[0].rows)
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_the_published_copy_keeps_the_date_it_was_published_for(board):
    published = publish(board, first_meeting(board))
    doc = document_of(published)
    assert doc.today == published.as_of == timezone.localdate()
    assert [s.code for s in doc.statuses] == [s.code for s in board.rag_key.statuses.all()]


def test_the_meeting_page_lists_published_copies_with_every_download(board, clerk):
    meeting = first_meeting(board)
    url = reverse("boards:meeting", args=[board.slug, meeting.pk])
    assert "The action log has not been published for this meeting." in Client().get(url).content.decode()

    published = publish(board, meeting, view="all")
    page = Client().get(url).content.decode()

    assert reverse("boards:published_log", args=[board.slug, published.pk]) in page
    for fmt in ("csv", "xlsx", "docx", "pdf"):
        assert reverse("boards:published_export", args=[board.slug, published.pk, fmt]) in page
    assert "All" in page and f"{published.row_count} actions" in page
    # Only the clerk is offered the publish button.
    publish_url = reverse("boards:publish_log", args=[board.slug, meeting.pk])
    assert publish_url not in page
    assert publish_url in clerk.get(url).content.decode()


def test_a_published_log_is_never_changed_or_deleted(board):
    published = publish(board, first_meeting(board))
    published.title = "Something else"
    with pytest.raises(RuntimeError):
        published.save()
    with pytest.raises(RuntimeError):
        published.delete()
    assert PublishedLog.objects.get().title == f"{board.name} Action Log"


def test_a_meeting_of_another_board_cannot_be_published_here(board):
    other = make_board("other-board")
    with pytest.raises(ValueError):
        publish(board, make_meeting(other, when=timezone.now()))


def test_a_copy_is_found_only_under_its_own_board(board):
    published = publish(board, first_meeting(board))
    other = make_board("other-board")
    response = Client().get(reverse("boards:published_log", args=[other.slug, published.pk]))
    assert response.status_code == 404


def test_publishing_an_empty_view_keeps_an_empty_copy(db):
    board = make_board("empty-board")
    meeting = make_meeting(board)
    published = publish(board, meeting, view="overdue")
    assert published.row_count == 0
    page = Client().get(reverse("boards:published_log", args=[board.slug, published.pk])).content.decode()
    assert "The log had no actions in this view when it was published." in page
