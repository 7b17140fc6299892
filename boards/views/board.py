"""A board at a glance: next meeting, counts, overdue actions, recent updates, meetings."""

from django.shortcuts import render
from django.utils import timezone

from ..access import board_for
from ..log_query import all_actions, status_counts, table_headers
from ..log_table import build_rows
from ..models import ActionUpdate
from ..reminders import health
from ..services.follows import Target, is_following
from .common import view_counts

OVERDUE_SHOWN = 20
RECENT_UPDATES = 10


def board_detail(request, slug):
    access = board_for(request, slug)
    board = access.board
    today = timezone.localdate()
    statuses = list(board.rag_key.statuses.all())
    shown = all_actions(board, exempt=access.sees_exempt)
    overdue = shown.overdue(on=today).order_by("due_date", "sort_key")
    meetings = list(board.meetings.order_by("-starts_at"))
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at >= now]
    past = [m for m in meetings if m.starts_at < now]
    updates = ActionUpdate.objects.filter(action__board=board)
    if not access.sees_exempt:
        updates = updates.filter(action__exempt=False)
    recent = updates.select_related("action", "by_person", "by_user").order_by("-at", "-id")[:RECENT_UPDATES]
    return render(
        request,
        "boards/board.html",
        {
            "board": board,
            "can_manage": access.can_manage,
            "can_administer": access.can_administer,
            "statuses": statuses,
            "headers": table_headers(),
            "next_meeting": upcoming[-1] if upcoming else None,
            "last_meeting": past[0] if past else None,
            "status_counts": status_counts(shown.outstanding(), statuses),
            "views": view_counts(shown, today),
            "overdue_rows": build_rows(overdue[:OVERDUE_SHOWN], today),
            "recent": recent,
            "meetings": meetings,
            "following": is_following(request.user, Target(board=board)),
            # For whoever can fix it: emails failing or undeliverable, officers without email.
            "undelivered": health.undelivered(board) if access.can_manage else [],
            "unreachable": health.unreachable_officers(board) if access.can_manage else [],
        },
    )
