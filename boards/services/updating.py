"""The one writer of action history.

Every change to an action, from any path (web form, emailed link, admin,
import, closing), goes through `record()`: it saves the action and writes
exactly one ActionUpdate in the same transaction. `change()` is the short form
for callers that have field values rather than an edited instance.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Self, TypedDict

from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .. import limits
from ..models import (
    Action,
    ActionOfficer,
    ActionUpdate,
    Membership,
    MembershipRole,
    Person,
    RagStatus,
    RefusedChange,
    UpdateVia,
)
from ..models.actions import history_writer
from ..models.exemption import check_grounds

# The fields whose changes are recorded, in the order a history row lists them.
TRACKED_FIELDS = (
    "reference",
    "description",
    "raised_on",
    "raised_at",
    "resolution",
    "minute_item",
    "due_date",
    "due_meeting",
    "due_text",
    "status",
    "state",
    "closed_at_meeting",
    "closed_on",
    "exempt",
    "exempt_grounds",
)

# A field's value as history stores it (_value), or the officers' names.
Tracked = str | bool | list[str] | None
# One field's change in a history row: {"from": ..., "to": ...}.
FieldChange = TypedDict("FieldChange", {"from": Tracked, "to": Tracked})


@dataclass(frozen=True)
class Actor:
    """Who made a change and how."""

    via: str
    user: User | None = None
    person: Person | None = None

    @classmethod
    def for_user(cls, user: User, via: str = UpdateVia.WEB) -> Self:
        return cls(via=via, user=user, person=getattr(user, "person", None))


class StaleAction(Exception):
    """The action changed since the editor loaded it; nothing was saved."""

    def __init__(self, current: Action, expected_version: int):
        self.current = current
        self.expected_version = expected_version
        self.refusal: RefusedChange | None = None  # the refused attempt, once written
        self.unsaved_refusal: dict[str, Any] | None = None  # its fields, until keep_refusal() writes them
        super().__init__(
            f"Action {current.reference} is at version {current.version}, "
            f"not {expected_version}: someone else changed it meanwhile."
        )

    def changes_since(self) -> QuerySet[ActionUpdate]:
        return self.current.updates.filter(version__gt=self.expected_version).order_by("version")


def _value(action: Action, field: str) -> str | bool | None:
    """A field's value as history stores it: JSON-friendly and readable."""
    model_field = Action._meta.get_field(field)
    if isinstance(model_field, models.ForeignKey):
        related = getattr(action, field)
        return None if related is None else str(related)
    value: str | date | bool | None = getattr(action, field)  # text, dates and `exempt`
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        # False is no news, like an empty text: an action made open to the public records
        # nothing about exemption; marking it exempt records True, unmarking it None.
        return True if value else None
    return value if value not in ("", None) else None


def _raw(action: Action, field: str) -> object:
    model_field = Action._meta.get_field(field)
    assert isinstance(model_field, models.Field)  # the action's own fields, never a reverse relation
    return getattr(action, model_field.attname)


def _normalise(action: Action) -> None:
    # A target meeting defines the due date.
    if action.due_meeting_id and action.due_meeting is not None:
        action.due_date = action.due_meeting.date
    if action.raised_at_id and not action.raised_on and action.raised_at is not None:
        action.raised_on = action.raised_at.date
    if action.resolution_id and not action.minute_item_id and action.resolution is not None:
        action.minute_item_id = action.resolution.minute_item_id


def _check_status_fits_board(action: Action) -> None:
    if not RagStatus.objects.filter(pk=action.status_id, key__boards=action.board_id).exists():
        raise ValueError(f"Status {action.status} is not in the RAG key of {action.board}.")


def _set_officers(action: Action, officers: list[Person]) -> None:
    """Replace the action's officers, in order; each becomes an officer of the board if
    not one already (the log's officer filter lists the board's officers).
    Runs in the caller's transaction: call it inside atomic()."""
    ActionOfficer.objects.filter(action=action).delete()
    ActionOfficer.objects.bulk_create(
        ActionOfficer(action=action, person=person, position=i) for i, person in enumerate(officers)
    )
    Membership.objects.bulk_create(
        [
            Membership(board_id=action.board_id, person=person, role=MembershipRole.OFFICER)
            for person in officers
        ],
        ignore_conflicts=True,
    )


