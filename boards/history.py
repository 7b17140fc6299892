"""Reading history rows: each change as a label with its before and after."""

from dataclasses import dataclass
from datetime import date

from .log_table import long_date
from .models import Action, ActionState

LABELS = {
    "officers": "Responsible officers",
    "raised_at": "Raised at",
    "raised_on": "Date raised",
    "due_meeting": "Due at meeting",
    "due_text": "Due (as written)",
    "closed_at_meeting": "Closed at meeting",
    "closed_on": "Closed on",
    "minute_item": "Minute",
}
STATES = dict(ActionState.choices)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def _text(field: str, value) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return "/ ".join(value)
    if field == "state":
        return STATES.get(value, value)
    if field in {"due_date", "raised_on", "closed_on"}:
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return str(value)
    return str(value)


def describe(update) -> list[Change]:
    changes = []
    for field, values in update.changes.items():
        if field in LABELS:
            label = LABELS[field]
        else:
            try:
                label = Action._meta.get_field(field).verbose_name.capitalize()
            except Exception:
                label = field.replace("_", " ").capitalize()
        changes.append(Change(label, _text(field, values.get("from")), _text(field, values.get("to"))))
    return changes
