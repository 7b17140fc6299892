"""Action references as the papers print them: minute number plus resolution label.

Pure functions, no database: `reference_for("326", "c)")` is "326(c)", and
`sort_key` orders references the way a clerk reads them (254 before 1001,
330(b) before 330(c), 337/18 before 337/102).
"""

import re

_LABEL_CORE = re.compile(r"^[\s(\[]*([0-9]+|[A-Za-z]{1,6})[\s.)\]:]*$")
_NUMBER_RUN = re.compile(r"(\d+)")


def label_core(label: str) -> str:
    """The letter, roman numeral or number inside a printed label: "(c)" -> "c", "2." -> "2"."""
    match = _LABEL_CORE.match(label or "")
    return match.group(1) if match else (label or "").strip()


def reference_for(minute_number: str, label: str = "") -> str:
    number = (minute_number or "").strip().rstrip(".")
    core = label_core(label)
    return f"{number}({core})" if core else number


def item_references(minute_number: str, labels: list[str]) -> list[str]:
    """The references of one minute's resolutions, in order, each its own: an unlabelled
    resolution beside others is numbered by its place ("341(2)"), as a clerk would."""
    alone = len(labels) == 1
    references: list[str] = []
    for position, label in enumerate(labels, start=1):
        reference = reference_for(minute_number, label)
        if not label_core(label) and not alone:
            reference = reference_for(minute_number, str(position))
        while reference in references:
            reference += "*"
        references.append(reference)
    return references


def sort_key(reference: str) -> str:
    """A string that sorts references naturally: digit runs are zero-padded."""
    return _NUMBER_RUN.sub(lambda m: m.group(1).rjust(8, "0"), (reference or "").strip().lower())


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_references(newest_first: list[str], known: set[str], count: int) -> list[str]:
    """`count` new references continuing a board's own numbering: that of its newest
    reference ending in a number ("HWB/23" -> "HWB/24", "7" -> "8"), else 1, 2, 3...
    Each is past every reference in `known` with the same stem (the board's and the
    file's), and none is in `known` (compared in lower case)."""
    prefix, width = "", 0
    for reference in newest_first:
        match = _TRAILING_NUMBER.match((reference or "").strip())
        if match:
            prefix = match.group(1)
            width = len(match.group(2)) if match.group(2).startswith("0") else 0
            break
    taken = {k.lower() for k in known}
    numbers = [
        int(m.group(2))
        for m in map(_TRAILING_NUMBER.match, (k.strip() for k in known))
        if m and m.group(1).lower() == prefix.lower()
    ]
    number, found = max(numbers, default=0), list[str]()
    while len(found) < count:
        number += 1
        candidate = f"{prefix}{str(number).zfill(width)}"
        if candidate.lower() not in taken:
            found.append(candidate)
    return found
