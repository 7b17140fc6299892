"""Following in real Chromium, as a member of the public does it (issue 15's Done-when).

Two readers with no account, on the factory-built Shire Health Board: the reader follows
action 201(a) from its page, her neighbour follows the whole board from the board's page.
Each is emailed a confirmation link, opens it in the browser (opening it changes nothing) and
presses the button. An officer then updates the actions, the alerts sweep runs and each alert
names what changed on what its reader follows. The reader's mail client unsubscribes her with
one click (the POST of RFC 8058 to the List-Unsubscribe address, no browser and no cookie);
the neighbour opens the unsubscribe link in the alert's body and presses its button. A
further change and the next day's sweep send nothing to either, and still send the member's
alert (who follows from his account): the sweep did run. axe-core finds no violation, of any
impact, on the pages of the journey, also at a phone's width.
"""

import http.client
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from boards.alerts import sender
from boards.models import Follow, Follower
from boards.services.follows import Target, follow
from boards.services.updating import Actor, change

from .conftest import _new_page, assert_no_page_errors
from .test_board_setup_journey import check
from .test_log_pages import goto, heading
from .test_working_journeys import click_and_wait, expect, message

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READER = "reader@example.org"
NEIGHBOUR = "neighbour@example.org"
CHECK_EMAIL = "Check your email: if that address can be sent alerts, a link to confirm is on its way."
CONFIRM_LINK = re.compile(r"https?://\S+/follow/confirm/\S+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://\S+/unsubscribe/\S+/")


@pytest.fixture
def neighbour_page(browser):
    """The neighbour's own browser (own cookies), axe-core injectable as in axe_page."""
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()


def email_to(address):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, f"{len(found)} emails to {address}: {[m.subject for m in mail.outbox]}"
    return found[0]


def follow_by_email(page, live_server, path, what, address, a11y):
    goto(page, live_server, path)
    alerts = page.get_by_role("region", name="Email alerts")
    alerts.get_by_label(f"Follow this {what} by email").fill(address)
    check(page, f"{what} page with the follow form", a11y, phone=True)
    click_and_wait(page, alerts.get_by_role("button", name="Follow", exact=True))
    assert CHECK_EMAIL in message(page)
    assert urlsplit(page.url).path == path, "back on the page followed"


def confirm_by_the_emailed_link(page, address, target_name, a11y):
    confirmation = email_to(address)
    assert confirmation.subject == f"Confirm: follow {target_name}"
    link = CONFIRM_LINK.search(confirmation.body).group(0)
    page.goto(link)
    assert heading(page) == f"Follow {target_name}?"
    check(page, "confirm a follow", a11y, phone=True)
    # Opening the link (as a mail scanner would) has followed nothing yet.
    assert not Follow.objects.filter(follower__email=address).exists()
    assert Follower.objects.get(email=address).confirmed_at is None
    click_and_wait(page, page.get_by_role("button", name="Confirm and follow"))
    assert message(page) == f"Confirmed: you are following {target_name}."
    follower = Follower.objects.get(email=address)
    assert follower.confirmed_at is not None and follower.unsubscribed_at is None
    return follower


