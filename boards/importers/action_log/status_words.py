"""What a status word in someone else's action log means, and which status of a board's
key says the same. Pure: no database and no Django.

    meaning_of("Not yet due")              # "not_yet_due"
    meaning_of("Amber", legend)            # the file's own key first: {"amber": "on_track"}
    leading_status("Complete – sent 2 May")  # ("Complete", "sent 2 May")
    status_line("Topic\\nDo it.\\nStatus: in progress – waiting.")
                                           # ("in progress", "Topic\\nDo it.", "waiting.")
    legend_entry("Green – done; no longer followed")   # ("green", "complete")
    suggest("complete", statuses, default) # the key status meaning complete, or None

Meanings are the fidelity corpus's vocabulary (tests/fidelity/README.md): complete,
on_track, at_risk, off_track, not_started, not_yet_due, proposed_closure, closed,
ongoing, unknown ("tbc": no status given).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

MEANINGS = (
    "complete",
    "on_track",
    "at_risk",
    "off_track",
    "not_started",
    "not_yet_due",
    "proposed_closure",
    "closed",
    "ongoing",
    "unknown",
)

# Words and phrases as clerks write them, after normalise(). Single letters only count
# when they are the whole cell (a RAG letter, or O / C for open / closed).
WORDS = {
    "complete": {
        "complete",
        "completed",
        "done",
        "achieved",
        "implemented",
        "finished",
        "delivered",
        "actioned",
        "blue",
        "b",
        "fully implemented",
        "complete closed",
        "completed closed",
        "resolved",
        "answered",
        "discharged",
    },
    "closed": {"closed", "close", "c", "agreed closed", "closed complete", "withdrawn", "superseded"},
    "proposed_closure": {
        "proposed for closure",
        "propose to close",
        "proposed to close",
        "proposed closure",
        "for closure",
        "recommend closure",
        "recommended for closure",
        "ready to close",
        "request to close",
        "propose for closure",
        "proposed complete",
        "proposed as complete",
        "pc",
    },
    "on_track": {"on track", "on target", "on schedule", "green", "g", "in hand", "on time"},
    "not_yet_due": {"not yet due", "not due", "not due yet", "future", "not yet started not due"},
    "ongoing": {
        "ongoing",
        "on going",
        "in progress",
        "open",
        "o",
        "progressing",
        "underway",
        "under way",
        "started",
        "live",
        "current",
        "active",
        "work in progress",
        "wip",
        "continuing",
        "business as usual",
        "bau",
        "new",
        "new action",
    },
    "at_risk": {
        "at risk",
        "delayed",
        "slipped",
        "slipping",
        "amber",
        "a",
        "paused",
        "on hold",
        "some slippage",
        "behind",
        "partially implemented",
        "partly implemented",
        "partially complete",
        "risk",
        "deferred",
        "postponed",
        "yellow",
        "y",
    },
    "off_track": {
        "off track",
        "overdue",
        "red",
        "r",
        "late",
        "not achieved",
        "behind schedule",
        "not on track",
        "missed",
        "stalled",
        "not implemented",
        "no progress",
        "past due",
    },
    "not_started": {
        "not started",
        "not yet started",
        "yet to start",
        "not commenced",
        "not begun",
        "to start",
    },
    "unknown": {
        "tbc",
        "to be confirmed",
        "tbc in meeting",
        "verbal update",
        "verbal update at meeting",
        "verbal update at the meeting",
        "update at meeting",
        "update at the meeting",
        "n a",
        "na",
        "see comments",
        "see update",
        "see below",
        "tba",
        "to be agreed",
        "unknown",
        "none",
        "x",
        "update to follow",
        "update due",
        "awaiting update",
        "no update",
    },
}
MEANING_OF_WORD = {word: meaning for meaning, words in WORDS.items() for word in words}
# Phrases that can open a comment ("Complete – figures sent"): no single letters, no
# colours (a comment opening "Red tape..."), nothing that reads as the start of a sentence.
_NOT_LEADING = {
    "b",
    "c",
    "o",
    "g",
    "a",
    "r",
    "y",
    "x",
    "new",
    "close",
    "open",
    "current",
    "live",
    "active",
    "future",
    "risk",
    "behind",
    "late",
    "none",
    "missed",
    "to start",
    "blue",
    "green",
    "red",
    "amber",
    "yellow",
    "started",
    "delivered",
    "resolved",
    "answered",
    "new action",
    "done",
    "na",
    "n a",
    "unknown",
    "deferred",
    "postponed",
}
LEADING = sorted((w for w in MEANING_OF_WORD if w not in _NOT_LEADING), key=len, reverse=True)

# What a status's definition in a key says (a file's own key, or a board's): the phrases of
# each meaning, looked for in order. "Not complete" says nothing about complete.
DEFINITION_PHRASES = [
    ("proposed_closure", ("ready to close", "proposed for closure", "for closure")),
    (
        "off_track",
        (
            "off track",
            "too slow",
            "not on track",
            "overdue",
            "past its due",
            "past the due",
            "needs the board",
            "needs attention",
            "significant",
            "will not be met",
            "not achieved",
        ),
    ),
    ("at_risk", ("risk", "slippage", "delay", "slipping", "some concern", "behind")),
    ("on_track", ("on track", "acceptable", "on target", "progressing", "in progress", "still followed")),
    ("not_started", ("not started", "not yet started")),
    (
        "complete",
        (
            "complete",
            "completed",
            "done",
            "achieved",
            "implemented",
            "business as usual",
            "closed",
            "no longer needs",
            "finished",
        ),
    ),
]
_NEGATED = re.compile(r"\b(not|no longer|in)\s+(yet\s+)?(complete|completed|done|achieved|implemented)\b")
_PERCENT = re.compile(r"\d+\s*%")

_SEPARATOR = r"\s*(?:[–—:;.,(]|-\s|\s-(?=\s)|$)"
_STATUS_LINE = re.compile(r"^[ \t•*-]*status\s*[:\-–—]\s*(?P<rest>.*)$", re.I | re.M)
_LEGEND = re.compile(
    r"^\s*(?P<word>[A-Za-z][A-Za-z /]{0,30}?)\s*(?:[–—=:]|\s-\s)\s*(?P<definition>\S.*)$", re.S
)


def normalise(word: str) -> str:
    """The word as remembered and compared: lower case, words only, single spaces."""
    text = (word or "").lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9%]+", text))[:100]


def meaning_of(word: str, legend: Mapping[str, str | None] | None = None) -> str | None:
    """The meaning of a status word: the file's own key first, then the table above.
    None: a word nobody can guess (the clerk must say what it means)."""
    key = normalise(word)
    if not key:
        return "unknown"
    if legend and key in legend:
        return legend[key]
    if key in MEANING_OF_WORD:
        return MEANING_OF_WORD[key]
    # "Complete - report taken in June": the phrase that opens it.
    found = leading_status(word)
    if found:
        return MEANING_OF_WORD[normalise(found[0])]
    return None


def leading_status(text: str) -> tuple[str, str] | None:
    """A status phrase opening a text, then a break ("Complete – figures emailed",
    "In progress. County officer to visit", "Completed"): (the phrase as written, the rest)."""
    text = (text or "").strip()
    lowered = " ".join(re.sub(r"[^a-z0-9%]+", " ", text.lower()).split())
    for phrase in LEADING:
        if not lowered.startswith(phrase):
            continue
        # Match the phrase in the original text, allowing any punctuation between its words.
        pattern = r"^\W*" + r"\W+".join(re.escape(w) for w in phrase.split()) + r"(?P<end>" + _SEPARATOR + ")"
        match = re.match(pattern, text, re.I)
        if match:
            written = text[: match.start("end")].strip(" \t-–—*•")
            rest = text[match.end() :].strip(" \t–—-:;.,")
            if match.group("end").strip() == "(":
                rest = "(" + rest
            return written, rest
    return None


def status_line(text: str) -> tuple[str, str, str] | None:
    """A "Status: ..." line written inside an action or comments cell: (the status word,
    the text without that line, what followed the word on the line)."""
    match = _STATUS_LINE.search(text or "")
    if not match:
        return None
    rest = match.group("rest").strip()
    if not rest:
        return None
    found = leading_status(rest)
    if found:
        word, comment = found
    else:
        # "Status: tbc in meeting": a few words are the status; a sentence is a comment.
        first = re.split(r"\s+[–—-]\s+|[;:.]\s", rest, maxsplit=1)
        word, comment = first[0].strip(), (first[1].strip() if len(first) > 1 else "")
        if len(word.split()) > 4:
            word, comment = "", rest
    remaining = (text[: match.start()] + text[match.end() :]).strip("\n ")
    remaining = re.sub(r"\n{3,}", "\n\n", remaining)
    return word, remaining, comment


def is_status_word(text: str) -> bool:
    """The whole text is one known status word or phrase."""
    return normalise(text) in MEANING_OF_WORD


def definition_meaning(definition: str) -> str | None:
    """What a key's definition says its status means: "Off track, or not started and past
    its due date" -> off_track; "done; the committee no longer needs to follow it" -> complete."""
    text = " ".join((definition or "").lower().split())
    text = _PERCENT.sub(" ", text)  # "Over 75% complete" is progress, not completion
    text = _NEGATED.sub(" ", text)
    for meaning, phrases in DEFINITION_PHRASES:
        if any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases):
            return meaning
    return None


