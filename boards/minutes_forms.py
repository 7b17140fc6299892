"""The forms of the clerk's minutes import: the source (step 1) and the preview (step 2).

Apart from boards/forms.py, which is long already: these two belong to one page.
The preview form carries the whole source text in a hidden field and re-parses it
when bound, so its per-resolution fields (keyed by item and resolution index) are the
same at preview and at confirm.
"""

from dataclasses import dataclass

from django import forms

from .forms import DueField, OfficersField, UKDateField
from .importers.documents import SUFFIXES, DocumentError, text_from_document
from .importers.minutes import Item, ParsedMinutes, Res, parse_minutes
from .importers.uploads import MAX_BYTES
from .references import reference_for
from .services.importing import Correction, new_officer_names, refusal
from .services.recording import split_officer_names

# Minutes run to tens of thousands of characters; this bounds the hidden field's size.
MAX_TEXT_CHARS = 500_000
ACCEPT = ",".join(SUFFIXES) + ",text/plain,application/pdf," \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise forms.ValidationError(
            f"The text is longer than {MAX_TEXT_CHARS:,} characters: import one meeting's minutes at a time."
        )


class MinutesSourceForm(forms.Form):
    """Step 1: the meeting's date and its minutes, pasted or uploaded."""

    date = UKDateField(label="Meeting date")
    text = forms.CharField(
        required=False, strip=False, label="Paste the minutes text",
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="Copy the minutes from the Word document or PDF, from the first minute item to the last.",
    )
    document = forms.FileField(
        required=False, label="Or upload the minutes",
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
            self.add_error("document", "Paste the text or upload a file, not both: clear the text box "
                                       "to use the file.")
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
        parsed = parse_minutes(text)
        where = "document" if cleaned.get("document") else "text"
        if not parsed.items or not all(item.number for item in parsed.items):
            self.add_error(where, "No minute items were found: each item should start on its own line "
                                  "with its number, as in “326. Joint Health and Wellbeing Strategy”.")
        elif refusal(parsed, self.board):
            self.add_error(where, refusal(parsed, self.board))
        cleaned["source"], cleaned["parsed"] = text, parsed
        return cleaned


@dataclass
class ResolutionRow:
    """One resolution on the preview, with its three correction fields."""

    index: int
    res: Res
    reference: str
    suggested: list[str]
    create: forms.BoundField
    officers: forms.BoundField
    due: forms.BoundField


@dataclass
class ItemRow:
    index: int
    item: Item
    resolutions: list[ResolutionRow]


class MinutesPreviewForm(forms.Form):
    """Step 2: the structure found, with the clerk's corrections per resolution.

    `suggested` is services.importing.suggestions() for the text: the officers' names
    pre-filled for the resolutions that create an action.
    """

    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    date = UKDateField(label="Meeting date")

    def __init__(self, *args, parsed: ParsedMinutes, suggested: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        self.items: list[ItemRow] = []
        for i, item in enumerate(parsed.items):
            rows = [self._add_resolution(i, j, item, res, suggested.get((i, j), []))
                    for j, res in enumerate(item.resolutions)]
            self.items.append(ItemRow(i, item, rows))

    @staticmethod
    def key(i: int, j: int) -> str:
        return f"item-{i}-res-{j}"

    def _add_resolution(self, i, j, item, res, suggested) -> ResolutionRow:
        key, reference = self.key(i, j), reference_for(item.number, res.label)
        self.fields[f"{key}-create"] = forms.BooleanField(
            required=False, initial=res.creates_action, label=f"Create an action for {reference}")
        self.fields[f"{key}-officers"] = OfficersField(
            required=False, initial="/ ".join(suggested), help_text="",
            label=f"Responsible officer(s) for {reference}",
            widget=forms.TextInput(attrs={"list": "people", "autocomplete": "off"}))
        self.fields[f"{key}-due"] = DueField(initial=res.due_phrase, label=f"Due for {reference}",
                                             help_text="")
        return ResolutionRow(j, res, reference, suggested, self[f"{key}-create"],
                             self[f"{key}-officers"], self[f"{key}-due"])

    def clean_text(self):
        text = self.cleaned_data["text"]
        _check_text(text)
        return text

    def corrections(self) -> dict[tuple[int, int], Correction]:
        data = self.cleaned_data
        return {
            (item.index, row.index): Correction(
                creates_action=data[f"{self.key(item.index, row.index)}-create"],
                officer_names=tuple(data[f"{self.key(item.index, row.index)}-officers"]),
                due=data[f"{self.key(item.index, row.index)}-due"].strip(),
            )
            for item in self.items for row in item.resolutions
        }

    def new_officer_names(self, board) -> list[str]:
        """Names in the officers fields of ticked resolutions that match nobody yet."""
        names = {}
        for item in self.items:
            for row in item.resolutions:
                if row.create.value():
                    for name in split_officer_names(str(row.officers.value() or "")):
                        names.setdefault(name.lower(), name)
        return new_officer_names(list(names.values()), board)
