"""One entry of an attendance list, as printed: who, their role, a note.

Pure: standard library only. Used by attendance.py, which finds the lists.

    split_entries("Cllrs Brightwell, Dawes and Tolley")      -> three names, "Cllr" each
    split_entries("Mike Sandys – Director of Public Health") -> a name and its job title
    split_entries("Mr. E. F. White CC (In the Chair)")       -> a name and the note "In the Chair"

The printed name is kept (titles and all); `bare_name` drops titles and letters after the
name ("CC", "MBE") for matching only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and ranks printed before a name; plural forms share one title between the names after.
TITLE = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|County\s+Councillor|CC|Sir|Dame|Lord|Lady|"
    r"Baroness|Rev|Revd|Reverend|Canon|Alderman|Chief\s+Inspector|Inspector|Superintendent|"
    r"Chief\s+Superintendent|Chief\s+Constable|Sergeant|ACFO|CFO|SM)\.?"
)
_TITLES = re.compile(rf"^(?:{TITLE}\s+)+", re.IGNORECASE)
_TITLE_WORD = re.compile(rf"^{TITLE}$", re.IGNORECASE)
_PLURAL = re.compile(r"^(?P<plural>Cllrs|Councillors|CCs|Drs|Messrs)\.?\s+(?P<rest>.+)$")
_SINGULAR = {"cllrs": "Cllr", "councillors": "Councillor", "ccs": "CC", "drs": "Dr", "messrs": "Mr"}
# Letters printed after a name: honours and "County Councillor".
_POST = r"(?:CC|MBE|OBE|CBE|DBE|KBE|JP|MP|MS|MSP|DL|QC|KC|FRCP|FRCS|FRCGP|MRCGP|PhD|BEM|RN)"
_POSTNOMINALS = re.compile(rf"(?:[\s,]+{_POST}\.?)+$")
_ONLY_POSTNOMINALS = re.compile(rf"^{_POST}(?:[\s,]+{_POST})*\.?$")
# A note rather than a role: the chair, part of the meeting, one item only.
NOTE = re.compile(
    r"^(?:(?:vice[- ])?chair(?:man|person|woman)?|(?:in|took)\s+the\s+chair|"
    r"(?:present\s+)?(?:in\s+)?part(?:\s+of)?(?:\s+(?:the\s+)?meeting)?|ex[- ]officio(?:\s+member)?|"
    r"(?:for\s+)?(?:minute|item)s?\s+[\w/. ,]+\s+only|(?:left|arrived)\b.*|substitute\b.*|observer)$",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_INITIALS = re.compile(r"^[A-Z]{2,3}$")
_PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "le",
    "la",
    "du",
    "da",
    "di",
    "bin",
    "al",
    "el",
    "ap",
    "o'",
    "st",
}
# Words of roles, organisations and papers: a line holding one is not a person's name.
_NOT_NAME = set(
    """
council councils county district borough city nhs trust trusts board boards group groups committee
director directors officer officers chief executive executives manager head members member chair
chairman chairperson vice secretary clerk lead public minutes minute item items agenda meeting
apologies present attendance questions representative representatives england wales scotland health
care services service university limited ltd police authority the of and for to in on at with by lay
consultant gp governance finance nursing medical coordinator co-ordinator assistant deputy interim press
patient clinical commissioning healthwatch partnership foundation cabinet leader portfolio holder
observer guest adviser advisor treasurer solicitor monitoring democratic corporate strategy planning
performance policy project programme communications company non nominated elected role name names
title organisation representing none apology absence part taker office department team unit network
social children adults commissioner integrated icb ccg sector voluntary community partners governors
governor engagement operations quality safety transformation strategic specialist practitioner
nurse matron registrar adult development primary secondary system place alliance forum panel
""".split()
)
_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.?(?:[A-Z]\.?)*|Mc\w+|O['’]\w+)$")


@dataclass
class Entry:
    name: str  # as printed, without its note or role
    job_title: str = ""
    note: str = ""


def bare_name(name: str) -> str:
    """The name without titles before it or letters after it: for matching, never shown."""
    text = _POSTNOMINALS.sub("", " ".join(name.split())).strip(" ,")
    bare = _TITLES.sub("", text).strip()
    return bare or text


def key(name: str) -> str:
    """Two printings of one name read the same: lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9']+", bare_name(name).lower()))


def name_like(text: str) -> bool:
    """A person's name as printed: a title with a surname, or two to five name words."""
    text = _POSTNOMINALS.sub("", text.strip(" ,;.")).strip()
    titled = bool(_TITLES.match(text + " "))
    words = _TITLES.sub("", text + " ").split() if titled else text.split()
    if not words or len(words) > 5 or (len(words) < 2 and not titled):
        return False
    for word in words:
        low = word.lower().strip(".")
        if low in _PARTICLES:
            continue
        if low in _NOT_NAME or not _WORD.match(word) or any(c.isdigit() for c in word):
            return False
    return True


def role_like(text: str) -> bool:
    """A role or an organisation: words that are not a name, such as "Director of Public Health"."""
    text = text.strip(" ,;.")
    if not text or name_like(text):
        return False
    words = [w.lower().strip(".,()") for w in text.split()]
    return any(w in _NOT_NAME for w in words) or text[:1].islower() or text.startswith("/")


