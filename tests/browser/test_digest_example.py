"""The reminder digest as an officer sees it: Mike Sandys' email of 26 December 2016,
ten days before the meeting of 5 January 2017.

With `make screenshots` the text and HTML parts go to docs/ and a picture of the
HTML to docs/screenshots/digest.png, for the README.
"""

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from boards.reminders import sender

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def _sweep_until(day: date):
    start = date(2016, 11, 17)
    for offset in range((day - start).days + 1):
        sender.sweep(
            timezone.make_aware(
                datetime.combine(start + timedelta(days=offset), datetime.min.time()).replace(hour=8)
            )
        )


def test_mike_sandys_digest_lists_his_actions_in_the_logs_columns(demo, page, screenshots):
    _sweep_until(date(2016, 12, 26))
    message = [m for m in mail.outbox if m.to == ["mike.sandys@example.org"]][-1]
    html = message.alternatives[0][0]
    assert message.subject == "Your actions: 4 to update"
    for ref in ("326(c)", "330(b)", "330(d)", "333(b)"):
        assert ref in message.body and ref in html
    assert html.count("Update before the meeting") == 4

    folder = ROOT / "docs" if os.environ.get("ACTIONLOG_SCREENSHOTS") == "1" else screenshots
    (folder / "digest-mike-sandys.txt").write_text(f"Subject: {message.subject}\n\n{message.body}")
    (folder / "digest-mike-sandys.html").write_text(html)
    page.set_viewport_size({"width": 900, "height": 900})
    page.set_content(html)
    assert page.get_by_role("link", name="Update your actions").is_visible()
    rows = page.locator("tbody tr")
    assert rows.count() == 4
    page.screenshot(path=screenshots / "digest.png", full_page=True)
