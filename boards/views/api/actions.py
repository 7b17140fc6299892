"""A board's actions: the log's rows, for the log page's filters, in the log page's order."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from ...access import visible_actions, visible_board
from ...filters import ActionFilter, DateRangeFilter
from ...history import timeline
from ...log_query import log_filter
from ...log_table import build_rows
from .base import ApiView
from .pagination import envelope as page_envelope
from .pagination import page_of, paged
from .parameters import PAGE_PARAMETERS, BadParameters
from .rows import ActionDetail, ActionDetailSerializer, ActionRowSerializer


def filter_parameters() -> tuple[str, ...]:
    """The query parameters of the log's filters (boards.filters.ActionFilter), a date range
    as its two (due_from, due_to): the log page's, read from the same filters."""
    names: list[str] = []
    for name, log_filter_ in ActionFilter.base_filters.items():
        if isinstance(log_filter_, DateRangeFilter):
            names += [f"{name}_{suffix}" for suffix in log_filter_.field_class.widget.suffixes]
        else:
            names.append(name)
    return tuple(names)


FILTER_PARAMETERS = filter_parameters()
# The schema's word for each; the values are the log page's.
_PARAMETER_HELP = {
    "view": ("Which actions: outstanding (the default), overdue, closed or all.", OpenApiTypes.STR),
    "q": ("Words, each found in the action, its comments or its number.", OpenApiTypes.STR),
    "status": ("A status code of the board's key (repeat for several).", OpenApiTypes.STR),
    "officer": ("A responsible officer: the person's id (one of the board's officers).", OpenApiTypes.INT),
    "meeting": ("Raised at this meeting (its id).", OpenApiTypes.INT),
    "overdue": ("true: overdue only; false: not overdue.", OpenApiTypes.STR),
    "sort": (
        "reference, date, action, officer, comments, status or due; a leading - for descending.",
        OpenApiTypes.STR,
    ),
}
SCHEMA_PARAMETERS = [
    OpenApiParameter(
        name,
        _PARAMETER_HELP.get(name, ("", OpenApiTypes.DATE))[1],
        description=_PARAMETER_HELP.get(
            name, (f"{'From' if name.endswith('_from') else 'Up to'} this date (dd/mm/yyyy or yyyy-mm-dd).",)
        )[0],
        many=name == "status",
    )
    for name in FILTER_PARAMETERS
] + [
    OpenApiParameter("page", OpenApiTypes.INT, description="The page, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Rows a page (default 50, at most 200)."),
]


def problems_of(filterset, query) -> dict[str, str]:
    """Each parameter the log's filters refused, and why."""
    problems = {}
    for name, errors in filterset.form.errors.items():
        field = filterset.form.fields.get(name)
        log_filter_ = filterset.filters.get(name)
        if isinstance(log_filter_, DateRangeFilter) and field is not None:
            for suffix, part in zip(log_filter_.field_class.widget.suffixes, field.fields, strict=True):
                parameter = f"{name}_{suffix}"
                try:
                    part.clean(query.get(parameter))
                except ValidationError as refused:
                    problems[parameter] = " ".join(refused.messages)
            if any(p.startswith(f"{name}_") for p in problems):
                continue
        problems[name] = " ".join(errors)
    return problems


class BoardActions(ApiView):
    parameters = (*FILTER_PARAMETERS, *PAGE_PARAMETERS)

    @extend_schema(
        operation_id="actions_list",
        summary="A board's action log",
        description="The log's rows for the log page's filters (the same parameters as "
        "/boards/<slug>/actions/), in the log page's order, a page at a time.",
        parameters=SCHEMA_PARAMETERS,
        responses=paged(ActionRowSerializer),
    )
    def get(self, request, slug):
        board = visible_board(request.user, slug)
        statuses = list(board.rag_key.statuses.all())
        today = timezone.localdate()
        filterset = log_filter(
            request.query_params, visible_actions(request.user).filter(board=board), board=board, today=today
        )
        if not filterset.is_valid():
            raise BadParameters(problems_of(filterset, request.query_params))
        page = page_of(request, filterset.qs)
        rows = build_rows(page.object_list, today, statuses=statuses)
        return Response(page_envelope(request, page, ActionRowSerializer(rows, many=True).data))


class BoardAction(ApiView):
    @extend_schema(
        operation_id="action",
        summary="An action, with its source and history",
        responses=ActionDetailSerializer,
    )
    def get(self, request, slug, pk):
        board = visible_board(request.user, slug)
        action = get_object_or_404(
            visible_actions(request.user).filter(board=board).select_related("resolution__minute_item"), pk=pk
        )
        (row,) = build_rows([action], timezone.localdate(), statuses=list(board.rag_key.statuses.all()))
        detail = ActionDetail(row, action, timeline(action))
        return Response(ActionDetailSerializer(detail).data)
