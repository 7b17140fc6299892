"""Forms for clerks and officers. Each validates fully before anything is saved."""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils import timezone

from ..due import NUMERIC_FORMATS, due_problem, parse_due
from ..limits import date_problem
from ..models import Action, Meeting, MeetingStatus, MinuteItem, RagStatus, ReminderPolicy, Resolution
from ..models.exemption import GROUNDS_HELP
from ..officer_names import FORM_ASKED, FORM_CHOICE, Asked, OfficerNames, Question, form_answers, unanswered
from ..officers import join_officer_names, split_officer_names
from ..services.recording import default_status, status_choices

UK_DATE_HELP = "For example, 17/11/2016"


class UKDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", NUMERIC_FORMATS)
        kwargs.setdefault("help_text", UK_DATE_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value

    def validate(self, value):
        super().validate(value)
        problem = date_problem(value)
        if problem:
            raise forms.ValidationError(problem)


def with_definitions(field):
    """Show each status with its definition from the board's key."""
    field.label_from_instance = lambda s: f"{s.code}: {s.definition}"


class OfficerUpdateForm(forms.Form):
    """The officer's short form: status, comment, revised due date with a reason, propose complete."""

    status = forms.ModelChoiceField(
        queryset=RagStatus.objects.none(), empty_label=None, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text="Your update for the log's Comments column.",
    )
    revised_due = UKDateField(required=False, label="Revised due date")
    due_reason = forms.CharField(required=False, max_length=500, label="Reason for the new due date")
    propose_complete = forms.BooleanField(
        required=False, label="This action is complete: propose it for closure at the next meeting"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action, **kwargs):
        self.action = action
        kwargs.setdefault("initial", {"status": action.status_id, "version": action.version})
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = status_choices(action.board)
        with_definitions(self.fields["status"])

    def clean(self):
        cleaned = super().clean()
        revised = cleaned.get("revised_due")
        if revised and revised != self.action.due_date and not cleaned.get("due_reason", "").strip():
            self.add_error("due_reason", "Give a reason for changing the due date.")
        nothing = (
            cleaned.get("status") == self.action.status
            and not cleaned.get("comment", "").strip()
            and not (revised and revised != self.action.due_date)
            and not cleaned.get("propose_complete")
        )
        if nothing and not self.errors:
            raise forms.ValidationError(
                "Nothing to save: change the status, add a comment, revise the due date or propose closure."
            )
        return cleaned

    def changes(self):
        """(fields for updating.change, comment) from the cleaned data."""
        data = self.cleaned_data
        fields = {"status": data["status"]}
        comment = data["comment"].strip()
        if data.get("revised_due") and data["revised_due"] != self.action.due_date:
            fields.update(due_date=data["revised_due"], due_meeting=None, due_text="")
            reason = f"Due date revised: {data['due_reason'].strip()}"
            comment = f"{comment}\n\n{reason}" if comment else reason
        if data.get("propose_complete") and self.action.state == "open":
            fields["state"] = "proposed"
        return fields, comment


class OfficersField(forms.CharField):
    """Responsible officers as the papers write them: "Jim Bosworth/ Mike McHugh"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", "Separate joint officers with /, lead officer first.")
        super().__init__(**kwargs)

    def clean(self, value):
        return split_officer_names(super().clean(value))


# The mixin is for forms: mypy reads it as one, at run time it is a plain mixin.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class OfficerChoicesMixin(_FormBase):
    """A form with an `officers` field whose names must each be someone, or a new person
    the clerk chose to add (boards.officer_names). After clean(): cleaned_data["officer_people"],
    the resolved officers, and `officer_questions`, every name asked about (for the page:
    `asked_officers`). An unanswered name is an error on the field."""

    officer_questions: Sequence[Question] = ()

    def resolve_officers(self, cleaned: dict, names: OfficerNames) -> None:
        typed = cleaned.get("officers")
        if typed is None:
            return
        answers = form_answers(self.data, self.add_prefix, typed)
        officers, self.officer_questions = names.resolve(typed, answers)
        cleaned["officer_people"] = officers
        for question in unanswered(self.officer_questions):
            self.add_error("officers", question.message)

    @property
    def asked_officers(self) -> list[Asked]:
        asked = []
        for q in self.officer_questions:
            field = self.add_prefix(f"{FORM_CHOICE}{q.position}")
            asked.append(
                Asked(q, field, self.add_prefix(f"{FORM_ASKED}{q.position}"), f"id_{field}", not q.answered)
            )
        return asked


class DueField(forms.CharField):
    """Due as clerks write it; anything written as a date must be a real one, in range."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "A date (31/03/2017), a month (March 2017), “next meeting”, or words.")
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        problem = due_problem(value)
        if problem:
            raise forms.ValidationError(problem)


def exempt_fields(form: forms.BaseForm, *, of: str = "item") -> None:
    """The two fields of exemption (boards.models.exemption), worded for what `form` edits."""
    form.fields["exempt"] = forms.BooleanField(
        required=False,
        label=f"Exempt from publication: the public does not see this {of}",
        help_text="The board's members, officers and clerks still see it.",
    )
    form.fields["exempt_grounds"] = forms.CharField(
        required=False,
        max_length=300,
        label="Grounds for exemption",
        help_text=GROUNDS_HELP,
    )


def clean_exemption(form: forms.BaseForm, cleaned: dict) -> None:
    """Grounds are needed to make an item exempt; unticking exempt drops them."""
    if not cleaned.get("exempt"):
        cleaned["exempt_grounds"] = ""
    elif not (cleaned.get("exempt_grounds") or "").strip():
        form.add_error("exempt_grounds", "Say which rule makes this exempt, as the minutes print it.")
    else:
        cleaned["exempt_grounds"] = cleaned["exempt_grounds"].strip()


class ActionEditForm(OfficerChoicesMixin, forms.Form):
    """The clerk's edit: text, officers, due, status; reassigning or moving the due date needs a reason.
    A name that is none of the board's people is asked about (OfficerChoicesMixin)."""

    reference = forms.CharField(max_length=50)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Action")
    officers = OfficersField(label="Responsible officer(s)", required=False)
    due = DueField(label="Due")
    status = forms.ModelChoiceField(queryset=RagStatus.objects.none(), empty_label=None)
    reason = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason for the change",
        help_text="Needed when you reassign the action or move its due date.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action, **kwargs):
        self.action = action
        officers = [link.person.name for link in action.officer_links.all()]
        due = action.due_text or (action.due_date.strftime("%d/%m/%Y") if action.due_date else "")
        kwargs.setdefault(
            "initial",
            {
                "reference": action.reference,
                "description": action.description,
                "officers": join_officer_names(officers),
                "due": due,
                "status": action.status_id,
                "version": action.version,
                "exempt": action.exempt,
                "exempt_grounds": action.exempt_grounds,
            },
        )
        super().__init__(*args, **kwargs)
        exempt_fields(self, of="action")
        # Before the version and reason, which end the form.
        self.order_fields(
            ["reference", "description", "officers", "due", "status", "exempt", "exempt_grounds"]
        )
        self.fields["status"].queryset = status_choices(action.board)
        self.old_officers = officers
        self.old_people = [link.person_id for link in action.officer_links.all()]

    def clean(self):
        cleaned = super().clean()
        board = self.action.board
        reference = cleaned.get("reference", "").strip()
        if reference and board.actions.filter(reference=reference).exclude(pk=self.action.pk).exists():
            self.add_error("reference", f"{board.name} already has an action {reference}.")
        due = parse_due(cleaned.get("due", ""), board=board, after=self.action.raised_on)
        cleaned["parsed_due"] = due
        self.resolve_officers(cleaned, OfficerNames(board))
        reassigned = [n.lower() for n in cleaned.get("officers", [])] != [
            n.lower() for n in self.old_officers
        ]
        if "officer_people" in cleaned and not self.officer_questions:
            reassigned = [o.person.pk for o in cleaned["officer_people"]] != self.old_people
        moved = (due.date, due.text) != (self.action.due_date, self.action.due_text) and (
            due.meeting is None or due.meeting.pk != self.action.due_meeting_id
        )
        if (reassigned or moved) and not cleaned.get("reason", "").strip() and "officers" in cleaned:
            self.add_error("reason", "Give a reason for reassigning the action or changing its due date.")
        clean_exemption(self, cleaned)
        return cleaned


class MeetingForm(forms.ModelForm):
    date = UKDateField()
    start = forms.TimeField(
        initial="14:00",
        help_text="24-hour clock, for example 14:00",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    end = forms.TimeField(
        required=False,
        help_text="24-hour clock, for example 16:30",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Meeting
        fields = ["venue", "title", "status"]

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = MeetingStatus.SCHEDULED
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(date=start.date(), start=start.strftime("%H:%M"))
            if self.instance.ends_at:
                self.initial["end"] = timezone.localtime(self.instance.ends_at).strftime("%H:%M")

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if day and start:
            starts = timezone.make_aware(datetime.combine(day, start))
            cleaned["starts_at"] = starts
            if end:
                ends = timezone.make_aware(datetime.combine(day, end))
                if ends <= starts:
                    self.add_error("end", "The end time must be after the start time.")
                cleaned["ends_at"] = ends
            clash = Meeting.objects.filter(board=self.board, starts_at=starts).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("date", "This board already has a meeting at that date and time.")
        return cleaned

    def save(self, commit=True):
        meeting = super().save(commit=False)
        meeting.board = self.board
        meeting.starts_at = self.cleaned_data["starts_at"]
        meeting.ends_at = self.cleaned_data.get("ends_at")
        if commit:
            meeting.save()
        return meeting


class MinuteItemForm(forms.ModelForm):
    class Meta:
        model = MinuteItem
        fields = ["number", "title", "text", "heading", "exempt", "exempt_grounds"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "number": "Minute number",
            "text": "Minutes text",
            "heading": "Decision heading",
            "exempt": "Exempt from publication: the public sees only the number and the grounds",
        }

    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("heading"):
            self.initial["heading"] = "RESOLVED:"

    def clean_number(self):
        number = self.cleaned_data["number"].strip().rstrip(".")
        clash = MinuteItem.objects.filter(board=self.meeting.board, number=number).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(f"Minute {number} is already recorded for this board.")
        return number

    def clean(self):
        cleaned = super().clean()
        clean_exemption(self, cleaned)
        return cleaned


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["label", "text", "exempt", "exempt_grounds"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "label": forms.TextInput(attrs={"size": 5})}
        labels = {"exempt": "Exempt from publication"}

    def clean(self):
        cleaned = super().clean()
        clean_exemption(self, cleaned)
        return cleaned


class BaseResolutionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Each label once per minute item: "(a)" twice would give two actions one reference."""
        super().clean()
        seen = {}
        for number, form in enumerate(self.forms, start=1):
            label = (form.cleaned_data.get("label") or "").strip() if hasattr(form, "cleaned_data") else ""
            if not label or not form.cleaned_data.get("text"):
                continue
            key = label.lower().strip("().").strip()
            if key in seen:
                form.add_error(
                    "label", f"Resolution {seen[key]} of this minute already has the label {label}."
                )
            else:
                seen[key] = number


ResolutionFormSet = forms.inlineformset_factory(
    MinuteItem, Resolution, form=ResolutionForm, formset=BaseResolutionFormSet, extra=4, can_delete=False
)


class ResolutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Resolution) -> str:
        return f"{obj.minute_item.number}{obj.label} {obj.text[:70]}"


class ActionRowForm(OfficerChoicesMixin, forms.Form):
    """One row of the fast action entry: a blank row is ignored. A name that is none of the
    board's people is asked about (OfficerChoicesMixin)."""

    resolution = ResolutionChoiceField(
        queryset=Resolution.objects.none(), required=False, empty_label="(no resolution)"
    )
    reference = forms.CharField(
        max_length=50, required=False, help_text="Left blank: minute number and label, e.g. 326(c)."
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Action")
    officers = OfficersField(required=False, label="Responsible officer(s)")
    due = DueField(label="Due")
    status = forms.ModelChoiceField(queryset=RagStatus.objects.none(), empty_label=None)

    def __init__(self, *args, meeting, names: OfficerNames | None = None, **kwargs):
        self.meeting = meeting
        self.names = names or OfficerNames(meeting.board)
        super().__init__(*args, **kwargs)
        cast("ResolutionChoiceField", self.fields["resolution"]).queryset = Resolution.objects.filter(
            minute_item__meeting=meeting
        ).select_related("minute_item")
        cast("forms.ModelChoiceField[RagStatus]", self.fields["status"]).queryset = status_choices(
            meeting.board
        )
        self.fields["status"].initial = default_status(meeting.board)

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", {})
        return not (
            data.get("description") or data.get("resolution") or data.get("officers") or data.get("reference")
        )

    def clean(self):
        cleaned = super().clean()
        if self.is_blank:
            return cleaned
        if not cleaned.get("description", "").strip():
            self.add_error("description", "Describe the action.")
        if not cleaned.get("reference") and not cleaned.get("resolution"):
            self.add_error("reference", "Give a reference or choose the resolution it comes from.")
        cleaned["parsed_due"] = parse_due(
            cleaned.get("due", ""), board=self.meeting.board, after=self.meeting.date
        )
        self.resolve_officers(cleaned, self.names)
        return cleaned


class BaseActionRowFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        """The rows share one look-up of the board's people (boards.officer_names)."""
        kwargs = super().get_form_kwargs(index)
        if "meeting" in kwargs and "names" not in kwargs:
            if not hasattr(self, "_names"):
                self._names = OfficerNames(kwargs["meeting"].board)
            kwargs["names"] = self._names
        return kwargs

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        board = self.forms[0].meeting.board if self.forms else None
        for number, form in enumerate(self.forms, start=1):
            if form.is_blank:
                continue
            data = form.cleaned_data
            reference = data.get("reference") or ""
            if not reference and data.get("resolution"):
                from ..references import reference_for

                reference = reference_for(data["resolution"].minute_item.number, data["resolution"].label)
            data["final_reference"] = reference
            if reference in seen:
                form.add_error("reference", f"Row {seen[reference]} already uses {reference}.")
            elif board.actions.filter(reference=reference).exists():
                form.add_error("reference", f"{board.name} already has an action {reference}.")
            seen[reference] = number
        if not any(not f.is_blank for f in self.forms):
            raise forms.ValidationError("Fill in at least one action.")
        if any(f.errors for f in self.forms):
            raise forms.ValidationError("Some rows need correcting.")


ActionRowFormSet = forms.formset_factory(ActionRowForm, formset=BaseActionRowFormSet, extra=10, max_num=50)


class CloseActionsForm(forms.Form):
    actions: "forms.ModelMultipleChoiceField[Action]" = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one action to close."},
    )
    meeting: "forms.ModelChoiceField[Meeting]" = forms.ModelChoiceField(
        queryset=None, label="Agreed as complete at the meeting of", empty_label=None
    )
    comment = forms.CharField(required=False, max_length=1000, label="Note for the history")

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = board.actions.outstanding().order_by("sort_key")
        self.fields["actions"].label_from_instance = lambda a: f"{a.reference} {a.description[:90]}"
        self.fields["meeting"].queryset = board.meetings.filter(starts_at__lte=timezone.now()).order_by(
            "-starts_at"
        )
        self.fields["meeting"].label_from_instance = lambda m: m.date.strftime("%-d %B %Y")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        label="Reason",
        error_messages={"required": "Give a reason."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(ReasonForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        label="Reason",
        help_text="For example: “Recorded in error: duplicate of 326(b)”. Kept in the action's history.",
        error_messages={"required": "Give the reason for withdrawing the action."},
    )


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = [
            "enabled",
            "upcoming_days",
            "overdue_every_days",
            "before_meeting_days",
            "escalate_after",
            "send_time",
        ]
        labels = {
            "enabled": "Send reminders for this board",
            "upcoming_days": "Days before the due date (upcoming reminder)",
            "overdue_every_days": "Days between overdue reminders",
            "before_meeting_days": "Days before each meeting (update request)",
            "escalate_after": "Overdue reminders before the clerks are told",
            "send_time": "Time of day to send (24-hour clock)",
        }


class PublishLogForm(forms.Form):
    """Which of the log's views goes into the agenda pack."""

    view = forms.ChoiceField(
        widget=forms.RadioSelect,
        initial="outstanding",
        label="Which actions to publish",
        help_text="The published copy is frozen: later updates do not change it.",
    )

    def __init__(self, *args, views, **kwargs):
        """`views`: (name, label, count) for each of the log's views (views.common.view_counts)."""
        super().__init__(*args, **kwargs)
        self.fields["view"].choices = [
            (name, f"{label} ({count} action{'' if count == 1 else 's'})") for name, label, count in views
        ]
