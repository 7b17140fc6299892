"""Freezing the log's rows for a published copy, and reading them back.

A published log stores log_table's rows and the RAG key as plain JSON; thawing
gives the same LogRow objects, so the page and every export render a published
copy exactly as they render the live log.
"""

from dataclasses import asdict
from datetime import date

from ..exports import LogDocument
from ..log_table import LogRow, Officer, StatusCell

STATUS_FIELDS = ("code", "label", "colour", "text_colour", "definition", "is_complete")


def freeze_row(row: LogRow) -> dict:
    data = asdict(row)
    data["date"] = row.date.isoformat() if row.date else None
    data["due_date"] = row.due_date.isoformat() if row.due_date else None
    return data


def thaw_row(data: dict) -> LogRow:
    return LogRow(
        **{
            **data,
            "date": _date(data["date"]),
            "due_date": _date(data["due_date"]),
            "officers": tuple(Officer(**officer) for officer in data["officers"]),
            "status": StatusCell(**data["status"]),
        }
    )


def freeze_status(status) -> dict:
    """A RagStatus (or a StatusCell) as published."""
    return {name: getattr(status, name) for name in STATUS_FIELDS}


def thaw_status(data: dict) -> StatusCell:
    return StatusCell(**data, set_by_date=False)


def freeze(doc: LogDocument) -> dict:
    """The fields of a PublishedLog that hold the document."""
    return {
        "title": doc.title,
        "view": doc.view,
        "as_of": doc.today,
        "rows": [freeze_row(row) for row in doc.rows],
        "row_count": len(doc.rows),
        "statuses": [freeze_status(status) for status in doc.statuses],
    }


def document_of(published) -> LogDocument:
    """The published copy as a LogDocument, for the page and the exports."""
    return LogDocument(
        board=published.board,
        rows=[thaw_row(row) for row in published.rows],
        statuses=[thaw_status(status) for status in published.statuses],
        today=published.as_of,
        view=published.view,
        heading=published.title,
    )


def _date(text):
    return date.fromisoformat(text) if text else None
