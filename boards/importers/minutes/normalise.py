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


def resplit(lines: list[str]) -> tuple[list[str], bool]:
    """Break very long lines before the parts of minutes they run together."""
    out, changed = [], False
    for line in lines:
        if len(line) < LONG_LINE:
            out.append(line)
            continue
        pieces = _BREAK_BEFORE.split(line)
        if len(pieces) > 1:
            changed = True
        out.extend(pieces)
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
