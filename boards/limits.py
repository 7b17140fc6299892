"""How long a text and how far off a date may be: the bounds every change is held to.

Forms show these limits to people (a model field's max_length becomes the form field's);
the services enforce them whatever the path (a form, an emailed link, an import, the
admin, a script), so a 10 MB comment or a due date of 31/12/9999 never reaches the
database, the log pages, the exports or the reminder sweep.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

# The longest text of each kind (the model fields' max_length use these).
ACTION_TEXT = 5_000  # an action's description, and an officer's comment as typed
COMMENT_TEXT = 6_000  # the log's Comments column: the comment, and a revised due date's reason
HISTORY_COMMENT = 10_000  # a history row's comment: the officer's comment and a reason
MINUTES_TEXT = 50_000  # one minute item's discussion
RESOLUTION_TEXT = 10_000
DESCRIPTION = 5_000  # a board's or key's description
DEFINITION = 1_000  # a status's definition in the key
ERROR_TEXT = 2_000  # an error recorded for a reminder email

# Dates a board's log can sensibly hold: raised, due, closed, met.
EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(2099, 12, 31)
DATE_RANGE_TEXT = f"between {EARLIEST_DATE:%d/%m/%Y} and {LATEST_DATE:%d/%m/%Y}"


def max_length(model: type[models.Model], name: str) -> int:
    """The max_length of a model's text field (a form's limit follows the model's)."""
    field = model._meta.get_field(name)
    if not isinstance(field, (models.CharField, models.TextField)) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a text field with a max_length")
    return field.max_length


def date_problem(value: date | None) -> str:
    """Why a date cannot be stored ("" if it can)."""
    if value is None or EARLIEST_DATE <= value <= LATEST_DATE:
        return ""
    return f"Enter a date {DATE_RANGE_TEXT}."


def check_date(value: date | None, *, field: str) -> None:
    problem = date_problem(value)
    if problem:
        raise ValidationError({field: problem})


def check_text(value: str, limit: int, *, field: str, label: str = "") -> None:
    if value is not None and len(value) > limit:
        raise ValidationError(
            {
                field: f"{label or 'This text'} is {len(value):,} characters long: "
                f"at most {limit:,} can be saved."
            }
        )


def check_instance(instance: models.Model, fields=None) -> None:
    """Every text and date field of `instance` within its bounds, or ValidationError naming
    each field that is not (a CharField's or TextField's max_length, the date range)."""
    errors = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, (models.CharField, models.TextField)) and field.max_length:
            if isinstance(value, str) and len(value) > field.max_length:
                errors[field.name] = (
                    f"{str(field.verbose_name).capitalize()} is {len(value):,} characters "
                    f"long: at most {field.max_length:,} can be saved."
                )
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            problem = date_problem(value)
            if problem:
                errors[field.name] = problem
        elif isinstance(field, models.DateTimeField) and value is not None:
            problem = date_problem(value.date())
            if problem:
                errors[field.name] = problem
    if errors:
        raise ValidationError(errors)
