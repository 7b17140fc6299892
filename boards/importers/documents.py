"""The text of an uploaded minutes document: plain text, Word (.docx) or PDF.

Pure: bytes and a file name in, text out, no database and no Django. A file that
cannot be read raises DocumentError, whose message is written for the clerk:

    text = text_from_document(upload.read(), upload.name)

Word: the paragraphs and the table cells' text in document order (minutes are often
laid out in tables). PDF: the text layer, page by page; a scanned PDF has none.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from .uploads import checked_suffix, decode_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import _Cell

SUFFIXES = (".txt", ".docx", ".pdf")


class DocumentError(ValueError):
    """The file could not be read as minutes text; the message says why, for the clerk."""


def text_from_document(data: bytes, filename: str) -> str:
    """The text of a .txt, .docx or .pdf file, with Unix line ends."""
    suffix = checked_suffix(
        data,
        filename,
        SUFFIXES,
        error=DocumentError,
        kinds="a Word document (.docx), a PDF (.pdf) or a plain text file (.txt)",
    )
    reader = {".txt": _text, ".docx": _docx, ".pdf": _pdf}[suffix]
    text = reader(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError("No text was found in the file.")
    return text


def _text(data: bytes) -> str:
    text = decode_text(data)
    if text is None:
        raise DocumentError("The text file could not be read: save it as UTF-8 text and try again.")
    return text


def _docx(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise DocumentError(
            "The file could not be opened as a Word document (.docx). If it is an older .doc "
            "file, save it as .docx first."
        ) from None
    return "\n".join(_block_lines(document))


def _block_lines(container: WordDocument | _Cell) -> list[str]:
    """Lines of paragraphs and tables in document order; each table cell once (a merged
    cell appears in several grid positions), cells in reading order, nested tables too."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: list[object] = []  # the cells' XML elements, kept alive so that `is` compares them
            for row in block.rows:
                for cell in row.cells:
                    if any(cell._tc is element for element in seen):
                        continue
                    seen.append(cell._tc)
                    lines += _block_lines(cell)
        else:
            lines += block.text.splitlines() or [""]
    return lines


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("The PDF is password-protected: save an unprotected copy and try again.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise DocumentError("The file could not be read as a PDF.") from None
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(
            "This PDF has no text layer (a scanned image?): there is no text to read. Upload the "
            "Word document or a PDF saved from it, or paste the text instead."
        )
    return text
