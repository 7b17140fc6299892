"""The attendance forms: on the clerk's meeting form, and on the minutes import's preview.

Both build their fields from lists looked up once (the board's people, the meeting's rows),
so a board of 200 people costs the same queries as a board of 2.
"""

from django import forms

from .. import wording
from ..importers.minutes.attendance import Attendee
from ..models import Attendance, AttendanceKind, Person
from ..services.attendance import Choice, Reading, board_people

NOT_RECORDED = "none"
KIND_CHOICES = [(NOT_RECORDED, "Not recorded"), *AttendanceKind.choices]


class MeetingAttendanceForm(forms.Form):
    """One radio group per person on the board: Not recorded, Present, Apologies, In
    attendance. A person whose group is not in the POST keeps what was recorded; people with
    attendance recorded who are no longer on the board keep theirs too."""

    prefix = "attendance"

    def __init__(self, data=None, *, board, meeting=None, **kwargs):
        super().__init__(data, **kwargs)
        self.people = board_people(board)
        self.existing = (
            list(
                Attendance.objects.filter(meeting=meeting).select_related("person").order_by("position", "pk")
            )
            if meeting and meeting.pk
            else []
        )
        recorded = {row.person_id: row.kind for row in self.existing}
        for person in self.people:
            self.fields[f"person-{person.pk}"] = forms.ChoiceField(
                choices=KIND_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=recorded.get(person.pk, NOT_RECORDED),
                label=person.name,
                help_text=person.job_title,
            )

    def sent(self, person) -> str:
        """The choice posted for a person: a kind, NOT_RECORDED, or "" (not posted: keep)."""
        return self.cleaned_data.get(f"person-{person.pk}") or ""

    def choices(self) -> list[Choice]:
        """The attendance to record: the rows kept or changed in their order, then people newly
        recorded, by name."""
        chosen = []
        shown = {person.pk: person for person in self.people}
        for row in self.existing:
            person = shown.get(row.person_id)
            kind = self.sent(person) if person else ""
            if kind == NOT_RECORDED:
                continue
            chosen.append(Choice(row.person, kind or row.kind))
        recorded = {row.person_id for row in self.existing}
        for person in self.people:
            kind = self.sent(person)
            if person.pk not in recorded and kind and kind != NOT_RECORDED:
                chosen.append(Choice(person, kind))
        return chosen

    def not_on_board(self) -> list[Attendance]:
        """Rows of people no longer on the board (or merged): kept, shown as they are."""
        shown = {person.pk for person in self.people}
        return [row for row in self.existing if row.person_id not in shown]


LEAVE, NEW = "leave", "new"


class ImportedAttendanceForm(forms.Form):
    """The clerk's word on each name read from the minutes that is not a board person's:
    a near miss ("did you mean Mike Sandys?": that person, a new person, or leave out) or a
    new name (add as a new person, or leave out). Nothing is preselected and nobody is added
    unless the clerk says so, by a name's choice or by the one box "Add all N new people"
    (new names only: a near miss always needs its own choice). A name left unanswered is
    left out, and the saved message says how many were."""

    prefix = "attendance"

    def __init__(self, data=None, *, readings: list[Reading], **kwargs):
        super().__init__(data, **kwargs)
        self.readings = readings
        self.new = [r for r in readings if r.person is None and not r.near]
        for reading in readings:
            if reading.person is not None:
                continue
            name = reading.attendee.name
            if reading.near:
                options = [
                    (f"person-{p.pk}", f"{p.name}{', ' + p.job_title if p.job_title else ''}")
                    for p in reading.near
                ]
                hint = "Did you mean " + " or ".join(p.name for p in reading.near) + "?"
            else:
                options, hint = [], "Not on the board yet."
            self.fields[self.key(reading)] = forms.ChoiceField(
                choices=options + [(NEW, "Add as a new person"), (LEAVE, "Leave out")],
                required=False,
                widget=forms.RadioSelect,
                label=name,
                help_text=hint,
            )
            reading.field = self[self.key(reading)]
        if self.new:
            count = len(self.new)
            self.fields["add_all"] = forms.BooleanField(
                required=False,
                label="Add the new person"
                if count == 1
                else f"Add all {wording.count(count, 'new person', 'new people')}",
            )

    @staticmethod
    def key(reading: Reading) -> str:
        return f"name-{reading.index}"

    def chosen(self) -> list[tuple[Attendee, Person | None]]:
        """(name read, person or None for a new person) for each name to record, in the
        order read."""
        out: list[tuple[Attendee, Person | None]] = []
        for reading in self.readings:
            if reading.person is not None:
                out.append((reading.attendee, reading.person))
                continue
            answer = self.cleaned_data.get(self.key(reading)) or (
                NEW if self.cleaned_data.get("add_all") and not reading.near else ""
            )
            if answer == NEW:
                out.append((reading.attendee, None))
            elif answer.startswith("person-"):
                pk = int(answer.removeprefix("person-"))
                out.append((reading.attendee, next(p for p in reading.near if p.pk == pk)))
        return out

    def left_out(self) -> list[str]:
        """The names read that will not be recorded (left out, or not answered)."""
        recorded = {id(attendee) for attendee, _ in self.chosen()}
        return [r.attendee.name for r in self.readings if id(r.attendee) not in recorded]

    def sections(self) -> list[tuple[str, list[Reading]]]:
        """The readings by kind, for the preview: Present, Apologies, In attendance."""
        return [
            (label, [r for r in self.readings if r.attendee.kind == kind])
            for kind, label in AttendanceKind.choices
            if any(r.attendee.kind == kind for r in self.readings)
        ]

    @classmethod
    def kept_from(cls, data, *, readings: list[Reading]) -> "ImportedAttendanceForm":
        """After a structural edit of the preview: unbound, with the clerk's choices kept."""
        form = cls(readings=readings)
        form.initial = {
            name: data.get(form.add_prefix(name)) for name in form.fields if data.get(form.add_prefix(name))
        }
        if "add_all" in form.fields:
            form.initial["add_all"] = bool(data.get(form.add_prefix("add_all")))
        return form
