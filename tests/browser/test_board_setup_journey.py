"""A board set up without the Django admin, in real Chromium (issue 13's Done-when).

The organisation admin (the demo's governance lead, who has no role on any board) creates a
board from the BRAG preset, pastes three people, invites one (the invitation email is opened
and the password set) and makes her the clerk. The new clerk records a meeting with its
attendance, logs an action for "Vandna Gohill" and accepts "did you mean Vandna Gohil?",
withdraws an action logged by mistake, and merges two records of one person. axe-core finds
no violation, of any impact, on any of these pages, also at a phone's width on some.
"""

import re

import pytest
from django.core import mail

from boards.models import Action, ActionState, Attendance, Board, Person, SetupKind, SetupRecord

from .conftest import AXE, assert_no_page_errors
from .test_log_pages import AXE_RUN_JS, WCAG_TAGS, describe, goto, heading, table
from .test_working_journeys import click_and_wait, expect, message, sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "children-and-families-partnership"
PHONE = {"width": 390, "height": 844}
PEOPLE = (
    "Vandna Gohil, Consultant in Public Health, vandna.gohil@example.org\n"
    "Jane Fairbrother, Democratic Services Officer, jane.fairbrother@example.org\n"
    "Sam Oduya, Head of Early Help, sam.oduya@example.org\n"
)
NEW_PASSWORD = "a-long-new-clerk-passphrase-2026"


def check(page, name, found, *, phone=False):
    """Every axe-core violation (any impact) on the current page into `found`; with
    `phone`, again at 390 px, where nothing may be wider than the screen."""
    widths = [None, PHONE] if phone else [None]
    for size in widths:
        if size:
            page.set_viewport_size(size)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN_JS, WCAG_TAGS)
        label = f"{name}{' at 390 px' if size else ''}"
        if violations:
            found.append(f"{label} ({page.url}):\n{describe(violations)}")
        if size:
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                found.append(f"{label}: the page is {width} px wide")
            page.set_viewport_size({"width": 1400, "height": 900})


def admin_creates_the_board_and_its_people(page, live_server, screenshots, a11y):
    sign_in(page, live_server, "governance", "demo-admin-password")
    click_and_wait(page, page.get_by_role("link", name="Your organisations"))
    assert heading(page) == "Leicestershire County Council"
    check(page, "organisation page", a11y, phone=True)

    click_and_wait(page, page.get_by_role("link", name="Create a board"))
    assert heading(page) == "Create a board"
    page.get_by_label("Name", exact=True).fill("Children and Families Partnership")
    page.get_by_label("Blue / Red / Amber / Green (BRAG)").check()
    check(page, "create a board", a11y, phone=True)
    page.screenshot(path=screenshots / "setup-create-board.png", full_page=True)
    click_and_wait(page, page.get_by_role("button", name="Create board"))
    assert "Board Children and Families Partnership created." in message(page)
    board = Board.objects.get(slug=SLUG)
    assert board.rag_key.slug == f"{SLUG}-key", "the board has its own copy of the preset"
    assert list(board.rag_key.statuses.values_list("code", flat=True)) == ["RED", "AMBER", "GREEN", "BLUE"]

    click_and_wait(page, page.get_by_role("link", name="add its people"))
    assert heading(page) == "People"
    check(page, "people, empty", a11y)
    click_and_wait(page, page.get_by_role("link", name="Add people"))
    page.get_by_label("People, one per line").fill(PEOPLE)
    check(page, "add people", a11y, phone=True)
    click_and_wait(page, page.get_by_role("button", name="Add people"))
    assert "3 people added to Children and Families Partnership" in message(page)
    people = table(page, "People on Children and Families Partnership")
    assert sorted(row[0] for row in people["rows"]) == ["Jane Fairbrother", "Sam Oduya", "Vandna Gohil"]
    # The demo's Vandna Gohil (an officer of the Health and Wellbeing Board) is the same
    # person, by name and email: not entered twice.
    assert Person.objects.filter(name="Vandna Gohil").count() == 1
    check(page, "people list", a11y, phone=True)
    page.screenshot(path=screenshots / "setup-people.png", full_page=True)
    return board


