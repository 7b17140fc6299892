"""The one writer of set-up records (boards.models.SetupRecord).

Callers write the change and its record in one transaction: `note()` does not open its
own, so a change that rolls back takes its record with it, and a record is never kept
for a change that did not happen.
"""

from ..models import SetupRecord


def note(
    kind, summary: str, *, by=None, organisation=None, board=None, person=None, **details
) -> SetupRecord:
    """Record one set-up change. `by` is the user who made it (None: the system).
    Runs in the caller's transaction: call it inside atomic(), with the change it records."""
    user = by if by is not None and getattr(by, "is_authenticated", False) else None
    return SetupRecord.objects.create(
        kind=kind,
        summary=summary[:500],
        by_user=user,
        organisation=organisation,
        board=board,
        person=person,
        details=details,
    )
