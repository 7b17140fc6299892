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
