"""The clerk's import of an existing action log: upload, preview with the columns, status
words and default date chosen, confirm. Clerks of the board and staff only.

Steps, all on one URL:
  GET                      the upload form (and, after a partial import, the rows it left out)
  POST step=preview + file read the file, guess the columns, show the preview
  POST step=preview        the same table with the clerk's choices: preview again
  POST step=confirm        save everything if every row is correct (and the columns are
                           the ones previewed), else show the preview again; with
                           "partial" ticked, save the good rows and keep the others
                           for download

log_import_refused: the rows with problems as a CSV (the file's cells and a Problem
column): POST with the preview's form (the download button of the preview), or GET for
the rows the last partial import of this board left out (kept in the session).

The parsed table is carried between steps as signed, compressed JSON in a hidden field
(services.imports.action_log_tokens): see there for why.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import wording
from ..access import board_for
from ..exports import refused_rows
from ..forms.log_import import STATUS_WORD, ColumnsForm, DefaultDateForm, LogUploadForm, choices_from
from ..importers.action_log import FIELDS, LogFileError, read_log
from ..models import UpdateVia
from ..officer_names import import_asked
from ..services.imports.action_log import (
    TableExpired,
    clean_mapping,
    import_log,
    preview_log,
    sign_table,
    unsign_table,
)
from ..services.imports.refused import ImportRefused
from ..services.updating import Actor

PREVIEW_ROWS = 20
SUMMARY_ERRORS = 50  # the error summary links to the first 50; the list below has them all
UPLOAD_TEMPLATE = "boards/clerk/log_import.html"
PREVIEW_TEMPLATE = "boards/clerk/log_import_preview.html"
LEFT_OUT = "log_import_left_out"  # session key: the rows the last partial import left out


def _mapping_key(mapping: dict) -> str:
    """The columns shown in a preview, as "reference=0 date=1 ... due=-"."""
    return " ".join(f"{name}={'-' if mapping.get(name) is None else mapping[name]}" for name, _ in FIELDS)


def _actor(request):
    return Actor.for_user(request.user, via=UpdateVia.IMPORT)


@login_required
def log_import(request, slug):
    board = board_for(request, slug, manage=True).board
    if request.method != "POST":
        return _upload_page(request, board, LogUploadForm())
    if "table" in request.POST:
        return _choices_step(request, board)
    return _upload_step(request, board)


def _upload_page(request, board, form, problem=""):
    left_out = request.session.get(LEFT_OUT)
    if not left_out or left_out.get("board") != board.pk:
        left_out = None
    return render(
        request, UPLOAD_TEMPLATE, {"board": board, "form": form, "problem": problem, "left_out": left_out}
    )


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
            columns = ColumnsForm(
                headers=table.headers, initial={f"map_{k}": v for k, v in table.mapping.items()}
            )
            return _preview_page(request, board, table, token, columns, DefaultDateForm(board=board))
    return _upload_page(request, board, form)


def _choices_step(request, board):
    token = request.POST["table"]
    try:
        table = unsign_table(token, board)
    except TableExpired as error:
        return _upload_page(request, board, LogUploadForm(), problem=str(error))
    columns = ColumnsForm(request.POST, headers=table.headers)
    dates = DefaultDateForm(request.POST, board=board)
    if request.POST.get("step") == "confirm":
        mapping = clean_mapping(columns.mapping(table.mapping), len(table.headers))
        if request.POST.get("previewed") != _mapping_key(mapping):
            notice = "You changed the columns: check the preview below, then import."
            return _preview_page(request, board, table, token, columns, dates, notice=notice)
        if not dates.is_valid():
            return _preview_page(request, board, table, token, columns, dates)
        partial = request.POST.get("partial") == "yes"
        try:
            counts = import_log(
                table,
                mapping,
                board,
                actor=_actor(request),
                choices=choices_from(request.POST, dates),
                partial=partial,
            )
        except ImportRefused as refused:
            notice = ""
            if not partial and refused.preview.can_import_good_rows:
                notice = (
                    f"Nothing was imported. To import the {len(refused.preview.good_rows)} rows without "
                    "problems and leave out the others, tick the box under Problems."
                )
            return _preview_page(request, board, table, token, columns, dates, refused=refused, notice=notice)
        messages.success(request, _success_message(counts, table.filename))
        if counts["refused"]:
            _keep_left_out(request, board, table, counts["preview"])
            return redirect("boards:log_import", board.slug)
        request.session.pop(LEFT_OUT, None)
        return redirect("boards:log", board.slug)
    return _preview_page(request, board, table, token, columns, dates)


def _preview_page(request, board, table, token, columns, dates, *, notice="", refused=None):
    choices = choices_from(request.POST, dates)
    preview = (
        refused.preview if refused else preview_log(table, columns.mapping(table.mapping), board, choices)
    )
    # Each row with a problem links to its first problem in the list, or to the select of
    # the status word it needs.
    problem_link = {}
    for position, error in enumerate(preview.errors, start=1):
        if error.row is not None:
            problem_link.setdefault(error.row, f"#problem-{position}")
    words = [(f"{STATUS_WORD}{i}", word) for i, word in enumerate(preview.status_words)]
    word_link = {word.key: f"#id_{name}" for name, word in words}
    for row in preview.rows:
        for error in row.errors:
            if error.word:
                problem_link.setdefault(row.number, word_link.get(error.word, "#problems"))
    rows = [(row, problem_link.get(row.number)) for row in preview.rows[:PREVIEW_ROWS]]
    statuses = list(board.rag_key.statuses.order_by("position"))
    date_errors = [(field, error) for field in dates for error in field.errors] if dates.is_bound else []
    return render(
        request,
        PREVIEW_TEMPLATE,
        {
            "board": board,
            "table": table,
            "token": token,
            "columns": columns,
            "dates": dates,
            "date_errors": date_errors,
            "statuses": statuses,
            "words": words,
            "officer_questions": import_asked(preview.officer_questions),
            "previewed": _mapping_key(preview.mapping),
            "preview": preview,
            "rows": rows,
            "more_rows": max(len(preview.rows) - PREVIEW_ROWS, 0),
            "summary_errors": preview.errors[:SUMMARY_ERRORS],
            "more_errors": max(len(preview.errors) - SUMMARY_ERRORS, 0),
            "notice": notice,
            "has_errors": bool(preview.errors or date_errors),
            "problem_count": len(preview.errors) + len(date_errors),
        },
    )


def _success_message(counts: dict, filename: str) -> str:
    message = f"{wording.count(counts['actions'], 'action')} imported from {filename}."
    if counts["refused"]:
        message += (
            f" {wording.count(counts['refused'], 'row')} with problems "
            f"{'was' if counts['refused'] == 1 else 'were'} left out: download "
            f"{'it' if counts['refused'] == 1 else 'them'} below, put them right and import them again."
        )
    if counts["new_people"]:
        people = wording.count(counts["new_people"], "new person", "new people")
        message += f" {people} added to the board as officers."
    if counts["complete"]:
        message += (
            f" {wording.count(counts['complete'], 'action has', 'actions have')} a complete status: "
            "close them with “Close actions” when the board agrees."
        )
    return message


# The rows with problems, as a CSV ---------------------------------------------------------


def _refused(table, preview) -> list:
    return [[list(row.cells), row.problem_text] for row in preview.refused_rows]


def _keep_left_out(request, board, table, preview) -> None:
    """The rows a partial import left out, for the download link of the import page."""
    request.session[LEFT_OUT] = {
        "board": board.pk,
        "filename": table.filename,
        "headers": list(table.headers),
        "rows": _refused(table, preview),
    }


def _csv_response(filename: str, headers, rows) -> HttpResponse:
    response = HttpResponse(refused_rows.render(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{refused_rows.filename(filename)}"'
    return response


@login_required
def log_import_refused(request, slug):
    board = board_for(request, slug, manage=True).board
    if request.method == "POST":
        try:
            table = unsign_table(request.POST.get("table", ""), board)
        except TableExpired as error:
            return _upload_page(request, board, LogUploadForm(), problem=str(error))
        columns = ColumnsForm(request.POST, headers=table.headers)
        dates = DefaultDateForm(request.POST, board=board)
        dates.is_valid()
        preview = preview_log(table, columns.mapping(table.mapping), board, choices_from(request.POST, dates))
        return _csv_response(table.filename, table.headers, _refused(table, preview))
    left_out = request.session.get(LEFT_OUT)
    if not left_out or left_out.get("board") != board.pk:
        messages.info(
            request, "There are no rows left out of an import to download: upload the log to preview it."
        )
        return redirect(reverse("boards:log_import", args=[board.slug]))
    return _csv_response(left_out["filename"], left_out["headers"], left_out["rows"])