def admin_invites_the_clerk(page, live_server, a11y):
    people = page.get_by_role("table")
    click_and_wait(
        page, people.get_by_role("row", name=re.compile("Jane Fairbrother")).get_by_role("link", name="Edit")
    )
    assert heading(page) == "Jane Fairbrother"
    check(page, "a person's page (edit)", a11y, phone=True)
    click_and_wait(page, page.get_by_role("link", name="Invite to sign in"))
    assert heading(page) == "Invite Jane Fairbrother to sign in"
    check(page, "invite", a11y)
    mail.outbox.clear()
    click_and_wait(page, page.get_by_role("button", name="Send invitation"))
    assert "An invitation has been emailed to Jane Fairbrother." in message(page)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jane.fairbrother@example.org"]

    # Make her the clerk: only an organisation admin may.
    click_and_wait(page, page.get_by_role("button", name="Add the Clerk role"))
    assert "Jane Fairbrother is now Clerk of Children and Families Partnership." in message(page)
    assert SetupRecord.objects.filter(kind=SetupKind.ROLE_ADDED, person__name="Jane Fairbrother").exists()
    return mail.outbox[0]


def clerk_sets_her_password(page, live_server, invitation, a11y):
    sign_out(page)
    link = re.search(r"https?://\S+/accounts/reset/\S+/", invitation.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{live_server.url}/{path}")  # Django answers the token with a redirect
    assert heading(page) == "Choose a new password"
    check(page, "set password from the invitation", a11y)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Save password"))
    sign_in(page, live_server, "jane.fairbrother@example.org", NEW_PASSWORD)


def clerk_records_a_meeting_with_attendance(page, live_server, screenshots, a11y):
    goto(page, live_server, f"/boards/{SLUG}/")
    click_and_wait(page, page.get_by_role("link", name="New meeting"))
    page.get_by_label("Date", exact=True).fill("14/01/2027")
    page.get_by_label("Start", exact=True).fill("10:00")
    page.get_by_label("Venue").fill("County Hall, Glenfield")
    page.get_by_role("group", name="Vandna Gohil").get_by_label("Present").check()
    page.get_by_role("group", name="Jane Fairbrother").get_by_label("In attendance").check()
    page.get_by_role("group", name="Sam Oduya").get_by_label("Apologies").check()
    check(page, "new meeting with attendance", a11y, phone=True)
    page.screenshot(path=screenshots / "setup-meeting-attendance.png", full_page=True)
    click_and_wait(page, page.get_by_role("button", name="Save meeting"))
    assert "saved" in message(page)
    attendance = dict(
        Attendance.objects.filter(meeting__board__slug=SLUG).values_list("person__name", "kind")
    )
    assert attendance == {
        "Vandna Gohil": "present",
        "Jane Fairbrother": "in_attendance",
        "Sam Oduya": "apologies",
    }
    expect(page.get_by_role("heading", name="Apologies")).to_be_visible()
    check(page, "meeting page with attendance", a11y)


def clerk_logs_actions_and_accepts_the_suggestion(page, live_server, screenshots, a11y):
    vandna = Person.objects.get(name="Vandna Gohil")
    people_before = Person.objects.count()
    click_and_wait(page, page.get_by_role("link", name="Record actions"))
    page.get_by_label("Row 1 reference", exact=True).fill("1")
    page.get_by_label("Row 1 action", exact=True).fill(
        "Bring the early help needs assessment to the next meeting."
    )
    page.get_by_label("Row 1 responsible officer(s)", exact=True).fill("Vandna Gohill")
    page.get_by_label("Row 2 reference", exact=True).fill("2")
    page.get_by_label("Row 2 action", exact=True).fill("Circulate the assessment (entered twice by mistake).")
    page.get_by_label("Row 2 responsible officer(s)", exact=True).fill("Sam Oduya")
    click_and_wait(page, page.get_by_role("button", name="Save actions"))
    expect(page.locator(".error-summary")).to_contain_text("Row 1, responsible officer(s)")
    expect(
        page.get_by_text(
            "“Vandna Gohill” is not one of this board's people. Did you mean Vandna Gohil?", exact=True
        )
    ).to_be_visible()
    assert not Action.objects.filter(board__slug=SLUG).exists(), "saved before the name was answered"
    check(page, "record actions, did you mean", a11y, phone=True)
    page.screenshot(path=screenshots / "setup-did-you-mean.png", full_page=True)
    page.get_by_role("group", name="Who is “Vandna Gohill”?").get_by_label("Vandna Gohil", exact=True).check()
    click_and_wait(page, page.get_by_role("button", name="Save actions"))
    assert message(page) == "2 actions recorded: 1, 2."
    first = Action.objects.get(board__slug=SLUG, reference="1")
    assert list(first.officers.all()) == [vandna]
    assert Person.objects.count() == people_before, "a typo made a new person"


def clerk_withdraws_the_mistake(page, live_server, a11y):
    mistake = Action.objects.get(board__slug=SLUG, reference="2")
    goto(page, live_server, f"/boards/{SLUG}/actions/{mistake.pk}/")
    click_and_wait(page, page.get_by_role("link", name="Withdraw"))
    assert heading(page) == "Withdraw action 2?"
    page.get_by_label("Reason").fill("Recorded in error: the same as action 1.")
    check(page, "withdraw an action", a11y, phone=True)
    click_and_wait(page, page.get_by_role("button", name="Withdraw action"))
    assert message(page) == "2 withdrawn."
    expect(
        page.get_by_text("This action was withdrawn: Recorded in error: the same as action 1.")
    ).to_be_visible()
    check(page, "a withdrawn action", a11y)
    assert Action.objects.get(pk=mistake.pk).state == ActionState.WITHDRAWN

    goto(page, live_server, f"/boards/{SLUG}/actions/")
    assert [row[0] for row in table(page, "action log")["rows"]] == ["1"]
    goto(page, live_server, f"/boards/{SLUG}/actions/?view=all")
    rows = {row[0]: row for row in table(page, "action log")["rows"]}
    assert set(rows) == {"1", "2"} and "Withdrawn" in " ".join(rows["2"])


def clerk_merges_a_duplicate(page, live_server, screenshots, a11y):
    # A second record of Sam, added by mistake: the paste asks first, and the clerk says
    # (wrongly) that they are different people.
    goto(page, live_server, f"/boards/{SLUG}/people/add/")
    page.get_by_label("People, one per line").fill("Sam Oduyah, Head of Early Help\n")
    click_and_wait(page, page.get_by_role("button", name="Add people"))
    expect(page.locator(".error-summary")).to_contain_text("did you mean Sam Oduya")
    check(page, "add people, did you mean", a11y)
    page.get_by_label("These are different people: add them as new").check()
    click_and_wait(page, page.get_by_role("button", name="Add people"))
    assert "1 person added" in message(page) or "added to Children and Families Partnership" in message(page)
    duplicate = Person.objects.get(name="Sam Oduyah")

    goto(page, live_server, f"/boards/{SLUG}/people/")
    people = page.get_by_role("table")
    click_and_wait(
        page, people.get_by_role("row", name=re.compile(r"Sam Oduya\b(?!h)")).get_by_role("link", name="Edit")
    )
    click_and_wait(page, page.get_by_role("link", name="Merge a duplicate into Sam Oduya"))
    assert heading(page) == "Merge a duplicate into Sam Oduya"
    page.get_by_label("The record to merge into Sam Oduya").select_option(str(duplicate.pk))
    check(page, "merge, choose", a11y, phone=True)
    click_and_wait(page, page.get_by_role("button", name="Continue"))
    assert heading(page) == "Merge Sam Oduyah into Sam Oduya?"
    check(page, "merge, confirm", a11y, phone=True)
    page.screenshot(path=screenshots / "setup-merge.png", full_page=True)
    click_and_wait(page, page.get_by_role("button", name="Merge into Sam Oduya"))
    assert "Sam Oduyah has been merged into Sam Oduya." in message(page)
    kept = Person.objects.get(name="Sam Oduya")
    assert Person.objects.get(pk=duplicate.pk).merged_into == kept

    goto(page, live_server, f"/people/{kept.pk}/")
    expect(page.get_by_text(re.compile("Merged with Sam Oduyah on"))).to_be_visible()
    check(page, "person page after a merge", a11y)


def test_organisation_admin_sets_up_a_board_and_its_clerk_runs_it(axe_page, live_server, demo, screenshots):
    page, a11y = axe_page, []
    admin_creates_the_board_and_its_people(page, live_server, screenshots, a11y)
    invitation = admin_invites_the_clerk(page, live_server, a11y)
    clerk_sets_her_password(page, live_server, invitation, a11y)
    clerk_records_a_meeting_with_attendance(page, live_server, screenshots, a11y)
    clerk_logs_actions_and_accepts_the_suggestion(page, live_server, screenshots, a11y)
    clerk_withdraws_the_mistake(page, live_server, a11y)
    clerk_merges_a_duplicate(page, live_server, screenshots, a11y)
    assert_no_page_errors(page)
    assert not a11y, "axe-core found violations:\n" + "\n".join(a11y)
