"""The log table's rows, written by boards/log_markup.py.

{% log_rows rows %}                      every row of a page's table (links, tags under the action)
{% log_rows rows show_board=True %}      with a first cell naming each row's board
{% log_rows rows "print" %}              the print view's rows
{% log_row row "email" note about %}     one digest row; `note`, `about`: why it is listed

A table's rows in one tag call: a log page shows a hundred or more, and the template
language's loop and a tag call per row cost more than the rows themselves (the log page's
rows took 16 ms through a loop of {% log_row %}, 4 ms in one call).
"""

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from ..log_markup import MARKUPS, row_html
from ..log_table import LogRow
from ..safe_html import join_html

register = template.Library()


@register.simple_tag
def log_rows(rows: Iterable[LogRow], markup: str = "page", *, show_board: bool = False) -> SafeString:
    chosen, board = MARKUPS[markup], bool(show_board)
    return join_html("\n", (row_html(row, chosen, show_board=board) for row in rows))


@register.simple_tag
def log_row(row: LogRow, markup: str = "page", *notes: str, show_board: bool = False) -> SafeString:
    return row_html(row, MARKUPS[markup], show_board=bool(show_board), notes=notes)
