"""PDF (WeasyPrint) of the print view: the same template and print.css, A4 landscape."""

import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

from ..log_table import COLUMNS


def static_path(url: str) -> str | None:
    """The file on disk behind a static URL (collected, possibly hashed, or in an app's folder)."""
    name = url.lstrip("/")[len(settings.STATIC_URL.lstrip("/")):]
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except NotImplementedError:
        pass
    return finders.find(name)


def _local_links(html: str) -> str:
    """Point the page's static links at the files themselves, so WeasyPrint reads print.css
    from disk and fetches nothing over the network."""

    def local(match):
        found = static_path(match.group(2))
        return f'{match.group(1)}="{Path(found).as_uri()}"' if found else ""

    prefix = re.escape(settings.STATIC_URL.lstrip("/"))
    return re.sub(rf'(href|src)="(/?{prefix}[^"]*)"', local, html)


# Rows per WeasyPrint document. WeasyPrint keeps every laid-out page of a document in
# memory (about 130 KB a row of the log); a long log is laid out in parts of this many
# rows, each part starting a page with the table's heading row, and the parts' pages
# joined into one PDF, so memory stays that of one part whatever the length.
ROWS_PER_PART = 400


def _part(doc, rows, *, continued: bool, more_follows: bool) -> bytes:
    from weasyprint import HTML

    html = render_to_string("boards/log_print.html", {
        "board": doc.board, "rows": rows, "columns": COLUMNS, "statuses": doc.statuses,
        "today": doc.today, "current_view": doc.view, "title": doc.title,
        "continued": continued, "more_follows": more_follows,
    })
    return HTML(string=_local_links(html)).write_pdf()


def render(doc) -> bytes:
    starts = range(0, len(doc.rows), ROWS_PER_PART) or [0]
    parts = [
        _part(doc, doc.rows[start:start + ROWS_PER_PART], continued=start > 0,
              more_follows=start + ROWS_PER_PART < len(doc.rows))
        for start in starts
    ]
    if len(parts) == 1:
        return parts[0]
    return _joined(parts, title=doc.title)


def _joined(parts: list[bytes], *, title: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
