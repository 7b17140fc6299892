"""Recording a meeting's decisions as actions."""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet

from ..due import Due
from ..models import (
    Action,
    Board,
    Meeting,
    Membership,
    MembershipRole,
    Person,
    RagStatus,
    Resolution,
    SetupKind,
)
from ..officer_names import Officer
from ..people_names import normal
from ..references import reference_for
from .setup_records import note
from .updating import Actor, record

NO_DUE = Due()


def new_action(
    board: Board | None = None,
    *,
    description: str,
    status: RagStatus | None,
    reference: str = "",
    resolution: Resolution | None = None,
    raised_at: Meeting | None = None,
    raised_on: date | None = None,
    due: Due = NO_DUE,
    **fields: object,
) -> Action:
    """The one builder of an action, unsaved: `updating.record()` saves it with its history.

    From a resolution, the action takes its minute item, its board, the meeting that agreed it
    (raised at, and raised on that meeting's date) and, when no reference is given, the one
    its minute number and label make. Without one (a row of an imported log), `raised_on`
    says when it was raised and `raised_at` at which meeting, if known. `due` as
    `boards.due.parse_due` reads it; `fields`, any other of the action's fields.

    An action from an exempt resolution or minute item is exempt on the same grounds, unless
    `fields` say otherwise (boards.models.exemption)."""
    item = resolution.minute_item if resolution is not None else None
    for source in (resolution, item):
        if source is not None and source.exempt and "exempt" not in fields:
            fields["exempt"], fields["exempt_grounds"] = True, source.exempt_grounds
    if raised_at is None and item is not None:
        raised_at = item.meeting
    if raised_on is None and raised_at is not None:
        raised_on = raised_at.date
    if not reference and item is not None and resolution is not None:
        reference = reference_for(item.number, resolution.label)
    if board is not None:
        where: dict[str, object] = {"board": board}
    elif item is not None:
        where = {"board_id": item.board_id}  # one query fewer
    else:
        raise TypeError("new_action() needs a board or a resolution.")
    # Unsaved, it may lack a date or a status: record() validates it (full_clean) before saving.
    return Action(  # type: ignore[misc]
        **where,
        reference=reference,
        resolution=resolution,
        minute_item=item,
        raised_at=raised_at,
        raised_on=raised_on,
        description=description,
        status=status,
        due_date=due.date,
        due_meeting=due.meeting,
        due_text=due.text,
        **fields,
    )


def action_from_resolution(
    resolution: Resolution,
    *,
    description: str,
    officers: list[Person],
    status: RagStatus,
    actor: Actor,
    reference: str = "",
    at: datetime | None = None,
    due: Due = NO_DUE,
) -> Action:
    """Create the action a resolution calls for, raised at the resolution's meeting.
    Owns its transaction."""
    action = new_action(
        description=description, status=status, reference=reference, resolution=resolution, due=due
    )
    with transaction.atomic():
        record(action, actor=actor, officers=officers, at=at)
    return action


def status_choices(board: Board) -> QuerySet[RagStatus]:
    """The board's RAG key's statuses, in the key's order."""
    return RagStatus.objects.filter(key=board.rag_key_id).order_by("position")


def default_status(board: Board) -> RagStatus | None:
    """For a new action: the last status that does not mean complete (GREEN in the presets)."""
    statuses = [s for s in status_choices(board) if not s.is_complete and not s.shown_when_overdue]
    return statuses[-1] if statuses else None


def officers_for(
    officers: list[Officer],
    board: Board,
    *,
    by: User | AnonymousUser | None = None,
    added: dict[str, Person] | None = None,
) -> list[Person]:
    """The people for names already resolved (boards.officer_names), each made an officer of
    the board if not one already. A new Person is created only for an Officer the clerk
    chose to add (`is_new`), with a set-up record; `added` ({normal name: Person}), shared
    across the calls of one import, makes a name added for one row the same person in the
    next. Runs in the caller's transaction: call it inside atomic(), with the action's save."""
    added = {} if added is None else added
    people: list[Person] = []
    for officer in officers:
        person = officer.person
        if officer.is_new:
            person = added.get(normal(officer.name))
            if person is None:
                person = Person.objects.create(name=officer.name)
                added[normal(officer.name)] = person
                note(
                    SetupKind.PEOPLE_ADDED,
                    f"{person.name} added as a new person, an officer of {board.name}.",
                    by=by,
                    board=board,
                    person=person,
                )
        if person is None:  # the callers refuse a name not resolved before they get here
            raise ValueError(f"{officer.name} is nobody yet, and was not chosen as a new person.")
        Membership.objects.get_or_create(
            board=board,
            person=person,
            role=MembershipRole.OFFICER,
            defaults={"added_by": by if isinstance(by, User) else None},  # an AnonymousUser is no one
        )
        if all(p.pk != person.pk for p in people):
            people.append(person)
    return people
