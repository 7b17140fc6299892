"""The first pass: text as pasted or extracted, made into clean lines.

* Bytes are decoded as an upload is: UTF-8 (a byte-order mark dropped), else Windows-1252.
* NUL bytes (broken PDF extractions) become spaces; non-breaking and other odd spaces
  become plain ones; zero-width characters and stray byte-order marks go.
* A text extracted as one or two enormous lines (a PDF with no line breaks kept) is broken
  before what starts a new part of minutes: an item number after a full stop, a decision
  heading, a label after a colon or semicolon, page furniture. Only a space is replaced by a
  line break: no other character is lost.

What was done is said in ``notes``, for the clerk.
"""

from __future__ import annotations

import re

from .patterns import title_from_run_on
from .sequence import longest_run

_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# A line this long with minutes inside it is a text whose line breaks were lost.
LONG_LINE = 400
_BREAK_BEFORE = re.compile(
    r"(?<=[.;:!?)\]\"”’]) (?="  # after the end of a sentence or clause ...
    r"\d{1,4}(?:[./]\d{1,4}){0,2}\.?\s+[A-Z‘'\"“(]"  # ... an item number: "12. Title", "337/18 Title"
    r"|(?:It\s+was\s+)?(?:RESOLVED|AGREED|Resolved|Agreed)\b"  # ... a decision heading
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\)\s"  # ... a label: "(a) ", "(ii) ", "(3) "
    r"|(?:[a-z]|\d{1,3})[.)]\s+(?:[Tt]hat|[Tt]o)\b"  # ... "b) That", "2. to"
    r"|[a-h][.)]\s+[A-Z]"  # ... "a. The Chairman opened", "b) Mr Gill attended"
    r"|Page\s+\d+\s+of\s+\d+"  # ... page furniture
    r")"
)


def decode(data) -> str:
    """Text from whatever was given: bytes as an upload is decoded, anything else as str."""
    if data is None:
        return ""
    if isinstance(data, bytes):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        return data.decode("latin-1")  # every byte is a character: nothing is refused
    return str(data)


def clean(text: str) -> str:
    text = text.replace("\x00", " ")
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


# An item number anywhere in a long line, before a capitalised title:
# "... K Mottershead 30/21 Declaration of ...", "... 12.40pm. 2793/12 Item 8 ANY OTHER BUSINESS".
_NUMBER_IN_LINE = re.compile(
    r"(?<=\s)(?:(?:Minute|Min|Item)\s+)?(?P<code>(?:[A-Z]{1,6}/?)?\d{1,5}(?:[/.]\d{1,4}){0,2})"
    r"(?=\.?\s+(?:Item\s+\d+\s+)?[A-Z‘'\"“])"
)


def _numbering_breaks(line: str) -> list[int]:
    """Where the items' numbering restarts lines in a text that lost its line breaks: the
    longest run of numbers of one shape going up in small steps (three at least)."""
    groups: dict[tuple, list[tuple[int, tuple[int, ...]]]] = {}
    for found in _NUMBER_IN_LINE.finditer(line):
        code = found.group("code")
        values = tuple(int(v) for v in re.findall(r"\d+", code))
        groups.setdefault((re.sub(r"\d+", "#", code), len(values)), []).append((found.start(), values))
    best: list[int] = []
    for entries in groups.values():
        run = [entries[i][0] for i in longest_run([values for _, values in entries])]
        if len(run) > len(best):
            best = run
    return best if len(best) >= 3 else []


def _title_apart(piece: str) -> list[str]:
    """"29/21 Apologies for Absence K Mottershead 30/21": the number and title on a line of their
    own, the minute on the next."""
    found = _NUMBER_AT_START.match(piece)
    if not found:
        return [piece]
    title = title_from_run_on(piece[found.end():])
    cut = found.end() + len(title)
    if not title or cut >= len(piece) or piece[cut] != " ":
        return [piece]
    return [piece[:cut], piece[cut + 1:]]


_NUMBER_AT_START = re.compile(
    r"^(?:(?:Minute|Min|Item)\s+)?(?:[A-Z]{1,6}/?)?\d{1,5}(?:[/.]\d{1,4}){0,2}\.?\s+(?:Item\s+\d+\s+)?")


def resplit(lines: list[str]) -> tuple[list[str], bool]:
    """Break very long lines before the parts of minutes they run together."""
    out, changed = [], False
    for line in lines:
        if len(line) < LONG_LINE:
            out.append(line)
            continue
        pieces, last = [], 0
        breaks = _numbering_breaks(line)
        for at in breaks:
            if at - 1 > last:
                pieces.append(line[last:at - 1])  # the space before the number is the break
                last = at
        pieces.append(line[last:])
        if breaks:
            pieces = [part for piece in pieces for part in _title_apart(piece)]
        for piece in pieces:
            split = _BREAK_BEFORE.split(piece)
            out.extend(split)
        if len(out) > 1 and (len(pieces) > 1 or any(len(_BREAK_BEFORE.split(p)) > 1 for p in pieces)):
            changed = True
    return out, changed


def normalise(data) -> tuple[list[str], list[str]]:
    """(lines, notes) for any input."""
    notes = []
    text = decode(data)
    cleaned = clean(text)
    if "\x00" in text:
        notes.append("NUL characters (a damaged extraction) were read as spaces.")
    lines, changed = resplit(cleaned.splitlines())
    if changed:
        notes.append("The text had lost its line breaks (a PDF extraction): it was broken into lines "
                     "before item numbers, decision headings and labels. Line numbers refer to these lines.")
    return lines, notes
