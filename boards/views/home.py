"""Home: every board the viewer can see, with outstanding and overdue counts,
and the overdue actions across those boards."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from ..access import visible_boards
from ..log_table import build_rows, prepare
from ..models import Action, ActionState
from ..models.actions import overdue_q
from .common import table_headers

OVERDUE_PER_PAGE = 50


def index(request):
    today = timezone.localdate()
    boards = visible_boards(request.user).annotate(
        outstanding=Count("actions", filter=~Q(actions__state=ActionState.CLOSED)),
        overdue=Count("actions", filter=overdue_q(today, prefix="actions__")),
    ).order_by("name")
    overdue = (
        Action.objects.visible_to(request.user)
        .overdue(on=today)
        .order_by("due_date", "board__name", "sort_key")
    )
    page = Paginator(prepare(overdue), OVERDUE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "boards/home.html",
        {
            "boards": boards,
            "page": page,
            "rows": build_rows(page.object_list, today),
            "headers": table_headers(),
            "person": getattr(request.user, "person", None) if request.user.is_authenticated else None,
        },
    )
