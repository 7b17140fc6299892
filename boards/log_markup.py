"""The log table's row markup, written once.

Every table of log_table rows writes its <tr> here, through the {% log_row %} tag
(templatetags/log_rows.py): the log page and every page that lists actions
(boards/_log_table.html: the board, meeting, person and home pages and the published copy),
the print view (boards/log_print.html) and the digest email (emails/digest-body.html). The
table around the rows (caption, headings, empty text) stays in each template. Where the
tables differ (links; an email's inline styles, absolute addresses and the note saying why a
row is listed; the print view's coloured status cell) is a RowMarkup setting, not a second
markup: PAGE, PRINT and EMAIL below.

Python, not an included template: a log page shows 100 rows, and the same row through the
template language (a partial included per row, or written inline in the loop) took two and a
half times as long as in Python (150 rows, urlize included: 40 ms against 17 ms). Written with
format_html (boards/safe_html.py's: Django's contract, every value escaped unless it is safe
HTML already, without the cost of lazy strings), as Django's admin writes its changelist rows
(`admin_list.items_for_result`).
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.template.defaultfilters import urlizetrunc
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from .log_table import COLUMNS, OFFICER_SEPARATOR, LogRow, Officer, StatusCell, board_log_url, url_with_pk
from .safe_html import format_html, join_html, lines_html

URL_SHOWN = 60  # characters of a long address shown in a cell (the link keeps all of it)

# An email client keeps no stylesheet: the email's cells carry their style.
EMAIL_CELL = "vertical-align: top; border-bottom: 1px solid #b1b4b6; padding: 6px;"
EMAIL_STYLES = {
    "row_heading": "text-align: left; " + EMAIL_CELL,
    "cell": EMAIL_CELL,
    "link": "color: #1d70b8;",
    "meta": "color: #505a5f;",
    "status": "font-weight: bold; padding: 2px 6px;",
}


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, cheaply (the caches below)
class RowMarkup:
    """How one kind of table writes its rows."""

    links: bool = True  # the reference, the officers and the board as links
    officer_links: bool = True
    absolute: bool = False  # links as full addresses (SITE_URL), for an email
    urlize: bool = True  # web addresses in the action and comments as links
    status: str = "badge"  # "badge" (status_badge, below), "cell" (the cell coloured), "inline" (email)
    meta: str = "tags"  # under the action: "tags" (due, overdue, closure), "line" (notes and due), ""
    inline_styles: bool = False  # the email's style attributes
    empty_comments: str = ""  # shown when a row has no comments


PAGE = RowMarkup()
PRINT = RowMarkup(links=False, officer_links=False, urlize=False, status="cell", meta="")
EMAIL = RowMarkup(
    officer_links=False,
    absolute=True,
    urlize=False,
    status="inline",
    meta="line",
    inline_styles=True,
    empty_comments="None yet",
)
MARKUPS = {"page": PAGE, "print": PRINT, "email": EMAIL}

HEADINGS = dict(COLUMNS)

ROW = (
    "<tr>{board}"
    '<th scope="row"{reference_attrs}>{reference}</th>'
    "<td{date_attrs}>{date}</td>"
    "<td{action_attrs}>{action}{meta}</td>"
    "<td{officers_attrs}>{officers}</td>"
    "<td{comments_attrs}>{comments}</td>"
    "<td{status_attrs}>{status}</td>"
    "</tr>"
)


# The places row_html fills, in the order it passes their contents.
PLACES = ["board", "reference", "date", "action", "meta", "officers", "comments", "status_attrs", "status"]


@lru_cache(maxsize=16)
def _row_format(markup: RowMarkup) -> str:
    """ROW with the markup's cell attributes written in (they are the same on every row),
    leaving numbered places for the cells' contents (and for the status cell's attributes,
    which the print view's coloured cell changes), filled by format_html in PLACES' order:
    positional, because keyword arguments cost a dictionary on every row."""
    attrs = {f"{key}_attrs": _attrs(markup, key).replace("{", "{{").replace("}", "}}") for key in HEADINGS}
    return ROW.format(**attrs | {name: f"{{{i}}}" for i, name in enumerate(PLACES)})


@lru_cache(maxsize=256)
def _attrs(markup: RowMarkup, key: str, more_classes: str = "") -> SafeString:
    """A cell's attributes: its class and data-label (its heading, shown beside it where a
    narrow screen stacks the rows), and in an email its style."""
    style = ""
    if markup.inline_styles:
        style = format_html(' style="{}"', EMAIL_STYLES["row_heading" if key == "reference" else "cell"])
    classes = f"log-table__{key} {more_classes}".strip()
    return format_html(' class="{}" data-label="{}"{}', classes, HEADINGS.get(key, "Board"), style)


def _style(markup: RowMarkup, name: str) -> SafeString | str:
    return format_html(' style="{}"', EMAIL_STYLES[name]) if markup.inline_styles else ""


OVERDUE = format_html('<strong class="tag tag--{}">{}</strong>', "red", "Overdue")
# Only the board's people see an exempt row (boards.models.exemption): the tag reminds them.
EXEMPT = format_html('<strong class="tag tag--{}">{}</strong>', "exempt", "Exempt")
STATE_TAGS = {
    state: format_html('<strong class="tag tag--{}">{}</strong>', colour, text)
    for state, colour, text in [
        ("proposed", "blue", "Proposed for closure"),
        ("closed", "grey", "Closed"),
        ("withdrawn", "grey", "Withdrawn"),
    ]
}


def text_lines(text: str, links: bool = True) -> SafeString:
    """Django's `urlizetrunc` (with `links`) then `linebreaksbr`: escaped, web addresses as
    links, each line break a <br>. Only text that may hold an address pays for urlize."""
    if links:
        lowered = text.lower()
        if "http" in lowered or "www." in lowered or "@" in text:
            return lines_html(urlizetrunc(text, URL_SHOWN))  # safe HTML, which lines_html keeps
    return lines_html(text)


def status_badge(status) -> SafeString:
    """The status badge: a RAG status (a RagStatus, or a log_table StatusCell) in its key's
    colours, from a class of /status-colours.css (boards/status_colours.py), never an inline
    style, so the Content-Security-Policy needs no 'unsafe-inline'."""
    if getattr(status, "set_by_date", False):
        return format_html(
            '<span class="status {}">{}</span><span class="status-note"> (set by due date)</span>',
            status.css_class,
            status.code,
        )
    return format_html('<span class="status {}">{}</span>', status.css_class, status.code)


@lru_cache(maxsize=256)
def _badge(status: StatusCell) -> SafeString:
    """status_badge, once per status (a StatusCell is a value: equal cells, equal badges)."""
    return status_badge(status)


def _status(row: LogRow, markup: RowMarkup) -> tuple[SafeString, SafeString]:
    """The status cell's attributes and content: a badge, the print view's coloured cell, or
    the email's inline-styled badge."""
    status = row.status
    attrs = _attrs(markup, "status")
    if markup.status == "cell":
        return _attrs(markup, "status", f"status-cell {status.css_class}"), format_html("{}", status.code)
    if markup.status == "inline":
        return attrs, format_html(
            '<span style="background: {}; color: {}; {}">{}</span>',
            status.colour,
            status.text_colour,
            EMAIL_STYLES["status"],
            status.code,
        )
    return attrs, _badge(status)


