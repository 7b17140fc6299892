"""The second pass: where each minute item starts.

Minutes number their items in one sequence ("320.", "321." ... or "337/18", "338/18" ... or
"TB23/045", "TB23/046" ...), but other numbers start lines too: paragraph numbers inside a
minute (13.1, 13.2), a numbered list of declarations, a year at the start of a wrapped line
("2016. The Board ..."), a time ("10.30 The meeting resumed"). So every numbered line is a
candidate; candidates are grouped by how they are written (the same words, shape of number
and punctuation); in each group the longest run of numbers going up in small steps is found;
and the group whose run is longest is the numbering of the items. A finer numbering nested
inside a coarser one (13.1 under 13.) is paragraphs. No run at all: the text is one item,
which the clerk numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .patterns import (
    CAPS_TITLE_RUN_IN,
    FURNITURE,
    HEADING,
    ISSUE_MEETING,
    ITEM,
    ITEM_TRAILING,
    LABEL,
    NOT_A_TITLE,
    NUMBERLESS_PAGE,
    TITLE_FURNITURE,
    norm,
    roman_value,
    title_from_run_on,
)
from .sequence import longest_run

MAX_TITLE = 250


@dataclass(frozen=True)
class Candidate:
    index: int  # 0-based line index
    number: str
    title: str
    title_index: int | None  # the line the title is on, when the number stands alone
    scheme: tuple[str, str, str]  # how it is written: (word, shape, stop)
    values: tuple[int, ...]
    numbers: tuple[int, ...] = ()  # the number's parts without a letter after it
    alone: bool = False  # the number on its own line, the title on the next
    title_before: int | None = None  # the title printed on the line before the number


@dataclass(frozen=True)
class Start:
    """Where an item starts: its number line, and its title line if that is another."""

    index: int
    number: str
    title: str
    title_index: int | None
    why: str


def _shape(code: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", code))


def _title_at(lines: list[str], index: int) -> tuple[str, int | None]:
    """The title for a number standing alone: the next non-blank line, if it reads like one."""
    for look in range(index + 1, min(index + 4, len(lines))):
        text = lines[look].strip()
        if not text:
            continue
        item = ITEM.match(lines[look])
        if FURNITURE.fullmatch(text) or item and item.group("title"):
            return "", None
        return text, look
    return "", None


_RUNS_ON = re.compile(
    r"(?:\b(?:and|or|the|of|to|a|an|in|with|for|by|at|on|that|which|was|were|is|be)|,)$", re.IGNORECASE
)


def _title_before(lines: list[str], index: int) -> str:
    """A title in capitals printed on the line before a number that stands alone
    ("MINUTES OF PREVIOUS MEETING" then "2789/12 Item 4")."""
    if index < 1:
        return ""
    text = norm(lines[index - 1])
    letters = [c for c in text if c.isalpha()]
    if (
        len(text.split()) >= 2
        and len(text) <= 120
        and letters
        and sum(c.isupper() for c in letters) >= 0.85 * len(letters)
        and not ITEM.match(text)
    ):
        return text.rstrip(".")
    return ""


def _plausible(title: str, alone: bool = False) -> bool:
    if not title or len(title) > MAX_TITLE or NOT_A_TITLE.match(title):
        return False
    if alone and _RUNS_ON.search(title):  # "1.1." then "... greeted members and": a sentence
        return False
    # A long line that reads as sentences is a numbered paragraph, not a title.
    return not (len(title) > 200 and title.count(". ") >= 1)


def candidates(lines: list[str]) -> list[Candidate]:
    found = []
    title: str | None
    title_index: int | None
    title_before: int | None
    for index, line in enumerate(lines):
        if ISSUE_MEETING.match(line):
            continue  # "Meeting: 17/06/2021 - Board (Item 8)": the meeting, not an item
        trailing = ITEM_TRAILING.match(line)
        if trailing:  # "Title (HWB.05.04.2016/6)": the number after the title
            code = trailing.group("code")
            values = tuple(int(v) for v in re.findall(r"\d+", code)) + (0,)
            title = norm(trailing.group("title")).rstrip(".").strip()
            if _plausible(title):
                found.append(
                    Candidate(index, code, title, None, ("(after)", _shape(code), ""), values, values[:-1])
                )
            continue
        match = ITEM.match(line)
        if not match:
            continue
        title, title_index, title_before = match.group("title"), None, None
        if title and re.fullmatch(r"(?:Item|ITEM)\s+\d+[a-z]?", title):
            title = None  # "2789/12 Item 4": the agenda's number, not a title
        alone = title is None
        if alone:
            title, title_index = _title_at(lines, index)
        title = norm(TITLE_FURNITURE.sub("", title or "")).rstrip(".").strip()
        if len(title) > MAX_TITLE or (len(title) > 80 and re.search(r"\s[a-z][.)]\s", title)):
            title = title_from_run_on(title)  # a line that runs on into the minute
        if alone and not _plausible(title, alone):
            title, title_index, title_before = _title_before(lines, index), None, index - 1
        if not _plausible(title, alone):
            continue
        code = match.group("code")
        word = (match.group("word") or "").strip().lower().rstrip(".")
        if match.group("roman"):
            roman = roman_value(code)
            if roman is None:
                continue
            values, shape = (roman,), "R"
        else:
            suffix = match.group("suffix") or ""
            numbers = tuple(int(v) for v in re.findall(r"\d+", code))
            # "5a", "5b" between "4" and "6": the letter counts after the number.
            values = numbers + ((ord(suffix) - 96) if suffix else 0,)
            shape = _shape(code[: len(code) - len(suffix)] if suffix else code)
        if not values:
            continue
        scheme = (word, shape, match.group("stop") or "")
        found.append(
            Candidate(
                index,
                code.strip(),
                title,
                title_index,
                scheme,
                values,
                values[:-1] if not match.group("roman") else values,
                alone,
                title_before if title else None,
            )
        )
    return _one_numbering(found)


def _one_numbering(found: list[Candidate]) -> list[Candidate]:
    """ "Minute 2786/12" then "2787/12", "2788/12": one numbering, the word written once. Not
    when the bare number is there too ("Minute No. P/146" is then a cross-reference)."""
    bare = {(c.scheme[1], c.values) for c in found if not c.scheme[0]}
    return [
        replace(c, scheme=("",) + c.scheme[1:])
        if c.scheme[0].startswith("min")
        and (c.scheme[1], c.values) not in bare
        and any(not o.scheme[0] and o.scheme[1:] == c.scheme[1:] for o in found)
        else c
        for c in found
    ]


def _longest_run(group: list[Candidate]) -> list[Candidate]:
    return [group[i] for i in longest_run([c.values for c in group])]


def _nested_in(fine: list[Candidate], coarse: list[Candidate]) -> bool:
    """13.1, 13.2 under 13., 14.: paragraph numbers inside the items."""
    majors = {c.numbers for c in coarse}
    inside = sum(1 for c in fine if c.numbers[: len(coarse[0].numbers)] in majors)
    return len(coarse) >= 2 and inside >= len(fine) / 2


def _issue_page_starts(lines: list[str]) -> list[Start]:
    """A ModernGov issue page lists one issue at several meetings, each under a line
    "Meeting: 22/01/2013 - Committee (Item 180)": each such item starts a minute, whatever
    the order of the numbers."""
    starts = []
    for index, line in enumerate(lines):
        meeting = ISSUE_MEETING.match(line)
        if not meeting:
            continue
        number = meeting.group("item").rstrip(".")
        for look in range(index + 1, min(index + 4, len(lines))):
            match = ITEM.match(lines[look])
            if match and match.group("code").strip() == number and match.group("title"):
                title = norm(TITLE_FURNITURE.sub("", match.group("title"))).rstrip(".").strip()
                starts.append(Start(look, number, title, None, "an issue page's item under its meeting"))
                break
    return starts


def _numberless_page_starts(lines: list[str]) -> list[Start]:
    """An agenda-and-minutes page that lost its item numbers ("No. Item" with no numbers under
    it): each title standing alone between blank lines, or in capitals running into the page's
    "Minutes:", starts an item that the clerk numbers."""
    if not any(NUMBERLESS_PAGE.match(line) for line in lines[:30]):
        return []
    starts = []
    for index, line in enumerate(lines):
        text = line.strip()
        run_in = CAPS_TITLE_RUN_IN.match(line)
        if run_in:
            starts.append(
                Start(index, "", norm(run_in.group("title")), None, "a title of a page without numbers")
            )
            continue
        before = index == 0 or not lines[index - 1].strip()
        after = index + 1 >= len(lines) or not lines[index + 1].strip()
        title = norm(TITLE_FURNITURE.sub("", text))
        if (
            before
            and after
            and 3 <= len(title) <= 100
            and title[:1].isupper()
            and not title.endswith((".", ":", ";"))
            and not FURNITURE.fullmatch(text)
            and not HEADING.match(line)
            and not LABEL.match(line)
            and not NUMBERLESS_PAGE.match(line)
            and " - " not in title
            and not NOT_A_TITLE.match(title)
            and len(title.split()) <= 12
        ):
            starts.append(Start(index, "", title, None, "a title of a page without numbers"))
    # Before the first title: the page's heading (the board and date), not an item.
    return starts if len(starts) >= 2 else []


def item_starts(lines: list[str]) -> list[Start]:
    """The first line of each item, in order; [] when the text has no items to go by."""
    issue = _issue_page_starts(lines)
    if issue:
        return issue
    numbered = _numbered_starts(lines)
    if len(numbered) < 2 or _read_as_paragraphs(numbered, lines):
        numberless = _numberless_page_starts(lines)
        if numberless:
            return numberless
    return numbered


def _read_as_paragraphs(starts: list[Start], lines: list[str]) -> bool:
    """Numbers whose "titles" are mostly sentences ("3.1 The Board agreed the minutes ... as an
    accurate record.") number paragraphs, not items."""
    sentences = sum(
        1
        for start in starts
        if start.title_index is None
        and len(start.title.split()) >= 10
        and lines[start.index].rstrip().endswith(".")
    )
    return sentences * 2 >= len(starts)


def _numbered_starts(lines: list[str]) -> list[Start]:
    groups: dict[tuple[tuple[str, str, str], int], list[Candidate]] = {}
    for candidate in candidates(lines):
        groups.setdefault((candidate.scheme, len(candidate.values)), []).append(candidate)
    runs = [_longest_run(group) for group in groups.values()]
    if not runs:
        return []
    runs.sort(key=lambda run: (-len(run), len(run[0].values), run[0].index))
    chosen = runs[0]
    for other in runs[1:]:
        if len(other[0].values) < len(chosen[0].values) and _nested_in(chosen, other):
            chosen = other
            break
    if len(chosen) == 1 and len(runs) > 1 and len(runs[1]) == 1:
        # Two lone numbered lines of different kinds: no sequence to go by. Take the first.
        chosen = [min((run[0] for run in runs), key=lambda c: c.index)]
    word, shape, stop = chosen[0].scheme
    example = f"{word.title() + ' ' if word else ''}{chosen[0].number}{stop}"
    why = f"numbered like {example}" + (" with the title on the next line" if chosen[0].alone else "")
    return [
        Start(c.title_before, c.number, c.title, c.index, why)
        if c.title_before is not None
        else Start(c.index, c.number, c.title, c.title_index, why)
        for c in chosen
    ]


def is_issue_meeting_line(line: str) -> bool:
    return bool(ISSUE_MEETING.match(line))