def legend_entry(text: str) -> tuple[str, str] | None:
    """A line of a status key, "Green – done; ..." or "R = off track": (the word, its meaning)."""
    match = _LEGEND.match(text or "")
    if not match:
        return None
    word, definition = normalise(match.group("word")), match.group("definition")
    if word not in MEANING_OF_WORD and word not in _COLOURS:
        return None
    meaning = definition_meaning(definition)
    return (word, meaning) if meaning else None


_COLOURS = {
    "red",
    "amber",
    "green",
    "blue",
    "grey",
    "gray",
    "black",
    "purple",
    "yellow",
    "white",
    "r",
    "a",
    "g",
    "b",
}


def is_colour_word(text: str) -> bool:
    return normalise(text) in _COLOURS


# Matching a meaning to a board's key ------------------------------------------------

# For each meaning, the roles of a key's statuses that may stand for it, best first.
ROLES_FOR = {
    "complete": ("complete", "on_track"),
    "closed": ("complete", "on_track"),
    "proposed_closure": ("complete", "on_track"),
    "on_track": ("on_track",),
    "not_yet_due": ("on_track",),
    "ongoing": ("on_track",),
    "at_risk": ("at_risk",),
    # Not started is a risk, not yet a failure: a date-based key turns it red once overdue.
    "not_started": ("at_risk", "on_track"),
    "off_track": ("off_track",),
}
_ROLE_WORDS = {
    "complete": {"complete", "completed", "done", "closed", "blue", "achieved"},
    "on_track": {"green", "on track", "on target"},
    "at_risk": {"amber", "yellow", "at risk"},
    "off_track": {"red", "off track", "overdue"},
}


