"""Published logs: the clerk freezes the log for a meeting's agenda pack; anyone who
may read the board reads the frozen copy and downloads it in every format."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import wording
from ..access import board_for
from ..exports import FORMATS
from ..exports import render as render_export
from ..forms.actions import PublishLogForm
from ..log_query import all_actions, table_headers
from ..models import Meeting, PublishedLog
from ..published.snapshot import document_of
from ..services.publishing import publish
from .common import view_counts


@login_required
def publish_log(request, slug, meeting_pk):
    board = board_for(request, slug, manage=True).board
    meeting = get_object_or_404(Meeting, board=board, pk=meeting_pk)
    views = view_counts(all_actions(board), timezone.localdate())
    form = PublishLogForm(request.POST or None, views=views)
    if request.method == "POST" and form.is_valid():
        published = publish(board, meeting, user=request.user, view=form.cleaned_data["view"])
        left_out = (
            f" {wording.count(published.exempt_count, 'exempt action')} left out, as the copy says."
            if published.exempt_count
            else ""
        )
        messages.success(
            request,
            f"Published {published.row_count} action{'' if published.row_count == 1 else 's'} "
            f"for the meeting of {meeting.date:%-d %B %Y}.{left_out}",
        )
        return redirect("boards:published_log", board.slug, published.pk)
    return render(
        request,
        "boards/clerk/publish_form.html",
        {
            "board": board,
            "meeting": meeting,
            "form": form,
            "earlier": meeting.published_logs.defer("rows", "statuses").select_related("published_by"),
        },
    )


def _published(request, slug, pk):
    board = board_for(request, slug).board
    return get_object_or_404(
        PublishedLog.objects.select_related("meeting", "published_by"), board=board, pk=pk
    )


def published_log(request, slug, pk):
    published = _published(request, slug, pk)
    doc = document_of(published)
    return render(
        request,
        "boards/published_log.html",
        {
            "board": published.board,
            "published": published,
            "meeting": published.meeting,
            "rows": doc.rows,
            "statuses": doc.statuses,
            "headers": table_headers(),
            # The colours as published, which a key may no longer have.
            "extra_colours": [*doc.statuses, *{row.status for row in doc.rows}],
        },
    )


@require_safe  # a download changes nothing
def published_export(request, slug, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("No such export format.")
    published = _published(request, slug, pk)
    response = HttpResponse(
        render_export(document_of(published), fmt), content_type=FORMATS[fmt].content_type
    )
    name = (
        f"{published.board.slug}-action-log-published-{published.meeting.date:%Y-%m-%d}-{published.pk}.{fmt}"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