def split_top(text: str, pattern: str) -> list[str]:
    """Split on a separator that is not inside brackets."""
    parts, depth, start = [], 0, 0
    separator = re.compile(pattern)
    position = 0
    while position < len(text):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            found = separator.match(text, position)
            if found and found.end() > position:
                parts.append(text[start:position])
                start = position = found.end()
                continue
        position += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip(" ,;")]


def _notes(text: str) -> tuple[str, list[str]]:
    """The text without its notes in brackets ("(Chair)", "(part of meeting)") and without
    initials in brackets ("(RM)"); the notes as printed."""
    notes = []

    def take(match: re.Match[str]) -> str:
        inside = match.group(1).strip()
        if _INITIALS.match(inside) or not inside:
            return ""
        if NOTE.match(inside):
            notes.append(inside)
            return ""
        return match.group(0)

    return _PARENS.sub(take, text).strip(), notes


def _name_role(text: str) -> tuple[str, str]:
    """A name and the role printed after it, if any."""
    words = text.split()
    # "Dr Rohan Mistry RM Clinical Chair": the person's initials stand between.
    for i in range(2, min(len(words), 7)):
        if _INITIALS.match(words[i]):
            initials = "".join(w[0] for w in words[:i] if not _TITLE_WORD.match(w))
            if initials == words[i]:
                return " ".join(words[:i]), " ".join(words[i + 1 :])
    for separator in (r"\s+[–—-]\s+", r"\s*/\s*", r"\s*\t\s*"):
        parts = re.split(separator, text, maxsplit=1)
        if len(parts) == 2 and parts[0].strip():
            return parts[0].strip(), parts[1].strip()
    # "Mr D Marchetti Clerk and Executive Officer": a title, initials, a surname, then the role.
    titled = re.match(rf"^(?P<name>(?:{TITLE}\s+)+(?:[A-Z]\.?\s*)*[A-Z][\w'’-]+)\s+(?P<role>.+)$", text)
    if titled and role_like(titled.group("role")) and not name_like(text):
        return titled.group("name"), titled.group("role")
    return text, ""


def _and_split(part: str) -> list[str]:
    """ "Jane Doe and John Roe" is two names; "Moore and Smalley" (a firm) is not."""
    pieces = split_top(part, r"\s+(?:and|&)\s+")
    if len(pieces) > 1 and all(name_like(_PARENS.sub("", p)) for p in pieces):
        return pieces
    return _by_titles(part)


def _by_titles(text: str) -> list[str]:
    """A line that runs several titled people together ("Mr G Bevan Non Executive Director Mrs H
    Pugh ..."): split before each title that follows a word that is not a title."""
    title = r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor)\.?\s+(?=[A-Z])"
    starts = [m.start() for m in re.finditer(title, text)]
    starts = [s for s in starts if s == 0 or not _TITLE_WORD.match(text[:s].split()[-1])]
    if len(starts) < 2:
        return [text]
    bounds = starts + [len(text)]
    head = text[: starts[0]].strip()
    pieces = ([head] if head else []) + [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    return [re.sub(r"\s+(?:and|&)$", "", piece) for piece in pieces]


def split_entries(text: str) -> tuple[list[Entry], str]:
    """The people in one line or sentence of a list, and any text read as no one's (a role
    or an organisation on its own line, for the caller to place)."""
    text = " ".join(text.split()).strip(" ;,.")
    text = re.sub(r"^(?:[-•·*]|\d+[.)])\s+", "", text)
    shared = ""
    plural = _PLURAL.match(text)
    if plural:
        shared, text = _SINGULAR[plural.group("plural").lower()], plural.group("rest")
    parts = split_top(text, r"\s*;\s*") if ";" in text else split_top(text, r"\s*,\s*")
    parts = [re.sub(r"^(?:and|&)\s+", "", p) for p in parts]  # "A, B, and C"
    entries: list[Entry] = []
    leftover = []
    for part in (piece for p in parts for piece in _and_split(p)):
        bare, notes = _notes(part)
        name, role = _name_role(bare)
        if "(" in name and name_like(_PARENS.sub("", name)):  # "D. Howells (Powys County Council)"
            notes += [m.group(1).strip() for m in _PARENS.finditer(name) if m.group(1).strip()]
            name = _PARENS.sub("", name).strip()
        if shared and not _TITLES.match(name + " "):
            name = f"{shared} {name}"
        if entries and _ONLY_POSTNOMINALS.match(bare):  # "Mr. Dave Houseman MBE, CC"
            entries[-1].name += f", {bare}"
            continue
        if name_like(name):
            if role and name_like(role) and not role_like(role):  # "Desmond Okafor / Lydia Brennan"
                entries += [Entry(name), Entry(role)]
                entries[-1].note = "; ".join(notes)
                continue
            entries.append(Entry(name, "", "; ".join(notes)))
            role_to = entries[-1]
        elif entries and (role_like(bare) or NOTE.match(bare)):
            role_to, role = entries[-1], bare
            if notes:
                role_to.note = "; ".join(filter(None, [role_to.note, *notes]))
        else:
            leftover.append(part)
            continue
        if role:
            if NOTE.match(role.strip(" ,.")):
                role_to.note = "; ".join(filter(None, [role_to.note, role.strip(" ,.")]))
            else:
                role_to.job_title = ", ".join(filter(None, [role_to.job_title, role]))
    for entry in entries:
        entry.job_title = entry.job_title.strip(" ,;")[:200]
        entry.note = entry.note[:200]
        entry.name = entry.name.strip(" ,;")[:200]
    return entries, ", ".join(leftover)