@lru_cache(maxsize=4096)
def _tags(due: str, overdue: bool, state: str, exempt: bool) -> SafeString | str:
    """A page's line under the action: due, overdue, closure, exempt. Once per combination:
    a log's rows share a few due dates."""
    parts = []
    if due:
        parts.append(format_html("<span>Due: {}</span>", due))
    if overdue:
        parts.append(OVERDUE)
    if state in STATE_TAGS:
        parts.append(STATE_TAGS[state])
    if exempt:
        parts.append(EXEMPT)
    return format_html('\n<div class="row-meta">{}</div>', join_html(" ", parts)) if parts else ""


def _meta(row: LogRow, markup: RowMarkup, notes: tuple[str, ...]) -> SafeString | str:
    """What is said under the action: its due date and, on a page, whether it is overdue or
    proposed for closure; in an email, why it is listed (`notes`)."""
    if markup.meta == "tags":
        return _tags(row.due, row.is_overdue, row.state, row.exempt)
    if markup.meta == "line":
        said = ": ".join(note for note in notes if note)
        line = " · ".join(part for part in (said, f"Due: {row.due}" if row.due else "") if part)
        return (
            format_html('<br><span class="row-meta"{}>{}</span>', _style(markup, "meta"), line)
            if line
            else ""
        )
    return ""


@lru_cache(maxsize=4096)
def _officer_link(officer: Officer, base: str, prefix: str) -> SafeString:
    """An officer's name linking to their page, once per officer: a table names the same
    few officers on most of its rows. `prefix`: the script prefix officer.url is reversed
    under, so that it is part of the cache's key."""
    return format_html('<a href="{}">{}</a>', base + officer.url, officer.name)


def _url(markup: RowMarkup, path: str) -> str:
    return settings.SITE_URL + path if markup.absolute else path


def row_html(row: LogRow, markup: RowMarkup = PAGE, *, show_board: bool = False, notes=()) -> SafeString:
    """One <tr> of the log's table. `show_board`: a first cell naming the row's board (tables
    that cross boards). `notes`: why the row is listed (an email's reminder kind, and whom it
    is about), said under the action where the markup's meta is "line"."""
    board = ""
    if show_board:
        name = row.board_name
        if markup.links:
            name = format_html('<a href="{}">{}</a>', _url(markup, board_log_url(row.board_slug)), name)
        board = format_html("<td{}>{}</td>", _attrs(markup, "board"), name)
    reference = row.reference
    prefix = get_script_prefix()  # once a row: a thread-local read
    if markup.links:
        url = url_with_pk("boards:action", row.board_slug, pk=row.id, prefix=prefix)
        reference = format_html('<a href="{}"{}>{}</a>', _url(markup, url), _style(markup, "link"), reference)
    officers: str
    if markup.links and markup.officer_links:
        base = _url(markup, "")
        officers = join_html(OFFICER_SEPARATOR, [_officer_link(o, base, prefix) for o in row.officers])
    else:
        officers = row.officers_text
    status_attrs, status = _status(row, markup)
    return format_html(  # in PLACES' order
        _row_format(markup),
        board,
        reference,
        row.date_text,
        text_lines(row.action, markup.urlize),
        _meta(row, markup, notes),
        officers,
        text_lines(row.comments, markup.urlize) if row.comments else markup.empty_comments,
        status_attrs,
        status,
    )
