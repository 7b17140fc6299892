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

from .patterns import LABEL_WORD, PERSON, WORK_VERB, title_from_run_on
from .sequence import longest_run

_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# A line this long with minutes inside it is a text whose line breaks were lost.
LONG_LINE = 400
_BREAK_BEFORE = re.compile(
    r"(?<=[.;:!?)\]\"”’]) (?="  # after the end of a sentence or clause ...
    r"\d{1,4}(?:[./]\d{1,4}){0,2}\.?\s+[A-Z‘'\"“(]"  # ... an item number: "12. Title", "337/18 Title"
    r"|(?:It\s+was\s+)?(?:RESOLVED|AGREED|Resolved|Agreed)\b"  # ... a decision heading
    # ... "It was resolved"
    r"|It\s+was\s+(?:(?:then|further|therefore|unanimously)\s+)?(?:resolved|agreed)\b"
    r"|(?:The\s+)?(?:Clerk|Chair(?:man|person)?|Officers?|Cllrs?\.?\s+[A-Z]\w+|Councillors?\s+[A-Z]\w+|[A-Z]{2,4})"
    r"\s+to\s+(?!be\b|the\b|a\b)[a-z]{3,}\b"  # ... an owner line: "Clerk to write to ..."
    r"|"
    + PERSON
    + r"(?:\s*(?:,|and|&)\s*"
    + PERSON
    + r"){0,3}\s+to\s+"
    + WORK_VERB
    + r"\b"  # ... "Ross Jago to produce"
    r"|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])\)\s"  # ... a label: "(a) ", "(ii) ", "(3) "
    r"|(?:[a-z]|\d{1,3})[.)]\s+(?:[Tt]hat|[Tt]o)\b"  # ... "b) That", "2. to"
    r"|[a-h][.)]\s+[A-Z]"  # ... "a. The Chairman opened", "b) Mr Gill attended"
    r"|Page\s+\d+\s+of\s+\d+"  # ... page furniture
    r"|The\s+meeting\s+(?:closed|ended|finished|concluded)\b"  # ... the close
    r"|The\s+[A-Z][^.:;()]{0,60}:-?\s+\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s"  # ... a stem: "The Board: (a)"
    r")"
)
_LABEL_ALONE = re.compile(r"\(?(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}|[A-Z])[.)]")


def _break_before(piece: str) -> list[str]:
    """A long line broken before the parts it runs together, never leaving a label on its own
    ("(b) Agreed that ..." stays one line)."""
    out: list[str] = []
    for part in _BREAK_BEFORE.split(piece):
        if out and _LABEL_ALONE.fullmatch(out[-1].strip()):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def decode(data: object) -> str:
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
    r"(?:(?<=\s)|^)(?:(?:Minute|Min|Item)\s+)?(?P<code>(?:[A-Z]{1,6}/?)?\d{1,5}(?:[/.]\d{1,4}){0,2})"
    r"(?=\.?\s+(?:Item\s+\d+\s+)?[A-Z‘'\"“])"
)


def _numbering_breaks(lines: dict[int, str]) -> dict[int, set[int]]:
    """Where the items' numbering restarts lines in a text that lost its line breaks: the
    longest run of numbers of one shape going up in small steps (three at least), read across
    all the long lines (a PDF extracted a line a page). {line index: positions in it}."""
    groups: dict[tuple[str, int], list[tuple[int, int, tuple[int, ...]]]] = {}
    for index, line in lines.items():
        for found in _NUMBER_IN_LINE.finditer(line):
            code = found.group("code")
            values = tuple(int(v) for v in re.findall(r"\d+", code))
            groups.setdefault((re.sub(r"\d+", "#", code), len(values)), []).append(
                (index, found.start(), values)
            )
    best: list[tuple[int, int]] = []
    for entries in groups.values():
        run = [entries[i][:2] for i in longest_run([values for _, _, values in entries])]
        if len(run) > len(best):
            best = run
    breaks: dict[int, set[int]] = {}
    if len(best) >= 3:
        for index, at in best:
            breaks.setdefault(index, set()).add(at)
    return breaks


def _title_apart(piece: str) -> list[str]:
    """ "29/21 Apologies for Absence K Mottershead 30/21": the number and title on a line of their
    own, the minute on the next."""
    found = _NUMBER_AT_START.match(piece)
    if not found:
        return [piece]
    first = piece[found.end() :].split(" ", 1)[0]
    if LABEL_WORD.fullmatch(first):  # "2789/12 Item 4 a. The Board agreed": no title here
        return [piece[: found.end()].rstrip(), piece[found.end() :]]
    title = title_from_run_on(piece[found.end() :])
    cut = found.end() + len(title)
    if not title or cut >= len(piece) or piece[cut] != " ":
        return [piece]
    return [piece[:cut], piece[cut + 1 :]]


_NUMBER_AT_START = re.compile(
    r"^(?:(?:Minute|Min|Item)\s+)?(?:[A-Z]{1,6}/?)?\d{1,5}(?:[/.]\d{1,4}){0,2}\.?\s+(?:Item\s+\d+\s+)?"
)


_WORD = re.compile(r"\S+")
_PAGE_NUMBER = re.compile(r"\d{1,3}")


