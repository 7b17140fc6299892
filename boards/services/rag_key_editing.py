"""A board's RAG key: made from a preset, edited by its clerks, copied when shared.

A key shared with another board (or one of the shipped presets, which boards used to share)
is never edited in place: the board gets its own copy first, and its actions move to the
copy's statuses through services.updating, so each action's history says so. A status that
the board's actions use may be removed, or given another code, only with a mapping the
clerk confirmed: every affected action gets the status the clerk chose, in the same
transaction as the key, so no action is ever left without a status of its board's key.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypedDict

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count

from ..models import Action, Board, RagKey, RagStatus, SetupKind, StatusWordChoice, UpdateVia
from ..rag_presets import PRESETS
from . import setup_records, updating

PRESET_SLUGS = frozenset(preset["slug"] for preset in PRESETS)
EDITED_FIELDS = ("code", "label", "colour", "definition", "is_complete", "shown_when_overdue")

# One edited field of a status: its old and new value.
StatusFieldChange = TypedDict("StatusFieldChange", {"from": str | bool, "to": str | bool})
# The statuses' codes before and after a reordering.
OrderChange = TypedDict("OrderChange", {"from": list[str], "to": list[str]})


class MovedActions(TypedDict):
    to: str  # the code of the status the actions took
    actions: int


class KeyDetails(TypedDict, total=False):
    """What an edit of a key changed (describe), as its set-up record keeps it."""

    added: list[str]  # codes
    removed: list[str]
    changed: dict[str, dict[str, StatusFieldChange]]  # code -> field -> change
    order: OrderChange
    actions_moved: dict[str, MovedActions]  # the old code -> where its actions went
    copied_from: str  # the slug of the shared key copied


@dataclass(frozen=True)
class StatusRow:
    """A status as the clerk left it: `index` names its row in the form (and in the mapping
    step); `status_id` is the key's status it edits, None for a new one."""

    index: int
    code: str
    label: str
    colour: str
    definition: str
    is_complete: bool = False
    shown_when_overdue: bool = False
    position: int = 0
    status_id: int | None = None

    def values(self) -> dict[str, str | bool]:
        return {name: getattr(self, name) for name in EDITED_FIELDS}


@dataclass(frozen=True)
class Affected:
    """A status of the key that the board's actions use and that the edit removes or recodes."""

    status: RagStatus
    count: int
    row: StatusRow | None  # the row it became (recoded), None if removed

    @property
    def removed(self) -> bool:
        return self.row is None


@dataclass
class KeyChange:
    copied: bool = False
    actions_changed: int = 0
    details: KeyDetails = field(default_factory=KeyDetails)

    @property
    def changed(self) -> bool:
        return bool(self.details)


class MappingNeeded(Exception):
    """Actions use a status the edit removes or recodes, and no mapping says where they go
    (`affected`: those statuses, when known before anything was changed)."""

    def __init__(self, affected: list[Affected]):
        self.affected = affected
        super().__init__(", ".join(a.status.code for a in affected))


def rows_of(statuses: Iterable[RagStatus]) -> list[StatusRow]:
    """The rows of a key as it is, for comparison and for copying."""
    return [
        StatusRow(
            index=i, status_id=s.pk, position=s.position, **{name: getattr(s, name) for name in EDITED_FIELDS}
        )
        for i, s in enumerate(statuses)
    ]


def preset_rows(slug: str) -> list[StatusRow]:
    (preset,) = [p for p in PRESETS if p["slug"] == slug]
    return [
        StatusRow(
            index=i,
            code=code,
            label=label,
            colour=colour,
            definition=definition,
            is_complete=complete,
            shown_when_overdue=overdue,
            position=i,
        )
        for i, (code, label, colour, definition, complete, overdue) in enumerate(preset["statuses"])
    ]


