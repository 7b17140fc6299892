"""A board's Atom feed: actions raised, updated, proposed for closure and closed, and logs
published, newest first, public fields only. Read with xml.etree and with feedparser, as a
feed reader would."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from boards.models import Reminder, ReminderKind, UpdateVia
from boards.services.publishing import publish
from boards.services.updating import Actor, change

from .factories import UserFactory, make_action, make_board, make_person

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def read(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed: ET.Element) -> list[dict]:
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "id": e.findtext(f"{ATOM}id"),
            "updated": e.findtext(f"{ATOM}updated"),
            "summary": e.findtext(f"{ATOM}summary") or "",
            "kind": e.find(f"{ATOM}category").get("term"),
            "author": e.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


def feed_path(slug="small-board"):
    return reverse("boards:board_feed", args=[slug])


@pytest.fixture
def story(small_board):
    """One action's life after the small board's set-up, a minute apart: raised, updated by
    its officer, proposed for closure, closed; then the log published."""
    board, officer = small_board.board, small_board.officer
    start = timezone.now() + timedelta(hours=1)
    action = make_action(
        board, "301(a)", officers=[officer], description="Review the winter plan.", due_date=date(2030, 1, 1)
    )
    as_officer = Actor(via=UpdateVia.WEB, user=small_board.officer_user, person=officer)
    amber = board.rag_key.statuses.get(code="AMBER")
    change(action, actor=as_officer, status=amber, comment="Draft circulated.", at=start)
    change(
        action, actor=as_officer, state="proposed", comment="Plan agreed.", at=start + timedelta(minutes=1)
    )
    change(
        action,
        actor=Actor(via=UpdateVia.WEB, user=small_board.clerk_user),
        state="closed",
        closed_on=date(2017, 1, 5),
        closed_at_meeting=small_board.next_meeting,
        comment="Closed as agreed.",
        at=start + timedelta(minutes=2),
    )
    published = publish(board, small_board.next_meeting)
    return action, published


def test_the_feed_tells_an_actions_life_and_the_published_log_newest_first(client, small_board, story):
    action, published = story
    feed = read(client.get(feed_path()))
    assert feed.findtext(f"{ATOM}title") == "Shire Health Board: action log"
    listed = entries(feed)
    # The story's three changes were dated an hour ahead, so they come before the log
    # published now; the small board's own history (raised when it was built) follows.
    kinds = [(e["kind"], e["title"]) for e in listed[:4]]
    assert kinds == [
        ("closed", "301(a) closed: Review the winter plan."),
        ("proposed", "301(a) proposed for closure: Review the winter plan."),
        ("updated", "301(a) updated: Review the winter plan."),
        ("published", "Action log published for the meeting of 5 January 2017"),
    ]
    assert [e["updated"] for e in listed] == sorted((e["updated"] for e in listed), reverse=True)
    action_page = f"http://testserver/boards/small-board/actions/{action.pk}/"
    assert [e["link"] for e in listed[:3]] == [action_page] * 3
    assert listed[3]["link"] == f"http://testserver/boards/small-board/published/{published.pk}/"
    assert "Status: GREEN → AMBER" in listed[2]["summary"] and "Draft circulated." in listed[2]["summary"]
    assert listed[2]["author"] == "Olu Officer"
    assert listed[0]["author"] is None  # a change recorded by an account alone: no username shown
    raised = [e for e in listed if e["kind"] == "raised" and e["title"].startswith("301(a)")]
    assert len(raised) == 1 and "Review the winter plan." in raised[0]["summary"]
    assert len({e["id"] for e in listed}) == len(listed)  # every entry its own id
    # The feed is linked from the board's page and the log's, in their heads and visibly.
    for page in [reverse("boards:board", args=["small-board"]), reverse("boards:log", args=["small-board"])]:
        html = client.get(page).content.decode()
        head = html.split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Shire Health Board: action log (Atom)"'
            in head
        )
        assert f'href="{feed_path()}">' in head
    board_page = client.get(reverse("boards:board", args=["small-board"])).content.decode()
    assert f'<a href="{feed_path()}">Subscribe (Atom)</a>' in board_page
    calendar = reverse("boards:board_calendar", args=["small-board"])
    assert f'<a href="{calendar}">Add meetings to your calendar (.ics)</a>' in board_page


def test_a_feed_reader_reads_the_feed_without_complaint(client, small_board, story):
    parsed = feedparser.parse(client.get(feed_path()).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Shire Health Board: action log"
    assert parsed.feed.link == "http://testserver/boards/small-board/"
    assert parsed.entries[0].title == "301(a) closed: Review the winter plan."


def test_the_feed_carries_public_fields_only(client, small_board, story):
    """No email address, no username, nothing of who was chased by the reminders."""
    action, _ = story
    # An escalation to the clerk about the officer, as the reminder sweep records it.
    Reminder.objects.create(
        person=small_board.clerk,
        about=small_board.officer,
        action=action,
        kind=ReminderKind.ESCALATION,
        period="overdue step 2, escalated",
    )
    body = client.get(feed_path()).content.decode()
    for private in [
        small_board.officer.email,
        small_board.partner.email,
        small_board.clerk_user.username,
        small_board.officer_user.username,
        "remind",
        "escalat",
    ]:
        assert private.lower() not in body.lower(), private


def test_user_text_is_escaped(client, small_board):
    text = 'Check <script>alert("x")</script> & report </summary>'
    make_action(small_board.board, "401(a)", description=text, comment="<b>bold</b> & plain")
    body = client.get(feed_path()).content
    assert b"<script>" not in body and b"<b>" not in body
    (entry,) = [e for e in entries(ET.fromstring(body)) if e["title"].startswith("401(a)")]
    assert entry["title"] == f"401(a) raised: {text}"  # the title is text: read back as typed
    # The summary is HTML (type="html"): the user's text is escaped inside it, so a reader
    # shows it as text, never as markup.
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; report &lt;/summary&gt;" in entry["summary"]
    )
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; plain" in entry["summary"]
    assert "<script>" not in entry["summary"]


def test_a_private_boards_feed_is_for_its_people_only(client, small_board, story):
    board = small_board.board
    board.is_public = False
    board.save()
    assert client.get(feed_path()).status_code == 404
    client.force_login(make_person("Outsider", user=_user("outsider")).user)
    assert client.get(feed_path()).status_code == 404
    client.force_login(small_board.member_user)
    assert len(entries(read(client.get(feed_path())))) > 0


def _user(username):
    return UserFactory(username=username)


def test_the_feed_is_read_only(client, small_board):
    assert client.post(feed_path()).status_code == 405


def test_an_empty_board_has_an_empty_feed(client):
    make_board("empty-board", name="Empty Board")
    feed = read(client.get(feed_path("empty-board")))
    assert entries(feed) == []
    assert feedparser.parse(client.get(feed_path("empty-board")).content).bozo == 0


def test_the_feed_keeps_the_latest_50(client):
    board = make_board("busy-board")
    action = make_action(board, "1(a)")
    amber, green = (board.rag_key.statuses.get(code=c) for c in ("AMBER", "GREEN"))
    start = timezone.now()
    for i in range(60):
        change(action, actor=Actor(via=UpdateVia.SYSTEM), status=amber if i % 2 == 0 else green,
               at=start + timedelta(seconds=i))  # fmt: skip
    listed = entries(read(client.get(feed_path("busy-board"))))
    assert len(listed) == 50
    assert listed[0]["updated"] > listed[-1]["updated"]


def test_the_feed_takes_as_many_queries_for_40_events_as_for_5(client, small_board):
    board = make_board("count-board")
    officer = make_person("Count Officer")
    made = iter(range(100))

    def count(events):
        for _ in range(events):
            make_action(board, f"{next(made)}(a)", officers=[officer], comment="Raised with a note.")
        with CaptureQueriesContext(connection) as queries:
            listed = entries(read(client.get(feed_path("count-board"))))
        return len(queries), len(listed)

    few, many = count(5), count(35)
    assert (few[1], many[1]) == (5, 40)
    assert few[0] == many[0], (few, many)
