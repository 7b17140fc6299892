"""Status colours as CSS classes, so that no page needs an inline style attribute.

A board's key may use any colour, so the rules cannot live in a static file: each pair of
background and text colour gets a class named for it (`rag-1d70b8-ffffff`), and
`stylesheet()` writes the rules for the pairs asked for. The site's stylesheet of them is
served at /status-colours.css (views/status_colours.py), which keeps the
Content-Security-Policy free of 'unsafe-inline'.
"""

import re
from typing import Protocol

HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
PAIR = re.compile(r"^([0-9a-f]{6})-([0-9a-f]{6})$")


# WCAG 2.2 AA for text (1.4.3). With black or white text, whichever contrasts more, every
# colour reaches at least 4.58:1 (at luminance 0.179 both give that), so at AA no colour is
# refused; a stricter minimum (settings.STATUS_MIN_CONTRAST, e.g. 7 for AAA) refuses the
# mid-tones, and `nearest_passing_colour` names the nearest one that passes.
AA_TEXT_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_for(colour: str) -> str:
    """Black or white, whichever contrasts more with the background (WCAG relative luminance)."""
    lum = luminance(colour)
    # Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def text_contrast(colour: str) -> float:
    """The contrast of a status badge: its colour against its (black or white) text."""
    return contrast_ratio(colour, text_colour_for(colour))


def _hsl(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    high, low = max(r, g, b), min(r, g, b)
    lightness = (high + low) / 2
    if high == low:
        return 0.0, 0.0, lightness
    spread = high - low
    saturation = spread / (2 - high - low) if lightness > 0.5 else spread / (high + low)
    if high == r:
        hue = ((g - b) / spread) % 6
    elif high == g:
        hue = (b - r) / spread + 2
    else:
        hue = (r - g) / spread + 4
    return hue / 6, saturation, lightness


def _hex_from_hsl(hue: float, saturation: float, lightness: float) -> str:
    chroma = (1 - abs(2 * lightness - 1)) * saturation
    h = hue * 6
    x = chroma * (1 - abs(h % 2 - 1))
    r, g, b = [
        (chroma, x, 0),
        (x, chroma, 0),
        (0, chroma, x),
        (0, x, chroma),
        (x, 0, chroma),
        (chroma, 0, x),
    ][int(h) % 6]
    m = lightness - chroma / 2
    return "#" + "".join(f"{round(min(max(v + m, 0), 1) * 255):02x}" for v in (r, g, b))


def nearest_passing_colour(colour: str, minimum: float = AA_TEXT_CONTRAST) -> str:
    """The colour nearest `colour` in lightness, of the same hue and saturation (HSL), whose
    badge text contrast is at least `minimum`: `colour` itself if it passes. Black and white
    pass any minimum up to 21, so there is always one."""
    colour = colour.lower()
    if text_contrast(colour) >= minimum:
        return colour
    hue, saturation, lightness = _hsl(colour)
    steps = 1000
    for distance in range(1, steps + 1):
        for candidate_lightness in (lightness - distance / steps, lightness + distance / steps):
            if 0 <= candidate_lightness <= 1:
                candidate = _hex_from_hsl(hue, saturation, candidate_lightness)
                if text_contrast(candidate) >= minimum:
                    return candidate
    return "#000000" if text_colour_for(colour) == "#ffffff" else "#ffffff"


def pair_key(colour: str, text_colour: str) -> str | None:
    """ "#1D70B8", "#ffffff" -> "1d70b8-ffffff"; None for anything that is not two hex colours."""
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


class _Coloured(Protocol):
    @property
    def colour(self) -> str: ...

    @property
    def text_colour(self) -> str: ...


class Painted:
    """For a status with `colour` and `text_colour` (a RagStatus, a log_table StatusCell):
    the class that paints it, and the pair that names it in /status-colours.css?c=."""

    @property
    def css_class(self: _Coloured) -> str:
        return colour_class(self.colour, self.text_colour)

    @property
    def colour_pair(self: _Coloured) -> str:
        return pair_key(self.colour, self.text_colour) or ""
