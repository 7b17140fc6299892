"""Forms of a board's set-up: a new board, its settings, its RAG key. Each validates fully
before anything is saved."""

import re

from django import forms
from django.conf import settings
from django.utils.text import slugify

from .. import limits
from ..models import Board, Organisation, RagStatus
from ..rag_presets import PRESETS
from ..services.board_setup import address_taken, free_address
from ..services.rag_key_editing import StatusRow
from ..status_colours import Painted, nearest_passing_colour, text_colour_for, text_contrast

VISIBILITY_CHOICES = [("public", "Anyone (public)"), ("private", "Only the board's people (private)")]
SLUG_MAX = Board._meta.get_field("slug").max_length


class BoardForm(forms.Form):
    """Name, address, description, organisations and who reads the log: a new board's and a
    board's settings. `organisations` are those the user administers (the choices)."""

    name = forms.CharField(label="Name", max_length=200)
    slug = forms.CharField(
        label="Address",
        max_length=SLUG_MAX,
        required=False,
        help_text="The end of the board's web address, /boards/address/: lower-case letters, numbers "
        "and hyphens. Left blank, it is made from the name.",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=limits.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisations: "forms.ModelMultipleChoiceField[Organisation]" = forms.ModelMultipleChoiceField(
        label="Organisations",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The organisations whose board it is. Their admins manage it.",
    )
    visibility = forms.ChoiceField(
        label="Who can read the log", choices=VISIBILITY_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, organisations, board=None, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter the board's name.")
        return name

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("slug") or "").strip().lower()
        name = cleaned.get("name")
        if typed:
            slug = typed
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
                self.add_error("slug", "Use only lower-case letters, numbers and hyphens, e.g. health-board.")
                return cleaned
        elif name:
            slug = slugify(name)[:SLUG_MAX].strip("-")
            if not slug:
                self.add_error("slug", "The name makes no address: enter one, e.g. health-board.")
                return cleaned
        else:
            return cleaned
        if address_taken(slug, board=self.board):
            made = "" if typed else " (made from the name)"
            self.add_error(
                "slug", f"The address {slug}{made} is taken by another board: try {free_address(slug)}."
            )
        cleaned["slug"] = slug
        return cleaned

    @property
    def is_public(self) -> bool:
        return self.cleaned_data["visibility"] == "public"


class PresetStatus(Painted):
    """A preset's status, painted like a RagStatus, for the swatches of the preset choice."""

    def __init__(self, code, label, colour, definition, *_):
        self.code, self.label, self.colour, self.definition = code, label, colour, definition

    @property
    def text_colour(self):
        return text_colour_for(self.colour)


def preset_choices():
    """[(slug, name, description, [PresetStatus])] of the shipped presets, in their order."""
    return [
        (p["slug"], p["name"], p["description"], [PresetStatus(*s) for s in p["statuses"]]) for p in PRESETS
    ]


class NewBoardForm(BoardForm):
    rag_key = forms.ChoiceField(
        label="RAG key", widget=forms.RadioSelect, choices=[(p["slug"], p["name"]) for p in PRESETS]
    )

    def clean_organisations(self):
        chosen = self.cleaned_data["organisations"]
        if not chosen:
            raise forms.ValidationError("Choose at least one organisation.")
        return chosen


class BoardSettingsForm(BoardForm):
    """The board's settings. The organisations it has that the user does not administer are
    kept whatever is ticked (`others`)."""

    def __init__(self, *args, board, organisations, **kwargs):
        super().__init__(*args, organisations=organisations, board=board, **kwargs)
        self.fields["slug"].required = True
        self.fields["slug"].help_text = (
            "The end of the board's web address, /boards/address/: lower-case letters, numbers and "
            "hyphens. Links to the old address stop working."
        )
        mine = set(organisations.values_list("pk", flat=True))
        self.others = [o for o in board.organisations.all() if o.pk not in mine]
        if self.others:
            self.fields["organisations"].help_text = (
                "The board also belongs to "
                + ", ".join(o.name for o in self.others)
                + ", which you do not administer: that stays as it is."
            )

    def clean(self):
        cleaned = super().clean()
        if "organisations" in cleaned and not (list(cleaned["organisations"]) + self.others):
            self.add_error("organisations", "Choose at least one organisation.")
        return cleaned

    @property
    def all_organisations(self):
        return list(self.cleaned_data["organisations"]) + self.others


# The RAG key ------------------------------------------------------------------------------

HEX_TYPED = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
CODE_MAX = RagStatus._meta.get_field("code").max_length
LABEL_MAX = RagStatus._meta.get_field("label").max_length
MAX_STATUSES = 12


def normal_colour(typed: str) -> str | None:
    """ "#1D70B8", "1d70b8", "#fc0" -> "#1d70b8", "#ffcc00"; None for anything else."""
    match = HEX_TYPED.match((typed or "").strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


class StatusForm(forms.Form):
    status_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    code = forms.CharField(label="Code", max_length=CODE_MAX, help_text="As printed in the log, e.g. GREEN.")
    label = forms.CharField(label="Label", max_length=LABEL_MAX)
    colour = forms.CharField(
        label="Colour",
        max_length=7,
        help_text="#rrggbb, e.g. #00703c.",
        widget=forms.TextInput(
            attrs={
                "class": "input--colour",
                "data-colour-text": "",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )
    definition = forms.CharField(
        label="Definition",
        max_length=limits.DEFINITION,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Printed under the log, in the board's key.",
    )
    is_complete = forms.BooleanField(label="Means complete", required=False)
    shown_when_overdue = forms.BooleanField(label="Shown when overdue", required=False)
    position = forms.IntegerField(
        label="Order",
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code:
            raise forms.ValidationError("Enter the status's code, e.g. GREEN.")
        return code

    def clean_colour(self):
        typed = self.cleaned_data["colour"]
        colour = normal_colour(typed)
        if colour is None:
            raise forms.ValidationError(
                f"{typed.strip()[:20]} is not a colour: enter it as #rrggbb, e.g. #00703c."
            )
        minimum = settings.STATUS_MIN_CONTRAST
        ratio = text_contrast(colour)
        if ratio < minimum:
            raise forms.ValidationError(
                f"Text on {colour} would have a contrast of {ratio:.2f}:1, below the {minimum:g}:1 needed: "
                f"the nearest colour that passes is {nearest_passing_colour(colour, minimum)}."
            )
        return colour


class BaseStatusFormSet(forms.BaseFormSet):
    """The key's statuses; `statuses` are the key's as saved (their ids may be edited)."""

    def __init__(self, *args, statuses, **kwargs):
        self.statuses = list(statuses)
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        # A posted row beyond those the page was given is a new status, whatever the key
        # holds now: never the initial values of a status added meanwhile.
        if self.is_bound and i >= self.initial_form_count():
            kwargs["initial"] = {}
        return super()._construct_form(i, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this status"
        status_id = form.initial.get("status_id") if index is not None else None
        form.saved = next((s for s in self.statuses if s.pk == status_id), None)

    def clean(self):
        if any(self.errors):
            return
        known = {s.pk for s in self.statuses}
        kept, seen_ids, codes, overdue = [], set(), {}, []
        for number, form in enumerate(self.forms, start=1):
            data = form.cleaned_data
            status_id = data.get("status_id")
            if status_id and (status_id not in known or status_id in seen_ids):
                raise forms.ValidationError(
                    "This form is out of date: a status in it is not in the board's "
                    "key any more. Open the page again."
                )
            seen_ids.add(status_id)
            if not data or data.get(forms.formsets.DELETION_FIELD_NAME, False):  # as _should_delete_form
                continue
            kept.append(form)
            typed = data["code"]
            if typed.casefold() in codes:
                first, theirs = codes[typed.casefold()]
                form.add_error(
                    "code", f"Status {first} has the code {theirs} already: each status needs its own."
                )
            codes.setdefault(typed.casefold(), (number, typed))
            if data.get("shown_when_overdue"):
                overdue.append(data["code"])
        if not kept:
            raise forms.ValidationError("The key needs at least one status: keep one, or add one.")
        if len(overdue) > 1:
            raise forms.ValidationError(
                f"Only one status can be shown when overdue, not {' and '.join(overdue)}."
            )

    def rows(self) -> list[StatusRow]:
        """The statuses as the clerk left them; a row without an order goes after the others."""
        rows = []
        for index, form in enumerate(self.forms):
            data = form.cleaned_data
            if not data or data.get(forms.formsets.DELETION_FIELD_NAME, False):  # as _should_delete_form
                continue
            rows.append(
                StatusRow(
                    index=index,
                    status_id=data.get("status_id"),
                    code=data["code"],
                    label=data["label"].strip(),
                    colour=data["colour"],
                    definition=data["definition"].strip(),
                    is_complete=data.get("is_complete", False),
                    shown_when_overdue=data.get("shown_when_overdue", False),
                    position=data.get("position") or 100 + index,
                )
            )
        return rows


StatusFormSet = forms.formset_factory(
    StatusForm,
    formset=BaseStatusFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_STATUSES,
    validate_max=True,
)


def status_initial(statuses):
    return [
        {
            "status_id": s.pk,
            "code": s.code,
            "label": s.label,
            "colour": s.colour,
            "definition": s.definition,
            "is_complete": s.is_complete,
            "shown_when_overdue": s.shown_when_overdue,
            "position": i,
        }
        for i, s in enumerate(statuses, start=1)
    ]


class KeyMappingForm(forms.Form):
    """The second step: for each status the edit removes or recodes that actions use, the
    status of the new key they take (named by its row in the form)."""

    def __init__(self, *args, affected, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.affected = affected
        choices = [("", "Choose a status")] + [
            (str(r.index), f"{r.code} – {r.label}") for r in sorted(rows, key=lambda r: (r.position, r.index))
        ]
        for a in affected:
            verb, them = ("uses", "it") if a.count == 1 else ("use", "them")
            noun = "action" if a.count == 1 else "actions"
            self.fields[f"map-{a.status.pk}"] = forms.ChoiceField(
                label=f"{a.count} {noun} {verb} {a.status.code}: change {them} to",
                choices=choices,
                initial=str(a.row.index) if a.row else "",
                error_messages={
                    "required": f"Choose the status the actions now at {a.status.code} will have."
                },
            )

    def mapping(self) -> dict:
        return {a.status.pk: int(self.cleaned_data[f"map-{a.status.pk}"]) for a in self.affected}