def key_slug_for(board_slug: str) -> str:
    """ "<board slug>-key", or "-key-2" and so on when that is taken."""
    base = f"{board_slug[:90]}-key"
    taken = set(RagKey.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_key(
    board_slug: str, board_name: str, rows: list[StatusRow], *, description: str = ""
) -> tuple[RagKey, dict[int, RagStatus]]:
    """A new key of these statuses, in their order.
    Runs in the caller's transaction: call it inside atomic()."""
    key = RagKey.objects.create(
        slug=key_slug_for(board_slug), name=f"{board_name[:96]} key", description=description
    )
    made: dict[int, RagStatus] = {}  # row index -> its status
    for position, row in enumerate(_in_order(rows)):
        made[row.index] = RagStatus.objects.create(key=key, position=position, **row.values())
    return key, made


def _in_order(rows: Iterable[StatusRow]) -> list[StatusRow]:
    return sorted(rows, key=lambda row: (row.position, row.index))


def is_shared(board: Board) -> bool:
    """Whether editing the board's key in place would change another board's (or a preset)."""
    key = board.rag_key
    return key.slug in PRESET_SLUGS or key.boards.exclude(pk=board.pk).exists()


def actions_by_status(board: Board) -> dict[int, int]:
    return dict(
        Action.objects.filter(board=board).order_by().values_list("status_id").annotate(n=Count("pk"))
    )


def affected_statuses(
    board: Board, rows: list[StatusRow], statuses: list[RagStatus] | None = None
) -> list[Affected]:
    """The key's statuses that the board's actions use and the edit removes or recodes, in the
    key's order."""
    statuses = list(board.rag_key.statuses.all()) if statuses is None else statuses
    used = actions_by_status(board)
    kept = {row.status_id: row for row in rows if row.status_id}
    affected: list[Affected] = []
    for status in statuses:
        row = kept.get(status.pk)
        if used.get(status.pk) and (row is None or row.code != status.code):
            affected.append(Affected(status, used[status.pk], row))
    return affected


def _check(rows: list[StatusRow], statuses: Sequence[RagStatus]) -> None:
    """The last line of defence: the form says all this first, in words."""
    if not rows:
        raise ValueError("A RAG key needs at least one status.")
    codes = [row.code.casefold() for row in rows]
    if len(set(codes)) != len(codes):
        raise ValueError("Each status of a key needs its own code.")
    if sum(row.shown_when_overdue for row in rows) > 1:
        raise ValueError("Only one status can be shown when overdue.")
    ids = [row.status_id for row in rows if row.status_id]
    if len(set(ids)) != len(ids) or not set(ids) <= {s.pk for s in statuses}:
        raise ValueError("A status edited is not in the board's key.")


def describe(rows: list[StatusRow], statuses: Sequence[RagStatus]) -> KeyDetails:
    """What the edit changes, by code: statuses added, removed, and fields changed."""
    by_id = {s.pk: s for s in statuses}
    kept = {row.status_id for row in rows if row.status_id}
    details: KeyDetails = {}
    added = [row.code for row in rows if not row.status_id]
    removed = [s.code for s in statuses if s.pk not in kept]
    changed: dict[str, dict[str, StatusFieldChange]] = {}
    for row in rows:
        status = by_id.get(row.status_id) if row.status_id is not None else None
        if status is None:
            continue
        fields: dict[str, StatusFieldChange] = {
            name: {"from": getattr(status, name), "to": getattr(row, name)}
            for name in EDITED_FIELDS
            if getattr(status, name) != getattr(row, name)
        }
        if fields:
            changed[status.code] = fields
    old_order = [s.pk for s in statuses]
    new_order = [row.status_id for row in _in_order(rows)]
    if added:
        details["added"] = added
    if removed:
        details["removed"] = removed
    if changed:
        details["changed"] = changed
    if not (added or removed) and old_order != new_order:
        details["order"] = {"from": [s.code for s in statuses], "to": [r.code for r in _in_order(rows)]}
    return details


def save_key(
    board: Board, rows: list[StatusRow], *, mapping: Mapping[int, int] | None = None, by: User | None = None
) -> KeyChange:
    """Save the board's key as `rows`. `mapping` gives, for each status that the board's actions
    use and that the edit removes or recodes, the index of the row its actions take
    ({status id: row index}). Raises MappingNeeded (and saves nothing) if a status needs one
    and has none. A shared key is copied for this board first. Owns its transaction."""
    mapping = mapping or {}
    actor = (
        updating.Actor.for_user(by, via=UpdateVia.WEB)
        if by is not None
        else updating.Actor(via=UpdateVia.SYSTEM)
    )
    with transaction.atomic():
        board = Board.objects.select_for_update().select_related("rag_key").get(pk=board.pk)
        old_key = board.rag_key
        statuses = list(old_key.statuses.all())
        _check(rows, statuses)
        affected = affected_statuses(board, rows, statuses)
        missing = [a for a in affected if a.status.pk not in mapping]
        if missing:
            raise MappingNeeded(missing)
        by_index = {row.index: row for row in rows}
        if any(mapping[a.status.pk] not in by_index for a in affected):
            raise ValueError("A mapping names a status that is not in the new key.")
        details = describe(rows, statuses)
        if not details:
            return KeyChange()
        was = {s.pk: s.code for s in statuses}  # the codes as they were: an edit in place changes them
        if affected:
            details["actions_moved"] = {
                a.status.code: {"to": by_index[mapping[a.status.pk]].code, "actions": a.count}
                for a in affected
            }
        copied = is_shared(board)
        if copied:
            key, made = create_key(board.slug, board.name, rows, description=old_key.description)
            board.rag_key = key
            board.save(update_fields=["rag_key"])
            details["copied_from"] = old_key.slug
        else:
            made = _edit_in_place(old_key, rows, statuses)
        target_of = {row.status_id: made[row.index] for row in rows if row.status_id}
        for a in affected:
            target_of[a.status.pk] = made[mapping[a.status.pk]]
        changed = 0
        for action in Action.objects.filter(board=board).order_by("pk"):
            old_code = was.get(action.status_id)
            new = target_of.get(action.status_id)
            if old_code is None or new is None:  # set meanwhile to a status no mapping covers
                raise MappingNeeded([])
            if new.pk == action.status_id and new.code == old_code:
                continue
            if new.code == old_code:
                comment = f"RAG key copied for this board: {old_code} is still {new.code}"
            else:
                comment = f"RAG key changed: {old_code} is now {new.code}"
            updating.change(action, actor=actor, status=new, comment=comment, comment_to_log=False)
            changed += 1
        _follow_status_words(board, target_of)
        if not copied:
            _remove_set_aside(old_key)
        setup_records.note(
            SetupKind.KEY_CHANGED,
            _summary(board, details, copied, changed),
            by=by,
            board=board,
            key=board.rag_key.slug,
            **details,
        )
        return KeyChange(copied=copied, actions_changed=changed, details=details)


def _edit_in_place(key: RagKey, rows: list[StatusRow], statuses: Sequence[RagStatus]) -> dict[int, RagStatus]:
    """Update the key's statuses to `rows`, creating the new ones. The statuses removed are
    set aside in a holding key until their actions have moved (they keep their codes, so the
    actions' history reads right), and the codes and overdue flag of those kept are cleared
    first, so that no code or flag is ever held twice, whatever the edit swaps.
    Runs in the caller's transaction: call it inside atomic()."""
    by_id = {s.pk: s for s in statuses}
    kept = [row.status_id for row in rows if row.status_id]
    removed = [s.pk for s in statuses if s.pk not in kept]
    if removed:
        holding = RagKey.objects.create(slug=_holding_slug(key), name=f"Removed from {key.name}"[:100])
        RagStatus.objects.filter(pk__in=removed).update(key=holding)
    for pk in kept:
        RagStatus.objects.filter(pk=pk).update(code=f"~{pk}"[:20], shown_when_overdue=False)
    made: dict[int, RagStatus] = {}  # row index -> its status
    for position, row in enumerate(_in_order(rows)):
        if row.status_id:
            status = by_id[row.status_id]
            for name, value in row.values().items():
                setattr(status, name, value)
            status.position = position
            status.save()
        else:
            status = RagStatus.objects.create(key=key, position=position, **row.values())
        made[row.index] = status
    return made


def _holding_slug(key: RagKey) -> str:
    return f"~removed-from-{key.pk}"


def _remove_set_aside(key: RagKey) -> None:
    """Delete the statuses removed from `key` (their actions have moved) and their holding key.
    Runs in the caller's transaction: call it inside atomic()."""
    RagStatus.objects.filter(key__slug=_holding_slug(key)).delete()
    RagKey.objects.filter(slug=_holding_slug(key)).delete()


def _follow_status_words(board: Board, target_of: Mapping[int, RagStatus]) -> None:
    """The status words of the board's imports follow their statuses; a word whose status was
    removed, with no action to say where it went, is forgotten (the next import asks again).
    Runs in the caller's transaction: call it inside atomic()."""
    for word in StatusWordChoice.objects.filter(board=board):
        target = target_of.get(word.status_id)
        if target is None:
            word.delete()
        elif target.pk != word.status_id:
            word.status = target
            word.save(update_fields=["status"])


def _summary(board: Board, details: KeyDetails, copied: bool, changed: int) -> str:
    parts: list[str] = []
    if details.get("added"):
        parts.append("added " + ", ".join(details["added"]))
    if details.get("removed"):
        parts.append("removed " + ", ".join(details["removed"]))
    if details.get("changed"):
        parts.append("changed " + ", ".join(details["changed"]))
    if details.get("order"):
        parts.append("reordered")
    summary = f"RAG key of {board.name}: " + ("; ".join(parts) or "saved")
    if copied:
        summary += " (now the board's own copy)"
    if changed:
        summary += f"; {changed} action{'s' if changed != 1 else ''} changed"
    return summary
