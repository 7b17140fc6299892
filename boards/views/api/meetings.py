"""A board's meetings, and a meeting with its minutes, attendance and the actions raised."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ...access import access_for, visible_actions, visible_board, visible_meetings
from ...log_table import build_rows
from ...models import Attendance, MinuteItem
from .base import ApiView
from .pagination import envelope, page_of, paged
from .parameters import PAGE_PARAMETERS
from .serializers import MeetingDetailSerializer, MeetingSerializer


class Meetings(ApiView):
    parameters = PAGE_PARAMETERS

    @extend_schema(
        operation_id="meetings_list",
        summary="A board's meetings, newest first",
        responses=paged(MeetingSerializer),
    )
    def get(self, request, slug):
        board = visible_board(request.user, slug)
        meetings = visible_meetings(request.user).filter(board=board).order_by("-starts_at")
        page = page_of(request, meetings)
        data = MeetingSerializer(page.object_list, many=True, context={"board": board}).data
        return Response(envelope(request, page, data))


class MeetingDetail(ApiView):
    @extend_schema(
        operation_id="meeting",
        summary="A meeting: its minutes with their resolutions, attendance and the actions raised",
        responses=MeetingDetailSerializer,
    )
    def get(self, request, slug, pk):
        board = visible_board(request.user, slug)
        meeting = get_object_or_404(
            visible_meetings(request.user)
            .filter(board=board)
            .select_related("chair")
            .prefetch_related(
                Prefetch("items", queryset=MinuteItem.objects.prefetch_related("resolutions")),
                Prefetch("attendance", queryset=Attendance.objects.select_related("person")),
            ),
            pk=pk,
        )
        meeting.action_rows = build_rows(
            visible_actions(request.user).filter(raised_at=meeting).order_by("sort_key"),
            timezone.localdate(),
            statuses=list(board.rag_key.statuses.all()),
        )
        context = {"board": board, "sees_exempt": access_for(request.user, board).sees_exempt}
        return Response(MeetingDetailSerializer(meeting, context=context).data)
