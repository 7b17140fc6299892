"""Recording a meeting's decisions as actions."""

from django.db import transaction

from ..models import Action, Person, RagStatus, Resolution
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
