"""The forms of the clerk's minutes import: the source (step 1) and the preview (step 2).

Apart from forms/actions.py, which is long already: these two belong to one page.
The preview form carries the whole source text in a hidden field (signed and compressed:
see pack_text) and the clerk's structural edits in another, and the view re-parses the
text and re-applies the edits on every step, so the per-item and per-resolution fields
(keyed by item and resolution index) are the same at preview and at confirm.
"""

import json
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.validators import ProhibitNullCharactersValidator

from ..importers.documents import SUFFIXES, DocumentError, text_from_document
from ..importers.minutes import Item, ParsedMinutes, Res, parse_minutes, split_points
from ..importers.minutes.edits import MAX_EDITS
from ..importers.uploads import MAX_BYTES
from ..models import MinuteItem
from ..officer_names import import_answers, unanswered
from ..officers import join_officer_names, split_officer_names
from ..people_names import normal
from ..references import item_references
from ..services.imports.minutes import Correction, officer_questions, refusal
from .actions import DueField, OfficersField, UKDateField

# A long meeting's minutes run to a few hundred thousand characters; 2.5 million is a
# year's worth pasted by mistake, still read (and refused by the limits on one item).
MAX_TEXT_CHARS = 2_500_000
PACKED_MAX_CHARS = 2_000_000  # under Django's 2.5 MB limit on a POST's fields
PACKED_MAX_AGE = 8 * 60 * 60  # seconds: a working day to check a long preview
NUMBER_MAX = MinuteItem._meta.get_field("number").max_length
TITLE_MAX = MinuteItem._meta.get_field("title").max_length
ACCEPT = (
    ",".join(SUFFIXES) + ",text/plain,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise forms.ValidationError(
            f"The text is longer than {MAX_TEXT_CHARS:,} characters: import one meeting's minutes at a time."
        )


class TextExpired(Exception):
    """The packed text is too old or was altered; the message is for the clerk."""


def _salt(board) -> str:
    return f"boards.minutes_import:{board.pk}"


def pack_text(text: str, board) -> str:
    """The source text for the preview's hidden field: signed (it cannot be altered, and works
    for this board only) and compressed (a 2 MB text fits in a POST)."""
    packed = signing.dumps(text, salt=_salt(board), compress=True)
    if len(packed) > PACKED_MAX_CHARS:
        raise forms.ValidationError(
            "The text is too large to import in one go: import one meeting's minutes at a time."
        )
    return packed


