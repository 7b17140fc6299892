"""Who attended: the "Present:", "Apologies:" and "In attendance:" lists of the minutes.

Pure: standard library only. Reads a ParsedMinutes (so its line numbers are the preview's):

    for attendee in read_attendance(parse_minutes(text)):
        attendee.kind, attendee.name, attendee.job_title, attendee.group, attendee.note

Where the lists are:
* before the first minute item: a heading ("PRESENT", "Present:-", "Members present:",
  "In attendance", "Also present:", "Apologies:") then the names, one a line or run together
  ("Present: A, B and C"); a line with no name under a heading ("Leicestershire County
  Council", "NHS representatives:") is the group heading of the names below it, unless names
  and roles alternate line by line (a two-column table pasted as text), when it is the role
  of the name above;
* in a minute item titled "Present" or "Attendance" (a parish's first minute);
* in a minute item about apologies, a sentence: "Apologies for absence were received from
  ...", "Apologies from ... were received", "A, B and C sent their apologies".
The lists before the first item end at that item's heading. Each person is read once (the
first time), whatever the lists repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .attendance_names import NOTE, Entry, bare_name, key, name_like, split_entries
from .model import Item, ParsedMinutes

PRESENT, APOLOGIES, IN_ATTENDANCE = "present", "apologies", "in_attendance"
KIND_LABELS = {PRESENT: "Present", APOLOGIES: "Apologies", IN_ATTENDANCE: "In attendance"}


@dataclass
class Attendee:
    kind: str  # PRESENT, APOLOGIES or IN_ATTENDANCE
    name: str  # as printed: "Cllr Pam Posnett", "Mr. E. F. White CC"
    job_title: str = ""  # printed after the name: "Director of Public Health", "NHS England"
    group: str = ""  # the heading printed above: "Leicestershire County Council"
    note: str = ""  # "In the Chair", "part of meeting"
    line: int = 0  # the line it was read from (1-based, as ParsedMinutes.lines)

    @property
    def bare_name(self) -> str:
        """The name without titles and letters after it, for matching."""
        return bare_name(self.name)


_HEADING = re.compile(
    r"^\s*(?:(?P<present>(?:members|councillors|those)\s+present|present(?:\s+in\s+part)?|members(?=\s*:))"
    r"|(?P<attending>(?:also|officers|others|staff)\s+(?:present|in\s+attendance)|(?:also\s+)?in\s+attendance"
    r"(?!\s+for\b)(?:\s+at\s+the\s+request\s+of[^:]*)?|non-members\s+in\s+attendance[^:]*|officers(?=\s*:)"
    r"|secretariat|attending|by\s+invitation)"
    r"|(?P<apologies>apologies(?:\s+for\s+absence)?)"
    r"|(?P<absent>absent|not\s+present))"
    r"\s*(?P<delim>:-?|[-–/]|)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_APOLOGIES_SENTENCES = [
    re.compile(
        r"^apologies(?:\s+for\s+absence)?\s+(?:were|had\s+been|have\s+been|was|are)\s+(?:received|"
        r"submitted|intimated|tendered|given|noted|recorded|reported)\s+(?:from|by|on\s+behalf\s+of)"
        r"\s*(?P<colon>:-?)?\s*(?P<names>.*?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^apologies(?:\s+for\s+absence)?\s+(?:from|of)\s+(?P<names>.+?)(?:\s+(?:were|was|had\s+been|"
        r"have\s+been)\s+(?:received|noted|given|accepted)\b.*)?\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<names>[A-Z].+?)\s+(?:had\s+|has\s+|have\s+)?"
        r"(?:sent|given|gave|submitted|tendered|offered)\s+(?:their\s+|his\s+|her\s+)?"
        r"apolog(?:y|ies)\b.*$"
    ),
]
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])(?<!Mrs\.)(?<!Revd\.)(?<!Prof\.)\s+(?=[A-Z])")
_TABLE_HEADER = re.compile(r"^(?:members?|role|name|names|title|organisation|initials|/)$", re.IGNORECASE)
_IGNORED = re.compile(
    r"members?\s+of\s+(?:the\s+)?public|^\d|^(?:one|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|no|none|nil)\b",
    re.IGNORECASE,
)
_GROUP_COLON = re.compile(r"^(?P<group>[^:]{2,80}?)\s*:-?\s*(?P<rest>.*)$")
_ATTENDANCE_ITEM = re.compile(
    r"^(?:members\s+)?(?:present|attendance)(?:\s+and\s+apologies)?$", re.IGNORECASE
)
_LONG = 9  # words: a line this long that holds no one ends a list


def read_attendance(parsed: ParsedMinutes) -> list[Attendee]:
    """Everyone the minutes list as present, sending apologies or in attendance, in the
    order printed, each once."""
    lines = parsed.lines
    first = parsed.items[0].lines[0] if parsed.items else len(lines) + 1
    found = _read_block([(n, lines[n - 1]) for n in range(1, first)])
    for item in parsed.items[:3]:
        if _ATTENDANCE_ITEM.match(item.title.strip(" .")):
            found += _read_block(_body(parsed, item), PRESENT)
    if not any(a.kind == APOLOGIES for a in found):
        for item in parsed.items[:4]:
            if "apolog" in item.title.lower():
                found += [a for a in _read_block(_body(parsed, item)) if a.kind == APOLOGIES]
                break
    return _once(found)


def _body(parsed: ParsedMinutes, item: Item) -> list[tuple[int, str]]:
    skip = set(item.title_lines[:1]) | set(item.title_lines if len(item.title_lines) > 1 else ())
    return [
        (n, parsed.lines[n - 1])
        for n in range(item.lines[0], item.lines[1] + 1)
        if n not in skip and n <= len(parsed.lines)
    ]


def _once(found: list[Attendee]) -> list[Attendee]:
    seen: dict[str, Attendee] = {}
    for attendee in found:
        earlier = seen.get(key(attendee.name))
        if earlier is None:
            seen[key(attendee.name)] = attendee
            continue
        earlier.note = earlier.note or attendee.note
        earlier.job_title = earlier.job_title or attendee.job_title
    return list(seen.values())


def _sentence_entries(text: str) -> tuple[list[Attendee], bool]:
    """People a sentence says sent apologies; and whether it opens a list ("...on behalf of:-")."""
    people: list[Attendee] = []
    opens = False
    for sentence in _SENTENCE_END.split(text):
        for pattern in _APOLOGIES_SENTENCES:
            match = pattern.match(sentence.strip())
            if not match:
                continue
            names = match.group("names").strip()
            if not names and match.groupdict().get("colon"):
                opens = True
            entries, _ = split_entries(names)
            people += [Attendee(APOLOGIES, e.name, e.job_title, "", e.note) for e in entries]
            break
    return people, opens


def _heading(text: str) -> tuple[str, str, str] | None:
    """(kind, the rest of the line, note) for a list's heading ("Present:"), or None."""
    match = _HEADING.match(text)
    if not match or not (match.group("delim") or not match.group("rest").strip()):
        return None
    if match.group("apologies") and match.group("delim") == "-" and not match.group("rest").strip():
        return None
    kind = (
        PRESENT
        if match.group("present")
        else IN_ATTENDANCE
        if match.group("attending")
        else APOLOGIES
        if match.group("apologies")
        else ""
    )
    note = "Present in part" if kind == PRESENT and "part" in match.group("present").lower() else ""
    return kind, match.group("rest").strip(), note


