"""People's names as typed: the same name written differently, and near misses.

A typo in an officer's name ("Mike Sandy") must not quietly become a new person who
then sits in the officer filter for ever; the forms and imports ask "did you mean Mike
Sandys?" using `near_matches`, and adding a new person is an explicit choice.
"""

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Protocol, TypeVar

# Courtesy and civic titles printed before names in papers; they do not tell people apart.
TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "cllr",
    "councillor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "cc",
    "cllr.",
}

CUTOFF = 0.8  # similarity (0-1) of the normalised names from which a person is suggested


def normal(name: str) -> str:
    """Lower case, no accents or punctuation, no titles, single spaces: "Cllr. Ernie White"
    and "ernie  white" read the same."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = [w for w in re.split(r"[^a-z0-9']+", text) if w]
    while len(words) > 1 and words[0].rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 1. An initial for a first name ("m sandys")
    matches the full name with the same surname well."""
    if not a or not b:
        return 0.0
    score = SequenceMatcher(None, a, b).ratio()
    a_words, b_words = a.split(), b.split()
    if len(a_words) > 1 and len(b_words) > 1 and a_words[-1] == b_words[-1]:
        first_a, first_b = a_words[0], b_words[0]
        if first_a[0] == first_b[0] and (len(first_a) == 1 or len(first_b) == 1):
            score = max(score, 0.9)
    return score


def same_name(a: str, b: str) -> bool:
    return normal(a) == normal(b)


class Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def near_matches(name: str, people: Iterable[N], *, limit: int = 3, cutoff: float = CUTOFF) -> list[N]:
    """The people (any objects with .name) whose names are near `name` but not the same,
    best first; at most `limit`."""
    wanted = normal(name)
    scored: list[tuple[float, str, N]] = []
    for person in people:
        theirs = normal(person.name)
        if theirs == wanted:
            continue
        score = similarity(wanted, theirs)
        if score >= cutoff:
            scored.append((-score, person.name, person))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [person for _, _, person in scored[:limit]]