def unpack_text(packed: str, board) -> str:
    try:
        text = signing.loads(packed or "", salt=_salt(board), max_age=PACKED_MAX_AGE)
    except signing.SignatureExpired:
        raise TextExpired(
            "The preview has expired (after eight hours): paste or upload the minutes again."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TextExpired("The preview could not be read back: paste or upload the minutes again.") from None
    if not isinstance(text, str):
        raise TextExpired("The preview could not be read back: paste or upload the minutes again.")
    return text


def load_edits(raw: str) -> list[str]:
    """The structural edits carried by the preview (importers.minutes.edits), as a list."""
    try:
        edits = json.loads(raw or "[]")
    except ValueError:
        return []
    if not isinstance(edits, list):
        return []
    return [str(edit)[:40] for edit in edits[:MAX_EDITS]]


class MinutesTextField(forms.CharField):
    """Pasted minutes: NUL characters (a damaged PDF extraction) are read as spaces, not refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", " ") if isinstance(value, str) else value


class MinutesSourceForm(forms.Form):
    """Step 1: the meeting's date and its minutes, pasted or uploaded."""

    kept_document = ""  # an upload's file name, once its text is put in the text box (the view)

    date = UKDateField(label="Meeting date")
    text = MinutesTextField(
        required=False,
        strip=False,
        label="Paste the minutes text",
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="Copy the minutes from the Word document or PDF, from the first minute item to the last.",
    )
    document = forms.FileField(
        required=False,
        label="Or upload the minutes",
        help_text="A Word document (.docx), a PDF with a text layer (.pdf) or a plain text file (.txt), "
        f"up to {MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, board, **kwargs):
        self.board = board
        super().__init__(*args, **kwargs)

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        try:
            self.cleaned_data["document_text"] = text_from_document(upload.read(), upload.name)
        except DocumentError as error:
            raise forms.ValidationError(str(error)) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        pasted = cleaned.get("text") or ""
        if self.has_error("document"):
            return cleaned
        if cleaned.get("document") and pasted.strip():
            self.add_error(
                "document", "Paste the text or upload a file, not both: clear the text box to use the file."
            )
            return cleaned
        text = cleaned.get("document_text") or pasted
        if not text.strip():
            self.add_error("text", "Paste the minutes text or upload a file.")
            return cleaned
        try:
            _check_text(text)
        except forms.ValidationError as error:
            self.add_error("document" if cleaned.get("document") else "text", error)
            return cleaned
        text = text.replace("\x00", " ")
        parsed = parse_minutes(text)
        where = "document" if cleaned.get("document") else "text"
        taken = refusal(parsed, self.board, numbered=False)
        if not parsed.items:
            self.add_error(
                where,
                "No minutes were found in the text: it holds only page headings and "
                "signature lines. Paste the minutes, from the first item to the last.",
            )
        elif taken:
            self.add_error(where, taken)
        else:
            try:
                cleaned["packed"] = pack_text(text, self.board)
            except forms.ValidationError as error:
                self.add_error(where, error)
        cleaned["source"], cleaned["parsed"] = text, parsed
        return cleaned


@dataclass
class ResolutionRow:
    """One resolution on the preview, with its correction fields."""

    index: int
    res: Res
    reference: str
    suggested: list[str]
    create: forms.BoundField
    officers: forms.BoundField
    due: forms.BoundField
    split_at: forms.BoundField | None  # where it can be split, if anywhere
    last: bool  # the item's last resolution (nothing to join it with)


@dataclass
class ItemRow:
    index: int
    item: Item
    number: forms.BoundField
    title: forms.BoundField
    resolutions: list[ResolutionRow]


class MinutesPreviewForm(forms.Form):
    """Step 2: the structure found (with the clerk's structural edits applied), with the
    clerk's corrections per item (number, title) and per resolution (action or not,
    officers, due).

    `suggested` is services.imports.minutes.suggestions() for the structure: the officers' names
    pre-filled for the resolutions that create an action. `board` is checked for minute
    numbers it has already.
    """

    packed = forms.CharField(widget=forms.HiddenInput, strip=False)
    edits = forms.CharField(widget=forms.HiddenInput, required=False)
    date = UKDateField(label="Meeting date")

    def __init__(self, *args, parsed: ParsedMinutes, suggested: dict, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        self.board = board
        # The clerk's choice for each officer name that is none of the board's people
        # (boards.officer_names), one per distinct name: "officer-choice-<i>" fields.
        self.answers = import_answers(self.data) if self.is_bound else {}
        self._questions = None
        self.items: list[ItemRow] = []
        for i, item in enumerate(parsed.items):
            number, title = self._add_item(i, item)
            references = item_references(item.number, [res.label for res in item.resolutions])
            rows = [
                self._add_resolution(i, j, item, res, suggested.get((i, j), []), references[j])
                for j, res in enumerate(item.resolutions)
            ]
            self.items.append(ItemRow(i, item, number, title, rows))

    @staticmethod
    def key(i: int, j: int) -> str:
        return f"item-{i}-res-{j}"

    def _add_item(self, i, item):
        self.fields[f"item-{i}-number"] = forms.CharField(
            max_length=NUMBER_MAX,
            initial=item.number,
            label="Minute number",
            error_messages={
                "required": "Enter the minute's number, as printed in the minutes (326, 337/18)."
            },
            widget=forms.TextInput(attrs={"class": "input--short", "autocomplete": "off"}),
        )
        self.fields[f"item-{i}-title"] = forms.CharField(
            max_length=TITLE_MAX,
            initial=item.title,
            label="Title",
            error_messages={"required": "Enter the minute's title."},
        )
        return self[f"item-{i}-number"], self[f"item-{i}-title"]

    def _add_resolution(self, i, j, item, res, suggested, reference) -> ResolutionRow:
        key = self.key(i, j)
        if not item.number:  # until the clerk numbers the item, its resolutions are named by place
            reference = f"resolution {res.label or j + 1} of minute item {i + 1}"
        self.fields[f"{key}-create"] = forms.BooleanField(
            required=False, initial=res.creates_action, label=f"Create an action for {reference}"
        )
        self.fields[f"{key}-officers"] = OfficersField(
            required=False,
            initial=join_officer_names(suggested),
            help_text="",
            label=f"Responsible officer(s) for {reference}",
            widget=forms.TextInput(attrs={"list": "people", "autocomplete": "off"}),
        )
        self.fields[f"{key}-due"] = DueField(
            initial=res.due_phrase, label=f"Due for {reference}", help_text=""
        )
        split_at = None
        points = split_points(res)
        if points:
            self.fields[f"{key}-split-at"] = forms.TypedChoiceField(
                required=False,
                coerce=int,
                label=f"Split {reference} before",
                choices=[(at, f"“{words}…”") for at, words in points],
            )
            split_at = self[f"{key}-split-at"]
        return ResolutionRow(
            j,
            res,
            reference,
            suggested,
            self[f"{key}-create"],
            self[f"{key}-officers"],
            self[f"{key}-due"],
            split_at,
            j == len(item.resolutions) - 1,
        )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, int] = {}
        for row in self.items:
            field = f"item-{row.index}-number"
            number = " ".join((cleaned.get(field) or "").split())
            if not number:
                continue
            if number.lower() in seen:
                self.add_error(
                    field,
                    f"Minute {number} is also the number of item {seen[number.lower()] + 1}: "
                    "give each minute its own number.",
                )
            seen.setdefault(number.lower(), row.index)
            cleaned[field] = number
        self._refuse_unanswered_officers(cleaned)
        taken = {
            n.lower()
            for n in MinuteItem.objects.filter(board=self.board).values_list("number", flat=True)
            if n.lower() in seen
        }
        for number in sorted(taken):
            self.add_error(
                f"item-{seen[number]}-number",
                f"{self.board.name} already has a minute {cleaned[f'item-{seen[number]}-number']}.",
            )
        return cleaned

    def numbered(self) -> ParsedMinutes:
        """The parsed structure with the numbers and titles as the clerk left them."""
        for row in self.items:
            row.item.number = self.cleaned_data[f"item-{row.index}-number"]
            row.item.title = " ".join(self.cleaned_data[f"item-{row.index}-title"].split())
        return self.parsed

    def corrections(self) -> dict[tuple[int, int], Correction]:
        data = self.cleaned_data
        return {
            (item.index, row.index): Correction(
                creates_action=data[f"{self.key(item.index, row.index)}-create"],
                officer_names=tuple(data[f"{self.key(item.index, row.index)}-officers"]),
                due=data[f"{self.key(item.index, row.index)}-due"].strip(),
            )
            for item in self.items
            for row in item.resolutions
        }

    def officer_questions(self):
        """The officer names of ticked resolutions that are none of the board's people, once
        each, with the clerk's answers (services.imports.minutes.officer_questions)."""
        if self._questions is None:
            names = [
                name
                for item in self.items
                for row in item.resolutions
                if row.create.value()
                for name in split_officer_names(str(row.officers.value() or ""))
            ]
            self._questions = officer_questions(names, self.board, self.answers)
        return self._questions

    def _refuse_unanswered_officers(self, cleaned) -> None:
        """An error on each officers field naming someone the clerk has not said who is."""
        waiting = {normal(q.name): q for q in unanswered(self.officer_questions())}
        if not waiting:
            return
        for item in self.items:
            for row in item.resolutions:
                key = self.key(item.index, row.index)
                if not cleaned.get(f"{key}-create"):
                    continue
                for name in cleaned.get(f"{key}-officers") or []:
                    if normal(name) in waiting:
                        self.add_error(f"{key}-officers", waiting[normal(name)].message)

    @classmethod
    def kept_from(
        cls, data, *, parsed: ParsedMinutes, suggested: dict, board, reset_item: int | None, edits: list[str]
    ) -> "MinutesPreviewForm":
        """The preview after a structural edit: unbound (no errors shown yet), with what the
        clerk had entered kept, except for the item edited, whose resolutions changed places
        and start again from the parser's suggestions."""
        form = cls(parsed=parsed, suggested=suggested, board=board)
        form.answers = import_answers(data)
        initial = {"packed": data.get("packed", ""), "edits": json.dumps(edits), "date": data.get("date", "")}
        for name, field in form.fields.items():
            if name in initial or not name.startswith("item-"):
                continue
            item = int(name.split("-")[1])
            if item == reset_item and "-res-" in name:
                continue
            if isinstance(field, forms.BooleanField):
                initial[name] = name in data
            elif name in data:
                initial[name] = data[name]
        form.initial = initial
        return form
