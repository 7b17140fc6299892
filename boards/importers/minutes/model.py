"""What reading minutes gives: items, their resolutions, and the text not read as either.

Lines are the normalised text's lines (normalise.py), numbered from 1. Every line ends up in
exactly one place (``accounted_lines`` checks this):

* an item's ``text_lines``    - its number/title line(s) and its discussion lines;
* an item's ``heading_lines`` - decision heading lines that carry no resolution text, and
  the stem of a list of resolutions ("That the Board:-");
* a resolution's ``line_numbers``;
* an ``Unparsed`` block - text before the first item, and page furniture (page numbers,
  "Agenda Item 5", a signature block) wherever it falls.

A resolution split out of a line another part owns (the second and later parts of "that
(1) ...; (2) ...; and (3) ...", or a decision stated mid-sentence) has no line numbers of
its own; its ``lines`` name the line it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


@dataclass
class Res:
    label: str  # as printed: "(a)", "1.", "" for an unlabelled or bulleted resolution
    text: str  # the resolution's lines joined, whitespace normalised
    creates_action: bool = False
    reason: str = ""
    due_phrase: str = ""
    lines: tuple[int, int] = (0, 0)  # first and last line (page furniture may sit inside)
    line_numbers: tuple[int, ...] = ()  # exactly the lines that are this resolution's


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an item's discussion, with the lines it was read from (none for narrative
    split off the end of a resolution's sentence)."""

    line_numbers: tuple[int, ...]
    text: str


@dataclass
class Item:
    number: str  # "326", "337/18", "12.1", "HWB.05.04.2016/6"; "" when the text has none
    title: str  # without the trailing full stop
    text: str = ""  # discussion: paragraphs split by a blank line, PDF line breaks joined
    heading: str = ""  # the first decision heading as printed ("RESOLVED:"), or ""
    resolutions: list[Res] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)  # first and last line of the item
    text_lines: tuple[int, ...] = ()  # number/title line(s) and discussion lines
    heading_lines: tuple[int, ...] = ()  # heading lines that carry no resolution text
    why: str = ""  # how the item was found, for the clerk ("numbered like 326.")
    title_lines: tuple[int, ...] = ()  # the number and title line(s), part of text_lines
    paragraphs: list[Paragraph] = field(default_factory=list)  # the discussion, as `text` holds it


@dataclass
class Unparsed:
    lines: tuple[int, int]  # first and last line: a block is always a contiguous run
    text: str


@dataclass
class ParsedMinutes:
    items: list[Item] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the normalised lines everything refers to
    notes: list[str] = field(default_factory=list)  # what the reading did to the text, for the clerk


def accounted_lines(parsed: ParsedMinutes) -> list[int]:
    """Every line number the structure claims, with repeats (so a test can check each
    line is claimed exactly once)."""
    numbers: list[int] = []
    for it in parsed.items:
        numbers += it.text_lines + it.heading_lines
        for r in it.resolutions:
            numbers += r.line_numbers
    for block in parsed.unparsed:
        numbers += range(block.lines[0], block.lines[1] + 1)
    return numbers


class ResolutionJson(TypedDict):
    label: str
    text: str
    creates_action: bool
    officers: list[str]  # the officers' names: none here, the import suggests them
    due: str  # the due phrase as written; the import puts the date it reads (ISO) in its place


class ItemJson(TypedDict):
    number: str
    title: str
    resolutions: list[ResolutionJson]


class UnparsedJson(TypedDict):
    lines: list[int]
    text: str


class MinutesJson(TypedDict):
    """The minutes as plain data (to_json), for a form or an API."""

    items: list[ItemJson]
    unparsed: list[UnparsedJson]


def to_json(parsed: ParsedMinutes) -> MinutesJson:
    """A plain dict: items with their resolutions, and the unparsed blocks."""
    return {
        "items": [
            {
                "number": it.number,
                "title": it.title,
                "resolutions": [
                    {
                        "label": r.label,
                        "text": r.text,
                        "creates_action": r.creates_action,
                        "officers": [],
                        "due": r.due_phrase,
                    }
                    for r in it.resolutions
                ],
            }
            for it in parsed.items
        ],
        "unparsed": [{"lines": list(b.lines), "text": b.text} for b in parsed.unparsed],
    }
