"""The status badge: a RAG status (a RagStatus, or a log_table StatusCell) in its key's colours.

The colours come from a class of /status-colours.css (boards/status_colours.py), never an
inline style, so the Content-Security-Policy needs no 'unsafe-inline'.

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
    badge = format_html('<span class="status {}">{}</span>', status.css_class, status.code)
    if getattr(status, "set_by_date", False):
        badge += SET_BY_DATE
    return badge
