"""Home: every board the viewer can see, with outstanding and overdue counts,
and the overdue actions across those boards."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from ..access import exempt_shown_q, visible_actions, visible_boards
from ..log_query import page_of, table_headers
from ..log_table import build_rows
from ..models import Action
from ..models.actions import overdue_q

OVERDUE_PER_PAGE = 50


def index(request):
    today = timezone.localdate()
    boards = list(visible_boards(request.user).order_by("name"))
    # Counted over outstanding actions only (the partial index on open actions finds them),
    # not by joining every action ever recorded to the boards.
    counts = {
        board_id: (outstanding, overdue)
        for board_id, outstanding, overdue in Action.objects.outstanding()
        .filter(board__in=[b.pk for b in boards])
        .filter(exempt_shown_q(request.user))
        .order_by()
        .values("board_id")
        .annotate(outstanding=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
        .values_list("board_id", "outstanding", "overdue")
    }
    for board in boards:
        board.outstanding, board.overdue = counts.get(board.pk, (0, 0))
    overdue = visible_actions(request.user).overdue(on=today).order_by("due_date", "board__name", "sort_key")
    page, page_notice = page_of(Paginator(overdue, OVERDUE_PER_PAGE), request.GET.get("page"))
    page.object_list = build_rows(page.object_list, today)  # read once, as rows
    return render(
        request,
        "boards/home.html",
        {
            "boards": boards,
            "page": page,
            "rows": page.object_list,
            "headers": table_headers(),
            "page_notice": page_notice,
            "person": getattr(request.user, "person", None) if request.user.is_authenticated else None,
        },
    )
