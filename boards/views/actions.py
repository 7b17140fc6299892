"""One action: its source, officers, due, status and full history."""

from django.shortcuts import render
from django.utils import timezone

from ..access import action_for, person_of
from ..history import timeline, withdrawal_reason
from ..log_table import build_rows
from ..models import ActionState
from ..services.follows import Target, is_following


def action_detail(request, slug, pk):
    action, access = action_for(request, slug, pk)
    (row,) = build_rows([action], timezone.localdate())
    return render(
        request,
        "boards/action.html",
        {
            "board": access.board,
            "action": action,
            "row": row,
            "history": timeline(action),
            "withdrawn_reason": withdrawal_reason(action) if action.state == ActionState.WITHDRAWN else "",
            "reminders": action.reminders.select_related("person", "about", "digest").order_by("-planned_at")[
                :50
            ]
            if access.is_inside
            else None,
            "statuses": list(access.board.rag_key.statuses.all()),
            "can_manage": access.can_manage,
            "can_update": access.can_update(action, person_of(request.user)),
            "following": is_following(request.user, Target(action=action)),
        },
    )
