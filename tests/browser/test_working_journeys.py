"""Working the log in real Chromium, as people do it: by clicking and typing.

The clerk records a meeting, its minutes and its actions (the action rows by keyboard
alone); the officer updates an action signed in, then signed out through the link the
clerk emails him; expired and tampered links are refused; the officer proposes an action
complete and the clerk closes it at the next meeting, after confirming.

Every page the journey passes through is also checked with axe-core (serious and critical
violations), and every page must report no JavaScript error, console error or failed
request. Screenshots go to docs/screenshots/ with `make screenshots`.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from boards.models import Action, ActionUpdate, Meeting, MinuteItem, Person, RefusedChange
from boards.services.links import link_url

from .conftest import AXE, _new_page, assert_no_page_errors
from .test_log_pages import AXE_RUN_JS, WCAG_TAGS, describe, goto, heading, table

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits; serialized_rollback restores the RAG key presets
    # that the transactional flush removes (see test_log_pages.py).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "leicestershire-hwb"
BOARD = f"/boards/{SLUG}/"
NEW_REFERENCES = ["340(a)", "340(b)", "341"]


def expect(target):
    """Playwright's auto-waiting assertions, imported late: a machine without Playwright
    skips these tests (conftest's browser fixture) instead of failing to collect them."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


@pytest.fixture
def second_page(browser):
    """A second person's browser (own cookies), with axe-core injectable like axe_page."""
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()


def click_and_wait(page, locator):
    """Click something that loads a new page (a link, or a form's submit button) and wait
    for that page: a POST redirecting to the address already shown is a navigation too."""
    with page.expect_navigation():
        locator.click()


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


def message(page):
    """The notification banner's text (role=status)."""
    return " ".join(page.locator("main .notifications").inner_text().split())


def sign_in(page, live_server, username, password):
    goto(page, live_server, "/accounts/login/")
    assert heading(page) == "Sign in"
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def sign_out(page):
    account = page.get_by_role("navigation", name="Account")
    click_and_wait(page, account.get_by_role("button", name="Sign out"))
    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account.get_by_text("Signed in as")).to_have_count(0)


