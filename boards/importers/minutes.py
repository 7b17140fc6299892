"""Read pasted minutes text into minute items and their resolutions.

Pure: standard library only, no database, no Django. Text in, structure out:

    parsed = parse_minutes(text)
    parsed.items[0].number, parsed.items[0].resolutions[0].label, ...
    to_json(parsed)  # plain dict for a form or an API

Lines
-----
The input is split with ``str.splitlines()`` and lines are numbered from 1. Every line
ends up in exactly one place (``accounted_lines`` checks this):

* an item's ``text_lines``    - its number/title line and its discussion lines;
* an item's ``heading_lines`` - a decision heading line ("RESOLVED:") that carries no
  resolution text. A heading line that also starts a resolution ("RESOLVED: (a) That ...",
  "It was RESOLVED that the report be noted.") belongs to that resolution instead;
* a resolution's ``line_numbers``;
* an ``Unparsed`` block - text before the first item, and page furniture (page numbers,
  "Agenda Item 5", the "CHAIRMAN" signature block) wherever it falls.

Blank lines: a blank line belongs to whatever the line above it belongs to (the block it
sits in); blank lines at the very start belong to the first unparsed block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- What the lines look like -------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)

# Minute numbers at the start of a line, followed by a title that starts with a capital:
# "326. Title", "337/18 Title", "2786/12 Item 1 Title", "12.1 Title", "HWB.05.04.2016/6 Title".
_ITEM = re.compile(
    r"^\s*(?P<number>[A-Z][A-Za-z]*\.\d{2}\.\d{2}\.\d{4}/\d+"  # HWB.05.04.2016/6
    r"|\d{1,5}/\d{1,4}"  # 337/18, 2786/12
    r"|\d{1,4}\.\d{1,3}(?!\d)"  # 12.1
    r"|\d{1,5}(?=\.))"  # 326.
    r"\.?(?:\s+Item\s+\d+\b)?[\s.:\-–]*"  # "2786/12 Item 1": the "Item 1" is dropped
    r"(?P<title>[A-Z‘'\"“(\[].*)$"
)
# Decision headings. Group "rest" is any text after the heading on the same line.
_HEADING = re.compile(
    r"^\s*(?P<heading>"
    r"It\s+was\s+(?:RESOLVED|resolved|AGREED|agreed)(?:\s*:-?|\s+that\b|\s*$)"
    r"|(?:RESOLVED|Resolved)\s*[-–]\s*that\b"
    r"|RESOLVED\b\s*(?::-|[:\-–])?"
    r"|Resolved\s*(?::-|:|\s+that\b)"
    r"|AGREED\b\s*:?|Agreed\s*:"
    r"|The\s+(?:Board|Committee|Panel|Cabinet)\s+(?:RESOLVED|resolved|AGREED|agreed)\s*(?::-|:|\s+that\b)"
    r"|(?:DECISION|Decision)S?\s*:|DECISIONS?\s*$"
    r")(?P<rest>.*)$"
)
# Resolution labels: (a) a) a. (i) i) 1. 1) (1) (A) A.  Group c1 or c2 is what is inside.
_LABEL = re.compile(
    r"^\s*(?P<label>\((?P<c1>[a-z]|[ivxlc]{1,6}|\d{1,2}|[A-Z])\)"
    r"|(?P<c2>[a-z]|[ivxlc]{1,6}|\d{1,2}|[A-Z])[.)](?=\s|$))\s*(?P<rest>.*)$"  # not "i.e."
)
# Bullets: a dash needs a space after it ("-2022" is not a bullet).
_BULLET = re.compile(r"^\s*(?:[•·▪●]|[-–](?=\s))\s*(?P<rest>.*)$")
# Page furniture, matched against the whole stripped line.
_FURNITURE = re.compile(
    r"(?:Agenda\s+Item\s+\w+|Page\s+\d+(?:\s+of\s+\d+)?|-?\s*\d{1,3}\s*-?"  # "- 3 -"
    r"|Chair(?:man|person|woman)?:?\s*\.*"  # the signature block ...
    r"|\d{1,2}[.:]\d{2}\s*(?:[ap]m)?\s*[-–]\s*\d{1,2}[.:]\d{2}\s*[ap]m"  # ... 2.00 - 3.55 pm
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\s+\d{4})",  # ... 17 November 2016
    re.IGNORECASE,
)

# --- Does a resolution create work? ---------------------------------------------------------

# Whole words only: "provided", "arrangements", "submitted" and "discussion" are not work.
_WORK = [
    r"be submitted", r"be developed", r"take place", r"(?:be|are|is) asked to", r"discuss",
    r"receives? regular", r"be reported", r"report back", r"reports? to (?:the|a) (?:next|future)",
    r"submit", r"be prepared", r"prepare", r"be circulated", r"circulate", r"be arranged",
    r"arrange", r"write to", r"be written", r"be established", r"be set up", r"undertake",
    r"ascertain", r"be reviewed", r"bring back", r"be brought back", r"be considered at",
    r"consider at", r"be provided", r"to provide", r"be produced", r"liaise", r"to work with",
    r"be requested", r"be invited to", r"be commissioned", r"investigate",
    r"explore", r"update the board", r"be updated", r"be sent", r"to report",
]
_WORK_RE = [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in _WORK]
_NOTING = re.compile(
    r"\bbe (?:noted|approved|received|supported|endorsed|agreed|welcomed|accepted|adopted|"
    r"ratified|confirmed|acknowledged)\b|\b(?:noted|approved|received|endorsed) the\b",
    re.IGNORECASE,
)

# Due phrases, most specific first. The whole match is kept as written.
_DUE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:by|before|no later than)\s+(?:the\s+end\s+of\s+)?"
        r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH + r"(?:\s+\d{4})?\b",
        r"\b(?:by|before)\s+\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\bon\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
        + _MONTH + r"(?:\s+\d{4})?\b",
        r"\bin\s+(?:early\s+|late\s+|mid[-\s])?" + _MONTH + r"(?:\s+\d{4})?\b",
        r"\bnext\s+(?:board\s+)?meeting\b",
        r"\bin\s+due\s+course\b",
        r"\b(?:a|the)\s+future\s+meeting\b",
    )
]


# --- The structure ------------------------------------------------------------------------


@dataclass
class Res:
    label: str  # as printed: "(a)", "1.", "" for an unlabelled or bulleted resolution
    text: str  # the resolution's lines joined, whitespace normalised
    creates_action: bool = False
    reason: str = ""
    due_phrase: str = ""
    lines: tuple[int, int] = (0, 0)  # first and last line (page furniture may sit inside)
    line_numbers: tuple[int, ...] = ()  # exactly the lines that are this resolution's


@dataclass
class Item:
    number: str  # "326", "337/18", "12.1", "HWB.05.04.2016/6"
    title: str  # without the trailing full stop
    text: str = ""  # discussion: paragraphs split by a blank line, PDF line breaks joined
    heading: str = ""  # the first decision heading as printed ("RESOLVED:"), or ""
    resolutions: list[Res] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)  # first and last line of the item
    text_lines: tuple[int, ...] = ()  # number/title line and discussion lines
    heading_lines: tuple[int, ...] = ()  # heading lines that carry no resolution text


@dataclass
class Unparsed:
    lines: tuple[int, int]  # first and last line: a block is always a contiguous run
    text: str


@dataclass
class ParsedMinutes:
    items: list[Item] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)


# --- Helpers --------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def classify(text: str) -> tuple[bool, str]:
    """(creates_action, reason). Work phrases win over noting ones: "a plan be developed
    and reported ... be noted" still creates work. No phrase at all: no action proposed."""
    for pattern in _WORK_RE:
        found = pattern.search(text)
        if found:
            return True, f"creates work: '{found.group(0)}'"
    if _NOTING.search(text):
        return False, "notes or approves: no work follows"
    return False, "no work phrase found: check by hand"


