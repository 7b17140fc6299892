"""Which closed actions the next log shows under "Closed since the last meeting"."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from boards.services.closing import close, closed_since_last_meeting
from boards.services.updating import change

from .factories import SYSTEM, make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


def closed_refs(board, now):
    return sorted(closed_since_last_meeting(board, now=now).values_list("reference", flat=True))


def test_closed_at_a_morning_meeting_is_gone_from_the_log_of_the_afternoon_meeting():
    board = make_board()
    morning = make_meeting(board, when=datetime(2026, 3, 5, 10, 0))
    afternoon = make_meeting(board, when=datetime(2026, 3, 5, 15, 0))
    at_morning, at_afternoon = make_action(board, "1(a)"), make_action(board, "1(b)")
    close([at_morning], meeting=morning, actor=SYSTEM)
    lunchtime = timezone.make_aware(datetime(2026, 3, 5, 12, 0))
    assert closed_refs(board, lunchtime) == ["1(a)"]

    close([at_afternoon], meeting=afternoon, actor=SYSTEM)
    evening = timezone.make_aware(datetime(2026, 3, 5, 18, 0))
    assert closed_refs(board, evening) == ["1(b)"]
    next_month = timezone.make_aware(datetime(2026, 4, 2, 18, 0))
    make_meeting(board, when=datetime(2026, 4, 2, 14, 0))
    assert closed_refs(board, next_month) == []


def test_an_action_closed_without_a_meeting_counts_from_its_closing_date():
    board = make_board()
    make_meeting(board, when=datetime(2026, 3, 5, 10, 0))
    imported = make_action(board, "2(a)")
    change(imported, actor=SYSTEM, state="closed", closed_on=date(2026, 3, 5))
    earlier = make_action(board, "2(b)")
    change(earlier, actor=SYSTEM, state="closed", closed_on=date(2026, 3, 4))
    assert closed_refs(board, timezone.make_aware(datetime(2026, 3, 6, 9, 0))) == ["2(a)"]


def test_no_meeting_yet_shows_nothing():
    board = make_board()
    change(make_action(board), actor=SYSTEM, state="closed", closed_on=date(2026, 3, 5))
    assert closed_refs(board, timezone.make_aware(datetime(2026, 3, 6))) == []


def test_the_log_shows_the_closed_section_only_unfiltered(client):
    from django.urls import reverse

    board = make_board(is_public=True)
    meeting = make_meeting(board, when=datetime(2026, 3, 5, 10, 0))
    officer = make_person("Ann Officer")
    open_action, done = make_action(board, "1(a)", officers=[officer]), make_action(board, "1(b)")
    close([done], meeting=meeting, actor=SYSTEM)
    url = reverse("boards:log", args=[board.slug])

    assert "Closed since the last meeting" in client.get(url).content.decode()
    for narrowed in (
        {"q": "work"},
        {"status": "GREEN"},
        {"officer": str(officer.pk)},
        {"due_from": "01/01/2026"},
    ):
        html = client.get(url, narrowed).content.decode()
        assert "Closed since the last meeting" not in html, narrowed
    assert "Closed since the last meeting" in client.get(url, {"sort": "-date"}).content.decode()
    assert open_action.reference in client.get(url, {"q": "work"}).content.decode()
