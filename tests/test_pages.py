"""The read pages: action, meeting, board, home, person, print view, health check."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from boards.models import Action, Meeting, Membership, MinuteItem, UpdateVia
from boards.services.updating import Actor, change

from .conftest import sign_in
from .factories import PASSWORD, SYSTEM, make_action, make_board, make_meeting, make_person
from .html_tables import read_table

pytestmark = pytest.mark.django_db
SLUG = "small-board"  # tests/board_world.py
PAPERS = "leicestershire-hwb"  # the demo


def page(client, name, *args, **params):
    response = client.get(reverse(f"boards:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_action_page_shows_source_officers_due_status_and_history(client, small_board):
    action = small_board.action("201(b)")
    MinuteItem.objects.filter(pk=action.minute_item_id).update(title="Prison Health Profiles")
    change(action, actor=SYSTEM, due_meeting=small_board.next_meeting)
    html = page(client, "action", SLUG, action.pk)
    assert "Action 201(b)" in html
    assert "Ask whether the profiles include prisoners." in html
    assert "Minute 201. Prison Health Profiles" in html
    assert "That the profiles be checked." in html
    assert "Olu Officer</a> (lead)" in html and "Pat Partner</a>" in html
    assert "Meeting of 5 January 2017" in html
    assert ">AMBER<" in html
    assert "Under consideration." in html


def test_action_history_is_newest_first_with_who_how_and_what(client):
    board = make_board(SLUG)
    imported = Actor(via=UpdateVia.IMPORT)
    action = make_action(board, "330(d)", status="AMBER", actor=imported)
    change(action, actor=imported, comment="Population estimates include all prisoners.")
    user = get_user_model().objects.create_user("clerk2")
    green = board.rag_key.statuses.get(code="GREEN")
    change(action, actor=Actor.for_user(user), status=green, comment="Prevalence clarified.")
    html = page(client, "action", SLUG, action.pk)
    history = html[html.index('id="history"') :]
    assert history.index("Prevalence clarified.") < history.index("Population estimates include")
    assert "clerk2" in history and "on the web" in history
    assert "<strong>Status</strong>: AMBER → GREEN" in history
    assert "imported from the papers" in history
    assert history.count('class="history__entry"') == 3


def test_action_on_another_board_is_not_found(client, small_board):
    other = make_board("other")
    action = make_action(other)
    assert client.get(reverse("boards:action", args=[SLUG, action.pk])).status_code == 404


# On the demo: asserts the papers' minutes of 17 November 2016 (attendance, items 320-334, resolutions).
def test_meeting_page_shows_structured_minutes_attendance_and_actions(client, demo):
    meeting = Meeting.objects.get(board=demo, starts_at__date="2016-11-17")
    html = page(client, "meeting", PAPERS, meeting.pk)
    assert "Meeting of Thursday 17 November 2016" in html
    assert "County Hall, Glenfield" in html and "Mr. E. F. White CC (In the Chair)" in html
    assert "Wendy Hoult, NHS England" in html
    for number in range(320, 335):
        assert f'<span class="minute__number">{number}.</span>' in html
    assert '<span class="decision__label">(d)</span> That the Director of Public Health be asked' in html
    _, rows = read_table(html, "Actions raised at this meeting")
    assert [r[0] for r in rows] == ["326(c)", "327(b)", "330(b)", "330(c)", "330(d)", "333(b)"]
    assert "Previous meeting: 5 May 2016" in html and "Next meeting: 6 December 2016" in html


def test_meeting_without_minutes_says_so(client, small_board):
    meeting = small_board.next_meeting
    html = page(client, "meeting", SLUG, meeting.pk)
    assert "No minutes have been recorded for this meeting yet." in html
    assert "No actions were raised at this meeting." in html


def test_board_page_shows_next_meeting_counts_overdue_recent_updates_and_meetings(client):
    board = make_board(SLUG)
    today = timezone.localdate()
    soon = make_meeting(board, when=timezone.localtime().replace(tzinfo=None) + timedelta(days=20))
    make_action(board, "1(a)", due_date=today - timedelta(days=2), description="Late work")
    make_action(board, "1(b)", due_date=today + timedelta(days=2))
    html = page(client, "board", SLUG)
    assert soon.date.strftime("%-d %B %Y") in html
    _, overdue = read_table(html, "Overdue actions")
    assert [r[0] for r in overdue] == ["1(a)"]
    assert "Recent updates" in html and "1(b)</a>" in html


def test_home_lists_visible_boards_with_counts_and_overdue_actions(client):
    board = make_board(SLUG, name="Health and Wellbeing Board")
    today = timezone.localdate()
    make_action(board, "1(a)", due_date=today - timedelta(days=1))
    make_action(board, "1(b)", due_date=today + timedelta(days=1))
    make_action(board, "1(c)", due_date=today - timedelta(days=1), state="closed", closed_on=today)
    html = page(client, "home")
    _, boards = read_table(html, "Boards you can see")
    assert boards == [["Health and Wellbeing Board", "2", "1"]]
    _, overdue = read_table(html, "Overdue actions")
    assert [r[1] for r in overdue] == ["1(a)"]


def test_home_counts_are_not_multiplied_by_a_signed_in_members_memberships(client):
    """A member of a private board with several memberships on it sees each action once."""
    board = make_board(SLUG, name="Health and Wellbeing Board", is_public=False)
    today = timezone.localdate()
    make_action(board, "1(a)", due_date=today - timedelta(days=1))
    make_action(board, "1(b)", due_date=today + timedelta(days=1))
    user = get_user_model().objects.create_user("member-user", password="pw")
    person = make_person("Cllr Member", user=user)
    for role in ("member", "chair", "officer"):
        Membership.objects.create(board=board, person=person, role=role)
    for number in range(3):
        Membership.objects.create(board=board, person=make_person(f"Other {number}"), role="officer")
    client.force_login(user)
    _, boards = read_table(page(client, "home"), "Boards you can see")
    assert [row[1:] for row in boards] == [["2", "1"]]


def test_home_without_boards_explains_what_to_do(client):
    assert "There are no boards yet" in page(client, "home")


def test_home_for_a_signed_in_officer_links_to_their_actions(client, small_board):
    assert sign_in(client, small_board.officer_user.username, PASSWORD)
    html = page(client, "home")
    assert reverse("boards:person", args=[small_board.officer.pk]) in html
    assert "Signed in as Olu Officer" in html


def test_person_page_lists_their_actions_across_boards(client, small_board):
    officer = small_board.officer
    other = make_board("another-board", name="Another Board")
    make_action(other, "9(a)", officers=[officer])
    html = page(client, "person", officer.pk)
    assert "Director of Public Health, Shire Council" in html
    _, rows = read_table(html, "Actions of Olu Officer")
    assert sorted(r[1] for r in rows) == ["201(a)", "201(b)", "9(a)"]
    assert {r[0] for r in rows} == {"Shire Health Board", "Another Board"}


def test_print_view_is_a4_landscape_with_heading_every_row_and_the_key(client, small_board):
    html = page(client, "log_print", SLUG)
    assert "Shire Health Board Action Log" in html
    assert timezone.localdate().strftime("%-d %B %Y") in html
    assert "css/print.css" in html and "site-header" not in html and "Skip to main" not in html
    headings, rows = read_table(html)
    assert headings == ["No.", "Date", "Action", "Responsible Officer", "Comments", "Status"]
    assert len(rows) == 4 and rows[2][3] == "Olu Officer/ Pat Partner"
    assert "Status key" in html


def test_print_view_takes_the_logs_filters(client, small_board):
    make_action(small_board.board, "203(a)", status="AMBER")
    html = page(client, "log_print", SLUG, status="AMBER")
    assert [r[0] for r in read_table(html)[1]] == ["201(b)", "203(a)"]


def test_print_css_sets_a4_landscape_and_repeats_headers():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static/css/print.css").read_text()
    assert "size: A4 landscape" in css and "display: table-header-group" in css


def test_date_based_key_shows_red_for_overdue_actions(client):
    board = make_board(SLUG, key="date-based")
    make_action(board, "1(a)", due_date=timezone.localdate() - timedelta(days=1), status="GREEN")
    html = page(client, "log", SLUG)
    assert [r[5] for r in read_table(html, "action log")[1]] == ["RED"]
    assert "(set by due date)" in html
    action = Action.objects.get()
    assert action.status.code == "GREEN"  # stored fact unchanged


def test_healthz(client):
    response = client.get(reverse("boards:healthz"))
    assert response.status_code == 200 and response.content == b"OK"


# Who may see what ---------------------------------------------------------------


@pytest.fixture
def private_board():
    board = make_board("private-board", name="Private Committee", is_public=False)
    meeting = make_meeting(board)
    officer = make_person("Private Officer")
    action = make_action(board, "5(a)", officers=[officer], raised_at=meeting)
    return board, meeting, officer, action


def _private_urls(board, meeting, officer, action):
    return [
        reverse("boards:board", args=[board.slug]),
        reverse("boards:log", args=[board.slug]),
        reverse("boards:log_print", args=[board.slug]),
        reverse("boards:action", args=[board.slug, action.pk]),
        reverse("boards:meeting", args=[board.slug, meeting.pk]),
        reverse("boards:person", args=[officer.pk]),
    ]


def test_private_board_is_not_found_for_the_public(client, private_board):
    for url in _private_urls(*private_board):
        assert client.get(url).status_code == 404, url
    assert "Private Committee" not in page(client, "home")


def test_private_board_is_visible_to_its_members_and_staff(client, private_board):
    board = private_board[0]
    member = get_user_model().objects.create_user("member2")
    Membership.objects.create(board=board, person=make_person("Member", user=member), role="member")
    client.force_login(member)
    for url in _private_urls(*private_board):
        assert client.get(url).status_code == 200, url
    assert "Private Committee" in page(client, "home")
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(_private_urls(*private_board)[1]).status_code == 200


def test_user_text_is_escaped_on_every_read_page(client):
    board = make_board(SLUG)
    meeting = make_meeting(board)
    evil = '<script>alert("x")</script>'
    officer = make_person(f"Officer {evil}")
    action = make_action(board, "1(a)", officers=[officer], raised_at=meeting, description=f"Do {evil}")
    change(action, actor=Actor(via="web"), comment=f"Comment {evil}")
    for url in [
        reverse("boards:log", args=[SLUG]),
        reverse("boards:log_print", args=[SLUG]),
        reverse("boards:action", args=[SLUG, action.pk]),
        reverse("boards:person", args=[officer.pk]),
        reverse("boards:board", args=[SLUG]),
        reverse("boards:meeting", args=[SLUG, meeting.pk]),
    ]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert "&lt;script&gt;" in html, url