def record(
    action: Action,
    *,
    actor: Actor,
    officers: list[Person] | None = None,
    comment: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
    comment_to_log: bool = True,
) -> ActionUpdate | None:
    """Save a new or edited action and write its history row.

    `action` carries the new values (an unsaved instance creates an action).
    `officers`, when given, replaces the responsible officers in order, lead first.
    `expected_version` is the version the editor saw; if the action has moved on
    since, StaleAction is raised and nothing is saved, and the refused attempt is kept as a
    RefusedChange.

    Owns its transaction when called outside one. Inside a caller's transaction (to save
    several actions, or an action and new people, all or nothing) its writes join that
    transaction, and a refused attempt cannot be written (it would roll back with the rest):
    the caller keeps it with keep_refusal(stale) after its own `atomic()` has ended. A call that changes
    nothing and has no comment saves nothing and returns None. With
    `comment_to_log=False` the comment goes into the history only, and the log's
    Comments column keeps the officer's latest update (used when closing).
    """
    at = at or timezone.now()
    comment = (comment or "").strip()
    check_bounds(action, comment, comment_to_log=comment_to_log)
    try:
        return _record(
            action,
            actor=actor,
            officers=officers,
            comment=comment,
            at=at,
            expected_version=expected_version,
            comment_to_log=comment_to_log,
        )
    except StaleAction as stale:
        attempted: dict[str, Tracked] = {
            field: _value(action, field)
            for field in TRACKED_FIELDS
            if _raw(stale.current, field) != _raw(action, field)
        }
        if officers is not None:
            attempted["officers"] = [p.name for p in officers]
        _refuse(stale, actor, attempted, comment, at)
        raise


# The fields of an action held to boards.limits: its tracked text and dates, and the log's
# Comments column.
BOUNDED_FIELDS = (*TRACKED_FIELDS, "latest_comment")


def check_bounds(action: Action, comment: str = "", *, comment_to_log: bool = True) -> None:
    """ValidationError, naming the field, for a text too long or a date out of range: the
    last line of defence, whatever the path (forms show the same limits first)."""
    limits.check_instance(action, fields=BOUNDED_FIELDS)
    check_grounds(action.exempt, action.exempt_grounds)
    limit = limits.COMMENT_TEXT if comment_to_log else limits.HISTORY_COMMENT
    limits.check_text(comment, limit, field="comment", label="The comment")


def _refuse(
    stale: StaleAction, actor: Actor, attempted: dict[str, Tracked], comment: str, at: datetime
) -> None:
    """Keep the refused attempt in the record: the change rolled back. Owns its transaction,
    which must not be nested (durable).

    Inside a caller's transaction the row would roll back with the caller's work when the
    StaleAction propagates, and the record would be lost: then it is attached to the
    exception, unsaved, for the caller to keep with keep_refusal() once its transaction
    has ended."""
    fields = dict(
        action=stale.current,
        at=at,
        by_user=actor.user,
        by_person=actor.person,
        via=actor.via,
        seen_version=stale.expected_version,
        current_version=stale.current.version,
        attempted=attempted,
        comment=comment,
    )
    try:
        # Durable: refused (RuntimeError, before anything is written) inside another
        # transaction, and, unlike in_atomic_block, not by a test's own wrapping one.
        with transaction.atomic(durable=True):
            stale.refusal = RefusedChange.objects.create(**fields)
    except RuntimeError:
        stale.unsaved_refusal = fields


def keep_refusal(stale: StaleAction) -> None:
    """Write the refused attempt that record() or change() could not write because they ran
    inside the caller's transaction. Call it after that transaction has ended (in the
    `except StaleAction` around the `atomic()` block); once written, calling it again does
    nothing. Owns its transaction, which must not be nested (durable)."""
    if stale.refusal is None and stale.unsaved_refusal:
        with transaction.atomic(durable=True):  # RuntimeError if still inside a transaction
            stale.refusal = RefusedChange.objects.create(**stale.unsaved_refusal)
        stale.unsaved_refusal = None


