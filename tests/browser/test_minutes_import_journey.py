"""The clerk imports a meeting's minutes in real Chromium: paste, preview, correct one
officer, confirm; the board's log then shows the corrected officer.

The demo board already holds the minutes of 17 November 2016, so the journey imports
them into a second board that the demo clerk also keeps, with the same officers.
The preview and the first step are checked with axe-core.
"""

from pathlib import Path

import pytest

from boards.models import (
    Action,
    ActionUpdate,
    Board,
    Meeting,
    Membership,
    MinuteItem,
    Person,
    RagKey,
)

from .conftest import assert_no_page_errors
from .test_log_pages import goto, heading, table
from .test_working_journeys import (
    assert_accessible,
    check_accessibility,
    click_and_wait,
    column,
    expect,
    message,
    sign_in,
)

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits; serialized_rollback restores the RAG key presets.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = Path(__file__).resolve().parents[1] / "data" / "minutes_2016_11_17.txt"
SLUG = "hwb-import"


@pytest.fixture
def import_board(demo):
    """A board kept by the demo clerk, with the demo's officers Mike Sandys (Director of
    Public Health) and Mike McHugh, and no minutes yet."""
    board = Board.objects.create(
        slug=SLUG, name="Health and Wellbeing Board (import)", rag_key=RagKey.objects.get(slug="rag")
    )
    Membership.objects.create(board=board, person=Person.objects.get(name="Demo Clerk"), role="clerk")
    for name in ("Mike Sandys", "Mike McHugh"):
        Membership.objects.create(board=board, person=Person.objects.get(name=name), role="officer")
    return board


def test_clerk_pastes_previews_corrects_an_officer_and_confirms(
    axe_page, live_server, import_board, screenshots
):
    page, a11y = axe_page, []
    sign_in(page, live_server, "clerk", "demo-clerk-password")
    goto(page, live_server, f"/boards/{SLUG}/")
    click_and_wait(page, page.get_by_role("link", name="Import minutes"))
    assert heading(page) == "Import minutes"
    check_accessibility(page, "import minutes, first step", a11y)

    page.get_by_label("Meeting date").fill("17/11/2016")
    page.get_by_label("Paste the minutes text").fill(SEED.read_text(encoding="utf-8"))
    click_and_wait(page, page.get_by_role("button", name="Preview the import"))
    assert heading(page) == "Check the minutes before saving"
    legends = page.locator("fieldset.import-item > legend")
    expect(legends).to_have_count(15)
    expect(legends.first).to_have_text("Minute 320. Minutes and Action Log")
    expect(legends.last).to_have_text("Minute 334. Date of next meeting")
    unparsed = page.get_by_role("region", name="Text not read as minutes")
    expect(unparsed.get_by_role("heading", level=3)).to_have_text(["Lines 1 to 30", "Lines 270 to 273"])
    assert not MinuteItem.objects.filter(board=import_board).exists(), "the preview saved something"

    # The classifier proposed 330(d), with the Director of Public Health suggested by role.
    expect(page.get_by_label("Create an action for 330(d)")).to_be_checked()
    officers = page.get_by_label("Responsible officer(s) for 330(d)")
    expect(officers).to_have_value("Mike Sandys")
    check_accessibility(page, "import minutes, preview", a11y)
    page.locator("fieldset.import-item", has_text="Minute 330.").evaluate("e => e.scrollIntoView(true)")
    page.screenshot(path=screenshots / "clerk-minutes-import-preview.png")
    officers.fill("Mike McHugh")

    click_and_wait(page, page.get_by_role("button", name="Confirm and save"))
    assert heading(page) == "Meeting of Thursday 17 November 2016"
    # The minutes' Present list names 18 people: Mike Sandys is on this board and is recorded;
    # the clerk answered none of the others, so none is added (that is a choice, not a default).
    assert message(page) == (
        "Minutes of the meeting of 17 November 2016 imported: 15 minute items, "
        "19 resolutions and 6 actions. Attendance recorded: 1 present, 0 apologies, "
        "0 in attendance. 17 names from the attendance lists were not recorded: "
        "record them on the meeting form if needed."
    )
    meeting = Meeting.objects.get(board=import_board)
    assert list(meeting.attendance.values_list("person__name", "kind")) == [("Mike Sandys", "present")]
    assert MinuteItem.objects.filter(meeting=meeting).count() == 15
    action = Action.objects.get(board=import_board, reference="330(d)")
    assert [p.name for p in action.officers.all()] == ["Mike McHugh"]
    assert ActionUpdate.objects.get(action=action).via == "web"

    goto(page, live_server, f"/boards/{SLUG}/actions/")
    log = table(page, "action log")
    assert column(log, "Responsible Officer")["330(d)"] == "Mike McHugh"
    assert sorted(column(log, "Responsible Officer")) == [
        "326(c)",
        "327(b)",
        "330(b)",
        "330(c)",
        "330(d)",
        "333(b)",
    ]

    assert_no_page_errors(page)
    assert_accessible(a11y)
