"""Recording a meeting's decisions as actions."""

import re

from django.db import transaction

from ..models import Action, Membership, MembershipRole, Person, RagStatus, Resolution
from ..references import reference_for
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
    """Create the action a resolution calls for, raised at the resolution's meeting."""
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


def split_officer_names(text: str) -> list[str]:
    """"Jim Bosworth/ Mike McHugh" -> ["Jim Bosworth", "Mike McHugh"] (also ";" and new lines)."""
    names = []
    for part in re.split(r"[/;\n]", text or ""):
        name = " ".join(part.split())
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names


def resolve_officers(names: list[str], board) -> tuple[list[Person], list[str]]:
    """Match names to people (this board's first, then anyone, case-insensitive).
    Returns (people found, names not found)."""
    found, missing = [], []
    for name in names:
        # A merged record is not matched: its name lives on as the person kept's.
        people = Person.objects.filter(merged_into__isnull=True)
        matches = list(people.filter(name__iexact=name, memberships__board=board).distinct()[:2])
        if not matches:
            matches = list(people.filter(name__iexact=name)[:2])
        if len(matches) == 1:
            found.append(matches[0])
        else:
            missing.append(name)
    return found, missing


def officers_for(names: list[str], board) -> list[Person]:
    """The people for these names, adding anyone new to the board as an officer.
    Call inside the transaction that saves the action."""
    people = []
    for name in names:
        found, _ = resolve_officers([name], board)
        person = found[0] if found else Person.objects.create(name=name)
        Membership.objects.get_or_create(board=board, person=person, role=MembershipRole.OFFICER)
        people.append(person)
    return people