def _record(
    action: Action,
    *,
    actor: Actor,
    officers: list[Person] | None,
    comment: str,
    at: datetime,
    expected_version: int | None,
    comment_to_log: bool = True,
) -> ActionUpdate | None:
    """record()'s writes: the action, its officers and its history row.
    Owns its transaction (a savepoint inside a caller's)."""
    with transaction.atomic(), history_writer():
        _normalise(action)
        _check_status_fits_board(action)
        if action.pk is None:
            return _create(action, actor=actor, officers=officers or [], comment=comment, at=at)

        current = Action.objects.select_for_update().get(pk=action.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleAction(current, expected_version)

        changes: dict[str, FieldChange] = {
            field: {"from": _value(current, field), "to": _value(action, field)}
            for field in TRACKED_FIELDS
            if _raw(current, field) != _raw(action, field)
        }
        if officers is not None:
            before = list(current.officers.order_by("officer_links__position"))
            if [p.pk for p in before] != [p.pk for p in officers]:
                changes["officers"] = {
                    "from": [p.name for p in before],
                    "to": [p.name for p in officers],
                }
        if not changes and not comment:
            return None

        action.version = current.version + 1
        action.updated_at = at
        # Only the changed fields are written, so stale in-memory values never overwrite.
        action.latest_comment = (comment if comment_to_log else "") or current.latest_comment
        update_fields = [f for f in changes if f != "officers"]
        update_fields += ["version", "updated_at", "latest_comment", "sort_key"]
        action.save(update_fields=update_fields)
        if officers is not None and "officers" in changes:
            _set_officers(action, officers)
        return ActionUpdate.objects.create(
            action=action,
            at=at,
            by_user=actor.user,
            by_person=actor.person,
            via=actor.via,
            changes=changes,
            comment=comment,
            version=action.version,
        )


def _create(
    action: Action, *, actor: Actor, officers: list[Person], comment: str, at: datetime
) -> ActionUpdate:
    """A new action, version 1, and its first history row.
    Runs in the caller's transaction: call it inside atomic()."""
    action.version = 1
    action.created_at = action.updated_at = at
    if comment:
        action.latest_comment = comment
    action.save()
    _set_officers(action, officers)
    changes: dict[str, FieldChange] = {
        field: {"from": None, "to": _value(action, field)}
        for field in TRACKED_FIELDS
        if _value(action, field) is not None
    }
    if officers:
        changes["officers"] = {"from": [], "to": [p.name for p in officers]}
    return ActionUpdate.objects.create(
        action=action,
        at=at,
        by_user=actor.user,
        by_person=actor.person,
        via=actor.via,
        changes=changes,
        comment=comment,
        version=1,
    )


def change(
    action: Action,
    *,
    actor: Actor,
    comment: str = "",
    officers: list[Person] | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
    comment_to_log: bool = True,
    **fields: object,
) -> ActionUpdate | None:
    """Change only the named fields and record it: `change(a, actor=..., status=amber)`.

    The fields are applied to the row as it is in the database now, so values the
    caller's instance holds for other fields, stale or not, are never written back.
    The caller's instance is refreshed afterwards.

    Owns its transaction, as record() does: inside a caller's, its writes join that
    transaction and a refused stale attempt waits on the StaleAction for keep_refusal().
    """
    unknown = set(fields) - set(TRACKED_FIELDS)
    if unknown:
        raise ValueError(f"Not tracked fields of Action: {', '.join(sorted(unknown))}.")
    try:
        with transaction.atomic():
            current = Action.objects.select_for_update().get(pk=action.pk)
            if expected_version is not None and current.version != expected_version:
                raise StaleAction(current, expected_version)
            for name, value in fields.items():
                setattr(current, name, value)
            update = record(
                current, actor=actor, officers=officers, comment=comment, at=at, comment_to_log=comment_to_log
            )
    except StaleAction as stale:
        if stale.refusal is None and stale.unsaved_refusal is None:  # record() has not refused it
            for name, value in fields.items():  # on the local copy only, to describe them
                setattr(stale.current, name, value)
            attempted: dict[str, Tracked] = {name: _value(stale.current, name) for name in fields}
            stale.current.refresh_from_db()
            if officers is not None:
                attempted["officers"] = [p.name for p in officers]
            _refuse(stale, actor, attempted, (comment or "").strip(), at or timezone.now())
        raise
    action.refresh_from_db()
    return update
