"""The one writer of set-up records (boards.models.SetupRecord).

Callers write the change and its record in one transaction: `note()` does not open its
own, so a change that rolls back takes its record with it, and a record is never kept
for a change that did not happen.
"""

from django.contrib.auth.models import AnonymousUser, User

from ..models import Board, Organisation, Person, SetupKind, SetupRecord


def note(
    kind: SetupKind,
    summary: str,
    *,
    by: User | AnonymousUser | None = None,
    organisation: Organisation | None = None,
    board: Board | None = None,
    person: Person | None = None,
    **details: object,
) -> SetupRecord:
    """Record one set-up change. `by` is the user who made it (None: the system).
    Runs in the caller's transaction: call it inside atomic(), with the change it records."""
    user = by if isinstance(by, User) else None  # an AnonymousUser is no one
    return SetupRecord.objects.create(
        kind=kind,
        summary=summary[:500],
        by_user=user,
        organisation=organisation,
        board=board,
        person=person,
        details=details,
    )
