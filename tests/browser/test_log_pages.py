"""The read side in real Chromium: the board log, filtering by clicking, the action,
meeting and home pages, the print view as a PDF, and axe-core's accessibility checks.

Screenshots of each page go to docs/screenshots/ with `make screenshots`.
"""

import io
from urllib.parse import parse_qs, urlparse

import pytest

from boards.models import Action, Meeting

from .conftest import assert_no_page_errors

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits. The RAG key presets come from a data migration,
    # which a transactional test's flush would remove: serialized_rollback restores them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SLUG = "leicestershire-hwb"
LOG = f"/boards/{SLUG}/actions/"
PRINT = f"/boards/{SLUG}/actions/print/"

# The papers' action log of 17 November 2016: No., Date, Responsible Officer, Status.
EXPECTED_ROWS = [
    ("254(e)", "07/01/16", "Paul Meredith", "GREEN"),
    ("266(c)", "10/03/16", "Jim Bosworth/ Mike McHugh", "GREEN"),
    ("286(b)", "05/05/16", "Rosemary Palmer", "GREEN"),
    ("326(c)", "17/11/16", "Mike Sandys", "GREEN"),
    ("327(b)", "17/11/16", "Rosemary Palmer/ Toby Sanders", "GREEN"),
    ("330(b)", "17/11/16", "Mike Sandys", "GREEN"),
    ("330(c)", "17/11/16", "Mike McHugh", "GREEN"),
    ("330(d)", "17/11/16", "Mike Sandys", "AMBER"),
    ("333(b)", "17/11/16", "Vandna Gohil/ Mike Sandys", "AMBER"),
]
LOG_COLUMNS = ("No.", "Date", "Responsible Officer", "Status")

# Reads a table from the DOM as the eye sees it: visually-hidden text (sort hints,
# screen-reader notes) is left out, and a cell holding a status tag reads as the tag.
READ_TABLE_JS = """
table => {
  const visible = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach(n => n.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const headings = [...table.querySelectorAll('thead th')].map(visible);
  const rows = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(cell => {
    const tag = cell.querySelector('.status');
    return tag ? visible(tag) : visible(cell);
  }));
  return {headings, rows};
}
"""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN_JS = """
async tags => {
  const results = await axe.run(
    document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.join(' '), html: n.html, summary: n.failureSummary,
    })),
  }));
}
"""


def table(page, caption):
    """The headings and rows of the table whose caption contains `caption`."""
    found = page.locator("table").filter(has=page.locator("caption", has_text=caption))
    return found.evaluate(READ_TABLE_JS)


def read_log(page):
    """The log table's No., Date, Responsible Officer and Status columns, row by row."""
    data = table(page, "action log")
    columns = [data["headings"].index(name) for name in LOG_COLUMNS]
    return [tuple(row[i] for i in columns) for row in data["rows"]]


def goto(page, live_server, path):
    response = page.goto(live_server.url + path)
    status = response.status if response else None
    assert status == 200, f"{path} answered HTTP {status}"


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def meeting_of_17_november(board):
    return Meeting.objects.get(board=board, starts_at__date="2016-11-17")


def test_log_filters_by_clicking_and_leads_to_the_action(page, live_server, demo, screenshots):
    goto(page, live_server, LOG)
    assert heading(page) == "Action log"
    assert read_log(page) == EXPECTED_ROWS
    page.screenshot(path=screenshots / "board-log.png", full_page=True)

    amber = page.get_by_role("checkbox", name="Amber", exact=True)
    amber.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(lambda url: "status=" in url)
    assert parse_qs(urlparse(page.url).query)["status"] == ["AMBER"]
    assert amber.is_checked()
    assert read_log(page) == [row for row in EXPECTED_ROWS if row[0] in ("330(d)", "333(b)")]
    page.screenshot(path=screenshots / "board-log-filtered.png", full_page=True)

    page.get_by_role("link", name="330(d)", exact=True).click()
    action = Action.objects.get(board=demo, reference="330(d)")
    page.wait_for_url(f"**/boards/{SLUG}/actions/{action.pk}/")
    assert heading(page) == "Action 330(d)"
    entries = page.locator("ol.history > li.history__entry")
    assert entries.count() == 2
    # Newest first: the log's update at the papers' date, then the action's creation
    # when the meeting that raised it ended.
    newest, created = (" ".join(entries.nth(i).inner_text().split()) for i in range(2))
    assert newest.startswith("17 November 2016, 16:30 · Recorded · imported from the papers")
    assert "Status: GREEN → AMBER" in newest
    assert "Population estimates include all prisoners" in newest
    assert created.startswith("17 November 2016, 15:55 · Recorded · imported from the papers")
    assert "Created" in created and "Status: GREEN" in created
    page.screenshot(path=screenshots / "action.png", full_page=True)
    assert_no_page_errors(page)


def test_meeting_and_home_pages(page, live_server, demo, screenshots):
    goto(page, live_server, f"/boards/{SLUG}/meetings/{meeting_of_17_november(demo).pk}/")
    assert heading(page) == "Meeting of Thursday 17 November 2016"
    raised = table(page, "Actions raised at this meeting")["rows"]
    assert [row[0] for row in raised] == [
        "326(c)",
        "327(b)",
        "330(b)",
        "330(c)",
        "330(d)",
        "333(b)",
    ]
    page.screenshot(path=screenshots / "meeting.png", full_page=True)

    goto(page, live_server, "/")
    assert heading(page) == "Boards and their action logs"
    assert [row[0] for row in table(page, "Boards you can see")["rows"]] == [demo.name]
    page.screenshot(path=screenshots / "home.png", full_page=True)
    assert_no_page_errors(page)


def test_print_view_prints_on_a4_landscape_with_every_row(page, live_server, demo, screenshots, pdf_reader):
    goto(page, live_server, PRINT)
    reader = pdf_reader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(reader.pages) >= 1
    for number, pdf_page in enumerate(reader.pages, 1):
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert size == pytest.approx((841.89, 595.28), abs=1), (
            f"PDF page {number} is {size} points, not A4 landscape"
        )
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for reference, _, officers, _ in EXPECTED_ROWS:
        assert reference in text, f"{reference} is not in the printed PDF"
        for name in officers.split("/ "):
            assert name in text, f"{name} ({reference}) is not in the printed PDF"

    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.emulate_media(media="print")
    page.screenshot(path=screenshots / "print-view.png")
    assert_no_page_errors(page)


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    target: {node['target']}")
            lines.append(f"    html:   {node['html']}")
            lines.append("    " + node["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


# axe-core's checks of every page, as each role and under the real Content-Security-Policy,
# are in test_every_page.py.
