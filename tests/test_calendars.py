"""Calendars: a board's meetings (.ics) and a person's own calendar at a secret address.

The files are read back with the `icalendar` package, as a calendar app would read them, and
every one again with `ical`, a second parser written apart from it (and stricter about value
types), which must find the same events: what one library writes and reads back could still be
what only that library understands."""

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from boards.models import CalendarFeed, Meeting, SetupKind, SetupRecord, UpdateVia
from boards.services import calendar_feeds
from boards.services.accounts import remove_access
from boards.services.updating import Actor, change

from .factories import UserFactory, make_action, make_board, make_meeting, make_person

pytestmark = pytest.mark.django_db


def soon(days, hour=14, minute=0):
    """A naive local time `days` from today (MeetingFactory makes it aware)."""
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, minute))


def read(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return parse(response.content)


def parse(body: bytes) -> Calendar:
    """The calendar as icalendar reads it, once `ical` has read the same events from it."""
    cal = Calendar.from_ical(body)
    assert read_by_ical(body) == as_read_by_icalendar(cal)
    return cal


def _value(component, name):
    return component[name].dt if name in component else None


def as_read_by_icalendar(cal: Calendar) -> dict[str, tuple]:
    return {
        str(e["UID"]): (
            _value(e, "DTSTART"),
            _value(e, "DTEND"),
            str(e["SUMMARY"]),
            str(e.get("LOCATION", "")) or None,
            str(e.get("DESCRIPTION", "")) or None,
            str(e.get("URL", "")) or None,
            e.get("SEQUENCE"),
        )
        for e in cal.walk("VEVENT")
    }


def read_by_ical(body: bytes) -> dict[str, tuple]:
    """The same facts of each event, read by the second parser. It refuses a value of the wrong
    type (a malformed date, a day-long start with a timed end, an unknown time zone, a SEQUENCE
    that is not a number); an event without a UID it gives one of its own, which the
    comparison with icalendar's reading catches."""
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    found = {
        e.uid: (e.dtstart, e.dtend, e.summary, e.location, e.description, e.url, e.sequence)
        for e in calendar.events
    }
    assert len(found) == len(calendar.events), "a UID used twice"
    return found


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def host() -> str:
    return urlsplit(settings.SITE_URL).hostname


# A board's meetings -------------------------------------------------------------------


def test_a_boards_calendar_has_its_meetings_of_the_past_year_and_the_future(client, small_board):
    board = small_board.board
    future = make_meeting(
        board,
        when=soon(30),
        ends_at=timezone.make_aware(soon(30, 16, 30)),
        venue="County Hall, Glenfield",
    )
    recent = make_meeting(board, when=soon(-200))
    old = make_meeting(board, when=soon(-400))  # more than a year ago: left out
    response = client.get(reverse("boards:board_calendar", args=[board.slug]))
    cal = read(response)
    assert response["Content-Disposition"] == 'attachment; filename="small-board-meetings.ics"'
    assert str(cal["X-WR-CALNAME"]) == "Shire Health Board: meetings"
    found = events(cal)
    assert set(found) == {f"meeting-{future.pk}@{host()}", f"meeting-{recent.pk}@{host()}"}
    assert f"meeting-{old.pk}@{host()}" not in found
    event = found[f"meeting-{future.pk}@{host()}"]
    assert str(event["SUMMARY"]) == "Shire Health Board meeting"
    assert str(event["LOCATION"]) == "County Hall, Glenfield"
    assert event.start == future.starts_at and event.end == future.ends_at
    assert event.start.utcoffset() == timedelta(0)  # written in UTC: no VTIMEZONE needed
    assert str(event["URL"]) == f"http://testserver/boards/small-board/meetings/{future.pk}/"
    assert event["DTSTAMP"].dt.tzinfo is not None
    # A meeting without an end or a venue has neither.
    other = found[f"meeting-{recent.pk}@{host()}"]
    assert "DTEND" not in other and "LOCATION" not in other


def test_a_meeting_with_only_a_date_is_an_all_day_event(client, small_board):
    dated = make_meeting(small_board.board, when=soon(10, 0, 0))
    found = events(read(client.get(reverse("boards:board_calendar", args=["small-board"]))))
    event = found[f"meeting-{dated.pk}@{host()}"]
    assert event.start == timezone.localdate() + timedelta(days=10)
    assert not isinstance(event.start, datetime)
    assert event.end == event.start + timedelta(days=1)


def test_a_meetings_own_title_and_the_venue_are_escaped_and_read_back_as_written(client):
    board = make_board("wolds", name="Wolds Board; Health, Care & <Wellbeing>")
    meeting = make_meeting(board, when=soon(3), venue='Room 1, "The Annexe"; Floor 2\\3')
    body = client.get(reverse("boards:board_calendar", args=["wolds"])).content
    assert b'Room 1\\, "The Annexe"\\; Floor 2\\\\3' in body  # RFC 5545 text escaping
    event = events(parse(body))[f"meeting-{meeting.pk}@{host()}"]
    assert str(event["SUMMARY"]) == "Wolds Board; Health, Care & <Wellbeing> meeting"
    assert str(event["LOCATION"]) == 'Room 1, "The Annexe"; Floor 2\\3'


def test_a_private_boards_calendar_is_for_its_people_only(client, small_board):
    board = small_board.board
    board.is_public = False
    board.save()
    make_meeting(board, when=soon(5))
    path = reverse("boards:board_calendar", args=[board.slug])
    assert client.get(path).status_code == 404  # anonymous: as the board's pages
    client.force_login(make_person("Outsider", user=_user("outsider")).user)
    assert client.get(path).status_code == 404
    client.force_login(small_board.member_user)
    assert len(events(read(client.get(path)))) == 1


def test_a_calendar_changes_nothing_so_a_post_is_refused(client, small_board):
    assert client.post(reverse("boards:board_calendar", args=["small-board"])).status_code == 405


def test_a_boards_calendar_takes_as_many_queries_for_30_meetings_as_for_3(client):
    board = make_board("count-board")

    def count(n):
        Meeting.objects.filter(board=board).delete()
        for i in range(n):
            make_meeting(board, when=soon(i + 1))
        with CaptureQueriesContext(connection) as queries:
            assert len(events(read(client.get(reverse("boards:board_calendar", args=["count-board"]))))) == n
        return len(queries)

    few, many = count(3), count(30)
    assert few == many, (few, many)
    assert few <= 6


# A person's own calendar ------------------------------------------------------------------


def _user(username):
    return UserFactory(username=username)


def make_address(client, user) -> str:
    """Sign in as `user`, make their calendar address on My actions, return its path."""
    client.force_login(user)
    response = client.post(reverse("boards:calendar_address"))
    assert response.status_code == 302
    assert response["Location"] == reverse("boards:my_actions") + "#calendar"
    page = client.get(reverse("boards:my_actions"))
    address = page.context["calendar"]
    assert address.startswith("http://testserver/calendar/") and address.endswith(".ics")
    assert address.encode() in page.content
    return address.removeprefix("http://testserver")


def test_my_calendar_has_my_open_actions_due_dates_and_my_boards_meetings(client, small_board):
    future = make_meeting(small_board.board, when=soon(20), venue="Shire Hall")
    path = make_address(client, small_board.officer_user)
    client.logout()  # a calendar app has no session: the address is the key
    response = client.get(path)
    cal = read(response)
    assert response["Cache-Control"] == "private, no-store"
    found = events(cal)
    due_a, due_b = small_board.action("201(a)"), small_board.action("201(b)")
    assert set(found) == {
        f"action-{due_a.pk}-due@{host()}",
        f"action-{due_b.pk}-due@{host()}",  # Olu's with Pat: both officers see it
        f"meeting-{future.pk}@{host()}",
    }  # not 202(a) (closed), 201(c) or 101(a) (not Olu's), nor the 2016 meetings (over a year ago)
    event = found[f"action-{due_a.pk}-due@{host()}"]
    assert str(event["SUMMARY"]) == "201(a): Develop a delivery plan for the strategy."
    assert event.start == date(2017, 3, 31) and event.end == date(2017, 4, 1)
    assert str(event["URL"]) == f"http://testserver/boards/small-board/actions/{due_a.pk}/"
    assert event["SEQUENCE"] == due_a.version
    assert event["LAST-MODIFIED"].dt == due_a.updated_at.replace(microsecond=0)  # iCalendar keeps seconds
    assert "Status: Green" in str(event["DESCRIPTION"]) and "(March 2017)" in str(event["DESCRIPTION"])
    # Made as a set-up record, which says who and when but not the address.
    record = SetupRecord.objects.get(kind=SetupKind.CALENDAR_CREATED, person=small_board.officer)
    assert record.by_user == small_board.officer_user and path.split("/")[-1] not in str(record.details)


def test_a_changed_due_date_moves_the_event_instead_of_adding_one(client, small_board):
    path = make_address(client, small_board.officer_user)
    action = small_board.action("201(a)")
    before = events(read(client.get(path)))[f"action-{action.pk}-due@{host()}"]
    change(
        action,
        actor=Actor(via=UpdateVia.WEB, user=small_board.clerk_user),
        due_date=date(2017, 5, 15),
        comment="Moved to May.",
        at=timezone.now() + timedelta(minutes=5),
    )
    after_cal = read(client.get(path))
    uids = [str(e["UID"]) for e in after_cal.walk("VEVENT")]
    assert uids.count(f"action-{action.pk}-due@{host()}") == 1
    after = events(after_cal)[f"action-{action.pk}-due@{host()}"]
    assert (before.start, after.start) == (date(2017, 3, 31), date(2017, 5, 15))
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt


def test_an_action_closed_leaves_the_calendar(client, small_board):
    path = make_address(client, small_board.officer_user)
    action = small_board.action("201(b)")
    change(
        action, actor=Actor(via=UpdateVia.SYSTEM), state="closed", closed_on=date(2017, 1, 5), comment="Done."
    )
    assert f"action-{action.pk}-due@{host()}" not in events(read(client.get(path)))


def test_user_text_in_an_action_is_escaped_and_read_back_as_written(client, small_board):
    text = "Report; to the Board, \\ <b>urgently</b>\nwith a second line"
    action = make_action(
        small_board.board,
        "301(a)",
        officers=[small_board.officer],
        description=text,
        due_date=date(2030, 1, 2),
    )
    path = make_address(client, small_board.officer_user)
    body = client.get(path).content
    assert b"Report\\; to the Board\\, \\\\ <b>urgently</b>" in body
    event = events(parse(body))[f"action-{action.pk}-due@{host()}"]
    assert str(event["SUMMARY"]) == "301(a): Report; to the Board, \\ <b>urgently</b> with a second line"
    assert str(event["DESCRIPTION"]).startswith("Report; to the Board, \\ <b>urgently</b> with a second line")


def test_resetting_the_address_asks_first_then_the_old_address_is_404(client, small_board):
    old = make_address(client, small_board.officer_user)
    page = client.get(reverse("boards:calendar_address"))
    assert page.status_code == 200 and b"Reset your calendar address?" in page.content
    # A POST without the confirmation goes back to ask: nothing changes.
    unconfirmed = client.post(reverse("boards:calendar_address"))
    assert unconfirmed["Location"] == reverse("boards:calendar_address")
    assert client.get(old).status_code == 200
    response = client.post(reverse("boards:calendar_address"), {"confirm": "yes"})
    assert response["Location"] == reverse("boards:my_actions") + "#calendar"
    new = client.get(reverse("boards:my_actions")).context["calendar"].removeprefix("http://testserver")
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarFeed.objects.filter(person=small_board.officer).count() == 2  # the old one kept, revoked
    assert SetupRecord.objects.filter(kind=SetupKind.CALENDAR_RESET, person=small_board.officer).count() == 1


def test_an_address_that_was_never_made_or_was_tampered_with_is_404(client, small_board):
    path = make_address(client, small_board.officer_user)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    pk, signature = token.split("-")
    tampered = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    for bad in [
        f"{pk}-{tampered}",
        f"{int(pk) + 1}-{signature}",
        signature,
        "99999999999999999999-x",
        "-",
        f"\u00b2-{signature}",
    ]:
        assert client.get(reverse("boards:personal_calendar", args=[bad])).status_code == 404, bad


def test_removing_a_persons_access_revokes_their_calendar(client, small_board):
    path = make_address(client, small_board.officer_user)
    remove_access(
        small_board.officer, by=small_board.clerk_user, board=small_board.board, may_administer=False
    )
    assert client.get(path).status_code == 404
    assert calendar_feeds.live_feed(small_board.officer) is None


def test_a_calendar_shows_only_what_the_persons_account_may_see(client, small_board):
    """An officer named on a private board they have no role on (an action assigned before
    their role was removed, say) does not get that board's action on their calendar."""
    private = make_board("closed-board", is_public=False)
    hidden = make_action(private, "1(a)", officers=[small_board.officer], due_date=date(2030, 1, 1))
    private.memberships.filter(person=small_board.officer).delete()
    path = make_address(client, small_board.officer_user)
    assert f"action-{hidden.pk}-due@{host()}" not in events(read(client.get(path)))


def test_my_calendar_takes_as_many_queries_for_30_actions_as_for_3(client, small_board):
    path = make_address(client, small_board.officer_user)

    made = iter(range(100))

    def count(n):
        for _ in range(n):
            make_action(
                small_board.board,
                f"5{next(made):02d}(a)",
                officers=[small_board.officer],
                due_date=date(2030, 1, 1),
            )
        with CaptureQueriesContext(connection) as queries:
            read(client.get(path))
        return len(queries)

    few, many = count(3), count(27)
    assert few == many, (few, many)


def test_a_login_with_no_person_has_no_calendar_to_make(client):
    client.force_login(_user("nobody"))
    page = client.get(reverse("boards:calendar_address"))
    assert page.status_code == 200 and b"not linked to a person" in page.content
    assert (
        client.post(reverse("boards:calendar_address"))["Location"]
        == reverse("boards:my_actions") + "#calendar"
    )
    assert not CalendarFeed.objects.exists()