def due_phrase(text: str) -> str:
    """The first due phrase in the text ("by March 2017", "next meeting"), or ""."""
    for pattern in _DUE:
        found = pattern.search(text)
        if found:
            return _norm(found.group(0))
    return ""


def _major(number: str) -> int | None:
    """The leading whole number of a plain minute number, for the sequence check."""
    found = re.match(r"\d+", number)
    return int(found.group(0)) if found else None


def _style(label: str, previous: str) -> str:
    """The kind of a label: "1", "A", "a" (letter) or "i" (roman numeral). A lone i, v, x,
    l or c is a letter when it follows the letter before it ("(h)" then "(i)") or opens the
    list (other than "i"), and a roman numeral otherwise ("(a)" then "(i)")."""
    core = re.sub(r"[^0-9A-Za-z]", "", label)
    previous = re.sub(r"[^0-9A-Za-z]", "", previous)
    if core.isdigit():
        return "1"
    if len(core) == 1 and core.isupper():
        return "A"
    if not re.fullmatch(r"[ivxlc]+", core):
        return "a"
    if len(core) == 1 and len(previous) == 1 and previous.islower():
        return "a" if ord(core) == ord(previous) + 1 else "i"
    return "a" if (len(core) == 1 and not previous and core != "i") else "i"


def _join_text(parts: list[str]) -> str:
    """Discussion lines to paragraphs: a blank line ends a paragraph, a bullet starts a new
    line, anything else continues the line above (a PDF line break mid-sentence)."""
    paragraphs, current = [], []
    for part in parts:
        bullet = _BULLET.match(part)
        if not part.strip():
            if current:
                paragraphs.append("\n".join(current))
                current = []
        elif bullet and bullet.group("rest").strip():
            current.append("- " + _norm(bullet.group("rest")))
        elif current:
            current[-1] = current[-1] + " " + _norm(part)
        else:
            current.append(_norm(part))
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(p for p in paragraphs if p)


