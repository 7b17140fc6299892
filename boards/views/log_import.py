"""The clerk's import of an existing action log: upload, preview with the columns chosen, confirm.

Steps, all on one URL (clerks of the board and staff only):
  GET                      the upload form
  POST step=preview + file read the file, guess the columns, show the preview
  POST step=preview        the same table with the columns the clerk chose: preview again
  POST step=confirm        save everything if every row is correct (and the columns are
                           the ones previewed), else show the preview again

The parsed table is carried between steps as signed, compressed JSON in a hidden field
(services.log_import.sign_table): see there for why.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import wording
from ..access import board_for
from ..importers.action_log import FIELDS, LogFileError, read_log
from ..importers.uploads import MAX_BYTES
from ..models import UpdateVia
from ..services.log_import import (
    ImportRefused,
    TableExpired,
    clean_mapping,
    import_log,
    preview_log,
    sign_table,
    unsign_table,
)
from ..services.updating import Actor

PREVIEW_ROWS = 20
SUMMARY_ERRORS = 50  # the error summary links to the first 50; the list below has them all
UPLOAD_TEMPLATE = "boards/clerk/log_import.html"
PREVIEW_TEMPLATE = "boards/clerk/log_import_preview.html"


class LogUploadForm(forms.Form):
    file = forms.FileField(
        label="Action log file",
        help_text=f"A spreadsheet saved as CSV (.csv) or Excel (.xlsx), or a Word document (.docx) "
                  f"with the log as a table. Up to {MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.docx"}),
        error_messages={"required": "Choose the file to import.",
                        "empty": "The file is empty."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: "
                "save the log without pictures, or split it, and try again.")
        return upload


class ColumnsForm(forms.Form):
    """Which of the file's columns fills each field: one select per field."""

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in the file")] + [
            (str(i), f"Column {i + 1}: {heading or '(no heading)'}") for i, heading in enumerate(headers)
        ]
        for name, label in FIELDS:
            self.fields[f"map_{name}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self, fallback: dict) -> dict:
        if not self.is_bound:
            return fallback
        return {name: self.data.get(f"map_{name}") for name, _ in FIELDS}


def _mapping_key(mapping: dict) -> str:
    """The columns shown in a preview, as "reference=0 date=1 ... due=-"."""
    return " ".join(f"{name}={'-' if mapping.get(name) is None else mapping[name]}" for name, _ in FIELDS)


def _actor(request):
    return Actor.for_user(request.user, via=UpdateVia.IMPORT)


@login_required
def log_import(request, slug):
    board = board_for(request, slug, manage=True).board
    if request.method != "POST":
        return render(request, UPLOAD_TEMPLATE, {"board": board, "form": LogUploadForm()})
    if "table" in request.POST:
        return _columns_step(request, board)
    return _upload_step(request, board)


def _upload_step(request, board):
    form = LogUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_log(upload.read(), upload.name)
            token = sign_table(table, board)
        except (LogFileError, TableExpired) as error:
            form.add_error("file", str(error))
        else:
            return _preview_page(request, board, table, token, ColumnsForm(
                headers=table.headers, initial={f"map_{k}": v for k, v in table.mapping.items()}))
    return render(request, UPLOAD_TEMPLATE, {"board": board, "form": form})


def _columns_step(request, board):
    token = request.POST["table"]
    try:
        table = unsign_table(token, board)
    except TableExpired as error:
        form = LogUploadForm()
        return render(request, UPLOAD_TEMPLATE, {"board": board, "form": form, "problem": str(error)})
    columns = ColumnsForm(request.POST, headers=table.headers)
    if request.POST.get("step") == "confirm":
        mapping = clean_mapping(columns.mapping(table.mapping), len(table.headers))
        if request.POST.get("previewed") != _mapping_key(mapping):
            notice = "You changed the columns: check the preview below, then import."
            return _preview_page(request, board, table, token, columns, notice=notice)
        try:
            counts = import_log(table, mapping, board, actor=_actor(request))
        except ImportRefused as refused:
            return _preview_page(request, board, table, token, columns, refused=refused)
        messages.success(request, _success_message(counts, table.filename))
        return redirect("boards:log", board.slug)
    return _preview_page(request, board, table, token, columns)


def _preview_page(request, board, table, token, columns, *, notice="", refused=None):
    preview = refused.preview if refused else preview_log(table, columns.mapping(table.mapping), board)
    first_problem = {}
    for position, error in enumerate(preview.errors, start=1):
        if error.row is not None:
            first_problem.setdefault(error.row, position)
    rows = [(row, first_problem.get(row.number)) for row in preview.rows[:PREVIEW_ROWS]]
    return render(request, PREVIEW_TEMPLATE, {
        "board": board,
        "table": table,
        "token": token,
        "columns": columns,
        "previewed": _mapping_key(preview.mapping),
        "preview": preview,
        "rows": rows,
        "more_rows": max(len(preview.rows) - PREVIEW_ROWS, 0),
        "summary_errors": preview.errors[:SUMMARY_ERRORS],
        "more_errors": max(len(preview.errors) - SUMMARY_ERRORS, 0),
        "notice": notice,
    })


def _success_message(counts: dict, filename: str) -> str:
    message = f"{wording.count(counts['actions'], 'action')} imported from {filename}."
    if counts["new_people"]:
        message += f" {wording.count(counts['new_people'], 'new person', 'new people')} added to the board as officers."
    if counts["complete"]:
        message += (f" {wording.count(counts['complete'], 'action has', 'actions have')} a complete status: close them with "
                    "“Close actions” when the board agrees.")
    return message
