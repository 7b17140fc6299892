"""The status badge: a RAG status (a RagStatus, or a log_table StatusCell) in its key's colours
(the markup is boards/log_markup.py's status_badge, which the log's rows show).

A filter rather than an included template: the log shows one on every row, and an include
per row cost a third of the table's rendering time.
"""

from django import template

from ..log_markup import status_badge as badge

register = template.Library()


@register.filter
def status_badge(status):
    return badge(status)
