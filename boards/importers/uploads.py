"""What every uploaded file is checked for before it is read, and how its text is decoded.

Shared by the minutes documents (documents.py) and the action log files (action_log.py).
Pure: bytes and a file name in; a problem raises the caller's error class with a message
written for the clerk.
"""

from collections.abc import Container
from pathlib import PurePath

MAX_BYTES = 5 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
TOO_LARGE = f"The file is larger than {MAX_MB} MB."


def checked_suffix(
    data: bytes, filename: str, suffixes: Container[str], *, kinds: str, error: type[Exception]
) -> str:
    """The file's suffix (".docx"), once it is one of `suffixes`, not too large and not empty.
    `kinds` says what can be uploaded instead, e.g. "a Word document (.docx) or a PDF (.pdf)"."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in suffixes:
        raise error(f"“{filename}” is not a file type that can be read: upload {kinds}.")
    if len(data) > MAX_BYTES:
        raise error(TOO_LARGE)
    if not data:
        raise error("The file is empty.")
    return suffix


def decode_text(data: bytes) -> str | None:
    """UTF-8 with or without a byte-order mark, else Windows-1252 (what Notepad and Excel on
    Windows save); None if it is neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
