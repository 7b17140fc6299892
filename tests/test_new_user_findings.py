"""What a new user ran into (issue 11, items 19 and 20): error pages in the site's layout,
long words and addresses, duplicate labels, meetings whose date has passed, pages past
the end, emailed links on the port served, and the README's first sweep."""

import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.models import Meeting, MinuteItem
from boards.reminders import sender
from boards.services.updating import Actor, change

from .conftest import sign_in
from .factories import PASSWORD, make_meeting
from .html_tables import read_table

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
SLUG = "small-board"  # tests/board_world.py
LAYOUT = 'class="site-header"'


@pytest.fixture
def clerk(clerk_of_small_board):
    return clerk_of_small_board


# Error pages in the site's layout --------------------------------------------------------


def test_not_found_forbidden_and_server_error_pages_are_in_the_sites_layout(client, small_board, settings):
    missing = client.get("/boards/no-such-board/")
    assert missing.status_code == 404 and LAYOUT in missing.content.decode()
    assert "Page not found" in missing.content.decode()
    assert sign_in(client, small_board.member_user.username, PASSWORD)
    forbidden = client.get(reverse("boards:close_actions", args=[SLUG]))
    assert forbidden.status_code == 403 and LAYOUT in forbidden.content.decode()
    assert "Only the board&#x27;s clerks can do this." in forbidden.content.decode()
    settings.ROOT_URLCONF = "tests.urls_failing"
    failing = Client(raise_request_exception=False).get("/fails/")
    html = failing.content.decode()
    assert failing.status_code == 500 and LAYOUT in html and "Sorry, there is a problem" in html
    assert "RuntimeError" not in html and "Traceback" not in html


# Long words and addresses -------------------------------------------------------------------


def test_addresses_in_comments_are_links_and_long_ones_are_shortened(client, small_board):
    action = small_board.action("201(b)")
    url = "https://www.leicestershire.gov.uk/papers/" + "x" * 300
    change(action, actor=Actor(via="system"), comment=f"See {url} for the report.")
    html = client.get(f"/boards/{SLUG}/actions/").content.decode()
    link = re.search(
        r'<a href="(https://www\.leicestershire\.gov\.uk/papers/x+)" rel="nofollow">([^<]+)</a>', html
    )
    assert link and link.group(1) == url and len(link.group(2)) <= 60
    page = client.get(f"/boards/{SLUG}/actions/{action.pk}/").content.decode()
    assert f'href="{url}"' in page
    css = (ROOT / "static/css/app.css").read_text()
    assert ".table td, .table th" in css and "overflow-wrap: anywhere" in css


# Forms --------------------------------------------------------------------------------------


def test_optional_is_said_once(clerk):
    html = clerk.get(reverse("boards:close_actions", args=[SLUG])).content.decode()
    assert "(optional) <span" not in html and html.count("(optional)") == 1
    meeting_form = clerk.get(reverse("boards:meeting_new", args=[SLUG])).content.decode()
    assert "Optional" not in meeting_form


def test_a_minute_with_two_resolutions_labelled_alike_is_refused(clerk, small_board):
    meeting = Meeting.objects.filter(board=small_board.board).order_by("starts_at").last()
    management = {
        "resolutions-TOTAL_FORMS": "2",
        "resolutions-INITIAL_FORMS": "0",
        "resolutions-MIN_NUM_FORMS": "0",
        "resolutions-MAX_NUM_FORMS": "1000",
    }
    response = clerk.post(
        reverse("boards:minute_item_new", args=[SLUG, meeting.pk]),
        {
            "number": "999",
            "title": "Twice",
            "text": "",
            "heading": "RESOLVED:",
            **management,
            "resolutions-0-label": "(a)",
            "resolutions-0-text": "That one thing be done.",
            "resolutions-1-label": "a)",
            "resolutions-1-text": "That another be done.",
        },
    )
    assert response.status_code == 200
    assert "Resolution 1 of this minute already has the label a)." in response.content.decode()
    assert not MinuteItem.objects.filter(number="999").exists()


# Meetings whose date has passed ------------------------------------------------------------


def test_a_past_meeting_still_marked_scheduled_reads_as_passed_and_the_card_says_so(client, small_board):
    past = make_meeting(small_board.board, when=datetime(2017, 2, 2, 14, 0), status="scheduled")
    html = client.get(f"/boards/{SLUG}/").content.decode()
    assert "No future meeting is scheduled. The last was on" in html
    assert "2 February 2017</a> · Date passed, minutes not yet recorded" in html
    assert "· Scheduled" not in html
    page = client.get(f"/boards/{SLUG}/meetings/{past.pk}/").content.decode()
    assert "Date passed, minutes not yet recorded" in page


# Pages past the end -----------------------------------------------------------------------


def test_a_page_past_the_end_says_so(client, small_board):
    response = client.get(f"/boards/{SLUG}/actions/?page=9")
    html = response.content.decode()
    assert "There is no page 9: showing page 1 of 1." in html
    _, rows = read_table(html, "action log")
    assert len(rows) == 4
    assert "is not a page number" in client.get(f"/boards/{SLUG}/actions/?page=last").content.decode()
    assert "There is no page" not in client.get(f"/boards/{SLUG}/actions/?page=1").content.decode()


# 19. make run's links and first sweep ------------------------------------------------------


def test_make_run_on_another_port_gives_emailed_links_on_that_port():
    dry = subprocess.run(
        ["make", "-n", "run", "PORT=8100"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert dry.returncode == 0, dry.stderr
    assert "SITE_URL=http://127.0.0.1:8100" in dry.stdout
    assert "runserver 127.0.0.1:8100" in dry.stdout


# On the demo: asserts what the README says the demo's first sweep sends.
def test_the_readmes_first_sweep_sends_what_it_says(demo):
    """README: after the board's send time (08:00), the first sweep sends each of the seven
    officers one email of their overdue actions; before it, nothing."""
    readme = (ROOT / "README.md").read_text()
    assert "the first sweep after 08:00" in readme and "seven officers" in readme
    now = timezone.make_aware(datetime(2026, 12, 2, 7, 5))
    assert sender.sweep(now) == []
    results = sender.sweep(now.replace(hour=8))
    assert len(results) == 7 and {r.status for r in results} == {"sent"}
    assert {r.kind for result in results for r in result.reminders} == {"overdue"}
    assert len(mail.outbox) == 7
