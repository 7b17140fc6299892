"""Status colours as CSS classes, so that no page needs an inline style attribute.

A board's key may use any colour, so the rules cannot live in a static file: each pair of
background and text colour gets a class named for it (`rag-1d70b8-ffffff`), and
`stylesheet()` writes the rules for the pairs asked for. The site's stylesheet of them is
served at /status-colours.css (views/status_colours.py), which keeps the
Content-Security-Policy free of 'unsafe-inline'.
"""

import re

HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
PAIR = re.compile(r"^([0-9a-f]{6})-([0-9a-f]{6})$")


def text_colour_for(colour: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def pair_key(colour: str, text_colour: str) -> str | None:
    """"#1D70B8", "#ffffff" -> "1d70b8-ffffff"; None for anything that is not two hex colours."""
    background, text = HEX.match(colour or ""), HEX.match(text_colour or "")
    if not (background and text):
        return None
    return f"{background.group(1).lower()}-{text.group(1).lower()}"


def colour_class(colour: str, text_colour: str) -> str:
    """The class that paints a status in these colours ("" for a malformed colour)."""
    key = pair_key(colour, text_colour)
    return f"rag-{key}" if key else ""


def parse_pairs(text: str, limit: int = 50) -> list[str]:
    """Pairs named in a query string ("1d70b8-ffffff,ffbf47-000000"); anything else is ignored."""
    found = []
    for part in (text or "").lower().split(",")[:limit]:
        if PAIR.match(part.strip()) and part.strip() not in found:
            found.append(part.strip())
    return found


def stylesheet(pairs) -> str:
    """CSS rules for each "bbbbbb-tttttt" pair, in a stable order."""
    rules = []
    for key in sorted(set(pairs)):
        match = PAIR.match(key)
        if match:
            background, text = match.groups()
            rules.append(f".rag-{key} {{ background-color: #{background}; color: #{text}; }}")
    return "\n".join(rules) + "\n"


class Painted:
    """For a status with `colour` and `text_colour` (a RagStatus, a log_table StatusCell):
    the class that paints it, and the pair that names it in /status-colours.css?c=."""

    @property
    def css_class(self) -> str:
        return colour_class(self.colour, self.text_colour)

    @property
    def colour_pair(self) -> str:
        return pair_key(self.colour, self.text_colour) or ""
