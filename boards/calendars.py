"""The iCalendar (RFC 5545) files: a board's meetings, and a person's own calendar (the due
dates of the actions they owe and the meetings of their boards).

Written with the `icalendar` package, which escapes text, folds long lines and writes
dates and times as the standard wants. Every event has a UID that never changes for the same
thing, so a subscribed calendar moves an event when it changes instead of adding a second:
`meeting-<pk>@<host>` and `action-<pk>-due@<host>`, the host from SITE_URL (not the
request's, which may differ between a browser and a calendar server). Times are written in
UTC, which needs no VTIMEZONE block. The callers choose the rows (boards.access decides
whose); this module only writes them.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from icalendar import Calendar, Event

from .log_table import long_date
from .models import Action, Board, Meeting, Person

# A calendar carries every future meeting and the past year's.
PAST_MEETINGS = timedelta(days=365)
# How much of an action's text its event's summary keeps: calendars show a summary on one line.
SUMMARY_CHARS = 80
PRODID = "-//Board Action Log//Calendars//EN"

AbsoluteUrl = Callable[[str], str]


def meetings_since(now: datetime) -> datetime:
    """The earliest start of a meeting that a calendar carries."""
    return now - PAST_MEETINGS


def uid_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "board-action-log"


def meeting_summary(meeting: Meeting) -> str:
    """The meeting's own title if it has one, else "<board> meeting". Select its board."""
    return meeting.title or f"{meeting.board.name} meeting"


def is_all_day(meeting: Meeting) -> bool:
    """A meeting recorded with a date only. The model always holds a start time (the forms and
    imports ask for one, 14:00 by default), so a start at local midnight with no end is read as
    "no time given" and written as an all-day event rather than one at 00:00."""
    return meeting.ends_at is None and timezone.localtime(meeting.starts_at).time() == time(0, 0)


def meeting_event(meeting: Meeting, absolute: AbsoluteUrl, stamp: datetime) -> Event:
    """One meeting: summary, start and end (or the day), the venue, the meeting's page.
    Select the meeting's board."""
    start: date | datetime
    end: date | datetime | None
    if is_all_day(meeting):
        day = timezone.localtime(meeting.starts_at).date()
        start, end = day, day + timedelta(days=1)
    else:
        start = meeting.starts_at.astimezone(UTC)
        end = meeting.ends_at.astimezone(UTC) if meeting.ends_at else None
    return Event.new(
        uid=f"meeting-{meeting.pk}@{uid_host()}",
        stamp=stamp,
        summary=meeting_summary(meeting),
        start=start,
        end=end,
        location=meeting.venue or None,
        url=absolute(reverse("boards:meeting", args=[meeting.board.slug, meeting.pk])),
    )


def action_summary(action: Action) -> str:
    """ "<ref>: <the action's text, shortened>"."""
    return f"{action.reference}: {Truncator(' '.join(action.description.split())).chars(SUMMARY_CHARS)}"


def action_due_event(action: Action, absolute: AbsoluteUrl, stamp: datetime) -> Event:
    """An outstanding action's due date, as an all-day event. Its UID is the action's, so a
    due date moved moves the event; SEQUENCE and LAST-MODIFIED are the action's version and
    its last change, so calendars take the newer. Select the action's board and status."""
    assert action.due_date is not None
    lines = [
        " ".join(action.description.split()),
        f"{action.board.name}. Status: {action.status.label}. Due {long_date(action.due_date)}"
        + (f" ({action.due_text})" if action.due_text else "")
        + ".",
    ]
    return Event.new(
        uid=f"action-{action.pk}-due@{uid_host()}",
        stamp=stamp,
        summary=action_summary(action),
        description="\n\n".join(lines),
        start=action.due_date,
        end=action.due_date + timedelta(days=1),
        sequence=action.version,
        last_modified=action.updated_at.astimezone(UTC),
        url=absolute(reverse("boards:action", args=[action.board.slug, action.pk])),
    )


def calendar(uid: str, name: str, events: Iterable[Event]) -> bytes:
    """The calendar file: its own stable UID, its name (shown by calendar apps that subscribe)
    and its events."""
    cal = Calendar.new(prodid=PRODID, uid=f"{uid}@{uid_host()}", name=name, subcomponents=list(events))
    # Calendars that subscribe ask again after this long (a hint; most apps choose their own).
    cal.add("REFRESH-INTERVAL", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", "PT6H")
    return cal.to_ical()


def board_calendar(board: Board, meetings: Iterable[Meeting], absolute: AbsoluteUrl) -> bytes:
    """A board's meetings. Select each meeting's board."""
    now = timezone.now().astimezone(UTC)
    return calendar(
        f"board-{board.pk}-meetings",
        f"{board.name}: meetings",
        (meeting_event(m, absolute, now) for m in meetings),
    )


def person_calendar(
    person: Person, actions: Iterable[Action], meetings: Iterable[Meeting], absolute: AbsoluteUrl
) -> bytes:
    """A person's own calendar: their actions' due dates (those with a date) and meetings.
    Select each action's board and status, and each meeting's board."""
    now = timezone.now().astimezone(UTC)
    events = [action_due_event(a, absolute, now) for a in actions if a.due_date is not None]
    events += [meeting_event(m, absolute, now) for m in meetings]
    return calendar(f"person-{person.pk}-calendar", f"{person.name}: actions due and meetings", events)
