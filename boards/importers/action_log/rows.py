"""The rows under an action log's headings: each one an action, or skipped with a reason.
Pure: no database and no Django.

    reading = read_rows(table, mapping)
    reading.rows       # LogRow: the action's cells as written, its status word and where it was found
    reading.skipped    # SkippedRow(number, text, why): never silently left out
    reading.legend     # {"green": "complete"}: what the file's own status key says

Reasons (tests/fidelity/README.md): title, month heading, section heading, status key,
guidance, repeated headings, total, signature. A row of one text is a heading, a key
line or a note; a row of several cells is an action, unless it repeats the headings
(a new page), is a line of the key ("GREEN | On track") or a total. A row of one text
in the action's own column is an action, unless it is merged across the table or
reads as a heading (a month, "Open actions", "Priority 1: ...").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from .dates import month_heading_date, names_a_month
from .headings import most_common_year
from .status_words import (
    definition_meaning,
    is_colour_word,
    is_status_word,
    leading_status,
    legend_entry,
    meaning_of,
    normalise,
    status_line,
)

REASONS = (
    "title",
    "month heading",
    "section heading",
    "status key",
    "guidance",
    "repeated headings",
    "total",
    "signature",
)
KEY_HEADINGS = {
    "key",
    "rag key",
    "brag key",
    "status key",
    "key to status",
    "key to statuses",
    "status",
    "rag status key",
    "rag rating key",
    "key status",
    "colour key",
    "rag rating",
    "rating key",
    "status rag",
    "key to rag",
    "rag",
    "brag",
    "legend",
    "rag legend",
    "status legend",
    "key to rag status",
    "key to brag status",
    "rag ratings",
    "brag ratings",
}
_SECTION = re.compile(
    r"^(open|closed|completed?|outstanding|current|new|ongoing|archived?|live|older|previous|held over)"
    r"\s+(actions?|items?|recommendations?)\b|^(priority|section|part|theme|workstream|objective|area)\s+\w+",
    re.I,
)
_SIGNATURE = re.compile(
    r"^(signed|signature|chair(man|person)?'?s? signature|approved by|sign(ed)? off)\b", re.I
)
_TOTAL = re.compile(r"^(grand\s+|sub\s*)?totals?\b|^number of (actions|recommendations)\b", re.I)
_NUMBER = re.compile(r"^[\d.,%\s]+$")
MAX_HEADING_WORDS = 20


@dataclass(frozen=True)
class SkippedRow:
    number: int
    text: str
    why: str


@dataclass(frozen=True)
class LogRow:
    """An action's row, its cells read but not yet checked against a board."""

    number: int
    cells: tuple[str, ...]
    reference: str = ""
    date: str = ""
    action: str = ""
    officers: str = ""
    due: str = ""
    revised_due: str = ""
    comments: str = ""
    status_word: str = ""
    status_from: str = ""  # "column", "comments", "action", "due", or "" for no status
    context: datetime.date | None = (
        None  # (`date` is a field's name here) the month or meeting heading above the row
    )


@dataclass(frozen=True)
class LogReading:
    rows: tuple[LogRow, ...]
    skipped: tuple[SkippedRow, ...]
    legend: dict[str, str] = field(default_factory=dict)
    year: int | None = None  # the year most of the file's dates fall in


class SourceCells(Protocol):
    """What the rows are read from: a row of the table as found (action_log.SourceRow)."""

    @property
    def number(self) -> int: ...
    @property
    def cells(self) -> Sequence[str]: ...
    @property
    def spans(self) -> bool: ...
    def cell(self, index: int | None) -> str: ...


