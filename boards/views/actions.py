"""One action: its source, officers, due, status and full history."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..history import describe
from ..log_table import build_rows, prepare
from ..models import Action
from .common import board_or_404


def action_detail(request, slug, pk):
    board = board_or_404(request, slug)
    action = get_object_or_404(
        prepare(Action.objects.filter(board=board)).select_related(
            "resolution__minute_item__meeting", "raised_at", "closed_at_meeting"
        ),
        pk=pk,
    )
    (row,) = build_rows([action], timezone.localdate())
    updates = action.updates.select_related("by_user", "by_person").order_by("-at", "-id")
    history = [(update, describe(update)) for update in updates]
    return render(
        request,
        "boards/action.html",
        {"board": board, "action": action, "row": row, "history": history,
         "statuses": list(board.rag_key.statuses.all())},
    )
