"""The clerk brings in an existing action log in real Chromium: the file has a month heading
between its rows and two status words the board's key does not have. The preview lists the
heading as skipped and asks what the two words mean; the clerk chooses, imports, and the log
shows the actions with those statuses. axe checks the preview, also at a phone's width."""

import pytest

from boards.models import Action, RagStatus, StatusWordChoice

from .conftest import assert_no_page_errors
from .test_log_pages import goto, heading, table
from .test_minutes_import_journey import SLUG, import_board  # noqa: F401 - the fixture
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
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A log as a clerk keeps it in Excel, saved as CSV: a title row, the headings, a month
# heading, and status words of the board's own ("Parked", "With legal").
LOG = (
    b"Health and Wellbeing Board action log,,,,\n"
    b"Ref,Date,Action,Lead,Update,Status\n"
    b"March 2024,,,,,\n"
    b"HWB/1,14/03/2024,Circulate the falls prevention plan to members,Mike Sandys,Sent 20 March,Complete\n"
    b"HWB/2,14/03/2024,Report on the dental access pilot,Mike McHugh,Paused until the new contract,Parked\n"
    b"HWB/3,14/03/2024,Agree the data sharing protocol with partners,Mike Sandys,"
    b"Draft with the lawyers,With legal\n"
)


def test_clerk_maps_two_status_words_sees_the_month_heading_skipped_and_imports(
    axe_page, live_server, import_board
):  # noqa: F811 - the fixture
    page, a11y = axe_page, []
    sign_in(page, live_server, "clerk", "demo-clerk-password")
    goto(page, live_server, f"/boards/{SLUG}/actions/import/")
    page.get_by_label("Action log file").set_input_files(
        files=[{"name": "hwb-log.csv", "mimeType": "text/csv", "buffer": LOG}]
    )
    click_and_wait(page, page.get_by_role("button", name="Upload and preview"))
    assert heading(page) == "Check the import"

    # The month heading is shown as skipped, with its row and why.
    skipped = page.locator("table").filter(has=page.locator("caption", has_text="not an action"))
    expect(skipped.locator("tbody tr")).to_have_count(1)
    expect(skipped.locator("tbody tr").first).to_contain_text("March 2024")
    expect(skipped.locator("tbody tr").first).to_contain_text("Month heading")
    # "Complete" is understood; the board's own two words must be chosen.
    parked = page.get_by_label("“Parked”")
    legal = page.get_by_label("“With legal”")
    expect(parked).to_have_value("")
    expect(legal).to_have_value("")
    expect(page.locator(".error-summary")).to_contain_text("Parked")
    check_accessibility(page, "log import preview, two status words to choose", a11y)
    page.set_viewport_size({"width": 390, "height": 844})
    check_accessibility(page, "log import preview at 390 px", a11y)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1400, "height": 900})
    assert not Action.objects.filter(board=import_board).exists(), "the preview saved something"

    amber = RagStatus.objects.get(key=import_board.rag_key, code="AMBER")
    red = RagStatus.objects.get(key=import_board.rag_key, code="RED")
    parked.select_option(str(amber.pk))
    legal.select_option(str(red.pk))
    click_and_wait(page, page.get_by_role("button", name="Preview with these choices"))
    expect(page.locator(".error-summary")).to_have_count(0)
    check_accessibility(page, "log import preview, ready", a11y)

    click_and_wait(page, page.get_by_role("button", name="Import 3 actions"))
    assert "3 actions imported from hwb-log.csv" in message(page)
    statuses = dict(Action.objects.filter(board=import_board).values_list("reference", "status__code"))
    assert statuses == {"HWB/1": "GREEN", "HWB/2": "AMBER", "HWB/3": "RED"}
    # The choices are remembered for the board's next import.
    remembered = dict(StatusWordChoice.objects.filter(board=import_board).values_list("word", "status__code"))
    assert remembered["parked"] == "AMBER" and remembered["with legal"] == "RED"

    goto(page, live_server, f"/boards/{SLUG}/actions/")
    log = table(page, "action log")
    assert sorted(column(log, "Status")) == ["HWB/1", "HWB/2", "HWB/3"]
    assert_no_page_errors(page)
    assert_accessible(a11y)
