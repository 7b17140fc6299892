"""Reading history rows: each change as a label with its before and after."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field

from .log_table import long_date
from .models import Action, ActionState
from .officers import join_officer_names

LABELS = {
    "officers": "Responsible officers",
    "raised_at": "Raised at",
    "raised_on": "Date raised",
    "due_meeting": "Due at meeting",
    "due_text": "Due (as written)",
    "closed_at_meeting": "Closed at meeting",
    "closed_on": "Closed on",
    "minute_item": "Minute",
    "exempt": "Exempt from publication",
    "exempt_grounds": "Grounds for exemption",
}
STATES = dict(ActionState.choices)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _text(field: str, value) -> str:
    if field == "exempt":  # stored as true when marked, None when not (services.updating._value)
        return "Yes" if value else "No"
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return join_officer_names(value)
    if field == "state":
        return STATES.get(value, value)
    if field in {"due_date", "raised_on", "closed_on"}:
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return str(value)
    return str(value)


def withdrawal_reason(action: Action) -> str:
    """The comment of the change that withdrew the action, latest first ("" if none)."""
    return (
        action.updates.filter(changes__state__to=ActionState.WITHDRAWN)
        .order_by("-version")
        .values_list("comment", flat=True)
        .first()
        or ""
    )


def describe(update) -> list[Change]:
    changes = []
    for field, values in update.changes.items():
        if field in LABELS:
            label = LABELS[field]
        else:
            try:
                model_field = Action._meta.get_field(field)
            except FieldDoesNotExist:
                model_field = None
            if isinstance(model_field, Field):
                label = str(model_field.verbose_name).capitalize()
            else:  # no such field, or a relation from another model: the key as words
                label = field.replace("_", " ").capitalize()
        changes.append(Change(label, _text(field, values.get("from")), _text(field, values.get("to"))))
    return changes


@dataclass(frozen=True)
class Entry:
    at: datetime
    who: str
    how: str
    changes: list
    comment: str
    created: bool = False
    refused: bool = False


HOW = {
    "link": "via emailed link",
    "import": "imported from the papers",
    "admin": "in the administration pages",
    "system": "by the system",
    "web": "on the web",
}


def _who(row) -> str:
    """Who made the change: a person merged since into another (the same person entered
    twice) is shown as the person kept, with the name the row was recorded under. The
    rows themselves are never changed. Select by_person__merged_into."""
    if row.by_person_id:
        person = row.by_person
        if person.merged_into_id:
            return f"{person.current.name} (recorded as {person.name})"
        return person.name
    if row.by_user_id:
        return row.by_user.get_username()
    return "Recorded"


def _entry(update) -> Entry:
    return Entry(
        update.at,
        _who(update),
        HOW.get(update.via, update.via),
        describe(update),
        update.comment,
        created=update.version == 1,
    )


def changes_since(action, version: int) -> list[Entry]:
    """What changed after the version an editor saw, oldest first: shown when their save is
    refused because someone else saved meanwhile."""
    return [
        _entry(u)
        for u in action.updates.filter(version__gt=version)
        .select_related("by_user", "by_person__merged_into")
        .order_by("version")
    ]


def timeline(action) -> list[Entry]:
    """Every change to the action and every refused attempt, newest first (two queries)."""
    entries = [_entry(u) for u in action.updates.select_related("by_user", "by_person__merged_into")]
    for refused in action.refused_changes.select_related("by_user", "by_person__merged_into"):
        attempted = [
            Change(LABELS.get(k, k.replace("_", " ").capitalize()), "", _text(k, v))
            for k, v in refused.attempted.items()
        ]
        entries.append(
            Entry(
                refused.at,
                _who(refused),
                HOW.get(refused.via, refused.via),
                attempted,
                refused.comment,
                refused=True,
            )
        )
    return sorted(entries, key=lambda e: e.at, reverse=True)
