"""Input held to sane bounds, whatever the path (issue 11, items 3, 13 to 18 and 20).

Dates far off (31/12/9999), texts of megabytes, things written as dates that are not
dates, a meeting form that crashed, a clerk's reason in the Comments column, the wrong
"what changed meanwhile", and actions with no due date sorted before overdue ones.
"""

import logging
from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from boards.importers.action_log import read_log
from boards.models import Action, ActionUpdate, Digest, Meeting, Reminder, ReminderPolicy
from boards.reminders import sender
from boards.services.imports.action_log import preview_log
from boards.services.updating import Actor, change

from .factories import make_meeting
from .html_tables import read_table

pytestmark = pytest.mark.django_db
SLUG = "small-board"  # tests/board_world.py: Olu Officer is an officer of 201(a) and 201(b)
TEN_MB = "x" * (10 * 1024 * 1024)


def action(ref):
    return Action.objects.get(board__slug=SLUG, reference=ref)


def status_pk(code):
    return action("201(b)").board.rag_key.statuses.get(code=code).pk


def at(day, hour=8):
    return timezone.make_aware(datetime.fromisoformat(day).replace(hour=hour))


@pytest.fixture
def officer(officer_of_small_board):
    return officer_of_small_board


@pytest.fixture
def clerk(clerk_of_small_board):
    return clerk_of_small_board


def edit(clerk, a, **changes):
    data = {
        "reference": a.reference,
        "description": a.description,
        "officers": "/ ".join(link.person.name for link in a.officer_links.all()),
        "due": a.due_text or (a.due_date.strftime("%d/%m/%Y") if a.due_date else ""),
        "status": a.status_id,
        "reason": "",
        "version": a.version,
        **changes,
    }
    return clerk.post(reverse("boards:edit_action", args=[SLUG, a.pk]), data)


# 3. One date stops every reminder -------------------------------------------------------


def test_an_officer_cannot_set_a_due_date_of_31_12_9999(officer):
    a = action("201(b)")
    response = officer.post(
        reverse("boards:update_action", args=[SLUG, a.pk]),
        {"status": a.status_id, "revised_due": "31/12/9999", "due_reason": "Never.", "version": a.version},
    )
    assert response.status_code == 200
    assert "Enter a date between 01/01/1970 and 31/12/2099." in response.content.decode()
    assert action("201(b)").version == a.version


def test_the_service_refuses_a_date_out_of_range_whatever_the_path(small_board):
    a = action("201(b)")
    for field, value in [("due_date", date(9999, 12, 31)), ("raised_on", date(1, 1, 1))]:
        with pytest.raises(ValidationError) as refused:
            change(a, actor=Actor(via="system"), **{field: value})
        assert field in refused.value.message_dict
    assert action("201(b)").version == a.version


def test_a_due_date_of_31_12_9999_stored_anyway_stops_no_other_reminder(small_board, caplog):
    """Data from before the bounds, or written with SQL: the sweep skips that action only."""

    def sent(results):
        return {
            (result.person, reminder.kind, reminder.action.reference)
            for result in results
            for reminder in result.reminders
        }

    make_meeting(small_board.board, when=datetime(2016, 12, 6, 15, 0))  # ten days on: "meeting" reminders
    expected = sent(sender.sweep(at("2016-11-26")))
    assert ("Olu Officer", "meeting", "201(a)") in expected
    mail.outbox.clear()

    # The same sweep again, from scratch, with one action due on the calendar's last day.
    Reminder.objects.all().delete()
    Digest.objects.all().delete()
    Action.objects.filter(pk=action("201(a)").pk).update(due_date=date(9999, 12, 31))
    caplog.set_level(logging.ERROR, logger="boards.reminders")
    results = sender.sweep(at("2016-11-26"))
    assert len(mail.outbox) == 2 and all(r.status == "sent" for r in results)  # Olu Officer, Pat Partner
    assert sent(results) == {item for item in expected if item[2] != "201(a)"}
    assert any(
        "could not be planned" in r.getMessage() and "OverflowError" in r.getMessage() for r in caplog.records
    )
    # "Send a reminder now" to the officer of that action works too.
    result = sender.chase(small_board.officer, small_board.board, now=at("2016-11-27"))
    assert result.status == "sent" and "201(a)" in mail.outbox[-1].body


