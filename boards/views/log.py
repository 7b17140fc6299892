"""The board's action log, as the papers print it, and its print view."""

from django.shortcuts import render

from ..access import board_for
from ..log_query import all_actions, filtered_log
from ..log_table import COLUMNS, build_rows
from ..services.closing import closed_since, last_meeting
from .common import view_counts


def board_log(request, slug):
    access = board_for(request, slug)
    board = access.board
    statuses = list(board.rag_key.statuses.all())
    # Exempt actions are left out for readers who are not the board's people, and counted
    # (context "exempt_not_shown", said above the table).
    context = filtered_log(
        request, all_actions(board), board=board, statuses=statuses, exempt=access.sees_exempt
    )
    # The papers' "closed since the last meeting": under the outstanding view as the papers
    # print it (first page, no filters); a search or filter is answered by the table alone.
    if (
        context["current_view"] == "outstanding"
        and not context["page"].has_previous()
        and not context["filter"].narrowed
    ):
        meeting = last_meeting(board)
        if meeting is not None:
            closed = closed_since(meeting)
            if not access.sees_exempt:
                closed = closed.published()
            context["closed_rows"] = build_rows(
                closed.order_by("sort_key"), context["today"], statuses=statuses
            )
            context["last_meeting"] = meeting
    context.update(
        access=access,
        board=board,
        columns=COLUMNS,
        statuses=statuses,
        views=view_counts(all_actions(board, exempt=access.sees_exempt), context["today"]),
    )
    return render(request, "boards/log.html", context)


def board_log_print(request, slug):
    access = board_for(request, slug)
    board = access.board
    statuses = list(board.rag_key.statuses.all())
    context = filtered_log(
        request, all_actions(board), board=board, paginate=False, statuses=statuses, exempt=access.sees_exempt
    )
    context.update(
        board=board,
        columns=COLUMNS,
        statuses=statuses,
        title=f"{board.name} Action Log",
        filters=context["filter"].description(),
    )
    return render(request, "boards/log_print.html", context)
