"""The clerk brings in one minute pasted without its heading, in real Chromium: the preview
reads it as one item to number; the clerk numbers and titles it, splits a resolution the
parser read as one, and confirms. axe checks the preview before and after the split."""

import pytest

from boards.models import Action, MinuteItem, Resolution

from .conftest import assert_no_page_errors
from .test_log_pages import goto, heading
from .test_minutes_import_journey import SLUG, import_board  # noqa: F401 - the fixture
from .test_working_journeys import assert_accessible, check_accessibility, click_and_wait, expect, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# One minute as a clerk copies it out of the PDF: no number, no title, the decision last.
PASTED = (
    "Members heard how the community transport pilot had been used since its launch in July, and "
    "asked how many of the journeys were to hospital appointments.\n"
    "RESOLVED: That the pilot be welcomed; the Director of Public Health to report on its take-up "
    "to the March meeting.\n"
)


def test_clerk_numbers_a_heading_less_minute_splits_a_resolution_and_confirms(
    axe_page, live_server, import_board
):  # noqa: F811 - the fixture
    page, a11y = axe_page, []
    sign_in(page, live_server, "clerk", "demo-clerk-password")
    goto(page, live_server, f"/boards/{SLUG}/minutes/import/")
    page.get_by_label("Meeting date").fill("19/01/2017")
    page.get_by_label("Paste the minutes text").fill(PASTED)
    click_and_wait(page, page.get_by_role("button", name="Preview the import"))
    assert heading(page) == "Check the minutes before saving"
    expect(page.locator("#unnumbered")).to_contain_text("No minute number was found in the text")
    expect(page.locator("fieldset.import-item > legend")).to_have_text(["Minute item 1 (no number found)"])
    check_accessibility(page, "minutes preview, one item without a number", a11y)

    page.get_by_label("Minute number").fill("341")
    page.get_by_label("Title").fill("Community transport pilot")
    page.get_by_text("Change how this resolution was read").click()
    page.get_by_label("Split resolution 1 of minute item 1 before").select_option(
        label="“the Director of Public Health to…”"
    )
    click_and_wait(page, page.get_by_role("button", name="Split (resolution 1 of minute item 1)"))

    # The split is shown before anything is saved, and what the clerk typed is kept.
    resolutions = page.locator("li.import-resolution > p")
    expect(resolutions).to_have_count(2)
    expect(resolutions.nth(0)).to_contain_text("That the pilot be welcomed;")
    expect(resolutions.nth(1)).to_contain_text("the Director of Public Health to report on its take-up")
    expect(page.get_by_label("Minute number")).to_have_value("341")
    expect(page.get_by_label("Title")).to_have_value("Community transport pilot")
    expect(page.get_by_label("Create an action for resolution 1 of minute item 1")).not_to_be_checked()
    expect(page.get_by_label("Create an action for resolution 2 of minute item 1")).to_be_checked()
    expect(page.get_by_label("Responsible officer(s) for resolution 2 of minute item 1")).to_have_value(
        "Mike Sandys"
    )
    expect(page.get_by_label("Due for resolution 2 of minute item 1")).to_have_value("to the March meeting")
    assert not MinuteItem.objects.filter(board=import_board).exists(), "the preview saved something"
    check_accessibility(page, "minutes preview after a split", a11y)

    click_and_wait(page, page.get_by_role("button", name="Confirm and save"))
    assert heading(page) == "Meeting of Thursday 19 January 2017"
    item = MinuteItem.objects.get(board=import_board)
    assert (item.number, item.title) == ("341", "Community transport pilot")
    assert list(Resolution.objects.filter(minute_item=item).values_list("text", flat=True)) == [
        "That the pilot be welcomed;",
        "the Director of Public Health to report on its take-up to the March meeting.",
    ]
    action = Action.objects.get(board=import_board)
    assert action.reference == "341(2)"  # two unlabelled resolutions: numbered by place
    assert [p.name for p in action.officers.all()] == ["Mike Sandys"]
    assert_no_page_errors(page)
    assert_accessible(a11y)
