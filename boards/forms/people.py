"""Forms for a board's people: a pasted list, one person's details, a role, a merge.

Each checks everything before anything is saved; the services (boards.services.people)
write."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.db.models.functions import Lower

from ..limits import max_length
from ..models import MembershipRole, Organisation, Person
from ..people_names import near_matches, same_name
from ..services.people import MergeRefused, PersonRow, board_people, merge_plan, powers_problem

MAX_LINES = 500
NAME_LENGTH = max_length(Person, "name")
JOB_LENGTH = max_length(Person, "job_title")


def role_choices(may_administer: bool):
    """The roles a manager may give: the clerk role only by the organisation's admins and
    staff. Officer first, the usual one."""
    order = [
        MembershipRole.OFFICER,
        MembershipRole.MEMBER,
        MembershipRole.CHAIR,
        MembershipRole.IN_ATTENDANCE,
        MembershipRole.CLERK,
    ]
    return [(r.value, r.label) for r in order if may_administer or r != MembershipRole.CLERK]


def organisation_field():
    return forms.ModelChoiceField(
        Organisation.objects.order_by("name"), required=False, label="Organisation", empty_label="None"
    )


def either(names: list[str]) -> str:
    """ "A", "A or B", "A, B or C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def split_line(line: str) -> tuple[str, str, str, bool]:
    """ "name, job title, email" (or tab-separated, as pasted from a spreadsheet) ->
    (name, job title, email, email_misplaced). A job title may hold commas; the email is
    the last part when it has an @."""
    parts = [" ".join(p.split()) for p in (line.split("\t") if "\t" in line else line.split(","))]
    name, rest = parts[0], parts[1:]
    email = rest.pop() if rest and "@" in rest[-1] else ""
    misplaced = any("@" in p for p in rest)
    return name, ", ".join(p for p in rest if p), email, misplaced


def emails_in_use(emails) -> tuple[dict, dict]:
    """({email: person}, {email: user}) for these lower-case emails: people (not merged
    records) and accounts that already use them. Two queries."""
    people: dict[str, Person] = {}
    for person in (
        Person.objects.annotate(e=Lower("email"))
        .filter(e__in=emails, merged_into__isnull=True)
        .order_by("pk")
    ):
        people.setdefault(person.e, person)
    users: dict[str, object] = {}
    User = get_user_model()
    for user in (
        User.objects.annotate(e=Lower("email"), u=Lower("username"))
        .filter(Q(e__in=emails) | Q(u__in=emails))
        .select_related("person")
    ):
        for key in {user.e, user.u} & set(emails):
            users.setdefault(key, user)
    return people, users


