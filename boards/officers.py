"""Joint officers as the papers write them: "Jim Bosworth/ Mike McHugh".

One separator to print them with, and the separators read back ("/", ";" or a new line),
so that what one page prints another can read. Pure: no database.
"""

import re
from collections.abc import Iterable

OFFICER_SEPARATOR = "/ "  # As the papers print joint officers: "Jim Bosworth/ Mike McHugh".
_READ_SEPARATORS = re.compile(r"[/;\n]")


def join_officer_names(names: Iterable[str]) -> str:
    """["Jim Bosworth", "Mike McHugh"] -> "Jim Bosworth/ Mike McHugh"."""
    return OFFICER_SEPARATOR.join(names)


def split_officer_names(text: str) -> list[str]:
    """ "Jim Bosworth/ Mike McHugh" -> ["Jim Bosworth", "Mike McHugh"] (also ";" and new lines),
    each name's spacing tidied, a name given twice (in any case) kept once."""
    names: list[str] = []
    for part in _READ_SEPARATORS.split(text or ""):
        name = " ".join(part.split())
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names
