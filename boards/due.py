"""Due dates as clerks write them: "31/03/2017", "March 2017", "next meeting", "in due course".

Pure apart from looking up the board's next meeting.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from .models import Meeting

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9  # "30 Sept", "Sept 2024": as often written as "Sep"
_LEAD = re.compile(r"^(by|before|at|for|to|in time for|no later than)\s+(the\s+)?", re.I)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?,?\s+(\d{4})$")
_NEXT_MEETING = re.compile(r"^(the\s+)?next\s+(board\s+)?meeting(\s+of\s+the\s+board)?$", re.I)
NUMERIC_FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d-%m-%Y",
    "%d-%m-%y",
]
# Text that is meant as a date: three numbers (31/02/2025, 2025-13-01), a day and a month
# name with a year (31 February 2025), anywhere in the phrase.
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([/.-])\d{1,2}\2\d{1,2})(?![\d/.-])"
)
_WORDED_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
# Words whose date changes every day: a due "tomorrow" would never fall due.
_RELATIVE_DAYS = re.compile(r"^(yesterday|today|tomorrow|tonight)$", re.I)
DUE_HELP = (
    "Enter a date, for example 31/03/2017, a month (March 2017), “next meeting”, "
    "or words such as “in due course”."
)


@dataclass(frozen=True)
class Due:
    date: date | None = None
    meeting: Meeting | None = None
    text: str = ""


def parse_date(text: str) -> date | None:
    """A single date in UK or ISO numeric form, or "1 June 2017"."""
    text = text.strip()
    for fmt in NUMERIC_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    match = _DAY_MONTH_YEAR.match(text)
    if match and match.group(2).lower() in MONTHS:
        try:
            return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            return None
    return None


def due_problem(text: str) -> str:
    """Why a due phrase cannot be stored ("" if it can): something written as a date that
    is not one ("31/02/2025", "2025-13-01"), a date outside the range a log can hold
    (31/12/9999), or a word such as "yesterday". Stored as text, any of these would leave
    the action never overdue, and an edit would wipe a real due date."""
    from .limits import date_problem

    written = " ".join((text or "").split()).rstrip(".;")
    if not written:
        return ""
    core = _LEAD.sub("", written)
    if _RELATIVE_DAYS.match(core):
        return f"“{core}” means a different day tomorrow: write the date itself, for example 31/03/2017."
    exact = parse_date(core)
    if exact:
        return date_problem(exact)
    month = _MONTH_YEAR.match(core)
    if month and month.group(1).lower() in MONTHS:
        return date_problem(date(int(month.group(2)), MONTHS[month.group(1).lower()], 1))
    for found in _NUMERIC_DATE.finditer(core):
        if parse_date(found.group(0)) is None:
            return f"“{found.group(0)}” is not a date. {DUE_HELP}"
    for found in _WORDED_DATE.finditer(core):
        if found.group(2).lower() in MONTHS and parse_date(found.group(0)) is None:
            return f"“{found.group(0)}” is not a date. {DUE_HELP}"
    return ""


def parse_due(text: str, *, board=None, after: date | None = None) -> Due:
    """Read a due phrase. A month becomes its last day, with the phrase kept as written;
    "next meeting" becomes the board's first meeting after `after`; anything else is kept
    as text with no date."""
    written = " ".join((text or "").split()).rstrip(".;")
    if not written:
        return Due()
    core = _LEAD.sub("", written)
    exact = parse_date(core)
    if exact:
        return Due(date=exact)
    month = _MONTH_YEAR.match(core)
    if month and month.group(1).lower() in MONTHS:
        year, number = int(month.group(2)), MONTHS[month.group(1).lower()]
        return Due(date=date(year, number, calendar.monthrange(year, number)[1]), text=core)
    if _NEXT_MEETING.match(core) and board is not None:
        from .models import Meeting

        meetings = Meeting.objects.filter(board=board).order_by("starts_at")
        if after is not None:
            meetings = meetings.filter(starts_at__date__gt=after)
        meeting = meetings.first()
        if meeting is not None:
            return Due(meeting=meeting, date=meeting.date)
    return Due(text=written[:100])