# --- The parser -----------------------------------------------------------------------------


def parse_minutes(text: str) -> ParsedMinutes:
    """Parse minutes text. Never raises: if the parser itself fails on some input, the
    whole text comes back as one unparsed block."""
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a safety net; the property tests call _parse directly
        try:
            lines = _lines(text)
        except Exception:  # noqa: BLE001 - str() of an odd object can fail too
            return ParsedMinutes()
        return ParsedMinutes([], [Unparsed((1, len(lines)), "\n".join(lines))] if lines else [])


def _lines(text) -> list[str]:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return str(text).splitlines() if text is not None else []


def _parse(text: str) -> ParsedMinutes:
    lines = _lines(text)
    result = ParsedMinutes()
    owner: list = [None]  # where the line above went: ("unparsed",), ("text",), ("res", r) ...
    item: Item | None = None
    text_parts: dict[int, list[str]] = {}  # id(item) -> its discussion lines (with blanks)
    res_parts: dict[int, list[str]] = {}  # id(res) -> its lines' text
    in_decision = False
    res: Res | None = None

    def to_unparsed(n: int, line: str) -> None:
        last = result.unparsed[-1] if result.unparsed else None
        if last is not None and last.lines[1] == n - 1 and owner[0] == ("unparsed",):
            last.lines = (last.lines[0], n)
            last.text += "\n" + line
        else:
            result.unparsed.append(Unparsed((n, n), line))
        owner[0] = ("unparsed",)

    def to_text(n: int, line: str, keep: bool = True) -> None:
        item.text_lines += (n,)
        if keep:
            text_parts[id(item)].append(line)
        owner[0] = ("text",)

    def to_res(n: int, r: Res, line: str) -> None:
        r.line_numbers += (n,)
        r.lines = (r.line_numbers[0], n)
        res_parts[id(r)].append(line)
        owner[0] = ("res", r)

    def start_res(n: int, label: str, rest: str) -> Res:
        r = Res(label=label, text="")
        res_parts[id(r)] = []
        item.resolutions.append(r)
        to_res(n, r, rest)
        return r

    def is_label(found: re.Match) -> bool:
        """A label line inside a decision block. A bare "3." could also be the next item
        ("3. Date of next meeting"): it is a label only if it continues the labels."""
        core = found.group("c1") or found.group("c2") or ""
        labelled = [r for r in item.resolutions if r.label]
        if labelled and _style(core, labelled[-1].label) != _style(labelled[0].label, ""):
            return False  # "(i)" under "(a)": a sub-point of the resolution above
        if not core.isdigit():
            return True
        numbered = [r for r in item.resolutions if re.search(r"\d", r.label)]
        if int(core) != len(numbered) + 1 or (item.resolutions and not numbered):
            return False
        # "2. Date of next meeting" after item "1.": the next minute, unless it reads
        # like a resolution ("2. That ...", "2. to note ...").
        rest = found.group("rest")
        looks_like_item = _ITEM.match(found.string) and not re.match(r"(That|To)\b", rest)
        return not (looks_like_item and int(core) == (_major(item.number) or -1) + 1)

    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:  # a blank line goes with the line above
            kind = owner[0]
            if kind is None or kind == ("unparsed",):
                to_unparsed(n, line)
                continue
            item.lines = (item.lines[0], n)
            if kind == ("text",):
                to_text(n, line)
            elif kind == ("heading",):
                item.heading_lines += (n,)
            else:
                to_res(n, kind[1], line)
            continue
        if _FURNITURE.fullmatch(stripped):
            to_unparsed(n, line)
            continue
        found_label = _LABEL.match(line) if item is not None and in_decision else None
        label_here = found_label is not None and is_label(found_label)
        found_item = None if label_here else _ITEM.match(line)
        if found_item and item is not None:
            # A number that jumps backwards or far ahead is a line break inside a
            # sentence ("... in\n2016. The Board ..."), not a new minute.
            new, old = _major(found_item.group("number")), _major(item.number)
            if new is not None and old is not None and not (old <= new <= old + 50):
                found_item = None
        if found_item:
            number = found_item.group("number")
            title = _norm(found_item.group("title")).rstrip(".").strip()
            item = Item(number=number, title=title, lines=(n, n))
            text_parts[id(item)] = []
            result.items.append(item)
            in_decision, res = False, None
            to_text(n, line, keep=False)
            continue
        if item is None:  # before the first minute: attendance, the meeting's details
            to_unparsed(n, line)
            continue
        item.lines = (item.lines[0], n)
        heading = _HEADING.match(line)
        if heading:
            in_decision, res = True, None
            item.heading = item.heading or _norm(heading.group("heading"))
            rest = heading.group("rest").strip()
            if not rest:
                item.heading_lines += (n,)
                owner[0] = ("heading",)
                continue
            line = rest  # the first resolution starts on the heading's line
            found_label = _LABEL.match(line)
            label_here = found_label is not None and is_label(found_label)
        if not in_decision:
            to_text(n, line)
            continue
        bullet = _BULLET.match(line)
        if label_here:
            res = start_res(n, found_label.group("label"), found_label.group("rest"))
        elif bullet:
            res = start_res(n, "", bullet.group("rest"))
        elif res is None:
            res = start_res(n, "", line)  # a single unlabelled resolution
        else:
            to_res(n, res, line)  # a PDF line break inside the resolution

    # Join each item's discussion and each resolution's lines; classify.
    for it in result.items:
        it.text = _join_text(text_parts[id(it)])
        for r in it.resolutions:
            r.text = _norm(" ".join(res_parts[id(r)]))
            r.creates_action, r.reason = classify(r.text)
            r.due_phrase = due_phrase(r.text)
    return result


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


def to_json(parsed: ParsedMinutes) -> dict:
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
