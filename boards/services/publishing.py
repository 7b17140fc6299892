"""Publishing the action log for a meeting's agenda pack: a frozen copy, kept for good."""

from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.db import transaction

from ..exports import QueryOnly, document_for
from ..filters import VIEWS
from ..models import Board, Meeting, PublishedLog
from ..published.snapshot import freeze

VIEW_NAMES = {name for name, _ in VIEWS}


def publish(
    board: Board, meeting: Meeting, *, user: User | None = None, view: str = "outstanding"
) -> PublishedLog:
    """Freeze the board's log as `view` shows it today, for `meeting`, for the public: exempt
    actions are left out and counted (the copy says how many). Owns its transaction."""
    if meeting.board_id != board.pk:
        raise ValueError("The meeting is not one of this board's.")
    if view not in VIEW_NAMES:
        raise ValueError(f"No such view of the log: {view!r}.")
    query = QueryOnly(urlencode({"view": view}))
    doc = document_for(query, board, exempt=False)
    with transaction.atomic():
        return PublishedLog.objects.create(
            board=board, meeting=meeting, published_by=user, exempt_count=doc.exempt_not_shown, **freeze(doc)
        )
