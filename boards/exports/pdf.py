"""PDF (WeasyPrint) of the print view: the same template and print.css, A4 landscape."""

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


def render(doc) -> bytes:
    from weasyprint import HTML

    html = render_to_string("boards/log_print.html", {
        "board": doc.board, "rows": doc.rows, "columns": COLUMNS, "statuses": doc.statuses,
        "today": doc.today, "current_view": doc.view,
    })
    return HTML(string=_local_links(html)).write_pdf()
