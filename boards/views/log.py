"""The board's action log, as the papers print it, and its print view."""

from django.shortcuts import render

from ..log_table import COLUMNS
from .common import all_actions, board_or_404, filtered_log, status_counts, view_counts


def board_log(request, slug):
    board = board_or_404(request, slug)
    context = filtered_log(request, all_actions(board), board=board)
    statuses = list(board.rag_key.statuses.all())
    context.update(
        board=board,
        columns=COLUMNS,
        statuses=statuses,
        status_counts=status_counts(context["filtered_actions"], statuses),
        views=view_counts(all_actions(board), context["today"]),
    )
    return render(request, "boards/log.html", context)


def board_log_print(request, slug):
    board = board_or_404(request, slug)
    context = filtered_log(request, all_actions(board), board=board, paginate=False)
    context.update(board=board, columns=COLUMNS, statuses=list(board.rag_key.statuses.all()))
    return render(request, "boards/log_print.html", context)
