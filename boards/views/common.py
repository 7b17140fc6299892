"""Helpers the read-side views share. The log's query itself (filters, pages, headings) is
boards.log_query, below the views, since the exports and publishing read the log too."""

from django.db.models import Count, Q

from ..filters import VIEWS
from ..models import ActionState
from ..models.actions import overdue_q


def view_counts(actions, today):
    """How many actions each of the log's views shows, in one query."""
    counts = actions.order_by().aggregate(
        outstanding=Count("pk", filter=~Q(state__in=[ActionState.CLOSED, ActionState.WITHDRAWN])),
        overdue=Count("pk", filter=overdue_q(today)),
        closed=Count("pk", filter=Q(state=ActionState.CLOSED)),
        all=Count("pk"),
    )
    return [(key, label, counts[key]) for key, label in VIEWS]
