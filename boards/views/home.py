from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from ..access import visible_boards
from ..models import ActionState


def index(request):
    today = timezone.localdate()
    boards = visible_boards(request.user).annotate(
        outstanding=Count("actions", filter=~Q(actions__state=ActionState.CLOSED)),
        overdue=Count(
            "actions",
            filter=Q(
                actions__state=ActionState.OPEN,
                actions__due_date__lt=today,
                actions__status__is_complete=False,
            ),
        ),
    )
    return render(request, "boards/home.html", {"boards": boards})