class KeyStatus(Protocol):
    """What roles_of reads of a status of a board's key (a RagStatus, or one being set up)."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def definition(self) -> str: ...
    @property
    def is_complete(self) -> bool: ...


StatusT = TypeVar("StatusT", bound=KeyStatus)


def roles_of(status: KeyStatus) -> list[str]:
    """What a key status stands for, from its flag, its code and label, and its definition
    (`status` needs .code, .label, .definition and .is_complete)."""
    roles = []
    if status.is_complete:
        roles.append("complete")
    names = {normalise(status.code), normalise(status.label)}
    for role, words in _ROLE_WORDS.items():
        if names & words and role not in roles:
            roles.append(role)
    said = definition_meaning(status.definition)
    if said in ("complete", "on_track", "at_risk", "off_track") and said not in roles:
        roles.append(said)
    # "On track, or completed.": a green that also covers finished work.
    if "complete" not in roles and re.search(
        r"\bor (complete|completed|done)\b", (status.definition or "").lower()
    ):
        roles.append("complete")
    return roles


def suggest(
    meaning: str | None, statuses: Iterable[StatusT], default: StatusT | None = None
) -> StatusT | None:
    """The key status that says the same as `meaning`, or None. "unknown" (a "tbc") is the
    status a new action gets, as for a blank cell."""
    if meaning is None:
        return None
    if meaning == "unknown":
        return default
    wanted = ROLES_FOR.get(meaning, ())
    roles = [(status, roles_of(status)) for status in statuses]
    for role in wanted:
        # A status whose first role it is beats one that also covers it ("GREEN: on track,
        # or completed" is on track first).
        for status, its in roles:
            if its and its[0] == role:
                return status
        for status, its in roles:
            if role in its:
                return status
    return None
