"""The action log's table, defined once.

The papers' columns (No., Date, Action, Responsible Officer, Comments, Status)
and how each cell reads are built here as rows from a queryset. The web page,
the print view and every export render these rows and nothing else.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse

from .models import Action, ActionOfficer, ActionState, RagStatus

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


def short_date(value: date | None) -> str:
    """The table's date format, as in the papers: 17/11/16."""
    return value.strftime("%d/%m/%y") if value else ""


def long_date(value: date | None) -> str:
    """Headings' date format: 17 November 2016."""
    return f"{value.day} {value:%B %Y}" if value else ""


@dataclass(frozen=True)
class StatusCell:
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
            status.code, status.label, status.colour, status.text_colour,
            status.definition, status.is_complete, set_by_date,
        )


@dataclass(frozen=True)
class Officer:
    id: int
    name: str


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
    due_date: date | None
    due: str
    is_overdue: bool

    @property
    def date_text(self) -> str:
        return short_date(self.date)

    @property
    def officers_text(self) -> str:
        return OFFICER_SEPARATOR.join(o.name for o in self.officers)

    @property
    def url(self) -> str:
        return reverse("boards:action", args=[self.board_slug, self.id])

    def cells(self) -> list[str]:
        """Plain-text cells in COLUMNS order, for exports."""
        return [self.reference, self.date_text, self.action, self.officers_text,
                self.comments, self.status.code]


def lead_officer_name():
    """For sorting by the Responsible Officer column."""
    return Subquery(
        ActionOfficer.objects.filter(action=OuterRef("pk"))
        .order_by("position")
        .values("person__name")[:1]
    )


def prepare(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Everything the rows need, in a fixed number of queries whatever the row count."""
    return queryset.select_related("board", "status", "due_meeting").prefetch_related(
        Prefetch("officer_links", queryset=ActionOfficer.objects.select_related("person"))
    )


def due_text(action: Action) -> str:
    if action.due_text:
        return action.due_text
    if action.due_meeting_id:
        return f"Meeting of {long_date(action.due_meeting.date)}"
    return long_date(action.due_date)


def build_rows(actions, today: date) -> list[LogRow]:
    actions = list(actions)
    overdue_statuses = {
        s.key_id: s
        for s in RagStatus.objects.filter(
            shown_when_overdue=True, key__boards__in={a.board_id for a in actions}
        ).distinct()
    } if actions else {}
    rows = []
    for action in actions:
        is_overdue = (
            action.state == ActionState.OPEN
            and action.due_date is not None
            and action.due_date < today
            and not action.status.is_complete
        )
        by_date = overdue_statuses.get(action.board.rag_key_id) if is_overdue else None
        rows.append(
            LogRow(
                id=action.pk,
                board_slug=action.board.slug,
                board_name=action.board.name,
                reference=action.reference,
                date=action.raised_on,
                action=action.description,
                officers=tuple(Officer(l.person_id, l.person.name) for l in action.officer_links.all()),
                comments=action.latest_comment,
                status=StatusCell.of(by_date, True) if by_date else StatusCell.of(action.status),
                state=action.state,
                state_label=action.get_state_display(),
                due_date=action.due_date,
                due=due_text(action),
                is_overdue=is_overdue,
            )
        )
    return rows
