"""Read pasted or extracted minutes into minute items and their resolutions.

Pure: standard library only, no database, no Django. Text in, structure out:

    parsed = parse_minutes(text)          # str or bytes
    parsed.items[0].number, parsed.items[0].resolutions[0].label, ...
    to_json(parsed)  # plain dict for a form or an API

A pipeline of small passes, each in its own module and each leaving its reasons visible:
normalise (decode, clean, re-split one-line texts) -> segment into items (the most
consistent numbering wins) -> decision blocks and where they end -> labels -> classify
(action or not, why, due). Every line ends in exactly one place (model.py).
"""

from __future__ import annotations

from collections.abc import Callable

from .classify import classify, due_phrase
from .decisions import ItemReader, explicit_decisions
from .edits import EditError, apply_edits, split_points
from .model import Item, MinutesJson, Paragraph, ParsedMinutes, Res, Unparsed, accounted_lines, to_json
from .normalise import normalise, running_headers
from .patterns import FURNITURE, HEADING, ISSUE_MEETING, LABEL, norm
from .segment import item_starts

__all__ = [
    "EditError",
    "Item",
    "MinutesJson",
    "Paragraph",
    "ParsedMinutes",
    "Res",
    "Unparsed",
    "accounted_lines",
    "apply_edits",
    "classify",
    "due_phrase",
    "parse_minutes",
    "split_points",
    "to_json",
]


def parse_minutes(text: str | bytes) -> ParsedMinutes:
    """Parse minutes text (str or bytes). Never raises: if a pass fails on some input, the
    whole text comes back as one unparsed block, so nothing is lost."""
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a safety net; the property tests call _parse directly
        try:
            lines, notes = normalise(text)
        except Exception:  # noqa: BLE001 - str() of an odd object can fail too
            return ParsedMinutes()
        blocks = [Unparsed((1, len(lines)), "\n".join(lines))] if lines else []
        return ParsedMinutes([], blocks, lines, notes + ["The text could not be read as minutes."])


class _Unparsed:
    """Collects unparsed lines into contiguous blocks."""

    def __init__(self, result: ParsedMinutes):
        self.result = result
        self.last = 0

    def __call__(self, n: int, line: str) -> None:
        blocks = self.result.unparsed
        if blocks and blocks[-1].lines[1] == n - 1 and self.last == n - 1:
            blocks[-1].lines = (blocks[-1].lines[0], n)
            blocks[-1].text += "\n" + line
        else:
            blocks.append(Unparsed((n, n), line))
        self.last = n


def _parse(text: str | bytes) -> ParsedMinutes:
    lines, notes = normalise(text)
    result = ParsedMinutes(lines=lines, notes=notes)
    to_unparsed = _Unparsed(result)
    explicit = explicit_decisions(lines)
    furniture = running_headers(lines)
    starts = item_starts(lines)
    if not starts:
        # No numbered items: one item, which the clerk numbers; everything is its text.
        content = [
            i
            for i, line in enumerate(lines)
            if line.strip() and not FURNITURE.fullmatch(line.strip()) and i + 1 not in furniture
        ]
        if not content:  # nothing but blank lines and page furniture
            for n, line in enumerate(lines, start=1):
                to_unparsed(n, line)
            return result
        first = content[0]
        for n in range(1, first + 1):
            to_unparsed(n, lines[n - 1])
        item = Item(
            number="",
            title="",
            lines=(first + 1, first + 1),
            why="no numbered items were found: number this item yourself",
        )
        result.items.append(item)
        body_from = first + 1
        if _title_like(lines[first]):  # one item's page: its title first, then its minutes
            item.title = norm(lines[first]).rstrip(".")
            item.text_lines = item.title_lines = (first + 1,)
            body_from = first + 2
        reader = ItemReader(item, lines, to_unparsed, explicit)
        reader.furniture = furniture
        reader.read(range(body_from, len(lines) + 1))
        return result
    # Text before the first item: the meeting's details, attendance.
    for n in range(1, starts[0].index + 1):
        to_unparsed(n, lines[n - 1])
    for position, start in enumerate(starts):
        end = starts[position + 1].index if position + 1 < len(starts) else len(lines)
        item = Item(
            number=start.number, title=start.title, lines=(start.index + 1, start.index + 1), why=start.why
        )
        item.text_lines = (start.index + 1,)
        body_from = start.index + 2
        if start.title_index is not None:
            # The title on its own line, and any blank lines before it, belong to the heading.
            item.text_lines += tuple(range(start.index + 2, start.title_index + 2))
            body_from = start.title_index + 2
        item.title_lines = item.text_lines
        result.items.append(item)
        reader = ItemReader(item, lines, to_unparsed, explicit)
        reader.furniture = furniture
        body = range(body_from, end + 1)
        # An issue page's "Meeting: ... (Item 8)" line before the next item is furniture.
        reader.read(n for n in body if not _issue_line(lines, n, to_unparsed))
        item.lines = (item.lines[0], max([item.lines[1], *item.text_lines]))
    return result


def _title_like(line: str) -> bool:
    text = norm(line)
    return (
        3 <= len(text) <= 120
        and text[:1].isupper()
        and not text.endswith((".", ":", ";", ","))
        and ". " not in text
        and not HEADING.match(line)
        and not LABEL.match(line)
        and len(text.split()) <= 14
    )


def _issue_line(lines: list[str], n: int, to_unparsed: Callable[[int, str], None]) -> bool:
    if ISSUE_MEETING.match(lines[n - 1]):
        to_unparsed(n, lines[n - 1])
        return True
    return False


_ = norm  # re-exported for callers that normalise text as the parser does
