"""A meeting: its minutes as structured items, attendance and the actions raised."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..access import board_for
from ..log_query import table_headers
from ..log_table import build_rows
from ..models import Attendance, AttendanceKind, Meeting, MinuteItem


def meeting_detail(request, slug, pk):
    access = board_for(request, slug)
    board = access.board
    meeting = get_object_or_404(
        Meeting.objects.filter(board=board)
        .select_related("chair")
        .prefetch_related(
            Prefetch("items", queryset=MinuteItem.objects.prefetch_related("resolutions")),
            Prefetch("attendance", queryset=Attendance.objects.select_related("person")),
        ),
        pk=pk,
    )
    attendance = {kind: [] for kind in AttendanceKind.values}
    for entry in meeting.attendance.all():
        attendance[entry.kind].append(entry)
    siblings = Meeting.objects.filter(board=board)
    raised = meeting.actions_raised.order_by("sort_key")
    if not access.sees_exempt:
        raised = raised.published()
    rows = build_rows(raised, timezone.localdate())
    return render(
        request,
        "boards/meeting.html",
        {
            "board": board,
            "can_manage": access.can_manage,
            "sees_exempt": access.sees_exempt,
            "meeting": meeting,
            "present": attendance[AttendanceKind.PRESENT],
            "apologies": attendance[AttendanceKind.APOLOGIES],
            "in_attendance": attendance[AttendanceKind.IN_ATTENDANCE],
            "rows": rows,
            "published_logs": meeting.published_logs.defer("rows", "statuses").select_related("published_by"),
            "headers": table_headers(),
            "statuses": list(board.rag_key.statuses.all()),
            "previous": siblings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at").first(),
            "next": siblings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at").first(),
        },
    )
