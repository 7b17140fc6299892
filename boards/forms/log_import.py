"""The forms of the clerk's log import: the upload, and the preview's choices (the columns,
what each status word means, the date of rows without one, and whether to import only
the good rows).

Apart from forms/actions.py, which is long already: these belong to one page. The status
words are not known until the file is read, so each select comes with a hidden field
naming its word ("status-word-3" and "status-word-3-word"): a preview of other columns
can list other words without mixing up the choices.
"""

from django import forms

from ..importers.action_log import FIELDS
from ..importers.uploads import MAX_BYTES
from ..models import Meeting
from ..officer_names import import_answers
from ..services.imports.action_log import ImportChoices
from .actions import UKDateField

STATUS_WORD = "status-word-"


class LogUploadForm(forms.Form):
    file = forms.FileField(
        label="Action log file",
        help_text=f"A spreadsheet saved as CSV (.csv) or Excel (.xlsx), or a Word document (.docx) "
        f"with the log as a table. Up to {MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.docx"}),
        error_messages={"required": "Choose the file to import.", "empty": "The file is empty."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: "
                "save the log without pictures, or split it, and try again."
            )
        return upload


class ColumnsForm(forms.Form):
    """Which of the file's columns fills each field: one select per field."""

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file")] + [
            (str(i), f"Column {i + 1}: {' '.join(heading.split()) or '(no heading)'}")
            for i, heading in enumerate(headers)
        ]
        for name, label in FIELDS:
            self.fields[f"map_{name}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self, fallback: dict) -> dict:
        if not self.is_bound:
            return fallback
        return {name: self.data.get(f"map_{name}") for name, _ in FIELDS}


class DefaultDateForm(forms.Form):
    """The date of rows without one: a meeting of the board, or a date."""

    default_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        label="A meeting of the board",
        empty_label="None: use the date below, or the suggestion",
    )
    default_date = UKDateField(
        required=False,
        label="Or a date",
        help_text="For example, 17/11/2016. A date here is used instead of the meeting.",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["default_meeting"]
        field.queryset = Meeting.objects.filter(board=board).order_by("-starts_at")
        field.label_from_instance = lambda m: f"{m.date:%d/%m/%Y}" + (f" – {m.title}" if m.title else "")


def status_choices_posted(data) -> dict:
    """{normalised word: status pk} from the preview's status selects."""
    chosen = {}
    for name, value in data.items():
        if name.startswith(STATUS_WORD) and not name.endswith("-word"):
            word = data.get(f"{name}-word")
            if word and value:
                chosen[word] = value
    return chosen


def choices_from(data, dates: DefaultDateForm) -> ImportChoices:
    """What the clerk chose, from a bound preview form (the date form already validated)."""
    cleaned = dates.cleaned_data if dates.is_bound and dates.is_valid() else {}
    meeting = cleaned.get("default_meeting")
    return ImportChoices(
        statuses=status_choices_posted(data),
        default_date=cleaned.get("default_date"),
        default_meeting=meeting.pk if meeting else None,
        officers=import_answers(data),
    )