def one_click_unsubscribe(url):
    """What a mail client does with List-Unsubscribe-Post (RFC 8058): a POST to the
    List-Unsubscribe address, with no cookie, no CSRF token and no browser."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    try:
        connection.request(
            "POST",
            parts.path,
            body="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_public_follow_confirm_by_email_get_an_alert_and_unsubscribe_in_one_click(
    axe_page, neighbour_page, live_server, small_board, settings, screenshots
):
    # The links in the emails lead to this live server, as they lead to the site in production.
    settings.SITE_URL = live_server.url
    reader, neighbour, a11y = axe_page, neighbour_page, []
    board, action, other = small_board.board, small_board.action("201(a)"), small_board.action("201(b)")
    action_name = f"action 201(a) of {board.name}"
    # The board's member follows it from his account: the sweep's witness at the end.
    follow(small_board.member_user, Target(board=board))

    # 1. Following by email, and confirming by the emailed link -------------------------------
    mail.outbox.clear()
    follow_by_email(reader, live_server, action.get_absolute_url(), "action", READER, a11y)
    follow_by_email(neighbour, live_server, f"/boards/{board.slug}/", "board", NEIGHBOUR, a11y)
    assert sorted(m.to[0] for m in mail.outbox) == [NEIGHBOUR, READER]

    reader_follower = confirm_by_the_emailed_link(reader, READER, action_name, a11y)
    reader.screenshot(path=screenshots / "follow-confirmed.png", full_page=True)
    assert urlsplit(reader.url).path == action.get_absolute_url()
    assert list(reader_follower.follows.values_list("action_id", "board_id")) == [(action.pk, None)]
    neighbour_follower = confirm_by_the_emailed_link(neighbour, NEIGHBOUR, board.name, a11y)
    assert list(neighbour_follower.follows.values_list("action_id", "board_id")) == [(None, board.pk)]

    # 2. An officer updates the actions; the alerts sweep runs ---------------------------------
    officer = Actor.for_user(small_board.officer_user)
    amber = board.rag_key.statuses.get(code="AMBER")
    change(action, actor=officer, status=amber, comment="Delivery plan drafted; consultation in February.")
    change(other, actor=officer, comment="Tender for the new service published.")
    mail.outbox.clear()
    results = sender.sweep()
    assert sorted((r.to, r.status) for r in results) == [
        (NEIGHBOUR, "sent"),
        (READER, "sent"),
        (small_board.member_user.email, "sent"),
    ]

    alert = email_to(READER)
    html = alert.alternatives[0][0]
    for part in (alert.body, html):
        assert "201(a)" in part and "Delivery plan drafted; consultation in February." in part
        assert "201(b)" not in part and "Tender" not in part, "only the action she follows"
    assert "Status: GREEN -> AMBER" in alert.body and "Status: GREEN &rarr; AMBER" in html
    neighbours_alert = email_to(NEIGHBOUR)
    for part in ("201(a)", "Delivery plan drafted", "201(b)", "Tender for the new service published."):
        assert part in neighbours_alert.body, "the board's follower hears of every action's change"

    # Every alert can be stopped in one click: the RFC 8058 headers, and the link in its body.
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_url = alert.extra_headers["List-Unsubscribe"].strip("<>")
    assert UNSUBSCRIBE_LINK.search(alert.body).group(0) == header_url
    assert header_url in html

    # 3. The reader's mail client unsubscribes her in one click --------------------------------
    status = one_click_unsubscribe(header_url)
    assert status < 400, f"the one-click unsubscribe answered HTTP {status}"
    reader_follower.refresh_from_db()
    assert reader_follower.unsubscribed_at is not None and not reader_follower.follows.exists()
    # Her alert's link then says so, and offers no button.
    reader.goto(header_url)
    assert heading(reader) == "Stop email alerts"
    expect(reader.get_by_text("This address is already unsubscribed")).to_be_visible()
    expect(reader.get_by_role("button", name="Unsubscribe")).to_have_count(0)
    check(reader, "unsubscribe, already done", a11y, phone=True)

    # 4. The neighbour opens the link in her alert's body and presses the button ---------------
    neighbours_link = UNSUBSCRIBE_LINK.search(neighbours_alert.body).group(0)
    neighbour.goto(neighbours_link)
    assert heading(neighbour) == "Stop email alerts"
    check(neighbour, "unsubscribe", a11y, phone=True)
    neighbour.screenshot(path=screenshots / "unsubscribe.png", full_page=True)
    neighbour_follower.refresh_from_db()
    assert neighbour_follower.unsubscribed_at is None, "opening the link changes nothing"
    click_and_wait(neighbour, neighbour.get_by_role("button", name="Unsubscribe"))
    assert message(neighbour) == "You are unsubscribed: no more alerts will be sent to you."
    assert urlsplit(neighbour.url).path == "/"
    neighbour_follower.refresh_from_db()
    assert neighbour_follower.unsubscribed_at is not None and not neighbour_follower.follows.exists()

    # 5. A further change, and the next day's sweep: the member's alert only -------------------
    change(action, actor=officer, comment="Consultation opened.")
    mail.outbox.clear()
    results = sender.sweep(timezone.now() + timedelta(days=1))
    assert [(r.to, r.status) for r in results] == [(small_board.member_user.email, "sent")]
    assert [m.to for m in mail.outbox] == [[small_board.member_user.email]]
    assert "Consultation opened." in mail.outbox[0].body

    assert_no_page_errors(reader)
    assert_no_page_errors(neighbour)
    assert not a11y, "axe-core found violations:\n" + "\n".join(a11y)