def check_accessibility(page, name, found):
    """Collect axe-core's serious and critical violations on the current page into
    `found`, so the journey carries on and every page's findings are reported together."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN_JS, WCAG_TAGS)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    if serious:
        found.append(f"{name} ({page.url}):\n{describe(serious)}")


def assert_accessible(found):
    assert not found, (
        f"axe-core ({', '.join(WCAG_TAGS)}) found serious or critical violations:\n" + "\n".join(found)
    )


def first_history_entry(page):
    return " ".join(page.locator("ol.history > li.history__entry").first.inner_text().split())


def references(rows):
    return [row[0] for row in rows]


def column(data, name):
    index = data["headings"].index(name)
    return {row[0]: row[index] for row in data["rows"]}


def selected_text(select):
    return select.evaluate("s => s.selectedOptions[0].textContent.trim()")


def outstanding_references(page):
    return references(table(page, "action log")["rows"])


# 1. The clerk records a meeting, its minutes and its actions ------------------------------


def record_meeting_minutes_and_actions(page, live_server, demo, screenshots, a11y, findings):
    sign_in(page, live_server, "clerk", "demo-clerk-password")
    goto(page, live_server, BOARD)
    click_and_wait(page, page.get_by_role("link", name="New meeting", exact=True))
    assert heading(page) == "New meeting"
    check_accessibility(page, "new meeting form", a11y)
    page.get_by_label("Date", exact=True).fill("02/02/2017")
    page.get_by_label("Start", exact=True).fill("14:00")
    page.get_by_label("Venue").fill("County Hall, Glenfield")
    page.get_by_label("Status").select_option(label="Held")
    click_and_wait(page, page.get_by_role("button", name="Save meeting"))
    assert heading(page) == "Meeting of Thursday 2 February 2017"
    assert message(page) == "Meeting of 2 February 2017 saved."
    meeting = Meeting.objects.get(board=demo, starts_at__date="2017-02-02")
    assert meeting.status == "held"
    assert page.url == f"{live_server.url}{BOARD}meetings/{meeting.pk}/"

    # Minute 340 with resolutions (a) and (b); "Save and add another" brings a blank form.
    click_and_wait(page, page.get_by_role("link", name="Add a minute item"))
    assert heading(page) == "Add a minute item"
    check_accessibility(page, "minute item form", a11y)
    page.get_by_label("Minute number").fill("340")
    page.get_by_label("Title").fill("Better Care Fund")
    page.get_by_label("Minutes text").fill("The Board considered the Better Care Fund plan.")
    # The form means to offer "RESOLVED:" (MinuteItemForm sets the field's initial value).
    shown = page.get_by_label("Decision heading").input_value()
    if shown != "RESOLVED:":
        findings.append(
            f"New minute item form ({page.url}): 'Decision heading' shows {shown!r}, not the "
            "'RESOLVED:' that MinuteItemForm sets as its initial value"
        )
    page.get_by_label("Resolution 1 label").fill("(a)")
    page.get_by_label("Resolution 1 text").fill("That the outturn report be noted.")
    page.get_by_label("Resolution 2 label").fill("(b)")
    page.get_by_label("Resolution 2 text").fill("That the plan for 2017/18 be agreed.")
    click_and_wait(page, page.get_by_role("button", name="Save and add another"))
    assert message(page) == "Minute 340 saved with 2 resolutions."
    assert heading(page) == "Add a minute item"
    expect(page.get_by_label("Minute number")).to_have_value("")
    expect(page.get_by_label("Resolution 1 label")).to_have_value("")

    # Minute 341 with one unlabelled resolution; "Save minute item" returns to the meeting.
    page.get_by_label("Minute number").fill("341")
    page.get_by_label("Title").fill("Pharmaceutical Needs Assessment")
    page.get_by_label("Resolution 1 text").fill("That the assessment be published.")
    click_and_wait(page, page.get_by_role("button", name="Save minute item"))
    assert message(page) == "Minute 341 saved with 1 resolution."
    assert heading(page) == "Meeting of Thursday 2 February 2017"
    item_341 = MinuteItem.objects.get(board=demo, number="341")
    assert page.url.endswith(f"/meetings/{meeting.pk}/#minute-{item_341.pk}")
    minutes = page.locator("article.minute")
    expect(minutes).to_have_count(2)
    expect(minutes.nth(0).locator(".decision__list li")).to_have_text(
        ["(a) That the outturn report be noted.", "(b) That the plan for 2017/18 be agreed."]
    )
    expect(minutes.nth(1).locator(".decision")).to_contain_text("That the assessment be published.")

    # The actions, by keyboard alone: focus row 1's first field, then type and Tab.
    click_and_wait(page, page.get_by_role("link", name="Record actions"))
    assert heading(page) == "Record this meeting's actions"
    check_accessibility(page, "record actions form", a11y)
    rows = [
        # (resolution typed into the select, action, officers, due)
        ("340(a)", "Report the BCF outturn.", "Mike Sandys", "March 2017"),
        ("340(b)", "Submit the BCF plan.", "Jim Bosworth/ Mike McHugh", "next meeting"),
        ("341", "Publish the PNA.", "Mike Sandys", "31/03/2017"),
    ]
    page.get_by_label("Row 1 resolution", exact=True).focus()
    for resolution, description, officers, due in rows:
        page.keyboard.type(resolution)  # a closed select's type-ahead picks the option
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # No.: left blank, made from the minute and label
        page.keyboard.type(description)
        page.keyboard.press("Tab")
        page.keyboard.type(officers)
        page.keyboard.press("Tab")
        page.keyboard.type(due)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # Status: the default (GREEN)
    for number, (resolution, description, officers, due) in enumerate(rows, start=1):
        row = f"Row {number}"
        assert selected_text(page.get_by_label(f"{row} resolution", exact=True)).startswith(
            f"{resolution} That"
        ), f"{row}: typing {resolution!r} did not choose that resolution"
        expect(page.get_by_label(f"{row} reference", exact=True)).to_have_value("")
        expect(page.get_by_label(f"{row} action", exact=True)).to_have_value(description)
        officers_field = page.get_by_label(f"{row} responsible officer(s)", exact=True)
        expect(officers_field).to_have_value(officers)
        expect(page.get_by_label(f"{row} due", exact=True)).to_have_value(due)
        assert selected_text(page.get_by_label(f"{row} status", exact=True)) == "GREEN"
    page.screenshot(path=screenshots / "clerk-actions-entry.png", full_page=True)

    # Tab on, past the empty rows, until the Save button has the focus; Enter saves.
    save = page.get_by_role("button", name="Save actions")
    for _ in range(80):
        if save.evaluate("button => button === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("'Save actions' on the record actions page cannot be reached with Tab")
    press_and_wait(page, "Enter")
    assert message(page) == "3 actions recorded: 340(a), 340(b), 341."
    assert heading(page) == "Meeting of Thursday 2 February 2017"

    raised = table(page, "Actions raised at this meeting")
    assert references(raised["rows"]) == NEW_REFERENCES
    assert set(column(raised, "Date").values()) == {"02/02/17"}
    assert column(raised, "Responsible Officer") == {
        "340(a)": "Mike Sandys",
        "340(b)": "Jim Bosworth/ Mike McHugh",
        "341": "Mike Sandys",
    }
    assert set(column(raised, "Status").values()) == {"GREEN"}
    actions = column(raised, "Action")
    assert "Report the BCF outturn. Due: March 2017" in actions["340(a)"]
    assert "Submit the BCF plan. Due: next meeting" in actions["340(b)"]
    assert "Publish the PNA. Due: 31 March 2017" in actions["341"]

    created = {a.reference: a for a in Action.objects.filter(board=demo, raised_at=meeting)}
    assert sorted(created) == NEW_REFERENCES
    assert created["340(a)"].due_date.isoformat() == "2017-03-31"
    assert created["340(a)"].due_text == "March 2017"
    assert created["341"].due_date.isoformat() == "2017-03-31" and created["341"].due_text == ""
    assert created["340(b)"].resolution.label == "(b)"
    assert created["341"].resolution.minute_item == item_341

    # ...and in the board's log, beside the demo's nine.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name=demo.name).click()
    page.wait_for_url(f"**{BOARD}")
    click_and_wait(page, page.get_by_role("link", name="View the action log"))
    log = table(page, "action log")
    assert [r for r in references(log["rows"]) if r in NEW_REFERENCES] == NEW_REFERENCES
    officers = column(log, "Responsible Officer")
    assert [officers[r] for r in NEW_REFERENCES] == [
        "Mike Sandys",
        "Jim Bosworth/ Mike McHugh",
        "Mike Sandys",
    ]
    return meeting, created


# 2. The officer updates an action, signed in ----------------------------------------------


def officer_updates_signed_in(page, live_server, action, screenshots, a11y):
    sign_in(page, live_server, "mike.sandys", "demo-officer-password")
    click_and_wait(page, page.get_by_role("link", name="My actions"))
    assert heading(page) == "My actions"
    mine = table(page, "Your outstanding actions")
    assert {"340(a)", "341"} <= set(references(mine["rows"]))
    assert "340(b)" not in references(mine["rows"])
    click_and_wait(page, page.get_by_role("link", name=f"Update {action.reference}", exact=True))
    assert heading(page) == f"Update action {action.reference}"
    check_accessibility(page, "officer update form (signed in)", a11y)
    page.get_by_role("radio", name=re.compile(r"^AMBER")).check()
    page.get_by_label("Comment").fill("Outturn report drafted; awaiting the CCG's figures.")
    page.screenshot(path=screenshots / "officer-update.png", full_page=True)
    click_and_wait(page, page.get_by_role("button", name="Save update"))
    assert message(page) == f"Your update to {action.reference} has been saved."
    assert page.url == f"{live_server.url}{BOARD}actions/{action.pk}/"
    assert heading(page) == f"Action {action.reference}"
    newest = first_history_entry(page)
    assert "· Mike Sandys · on the web" in newest
    assert "Status: GREEN → AMBER" in newest
    assert "Outturn report drafted; awaiting the CCG's figures." in newest
    action.refresh_from_db()
    assert action.status.code == "AMBER" and action.version == 2


# 3. The clerk emails a link; the officer, signed out, updates through it ------------------


def clerk_emails_an_update_link(page, sandys, a11y):
    # From the log (where the clerk is), through the officer's name, to his person page.
    page.get_by_role("link", name="Mike Sandys").first.click()
    page.wait_for_url(f"**/people/{sandys.pk}/")
    assert heading(page) == "Mike Sandys"
    check_accessibility(page, "person page (clerk)", a11y)
    assert len(mail.outbox) == 0
    click_and_wait(page, page.get_by_role("button", name="Email an update link"))
    assert message(page) == "An update link has been emailed to Mike Sandys."
    (email,) = mail.outbox
    assert email.to == ["mike.sandys@example.org"]
    (link,) = re.findall(r"https?://\S+/u/\S+/", email.body)
    return link


def officer_updates_through_the_link(page, link, action, a11y):
    assert page.goto(link).status == 200
    # The token was exchanged for a session: the address no longer carries it.
    token_free = link.split("/u/")[0] + "/u/"
    assert page.url == token_free
    assert heading(page) == "Your outstanding actions"
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    check_accessibility(page, "emailed link's actions page", a11y)
    listed = references(table(page, "Your outstanding actions")["rows"])
    assert {"340(a)", "341"} <= set(listed) and "340(b)" not in listed
    click_and_wait(page, page.get_by_role("link", name=f"Update {action.reference}", exact=True))
    assert heading(page) == f"Update action {action.reference}"
    check_accessibility(page, "officer update form (emailed link)", a11y)
    page.get_by_role("radio", name=re.compile(r"^RED")).check()
    page.get_by_label("Comment").fill("The draft assessment needs a second consultation.")
    click_and_wait(page, page.get_by_role("button", name="Save update"))
    assert message(page) == f"Your update to {action.reference} has been saved."
    assert heading(page) == "Your outstanding actions"
    assert page.url == token_free


def history_shows_the_link_update(page, live_server, action):
    goto(page, live_server, f"{BOARD}actions/")
    click_and_wait(page, page.get_by_role("link", name=action.reference, exact=True))
    assert page.url == f"{live_server.url}{BOARD}actions/{action.pk}/"
    newest = first_history_entry(page)
    assert "· Mike Sandys · via emailed link" in newest
    assert "Status: GREEN → RED" in newest
    assert "The draft assessment needs a second consultation." in newest
    update = action.updates.order_by("-version").first()
    assert (update.via, update.by_person.name, update.by_user) == ("link", "Mike Sandys", None)


# 5. Proposed complete, then closed by the clerk after confirming ---------------------------


def officer_proposes_complete(page, link, action):
    assert page.goto(link).status == 200
    click_and_wait(page, page.get_by_role("link", name=f"Update {action.reference}", exact=True))
    page.get_by_label("This action is complete: propose it for closure").check()
    page.get_by_label("Comment").fill("Outturn report presented; nothing further to do.")
    click_and_wait(page, page.get_by_role("button", name="Save update"))
    assert message(page) == f"Your update to {action.reference} has been saved."
    row = page.locator("table tbody tr").filter(
        has=page.get_by_role("rowheader", name=action.reference, exact=True)
    )
    expect(row).to_contain_text("Proposed for closure")
    action.refresh_from_db()
    assert action.state == "proposed"


def clerk_closes_at_the_next_meeting(page, live_server, action, meeting, screenshots, a11y):
    goto(page, live_server, f"{BOARD}actions/")
    summary_links = page.locator(".log-summary__links")
    click_and_wait(page, summary_links.get_by_role("link", name="Close actions"))
    assert heading(page) == "Close actions the board agreed are complete"
    check_accessibility(page, "close actions form", a11y)
    ticked = page.locator("input[name=actions]:checked")
    expect(ticked).to_have_count(1)
    assert ticked.get_attribute("value") == str(action.pk)
    box = page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(action.reference)} "))
    expect(box).to_be_checked()
    page.get_by_label("Agreed as complete at the meeting of").select_option(label="2 February 2017")
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert heading(page) == "Close 1 action?"
    expect(page.locator("main")).to_contain_text("As agreed at the meeting of 2 February 2017:")
    expect(page.locator("main li")).to_have_count(1)
    expect(page.locator("main li").first).to_contain_text(action.reference)
    check_accessibility(page, "close actions confirmation", a11y)
    page.screenshot(path=screenshots / "close-confirm.png", full_page=True)
    action.refresh_from_db()
    assert action.state == "proposed", "the action was closed before the clerk confirmed"

    click_and_wait(page, page.get_by_role("button", name="Yes, close it"))
    assert page.url == f"{live_server.url}{BOARD}actions/"
    assert message(page) == "1 action closed as agreed at the meeting of 2 February 2017."
    closed_heading = page.get_by_role("heading", name="Closed since the last meeting", level=2)
    expect(closed_heading).to_be_visible()
    assert references(table(page, "Closed since the last meeting")["rows"]) == [action.reference]
    assert action.reference not in outstanding_references(page)
    links = page.locator("main").get_by_role("link", name=action.reference, exact=True)
    expect(links).to_have_count(1)
    page.screenshot(path=screenshots / "log-closed-since.png", full_page=True)
    action.refresh_from_db()
    closed = (action.state, action.closed_at_meeting, action.closed_on)
    assert closed == ("closed", meeting, meeting.date)


def test_clerk_records_officer_updates_signed_in_and_by_link_clerk_closes(
    axe_page, second_page, live_server, demo, screenshots, settings
):
    # The emailed link should point at this test's server, as SITE_URL does in production.
    settings.SITE_URL = live_server.url
    clerk, officer = axe_page, second_page
    a11y, findings = [], []  # reported together at the end, so the journey runs through
    sandys = Person.objects.get(name="Mike Sandys")

    meeting, created = record_meeting_minutes_and_actions(
        clerk, live_server, demo, screenshots, a11y, findings
    )
    officer_updates_signed_in(officer, live_server, created["340(a)"], screenshots, a11y)

    sign_out(officer)
    link = clerk_emails_an_update_link(clerk, sandys, a11y)
    officer_updates_through_the_link(officer, link, created["341"], a11y)
    history_shows_the_link_update(clerk, live_server, created["341"])

    officer_proposes_complete(officer, link, created["340(a)"])
    clerk_closes_at_the_next_meeting(clerk, live_server, created["340(a)"], meeting, screenshots, a11y)

    assert_no_page_errors(clerk)
    assert_no_page_errors(officer)
    assert_accessible(a11y)
    assert not findings, "The journey went through, but:\n" + "\n".join(findings)


# 4. Expired and tampered links are refused, and change nothing ----------------------------


def tampered(token):
    """The token with three characters of its signature changed, as a bad copy might."""
    end = token[-3:]
    return token[:-3] + ("xyz" if end != "xyz" else "abc")


def snapshot():
    return (
        ActionUpdate.objects.count(),
        RefusedChange.objects.count(),
        sorted(Action.objects.values_list("pk", "version", "state", "status__code")),
    )


def test_expired_and_tampered_links_are_refused_and_change_nothing(
    axe_page, live_server, demo, screenshots, settings, monkeypatch
):
    page = axe_page
    settings.SITE_URL = live_server.url
    sandys = Person.objects.get(name="Mike Sandys")
    link = link_url(sandys)
    token = link.rstrip("/").rsplit("/", 1)[1]
    a11y = []
    before = snapshot()

    # The officer opens the update form from the link: the token is exchanged for a
    # session, and the update form's address carries no token...
    assert page.goto(link).status == 200
    click_and_wait(page, page.get_by_role("link", name="Update 330(d)", exact=True))
    update_url = page.url
    assert token not in update_url
    page.get_by_role("radio", name=re.compile(r"^GREEN")).check()
    page.get_by_label("Comment").fill("Written after the session ended.")

    # ...and saves it after the session has ended (an idle hour). The live server runs in a
    # thread of this process, so moving time on here moves it for the server too.
    later = timezone.now() + timedelta(minutes=settings.UPDATE_LINK_SESSION_MINUTES + 1)
    monkeypatch.setattr("boards.services.links.timezone.now", lambda: later)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Save update").click()
    assert navigation.value.status == 403
    assert heading(page) == "Open the link in your email again"
    expect(page.locator("main")).to_contain_text("Nothing has been changed.")
    # What the officer typed is shown back, not lost.
    expect(page.get_by_label("What you wrote")).to_have_value("Written after the session ended.")
    check_accessibility(page, "ended link session page", a11y)
    monkeypatch.undo()
    assert snapshot() == before

    # The link itself, after it has expired: refused.
    expired_at = time.time() + settings.UPDATE_LINK_MAX_AGE_DAYS * 86_400 + 3_600
    monkeypatch.setattr("django.core.signing.time.time", lambda: expired_at)
    assert page.goto(link).status == 403
    assert heading(page) == "This link has expired"
    expect(page.locator("main")).to_contain_text("Nothing has been changed.")
    check_accessibility(page, "expired link page", a11y)
    page.screenshot(path=screenshots / "link-refused.png", full_page=True)
    monkeypatch.undo()
    assert snapshot() == before

    # A tampered link is refused, and opens no session.
    bad = tampered(token)
    assert bad != token
    bad_home = link.replace(token, bad)
    assert page.goto(bad_home).status == 403
    assert heading(page) == "This link is not valid"
    expect(page.locator("main")).to_contain_text("Nothing has been changed.")
    check_accessibility(page, "tampered link page", a11y)
    assert page.goto(update_url).status == 403
    assert snapshot() == before

    # The good link still works, within its time: nothing was spent or changed.
    assert page.goto(link).status == 200
    assert heading(page) == "Your outstanding actions"
    assert snapshot() == before

    # The refusals are the only problems the pages reported: each is an HTTP 403, which
    # Chromium also logs as a console error ("Failed to load resource").
    refused = {update_url, link, bad_home}
    forbidden = (
        "console error 'Failed to load resource: the server responded with a status of 403 (Forbidden)'"
    )
    expected = [
        problem
        for problem in page.problems
        if any(problem in (f"HTTP 403: {url}", f"{forbidden}: {url}") for url in refused)
    ]
    page.problems = [p for p in page.problems if p not in expected]
    assert len(expected) == 2 * 4, f"expected four refusals (HTTP 403), saw: {expected}"
    assert_no_page_errors(page)
    assert_accessible(a11y)
