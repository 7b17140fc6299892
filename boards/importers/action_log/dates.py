"""Dates as action logs write them, beyond what boards.due reads. Pure: no database.

    raised_date("Board 02/09/08")     # date(2008, 9, 2): a meeting's name and its date
    raised_date("Feb-21")             # date(2021, 2, 1): Excel's mmm-yy month, its first day
    month_heading_date("June 2012")   # date(2012, 6, 1)
    with_year("30 Sept", date(2012, 6, 1))   # "30 September 2012"
    with_year("June", date(2012, 3, 1))      # "June 2012"
    with_year("May-12")                      # "May 2012"

`with_year` only writes a phrase out in full; boards.due.parse_due reads it (one reader
of due dates for the forms, the minutes and the logs).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ...due import MONTHS, parse_date

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_MONTH_YEAR = re.compile(rf"^{_MONTH}[\s,/-]*(?P<year>\d{{4}}|'?\d{{2}})$")
_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?$")
_MONTH_ONLY = re.compile(rf"^{_MONTH}$")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/.-])")
_WORDED_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b")
_HEADING_MONTH_YEAR = re.compile(r"\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})\b")


def _month(name: str) -> int | None:
    return MONTHS.get((name or "").lower().rstrip("."))


def _year(text: str) -> int:
    text = text.lstrip("'")
    year = int(text)
    return year + 2000 if len(text) == 2 and year < 70 else year + 1900 if len(text) == 2 else year


def month_year(text: str) -> date | None:
    """ "Feb-21", "May 2012", "Sept 2024" -> the month's first day."""
    match = _MONTH_YEAR.match(" ".join((text or "").split()))
    month = _month(match.group("month")) if match else None
    if not match or month is None:
        return None
    return date(_year(match.group("year")), month, 1)


def raised_date(text: str) -> date | None:
    """The date an action was raised, from a Date or Meeting cell: a date, a month, or one
    date inside a meeting's name ("Board 02/09/08", "Public Board, 15.03.2023")."""
    text = " ".join((text or "").split())
    if not text:
        return None
    found = parse_date(text) or month_year(text)
    if found:
        return found
    inside = {m.group(0) for m in _NUMERIC_DATE.finditer(text)} | {
        m.group(0) for m in _WORDED_DATE.finditer(text)
    }
    if len(inside) == 1:
        return parse_date(inside.pop())
    return None


def month_heading_date(text: str) -> date | None:
    """The month a heading names ("June 2012", "Actions from the meeting on 27 June 2018"):
    the first date or month-and-year in it, or None."""
    text = " ".join((text or "").split())
    for match in _WORDED_DATE.finditer(text):
        found = parse_date(match.group(0))
        if found:
            return found
    for match in _HEADING_MONTH_YEAR.finditer(text):
        number = _month(match.group("month"))
        if number:
            return date(int(match.group("year")), number, 1)
    return None


def names_a_month(text: str) -> bool:
    """A month's name (not "May" as a verb: only with a day or a year beside it)."""
    text = " ".join((text or "").split())
    if month_heading_date(text):
        return True
    for match in re.finditer(r"\b([A-Za-z]{3,9})\b", text):
        word = match.group(1)
        if _month(word) and word.lower() not in ("may", "mar", "jun", "jan", "dec") and word[0].isupper():
            return True
    return False


def with_year(text: str, context: date | None = None) -> str:
    """A due phrase with its year written out: a day and month, or a month alone, take the
    first such date on or after `context` (the row's raised date, its month heading, or a
    date elsewhere in the file). Anything else comes back as it was."""
    written = " ".join((text or "").split())
    found = month_year(written)
    if found:
        return f"{calendar.month_name[found.month]} {found.year}"
    if context is None:
        return written
    match = _DAY_MONTH.match(written)
    if match and (month := _month(match.group("month"))):
        day = int(match.group("day"))
        for year in (context.year, context.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                return written
            if candidate >= context.replace(day=1):
                return f"{day} {calendar.month_name[month]} {year}"
        return written
    match = _MONTH_ONLY.match(written)
    if match and (month := _month(match.group("month"))):
        year = context.year if month >= context.month else context.year + 1
        return f"{calendar.month_name[month]} {year}"
    return written