def _read_block(lines: list[tuple[int, str]], kind: str | None = None) -> list[Attendee]:
    """The lists in a run of lines: each heading starts one; a long line that names no one
    ends it."""
    found: list[Attendee] = []
    sections: list[tuple[str, str, list[tuple[int, str]]]] = []
    if kind:
        sections.append((kind, "", []))
    current = kind
    for n, raw in lines:
        text = " ".join(raw.split())
        said, opens = _sentence_entries(text)
        if said or opens:
            for attendee in said:
                attendee.line = n
            found += said
            current = APOLOGIES if opens else None
            if opens:
                sections.append((APOLOGIES, "", []))
            continue
        heading = _heading(text)
        if heading:
            current = heading[0] or None
            if current:
                sections.append((current, heading[2], [(n, heading[1])] if heading[1] else []))
            continue
        if current is None:
            continue
        if len(text.split()) >= _LONG and not split_entries(text)[0]:
            current = None
            continue
        sections[-1][2].append((n, text))
    for section_kind, note, section_lines in sections:
        found += _read_section(section_kind, section_lines, note)
    return found


def _classify(text: str) -> tuple[str, str, list[Entry], bool]:
    """("skip"|"group"|"names"|"other", group, entries, plain) for one line of a list."""
    if not text or _TABLE_HEADER.match(text) or _IGNORED.search(text):
        return "skip", "", [], False
    colon = _GROUP_COLON.match(text)
    if colon and not name_like(colon.group("group")):
        entries, _ = split_entries(colon.group("rest")) if colon.group("rest") else ([], "")
        return "group", colon.group("group").strip(), entries, False
    entries, leftover = split_entries(text)
    if entries:
        plain = len(entries) == 1 and not entries[0].job_title and not leftover
        return "names", "", entries, plain
    return "other", "", [], False


def _read_section(kind: str, lines: list[tuple[int, str]], note: str) -> list[Attendee]:
    rows = [(n, *_classify(text), text) for n, text in lines]
    rows = [row for row in rows if row[1] != "skip"]
    others = [i for i, row in enumerate(rows) if row[1] == "other"]
    # Names and roles alternating line by line: each role follows a name alone and is
    # followed by a name (or nothing).
    after_name = [
        i for i in others if i > 0 and rows[i - 1][4] and (i + 1 == len(rows) or rows[i + 1][1] != "other")
    ]
    roles = bool(others) and len(after_name) >= 0.8 * len(others)
    found: list[Attendee] = []
    group = ""
    for i, (n, what, heading, entries, _plain, text) in enumerate(rows):
        if what == "group":
            group = heading
        elif what == "other":
            if roles and i in after_name and found:
                role = text.lstrip("/ ").rstrip(" .")
                if NOTE.match(role):
                    found[-1].note = found[-1].note or role[:200]
                else:
                    found[-1].job_title = found[-1].job_title or role[:200]
            elif not roles and len(text.split()) <= 8 and not text.endswith("."):
                group = text.rstrip(":")
            continue
        for entry in entries:
            found.append(Attendee(kind, entry.name, entry.job_title, group[:200], entry.note or note, n))
    return found
