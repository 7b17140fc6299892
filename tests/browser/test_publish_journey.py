"""The clerk publishes the log for a meeting's agenda pack, in real Chromium; a later
update does not change the published copy, which downloads as a PDF of the frozen rows.
The publish form and the published copy are checked with axe-core."""

import io

import pytest

from boards.models import Action, Meeting, UpdateVia
from boards.services.updating import Actor, change

from .conftest import assert_no_page_errors
from .test_log_pages import goto, heading, table
from .test_working_journeys import (
    assert_accessible,
    check_accessibility,
    click_and_wait,
    expect,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "leicestershire-hwb"


def test_clerk_publishes_the_log_and_the_copy_stays_as_published(
    axe_page, live_server, demo, pdf_reader, screenshots
):
    page, a11y = axe_page, []
    meeting = Meeting.objects.filter(board=demo).order_by("-starts_at").first()  # the next one
    when = f"{meeting.date.day} {meeting.date:%B %Y}"
    sign_in(page, live_server, "clerk", "demo-clerk-password")

    goto(page, live_server, f"/boards/{SLUG}/meetings/{meeting.pk}/")
    expect(page.get_by_text("The action log has not been published for this meeting.")).to_be_visible()
    click_and_wait(page, page.get_by_role("link", name="Publish the action log"))
    assert heading(page) == f"Publish the action log for the meeting of {when}"
    check_accessibility(page, "publish form", a11y)
    page.get_by_label("Outstanding (9 actions)").check()
    click_and_wait(page, page.get_by_role("button", name="Publish the log"))

    expect(page.get_by_text(f"Published 9 actions for the meeting of {when}.")).to_be_visible()
    check_accessibility(page, "published copy", a11y)
    page.screenshot(path=screenshots / "published-log.png")
    published_url = page.url
    rows = table(page, "Action Log")["rows"]
    assert [row[0] for row in rows][:3] == ["254(e)", "266(c)", "286(b)"]

    # An officer's update afterwards changes the live log, not the published copy.
    action = Action.objects.get(board=demo, reference="330(b)")
    change(action, actor=Actor(via=UpdateVia.SYSTEM), comment="Written after the papers went out.")
    page.goto(published_url)
    assert "Written after the papers went out." not in page.content()
    goto(page, live_server, f"/boards/{SLUG}/actions/")
    expect(page.get_by_text("Written after the papers went out.")).to_be_visible()

    goto(page, live_server, f"/boards/{SLUG}/meetings/{meeting.pk}/")
    listed = page.locator("#published")
    expect(listed.get_by_role("link", name="PDF")).to_be_visible()
    assert_no_page_errors(page)
    # A download is reported by Chromium as an aborted navigation: checked above, before it.
    with page.expect_download() as download:
        listed.get_by_role("link", name="PDF").click()
    pdf = pdf_reader(io.BytesIO(open(download.value.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "330(b)" in text and "Written after the papers went out." not in text
    assert_accessible(a11y)
