"""The action log's table, defined once.

The papers' columns (No., Date, Action, Responsible Officer, Comments, Status)
and how each cell reads are built here as rows from a queryset. The web page,
the print view and every export render these rows and nothing else.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from .models import Action, ActionOfficer, ActionState, RagStatus
from .models.actions import is_overdue
from .status_colours import Painted

# (key, heading) in the papers' order.
COLUMNS = [
    ("reference", "No."),
    ("date", "Date"),
    ("action", "Action"),
    ("officers", "Responsible Officer"),
    ("comments", "Comments"),
    ("status", "Status"),
]

OFFICER_SEPARATOR = "/ "  # As the papers print joint officers: "Jim Bosworth/ Mike McHugh".


@lru_cache(maxsize=4096)
def short_date(value: date | None) -> str:
    """The table's date format, as in the papers: 17/11/16 (once per date: a log's rows share
    a few meeting dates)."""
    return value.strftime("%d/%m/%y") if value else ""


def long_date(value: date | None) -> str:
    """Headings' date format: 17 November 2016."""
    return f"{value.day} {value:%B %Y}" if value else ""


_PK = 987654321  # stands for the primary key in a reversed URL


@lru_cache(maxsize=512)
def _url_pattern(name: str, args: tuple, prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[*args, _PK])
    head, _, tail = url.rpartition(str(_PK))
    return head, tail


@lru_cache(maxsize=512)
def _board_log_url(slug: str, prefix: str) -> str:
    return reverse("boards:log", args=[slug])


def board_log_url(slug: str) -> str:
    """reverse("boards:log", args=[slug]), once per board (cross-board tables link each row's board)."""
    return _board_log_url(slug, get_script_prefix())


def url_with_pk(name: str, *args, pk: int, prefix: str | None = None) -> str:
    """reverse(name, args=[*args, pk]), resolved once per name and args: a log page links
    every row and every officer, and reverse() is the slowest part of a row. `prefix`: the
    script prefix, if the caller has read it already (get_script_prefix() is a thread-local
    read, a cost on every row)."""
    head, tail = _url_pattern(name, args, get_script_prefix() if prefix is None else prefix)
    return f"{head}{pk}{tail}"


@dataclass(frozen=True)
class StatusCell(Painted):
    code: str
    label: str
    colour: str
    text_colour: str
    definition: str
    is_complete: bool
    set_by_date: bool  # a date-based key showed this because the action is overdue

    @classmethod
    def of(cls, status: RagStatus, set_by_date=False):
        return cls(
            status.code,
            status.label,
            status.colour,
            status.text_colour,
            status.definition,
            status.is_complete,
            set_by_date,
        )


@dataclass(frozen=True)
class Officer:
    id: int
    name: str

    @property
    def url(self) -> str:
        return url_with_pk("boards:person", pk=self.id)


@dataclass(frozen=True)
class LogRow:
    id: int
    board_slug: str
    board_name: str
    reference: str
    date: date
    action: str
    officers: tuple[Officer, ...]
    comments: str
    status: StatusCell
    state: str
    state_label: str
    due_date: datetime.date | None  # `date` is a field's name from here on
    due: str
    is_overdue: bool
    exempt: bool = False  # exempt from publication: only the board's people see the row

    @property
    def date_text(self) -> str:
        return short_date(self.date)

    @property
    def officers_text(self) -> str:
        return OFFICER_SEPARATOR.join(o.name for o in self.officers)

    @property
    def url(self) -> str:
        return url_with_pk("boards:action", self.board_slug, pk=self.id)

    def cells(self) -> list[str]:
        """Plain-text cells in COLUMNS order, for exports."""
        return [
            self.reference,
            self.date_text,
            self.action,
            self.officers_text,
            self.comments,
            self.status.code,
        ]


def lead_officer_name():
    """For sorting by the Responsible Officer column."""
    return Subquery(
        ActionOfficer.objects.filter(action=OuterRef("pk")).order_by("position").values("person__name")[:1]
    )


# The columns a row needs, read as values rather than model instances (build_rows' fast path).
_ROW_FIELDS = (
    "pk",
    "board_id",
    "board__slug",
    "board__name",
    "board__rag_key_id",
    "reference",
    "raised_on",
    "description",
    "latest_comment",
    "status_id",
    "state",
    "due_date",
    "due_text",
    "due_meeting__starts_at",
    "exempt",
)
_STATES = dict(ActionState.choices)


def build_rows(actions, today: date, *, statuses=None) -> list[LogRow]:
    """The table's rows for `actions`: a queryset, read as plain values in three queries
    whatever its size, or Action instances, read again by primary key in their order (one
    way of making a row, whatever the caller holds). `statuses`: the RagStatus objects of
    the rows' key(s), if the caller has them (one query fewer)."""
    if isinstance(actions, QuerySet):
        return _rows_from_queryset(actions, today, statuses)
    order = [action.pk for action in actions]
    rows = {row.id: row for row in _rows_from_queryset(Action.objects.filter(pk__in=order), today, statuses)}
    return [rows[pk] for pk in order]


def _rows_from_queryset(queryset: QuerySet, today: date, known=None) -> list[LogRow]:
    values = list(queryset.prefetch_related(None).values_list(*_ROW_FIELDS))
    if not values:
        return []
    ids = [v[0] for v in values]
    officers = defaultdict(list)
    for action_id, person_id, name in (
        ActionOfficer.objects.filter(action_id__in=ids)
        .order_by("action_id", "position")
        .values_list("action_id", "person_id", "person__name")
    ):
        officers[action_id].append(Officer(person_id, name))
    keys, needed = {v[4] for v in values}, {v[9] for v in values}
    if known is None or not (keys <= {s.key_id for s in known} and needed <= {s.pk for s in known}):
        # Read by the rows' own statuses (and their boards' keys, for the date-based status),
        # so a row whose status is not in its board's key still shows its status.
        known = RagStatus.objects.filter(Q(key_id__in=keys) | Q(pk__in=needed))
    statuses = {s.pk: s for s in known}
    cells = {pk: StatusCell.of(s) for pk, s in statuses.items()}
    by_date = {s.key_id: StatusCell.of(s, True) for s in statuses.values() if s.shown_when_overdue}
    rows = []
    for (
        pk,
        _board_id,
        slug,
        board_name,
        key_id,
        reference,
        raised_on,
        description,
        comment,
        status_id,
        state,
        due_date,
        written_due,
        due_meeting_at,
        exempt,
    ) in values:
        cell = cells[status_id]
        overdue = is_overdue(state, cell.is_complete, due_date, today)
        if written_due:
            due = written_due
        elif due_meeting_at is not None:
            due = f"Meeting of {long_date(timezone.localtime(due_meeting_at).date())}"
        else:
            due = long_date(due_date)
        rows.append(
            LogRow(
                id=pk,
                board_slug=slug,
                board_name=board_name,
                reference=reference,
                date=raised_on,
                action=description,
                officers=tuple(officers[pk]),
                comments=comment,
                status=by_date.get(key_id, cell) if overdue else cell,
                state=state,
                state_label=_STATES.get(state, state),
                due_date=due_date,
                due=due,
                is_overdue=overdue,
                exempt=exempt,
            )
        )
    return rows
