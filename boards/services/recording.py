"""Recording a meeting's decisions as actions."""

import re

from django.db import transaction

from ..models import Action, Membership, MembershipRole, Person, RagStatus, Resolution, SetupKind
from ..officer_names import Officer
from ..people_names import normal
from ..references import reference_for
from .setup_records import note
from .updating import Actor, record


def action_from_resolution(
    resolution: Resolution,
    *,
    description: str,
    officers: list[Person],
    status: RagStatus,
    actor: Actor,
    reference: str = "",
    at=None,
    **fields,
) -> Action:
    """Create the action a resolution calls for, raised at the resolution's meeting.
    Owns its transaction."""
    item = resolution.minute_item
    action = Action(
        board_id=item.board_id,
        reference=reference or reference_for(item.number, resolution.label),
        resolution=resolution,
        minute_item=item,
        raised_at=item.meeting,
        raised_on=item.meeting.date,
        description=description,
        status=status,
        **fields,
    )
    with transaction.atomic():
        record(action, actor=actor, officers=officers, at=at)
    return action


def status_choices(board):
    """The board's RAG key's statuses, in the key's order."""
    return RagStatus.objects.filter(key=board.rag_key_id).order_by("position")


def default_status(board) -> RagStatus | None:
    """For a new action: the last status that does not mean complete (GREEN in the presets)."""
    statuses = [s for s in status_choices(board) if not s.is_complete and not s.shown_when_overdue]
    return statuses[-1] if statuses else None


def split_officer_names(text: str) -> list[str]:
    """ "Jim Bosworth/ Mike McHugh" -> ["Jim Bosworth", "Mike McHugh"] (also ";" and new lines)."""
    names = []
    for part in re.split(r"[/;\n]", text or ""):
        name = " ".join(part.split())
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def officers_for(officers: list[Officer], board, *, by=None, added: dict | None = None) -> list[Person]:
    """The people for names already resolved (boards.officer_names), each made an officer of
    the board if not one already. A new Person is created only for an Officer the clerk
    chose to add (`is_new`), with a set-up record; `added` ({normal name: Person}), shared
    across the calls of one import, makes a name added for one row the same person in the
    next. Runs in the caller's transaction: call it inside atomic(), with the action's save."""
    added = {} if added is None else added
    people = []
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
        Membership.objects.get_or_create(
            board=board,
            person=person,
            role=MembershipRole.OFFICER,
            defaults={"added_by": by if getattr(by, "is_authenticated", False) else None},
        )
        if all(p.pk != person.pk for p in people):
            people.append(person)
    return people
