"""{% log_row row %}: one <tr> of the log's table, written by boards/log_markup.py.

{% log_row row %}                        the page's row (links, tags under the action)
{% log_row row show_board=True %}        with a first cell naming the row's board
{% log_row row "print" %}                the print view's row
{% log_row row "email" note about %}     the digest's row; `note`, `about`: why it is listed
"""

from django import template

from ..log_markup import MARKUPS, row_html

register = template.Library()


@register.simple_tag
def log_row(row, markup="page", *notes, show_board=False):
    return row_html(row, MARKUPS[markup], show_board=bool(show_board), notes=notes)
