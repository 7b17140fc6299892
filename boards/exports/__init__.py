"""Downloads of the action log: CSV, XLSX, DOCX and PDF.

Each renderer takes a LogDocument (the board, its log_table rows, its RAG key's
statuses and the date) and returns bytes. The rows come from log_table only, so
every format shows the same columns, cells and statuses as the page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict

from ..log_query import all_actions, filtered_log
from ..log_table import LogRow, long_date
from ..models import Board


@dataclass(frozen=True)
class LogDocument:
    board: Board
    rows: list[LogRow]
    statuses: list = field(default_factory=list)  # the board's RagStatus objects, in key order
    today: date | None = None
    view: str = "outstanding"
    heading: str = ""  # a published copy keeps the title it was published with
    filters: tuple[str, ...] = ()  # the filters applied, in words (ActionFilter.description)
    exempt_not_shown: int = 0  # exempt actions the view left out (boards.models.exemption)

    @property
    def title(self) -> str:
        return self.heading or f"{self.board.name} Action Log"

    @property
    def subtitle(self) -> str:
        """The line under the title: the date, the view if not the usual one, and any filter,
        so that a filtered copy in an agenda pack never passes for the whole log."""
        parts = [long_date(self.today)]
        if self.view != "outstanding":
            parts.append(f"{self.view.capitalize()} actions")
        if self.filters:
            parts.append("Filtered: " + "; ".join(self.filters))
        return " · ".join(part for part in parts if part)


def _csv(doc):
    from .csv import render

    return render(doc)


def _xlsx(doc):
    from .xlsx import render

    return render(doc)


def _docx(doc):
    from .docx import render

    return render(doc)


def _pdf(doc):
    from .pdf import render

    return render(doc)


@dataclass(frozen=True)
class ExportFormat:
    key: str  # the file's extension, in the download's address
    label: str  # the link's text (templates/boards/_export_links.html)
    content_type: str
    renderer: Callable[[LogDocument], bytes]  # imports its library lazily


# The registry of formats, in the order the pages link them.
FORMATS = {
    export.key: export
    for export in [
        ExportFormat("csv", "CSV", "text/csv; charset=utf-8", _csv),
        ExportFormat(
            "xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx
        ),
        ExportFormat(
            "docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx
        ),
        ExportFormat("pdf", "PDF", "application/pdf", _pdf),
    ]
}


def filename(board, today: date, fmt: str, *, filtered: bool = False) -> str:
    """leicestershire-hwb-action-log-2026-11-23.xlsx (…-filtered.xlsx for a filtered view)."""
    return f"{board.slug}-action-log-{today:%Y-%m-%d}{'-filtered' if filtered else ''}.{fmt}"


def render(doc: LogDocument, fmt: str) -> bytes:
    return FORMATS[fmt].renderer(doc)


def document_for(request, board, *, exempt: bool = False) -> LogDocument:
    """The board's log as the request's GET parameters filter it (as the log page), unpaginated.
    `request` needs only a GET QueryDict, so the management command can pass a stand-in.
    `exempt`: whether exempt actions are included (the reader's BoardAccess.sees_exempt); by
    default they are not, as for the public."""
    context = filtered_log(request, all_actions(board), board=board, paginate=False, exempt=exempt)
    return LogDocument(
        board=board,
        rows=context["rows"],
        statuses=list(board.rag_key.statuses.all()),
        today=context["today"],
        view=context["current_view"],
        filters=tuple(context["filter"].description()),
        exempt_not_shown=context["exempt_not_shown"],
    )


class QueryOnly:
    """A stand-in request carrying only GET parameters (for the management command)."""

    def __init__(self, query: str = ""):
        self.GET = QueryDict(query)