# 13. A 10 MB comment ----------------------------------------------------------------------


def test_a_ten_megabyte_comment_is_refused_by_the_service(small_board):
    a = action("201(b)")
    with pytest.raises(ValidationError) as refused:
        change(a, actor=Actor(via="link"), comment=TEN_MB)
    assert "at most 6,000 can be saved" in str(refused.value)
    with pytest.raises(ValidationError):
        change(a, actor=Actor(via="system"), description=TEN_MB)
    assert action("201(b)").version == a.version
    assert not ActionUpdate.objects.filter(comment__startswith="xxxx").exists()


def test_the_officer_form_says_how_long_a_comment_may_be(officer):
    a = action("201(b)")
    response = officer.post(
        reverse("boards:update_action", args=[SLUG, a.pk]),
        {"status": a.status_id, "comment": "y" * 5001, "version": a.version},
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters (it has 5001)." in response.content.decode()
    assert action("201(b)").version == a.version


def test_a_log_file_with_an_overlong_cell_is_refused_row_by_row(small_board):
    data = (
        "No.,Date,Action,Comments,Due\r\n"
        f"9(a),17/11/16,{'z' * 6000},ok,\r\n"
        "9(b),17/11/16,Fine,ok,31/02/2025\r\n"
        "9(c),17/11/9999,Fine,ok,\r\n"
    ).encode()
    table = read_log(data, "log.csv")
    preview = preview_log(table, table.mapping, small_board.board)
    problems = {(e.row, e.field): e.message for e in preview.errors}
    assert "at most 5,000 can be imported" in problems[(2, "action")]
    assert "“31/02/2025” is not a date" in problems[(3, "due")]
    assert "between 01/01/1970 and 31/12/2099" in problems[(4, "date")]


# 14. The meeting form's crash ----------------------------------------------------------


def test_a_clashing_meeting_with_an_end_time_is_explained_not_a_500(clerk, small_board):
    meeting = Meeting.objects.filter(board=small_board.board).order_by("starts_at").first()
    start = timezone.localtime(meeting.starts_at)
    response = clerk.post(
        reverse("boards:meeting_new", args=[SLUG]),
        {
            "date": start.strftime("%d/%m/%Y"),
            "start": start.strftime("%H:%M"),
            "end": "17:00",
            "venue": "Elsewhere",
            "title": "",
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    assert "This board already has a meeting at that date and time." in response.content.decode()
    assert Meeting.objects.filter(board=small_board.board).count() == 3
    assert not Meeting.objects.filter(venue="Elsewhere").exists()


# 15. Things written as dates that are not dates ----------------------------------------


@pytest.mark.parametrize("due", ["31/02/2025", "2025-13-01", "yesterday", "by 31/02/2025", "31/12/9999"])
def test_the_clerks_edit_refuses_a_due_that_looks_like_a_date_but_is_not(clerk, due):
    a = action("201(a)")
    before = (a.due_date, a.due_text, a.version)
    response = edit(clerk, a, due=due, reason="Moved.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a date" in html or "write the date itself" in html or "Enter a date between" in html
    a.refresh_from_db()
    assert (a.due_date, a.due_text, a.version) == before  # the real due date is not wiped


def test_the_actions_entry_refuses_an_impossible_due(clerk, small_board):
    meeting = Meeting.objects.filter(board=small_board.board).order_by("starts_at").first()
    response = clerk.post(
        reverse("boards:actions_entry", args=[SLUG, meeting.pk]),
        {
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-MIN_NUM_FORMS": "0",
            "rows-MAX_NUM_FORMS": "50",
            "rows-0-resolution": "",
            "rows-0-reference": "999(z)",
            "rows-0-description": "Something.",
            "rows-0-officers": "",
            "rows-0-due": "31/02/2025",
            "rows-0-status": status_pk("GREEN"),
        },
    )
    assert response.status_code == 200 and "“31/02/2025” is not a date" in response.content.decode()
    assert not Action.objects.filter(reference="999(z)").exists()


def test_words_and_real_dates_are_still_accepted(clerk):
    a = action("201(a)")
    assert edit(clerk, a, due="in due course", reason="Timing open.").status_code == 302
    a.refresh_from_db()
    assert (a.due_date, a.due_text) == (None, "in due course")
    assert edit(clerk, a, due="31/03/2017", reason="Set.").status_code == 302
    a.refresh_from_db()
    assert (a.due_date, a.due_text) == (date(2017, 3, 31), "")


# 16. The clerk's reason belongs in the history ------------------------------------------


def test_a_clerks_edit_reason_goes_to_the_history_not_the_comments_column(clerk):
    a = action("201(b)")
    comment = a.latest_comment
    assert edit(clerk, a, officers="Ada Adviser", reason="Reassigned by the chair.").status_code == 302
    a.refresh_from_db()
    assert a.latest_comment == comment
    newest = a.updates.order_by("-version").first()
    assert newest.comment == "Reassigned by the chair." and "officers" in newest.changes
    log = clerk.get(reverse("boards:log", args=[SLUG])).content.decode()
    assert "Reassigned by the chair." not in log


# 17. What changed meanwhile --------------------------------------------------------------


def test_a_refused_stale_update_lists_exactly_the_changes_since_the_version_seen(officer):
    a = action("201(b)")
    for n in range(4):  # history before the officer opened the form: not "meanwhile"
        change(a, actor=Actor(via="system"), comment=f"Before {n}.")
    seen = action("201(b)").version
    for n in range(6):  # six changes while the officer was writing
        change(a, actor=Actor(via="system"), comment=f"Meanwhile {n}.")
    response = officer.post(
        reverse("boards:update_action", args=[SLUG, a.pk]),
        {"status": status_pk("GREEN"), "comment": "Mine.", "version": seen},
    )
    html = response.content.decode()
    assert "Someone else updated this action while you were writing" in html
    warning = html[html.index("Here is what changed meanwhile") : html.index("What you wrote is kept")]
    assert [f"Meanwhile {n}." in warning for n in range(6)] == [True] * 6
    assert "Before" not in warning
    assert warning.index("Meanwhile 0.") < warning.index("Meanwhile 5.")  # in the order made


def test_the_clerks_stale_edit_lists_the_changes_meanwhile_too(clerk):
    a = action("201(b)")
    seen = a.version
    change(a, actor=Actor(via="system"), comment="An officer's update meanwhile.")
    response = edit(clerk, a, version=seen, description="Edited.", reason="Tidy.")
    html = response.content.decode()
    assert "Someone else changed this action while you were editing it" in html
    assert "An officer&#x27;s update meanwhile." in html


# 18. Soonest due first -------------------------------------------------------------------


def test_soonest_due_first_puts_actions_with_no_date_last(officer):
    change(action("201(a)"), actor=Actor(via="system"), due_date=None, due_text="in due course")
    change(
        action("201(b)"), actor=Actor(via="system"), due_date=date(2016, 1, 1), due_text="", due_meeting=None
    )
    undated = set(Action.objects.filter(due_date__isnull=True).values_list("reference", flat=True))
    assert {"201(a)", "201(c)"} <= undated

    def references(path, caption):
        _, rows = read_table(officer.get(path).content.decode(), caption)
        return [row[0] for row in rows]

    for refs in (
        references(reverse("boards:my_actions"), "Your outstanding actions"),
        references(reverse("boards:log", args=[SLUG]) + "?sort=due", "action log"),
    ):
        assert refs[0] == "201(b)", refs  # overdue since 2016 comes first
        assert "201(a)" in refs and len(refs) >= 2
        dated = [ref for ref in refs if ref not in undated]
        assert refs == dated + [ref for ref in refs if ref in undated], refs


# 20. A reminder policy of 100,000 days ----------------------------------------------------


def test_the_reminder_policy_refuses_absurd_numbers(clerk, small_board):
    url = reverse("boards:reminder_policy", args=[SLUG])
    response = clerk.post(
        url,
        {
            "enabled": "on",
            "upcoming_days": "100000",
            "overdue_every_days": "7",
            "before_meeting_days": "10",
            "escalate_after": "2",
            "send_time": "08:00",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 90." in response.content.decode()
    assert not ReminderPolicy.objects.filter(board=small_board.board).exists()