def _running_headers(lines: dict[int, str]) -> dict[int, list[tuple[int, int]]]:
    """Where a page's running header or footer sits in a text that lost its line breaks: the
    longest run of four to twelve words that comes back at least twice, each time followed by a
    different page number ("Highland NHS Board 6 December 2011 Item 2(a) 65"), read across all
    the long lines. {line index: (start, end) spans}."""
    words = [
        (index, m.start(), m.end(), m.group()) for index, line in lines.items() for m in _WORD.finditer(line)
    ]
    seen: dict[tuple[str, ...], list[int]] = {}
    for at, (index, _, _, word) in enumerate(words):
        if not _PAGE_NUMBER.fullmatch(word):
            continue
        for size in range(4, 13):
            if at - size < 0 or words[at - size][0] != index:
                break
            key = tuple(w[3] for w in words[at - size : at])
            seen.setdefault(key, []).append(at)
    best: tuple[int, list[int]] = (0, [])
    for key, ends in seen.items():
        pages = {words[end][3] for end in ends}
        if (
            len(ends) >= 2
            and len(pages) == len(ends)
            and not any(w.endswith((".", ";", ":")) for w in key[:-1])
        ):
            if len(key) > best[0] or (len(key) == best[0] and len(ends) > len(best[1])):
                best = (len(key), ends)
    size, ends = best
    spans: dict[int, list[tuple[int, int]]] = {}
    for end in ends:
        spans.setdefault(words[end][0], []).append((words[end - size][1], words[end][2]))
    return spans


def _cuts(line: str, numbers: set[int], headers: list[tuple[int, int]]) -> tuple[list[int], set[int]]:
    """Where to break a long line (each cut is the index of a space), and which pieces (by their
    start) are running headers to keep whole."""
    cuts = {at - 1 for at in numbers}
    whole = set()
    for start, end in headers:
        if start > 0:
            cuts.add(start - 1)
        whole.add(start)
        if end < len(line) and line[end] == " ":
            cuts.add(end)
    return sorted(c for c in cuts if 0 < c < len(line) and line[c] == " "), whole


_CAPS_TAIL = re.compile(
    r"(?<=[.;:!?]) (?P<title>(?:[A-Z][A-Z’'&,()-]*|\d+(?:st|nd|rd|th)?|[A-Z]+\d*)"
    r"(?: (?:[A-Z][A-Z’'&,()-]*|\d+(?:st|nd|rd|th)?|OF|AND|ON|THE))+)$"
)


def _titles_before_numbers(pieces: list[str]) -> list[str]:
    """A title in capitals that the extraction put before its minute number ("... the Board.
    MINUTES OF PREVIOUS MEETING" then "2789/12 Item 4"): on a line of its own."""
    out: list[str] = []
    for index, piece in enumerate(pieces):
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        number = _NUMBER_AT_START.match(following + " ")
        tail = _CAPS_TAIL.search(piece) if number and not following[number.end() :].strip() else None
        if tail and len(tail.group("title").split()) >= 2:
            out += [piece[: tail.start()], tail.group("title")]
        else:
            out.append(piece)
    return out


def resplit(lines: list[str]) -> tuple[list[str], bool]:
    """Break very long lines before the parts of minutes they run together."""
    out, changed = [], False
    long_lines = {i: line for i, line in enumerate(lines) if len(line) >= LONG_LINE}
    numbering = _numbering_breaks(long_lines)
    headers = _running_headers(long_lines)
    for index, line in enumerate(lines):
        if len(line) < LONG_LINE:
            out.append(line)
            continue
        cuts, whole = _cuts(line, numbering.get(index, set()), headers.get(index, []))
        pieces, last = [], 0
        for cut in cuts + [len(line)]:
            if cut > last:
                pieces.append((last, line[last:cut]))
            last = cut + 1  # the space is the break
        split: list[str] = []
        for start, piece in pieces:
            if start in whole:
                split.append(piece)
                continue
            for part in _title_apart(piece) if numbering else [piece]:
                split.extend(_break_before(part))
        out.extend(_titles_before_numbers(split))
        changed = changed or len(split) > 1
    return out, changed


_TRAILING_PAGE = re.compile(r"\s+\d{1,3}\s*$")


def running_headers(lines: list[str]) -> frozenset[int]:
    """Line numbers (from 1) of a page's running header or footer: a short line that comes back
    with only its page number changed ("Highland NHS Board 6 December 2011 Item 2(a) 65"), or
    the same line with a date or number in it three times or more."""
    keyed: dict[str, list[tuple[int, str]]] = {}
    for n, line in enumerate(lines, start=1):
        text = " ".join(line.split())
        if not 12 <= len(text) <= 120 or len(text.split()) < 4 or text.endswith((":", ";", ",")):
            continue
        page = _TRAILING_PAGE.search(text)
        key = text[: page.start()] if page else text
        keyed.setdefault(key, []).append((n, page.group().strip() if page else ""))
    found: set[int] = set()
    for key, seen in keyed.items():
        pages = [page for _, page in seen]
        numbered = all(pages) and len(set(pages)) == len(pages) >= 2
        repeated = len(seen) >= 3 and re.search(r"\d", key)
        if numbered or repeated:
            found.update(n for n, _ in seen)
    return frozenset(found)


def normalise(data: object) -> tuple[list[str], list[str]]:
    """(lines, notes) for any input."""
    notes = []
    text = decode(data)
    cleaned = clean(text)
    if "\x00" in text:
        notes.append("NUL characters (a damaged extraction) were read as spaces.")
    lines, changed = resplit(cleaned.splitlines())
    if changed:
        notes.append(
            "The text had lost its line breaks (a PDF extraction): it was broken into lines "
            "before item numbers, decision headings and labels. Line numbers refer to these lines."
        )
    return lines, notes