class PeoplePasteForm(forms.Form):
    people = forms.CharField(
        label="People, one per line",
        max_length=100_000,
        help_text="name, job title, email — job title and email may be left empty",
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Role", initial=MembershipRole.OFFICER)
    organisation = organisation_field()
    different_people = forms.BooleanField(required=False, label="These are different people: add them as new")

    def __init__(self, *args, board, may_administer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["role"].choices = role_choices(may_administer)
        self.near_misses = False

    def clean(self):
        data = super().clean()
        text = data.get("people")
        if not text:
            return data
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) > MAX_LINES:
            self.add_error("people", f"At most {MAX_LINES} people at a time: this list has {len(lines)}.")
            return data
        errors, rows = self._rows(lines, confirmed=data.get("different_people"))
        for error in errors:
            self.add_error("people", error)
        data["rows"] = rows
        return data

    def _rows(self, lines, *, confirmed):
        people = list(board_people(self.board))
        parsed = [(n, *split_line(line)) for n, line in lines]
        used_people, used_users = emails_in_use({e.lower() for _, _, _, e, _ in parsed if e})
        errors, rows, names_seen, emails_seen = [], [], [], {}
        for n, name, job, email, misplaced in parsed:
            problem = self._line_problem(name, job, email, misplaced)
            if not problem:
                earlier = next((m for m, other in names_seen if same_name(other, name)), None)
                if earlier:
                    problem = f"the same name as line {earlier}"
                elif email and email.lower() in emails_seen:
                    problem = f"the same email as line {emails_seen[email.lower()]}"
            names_seen.append((n, name))
            if email:
                emails_seen.setdefault(email.lower(), n)
            if problem:
                errors.append(f"Line {n}: {problem}")
                continue
            row = PersonRow(name=name, job_title=job, email=email)
            same = [p for p in people if same_name(p.name, name)]
            if len(same) > 1:
                errors.append(
                    f"Line {n}: more than one person on the board is called {same[0].name}: "
                    "give the role on their own page"
                )
                continue
            row.existing = same[0] if same else None
            problem = self._email_problem(row, used_people.get(email.lower()), used_users.get(email.lower()))
            if problem:
                errors.append(f"Line {n}: {problem}")
                continue
            if row.existing is None and not confirmed:
                near = near_matches(name, people)
                if near:
                    self.near_misses = True
                    errors.append(
                        f"Line {n}: “{name}” — did you mean {either([p.name for p in near])}, "
                        "already on the board?"
                    )
                    continue
            rows.append(row)
        return errors, rows

    @staticmethod
    def _line_problem(name, job, email, misplaced) -> str:
        if not name:
            return "no name"
        if "@" in name:
            return f"“{name}” is an email address, not a name: put the name first"
        if len(name) > NAME_LENGTH:
            return f"the name is longer than {NAME_LENGTH} characters"
        if len(job) > JOB_LENGTH:
            return f"the job title is longer than {JOB_LENGTH} characters"
        if misplaced:
            return "put the email last: name, job title, email"
        if email:
            try:
                validate_email(email)
            except ValidationError:
                return f"“{email}” is not an email address"
        return ""

    def _email_problem(self, row, person, user) -> str:
        """The line's email is free, or already the email of the person it names; a person
        of the same name off this board, with this email, is the same person."""
        if not row.email:
            return ""
        existing = row.existing
        if existing is not None and existing.email and existing.email.lower() != row.email.lower():
            return (
                f"{existing.name} is already on the board with another email ({existing.email}): "
                "leave the email out, or change it on their page"
            )
        if person is not None and (existing is None or person.pk != existing.pk):
            if existing is None and same_name(person.name, row.name):
                row.existing = person  # on another board: given a role on this one too
            else:
                on_board = self.board.memberships.filter(person=person).exists()
                return (
                    f"an email already used by {person.name}"
                    if on_board
                    else "an email already used by someone not on this board"
                )
        owner = row.existing
        if user is not None and (owner is None or owner.user_id != user.pk):
            return "an email already used by another person's account"
        return ""


class PersonForm(forms.Form):
    """One person's details. Not a ModelForm: the service compares the old values with
    these and records both."""

    name = forms.CharField(label="Name", max_length=NAME_LENGTH)
    job_title = forms.CharField(label="Job title", max_length=JOB_LENGTH, required=False)
    organisation = organisation_field()
    email = forms.EmailField(label="Email", required=False)

    def __init__(self, *args, person, board, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": person.name,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "email": person.email,
            },
        )
        super().__init__(*args, **kwargs)
        self.person, self.board = person, board

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_job_title(self):
        return " ".join(self.cleaned_data["job_title"].split())

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if not email or email.lower() == self.person.email.lower():
            return email
        people, users = emails_in_use({email.lower()})
        other = people.get(email.lower())
        if other is not None and other.pk != self.person.pk:
            if self.board.memberships.filter(person=other).exists():
                raise ValidationError(f"{email} is already the email of {other.name}.")
            raise ValidationError(f"{email} is already the email of someone not on this board.")
        user = users.get(email.lower())
        if user is not None and user.pk != self.person.user_id:
            raise ValidationError(f"{email} is already the email of another person's account.")
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=MembershipRole.choices)
    op = forms.ChoiceField(choices=[("add", "Add"), ("remove", "Remove")])


class MergeForm(forms.Form):
    """Choose the duplicate: the board's other people, similar names first."""

    duplicate = forms.TypedChoiceField(coerce=int, label="The duplicate")

    def __init__(self, *args, keep, board, by=None, may_administer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep, self.by, self.may_administer = keep, by, may_administer
        self.others = {
            p.pk: p
            for p in board_people(board).exclude(pk=keep.pk).select_related("user").order_by("name", "pk")
        }
        near = near_matches(keep.name, self.others.values(), limit=10)
        rest = [p for p in self.others.values() if p not in near]
        field = self.fields["duplicate"]
        field.label = f"The record to merge into {keep.name}"
        field.help_text = (
            "Choose the same person entered a second time. You will see what moves before anything is merged."
        )
        field.choices = (
            [("", "Choose a person")]
            + [(p.pk, f"{p.name} (similar name)") for p in near]
            + [(p.pk, p.name) for p in rest]
        )

    def clean_duplicate(self):
        duplicate = self.others.get(self.cleaned_data["duplicate"])
        if duplicate is None:
            raise ValidationError("Choose one of the board's people.")
        if self.by is not None and duplicate.user_id == self.by.pk:
            raise ValidationError("Your own record cannot be merged into someone else's.")
        for person in (self.keep, duplicate):
            problem = powers_problem(
                person, by=self.by, may_administer=self.may_administer, doing="merge their record"
            )
            if problem:
                raise ValidationError(problem)
        try:
            self.plan = merge_plan(self.keep, duplicate)
        except MergeRefused as refused:
            raise ValidationError(str(refused)) from refused
        return duplicate


class ApiTokenForm(forms.Form):
    """A person naming a new API token of their own."""

    name = forms.CharField(
        max_length=100,
        label="What is the token for?",
        help_text="A name to tell it apart, e.g. “Council dashboard”. Anyone holding the token reads "
        "the API as you.",
    )
