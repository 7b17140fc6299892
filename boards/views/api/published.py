"""A board's published logs: the copies its clerk froze for the agenda packs."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ...access import visible_board, visible_published_logs
from ...published.snapshot import document_of
from .base import ApiView
from .pagination import envelope, page_of, paged
from .parameters import PAGE_PARAMETERS
from .serializers import PublishedLogDetailSerializer, PublishedLogSerializer


class PublishedLogs(ApiView):
    parameters = PAGE_PARAMETERS

    @extend_schema(
        operation_id="published_logs_list",
        summary="A board's published logs, newest first",
        responses=paged(PublishedLogSerializer),
    )
    def get(self, request, slug):
        board = visible_board(request.user, slug)
        logs = visible_published_logs(request.user).filter(board=board).defer("rows", "statuses")
        page = page_of(request, logs)
        data = PublishedLogSerializer(page.object_list, many=True, context={"board": board}).data
        return Response(envelope(request, page, data))


class PublishedLogDetail(ApiView):
    @extend_schema(
        operation_id="published_log",
        summary="A published log, with its rows as published",
        responses=PublishedLogDetailSerializer,
    )
    def get(self, request, slug, pk):
        board = visible_board(request.user, slug)
        published = get_object_or_404(visible_published_logs(request.user).filter(board=board), pk=pk)
        published.board = board
        published.document = document_of(published)
        return Response(PublishedLogDetailSerializer(published, context={"board": board}).data)
