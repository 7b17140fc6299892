"""The body rows of the action log's table, written in Python.

A log page shows 150 rows or more, and the template language's per-variable cost made
the rows two thirds of the page's time. As Django's admin does for its changelist
(`admin_list.items_for_result`), each row's cells are written here, once, and the
template around them (`boards/_log_table.html`: caption, headings, empty text) stays a
template. Every piece of user text is escaped (`html.escape`, as Django's `escape`).
"""

from html import escape

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from ..log_table import board_log_url
from .status import status_badge

register = template.Library()

STATE_TAGS = {
    "proposed": '<strong class="tag tag--blue">Proposed for closure</strong>',
    "closed": '<strong class="tag tag--grey">Closed</strong>',
    "withdrawn": '<strong class="tag tag--grey">Withdrawn</strong>',
}


URL_SHOWN = 60  # characters of a long address shown in a cell (the link keeps all of it)


def _lines(text: str) -> str:
    """Django's `urlizetrunc` then `linebreaksbr`: escaped, addresses as links, each line
    break a <br>. Only text that may hold an address pays for urlize."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lowered = text.lower()
    if "http" in lowered or "www." in lowered or "@" in text:
        html = urlize(text, trim_url_limit=URL_SHOWN, nofollow=True, autoescape=True)
    else:
        html = escape(text)
    return html.replace("\n", "<br>")


def row_html(row, show_board: bool, badges: dict) -> str:
    """One <tr>. `badges`: kept across a table's rows, so each status's badge is written
    once (a key has a handful of statuses; a table, hundreds of rows)."""
    if row.status not in badges:
        badges[row.status] = status_badge(row.status)
    meta = []
    if row.due:
        meta.append(f"<span>Due: {escape(row.due)}</span>")
    if row.is_overdue:
        meta.append('<strong class="tag tag--red">Overdue</strong>')
    if row.state in STATE_TAGS:
        meta.append(STATE_TAGS[row.state])
    officers = "/ ".join(
        f'<a href="{escape(officer.url)}">{escape(officer.name)}</a>' for officer in row.officers
    )
    board = (
        f'<td data-label="Board"><a href="{escape(board_log_url(row.board_slug))}">{escape(row.board_name)}</a></td>'
        if show_board
        else ""
    )
    # data-label: each cell's heading, shown beside it where a narrow screen stacks the rows.
    return (
        f"<tr>{board}"
        f'<th scope="row" class="log-table__reference" data-label="No."><a href="{escape(row.url)}">{escape(row.reference)}</a></th>'
        f'<td class="log-table__date" data-label="Date">{escape(row.date_text)}</td>'
        f'<td class="log-table__action" data-label="Action">{_lines(row.action)}'
        + (f'\n<div class="row-meta">{" ".join(meta)}</div>' if meta else "")
        + "</td>"
        f'<td class="log-table__officers" data-label="Responsible Officer">{officers}</td>'
        f'<td class="log-table__comments" data-label="Comments">{_lines(row.comments)}</td>'
        f'<td class="log-table__status" data-label="Status">{badges[row.status]}</td>'
        "</tr>"
    )


@register.simple_tag
def log_rows(rows, show_board=False):
    """{% log_rows rows show_board %}: the <tr> of each row."""
    badges = {}
    return mark_safe("\n".join(row_html(row, bool(show_board), badges) for row in rows))