class SourceTable(Protocol):
    """The table as found (action_log.LogTable): its headings, the texts above them, its rows."""

    @property
    def headers(self) -> Sequence[str]: ...
    @property
    def titles(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[SourceCells]: ...


def _norm(text: str) -> str:
    return " ".join((text or "").split()).lower()


def _is_sentence(text: str) -> bool:
    words = text.split()
    return (
        (text.rstrip().endswith((".", "!")) and len(words) >= 4)
        or "please" in normalise(text).split()
        or len(words) > MAX_HEADING_WORDS
    )


def is_key_line(text: str) -> bool:
    """A line of a status key: its heading ("RAG key", "Status:") or a word and what it means."""
    return normalise(text) in KEY_HEADINGS or legend_entry(text) is not None


def why_one_text(text: str, *, titles: Iterable[str] = (), strict: bool = False) -> str | None:
    """Why a row holding a single text is not an action, or None if it is one. `strict`:
    the text sits in the action's own column, or alone in a later column, unmerged, so it
    is skipped only when it plainly is not an action."""
    if _norm(text) in {_norm(t) for t in titles}:
        return "title"
    if is_key_line(text):
        return "status key"
    if _TOTAL.match(text.strip()):
        return "total"
    if _SIGNATURE.match(text.strip()):
        return "signature"
    if strict:
        if names_a_month(text) and len(text.split()) <= 8 and not text.rstrip().endswith("."):
            return "month heading"
        if _SECTION.match(text.strip()) and len(text.split()) <= MAX_HEADING_WORDS:
            return "section heading"
        return None
    if _is_sentence(text):
        return "guidance"
    if names_a_month(text):
        return "month heading"
    return "section heading"


def why_skipped(
    source: SourceCells,
    *,
    headers: Sequence[str],
    titles: Iterable[str] = (),
    mapping: Mapping[str, int | None] | None = None,
) -> str | None:
    """Why a row under the headings is not an action, or None if it is one."""
    mapping = mapping or {}
    filled = [(i, c) for i, c in enumerate(source.cells) if c.strip()]
    if not filled:
        return None
    wanted = [_norm(h) for h in headers]
    named = [h for h in wanted if h]
    same = sum(1 for i, c in filled if i < len(wanted) and wanted[i] and _norm(c) == wanted[i])
    if named and same >= max(2, round(0.6 * len(named))):
        return "repeated headings"
    texts = {c.strip() for _, c in filled}
    if len(texts) == 1:
        index, text = filled[0]
        spans = getattr(source, "spans", False) or len(filled) > 1
        if not spans and index == mapping.get("reference") and not re.search(r"[A-Za-z]{2}", text):
            return None  # a number with nothing beside it: an action missing its text
        strict = not spans and (index == mapping.get("action") or index > 0)
        return why_one_text(text, titles=titles, strict=strict)
    first = filled[0][1]
    if _TOTAL.match(first.strip()) and all(_NUMBER.match(c) for _, c in filled[1:]):
        return "total"  # "Total | 12 | 3": a label, then only numbers
    if (
        len(filled) == 2
        and (is_colour_word(first) or is_status_word(first))
        and mapping.get("action") != 0
        and definition_meaning(filled[1][1])
        and filled[1][0] != mapping.get("status")
    ):
        return "status key"  # "GREEN | On track, or completed." as two cells
    return None


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p and p.strip())


def read_row(
    source: SourceCells, mapping: Mapping[str, int | None], *, context: date | None = None
) -> LogRow:
    """An action's row: its cells by field, and its status word wherever it is written."""

    def cell(name: str) -> str:
        return source.cell(mapping.get(name)).strip()

    action, comments, due = cell("action"), cell("comments"), cell("due")
    shared = mapping.get("status") is not None and mapping.get("status") == mapping.get("comments")
    word, where = "", ""
    if mapping.get("status") is not None:
        raw = cell("status")
        lead = leading_status(raw)
        if is_status_word(raw):
            word = " ".join(raw.split())
            if shared:
                comments = ""  # "Not yet due" in a STATUS/COMMENT column is the status, not a comment
        elif lead:
            word = lead[0]
            if lead[1] and not shared:
                comments = _join(comments, lead[1])  # "Complete – report taken": the rest is a comment
        elif raw and not shared:
            word = " ".join(raw.split())
        where = "column" if word else ""
    if not word:
        found = status_line(action)
        if found and found[0]:
            word, action, extra = found
            comments, where = _join(comments, extra), "action"
    if not word and comments:
        found = status_line(comments)
        if found and found[0]:
            word, rest, extra = found
            comments, where = _join(rest, extra), "comments"
        elif not shared:
            lead = leading_status(comments)
            if lead:
                word, where = lead[0], "comments"
    if is_status_word(due) and meaning_of(due) in ("complete", "closed"):
        # "Complete" typed where the due date goes: a status, not a date to chase.
        word, where = (word, where) if word else (" ".join(due.split()), "due")
        due = ""
    return LogRow(
        number=source.number,
        cells=tuple(source.cells),
        reference=" ".join(cell("reference").split()),
        date=cell("date"),
        action=action,
        officers=cell("officers"),
        due=due,
        revised_due=cell("revised_due"),
        comments=comments,
        status_word=word,
        status_from=where,
        context=context,
    )


def read_rows(table: SourceTable, mapping: Mapping[str, int | None]) -> LogReading:
    """Every row under the headings, as an action or skipped with why."""
    rows: list[LogRow] = []
    skipped: list[SkippedRow] = []
    legend: dict[str, str] = {}
    context: date | None = None
    for source in table.rows:
        why = why_skipped(source, headers=table.headers, titles=getattr(table, "titles", ()), mapping=mapping)
        if why is None:
            rows.append(read_row(source, mapping, context=context))
            continue
        text = " | ".join(dict.fromkeys(c.strip() for c in source.cells if c.strip()))
        skipped.append(SkippedRow(source.number, text, why))
        if why == "status key":
            entry = legend_entry(text.replace(" | ", " – ", 1))
            if entry:
                legend[entry[0]] = entry[1]
        elif why in ("month heading", "section heading"):
            context = month_heading_date(text) or context
    texts = [r.date for r in rows] + [r.due for r in rows] + [r.revised_due for r in rows]
    return LogReading(tuple(rows), tuple(skipped), legend, most_common_year(texts))
