"""The status badge: a RAG status (a RagStatus, or a log_table StatusCell) in its key's colours.

A filter rather than an included template: the log shows one on every row, and an include
per row cost a third of the table's rendering time.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SET_BY_DATE = mark_safe('<span class="status-note"> (set by due date)</span>')

register = template.Library()


@register.filter
def status_badge(status):
    badge = format_html(
        '<span class="status" style="background-color: {}; color: {}">{}</span>',
        status.colour, status.text_colour, status.code,
    )
    if getattr(status, "set_by_date", False):
        badge += SET_BY_DATE
    return badge
