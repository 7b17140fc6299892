"""The clerk's minutes import: paste or upload (step 1), preview and correct (step 2),
confirm (step 3). Nothing is saved before the confirmation, and then all or nothing.

One URL; the step is the button pressed. "step" in the POST: preview, edit (back to the
text), confirm; "op" in the POST: a structural edit of the preview (split or join
resolutions, move a paragraph between the discussion and the decisions). The preview
carries the source text (signed and compressed) and the edits in hidden fields, so every
step re-reads exactly the text previewed, with the same edits.
"""

import json
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render

from .. import wording
from ..access import board_for
from ..forms.attendance import ImportedAttendanceForm
from ..forms.minutes_import import (
    MinutesPreviewForm,
    MinutesSourceForm,
    TextExpired,
    load_edits,
    unpack_text,
)
from ..importers.minutes import ParsedMinutes, apply_edits, parse_minutes
from ..models import Person, UpdateVia
from ..officer_names import import_asked
from ..services.attendance import describe, readings_for
from ..services.imports.minutes import meeting_on, record_minutes, suggestions
from ..services.imports.refused import ImportRefused
from ..services.updating import Actor


@login_required
def minutes_import(request, slug):
    board = board_for(request, slug, manage=True).board
    if request.method != "POST":
        return _source_page(request, board, MinutesSourceForm(board=board))
    step = request.POST.get("step", "preview")
    if "op" in request.POST:
        step = "structure"
    if step in ("confirm", "edit", "structure"):
        try:
            text = unpack_text(request.POST.get("packed", ""), board)
        except TextExpired as expired:
            form = MinutesSourceForm(board=board, initial={"date": request.POST.get("date", "")})
            return _source_page(request, board, form, problem=str(expired))
        if step == "edit":  # back from the preview to the text, as it was
            form = MinutesSourceForm(
                board=board, initial={"date": request.POST.get("date", ""), "text": text}
            )
            return _source_page(request, board, form)
        if step == "structure":
            return _structure(request, board, text)
        return _confirm(request, board, text)
    form = MinutesSourceForm(request.POST, request.FILES, board=board)
    if form.is_valid():
        data = form.cleaned_data
        preview = MinutesPreviewForm(
            initial={"packed": data["packed"], "edits": "[]", "date": data["date"]},
            parsed=data["parsed"],
            suggested=suggestions(data["parsed"], board),
            board=board,
        )
        attendance = ImportedAttendanceForm(readings=readings_for(data["parsed"], board))
        return _preview_page(request, board, preview, attendance)
    return _source_page(request, board, _keep_document_text(form, board))


def _read(text: str, edits: list[str]) -> tuple[ParsedMinutes, list[str]]:
    return apply_edits(parse_minutes(text), edits)


def _structure(request, board, text):
    """A split, join or move asked for on the preview: the preview again, with it applied."""
    op = request.POST["op"]
    parts = op.split(":")
    if parts[0] == "split" and len(parts) == 3:
        # The place to split at is the resolution's "Split before" choice.
        op = f"{op}:{request.POST.get(f'item-{parts[1]}-res-{parts[2]}-split-at', '')}"
    parsed, applied = _read(text, load_edits(request.POST.get("edits")) + [op])
    try:
        edited_item = int(parts[1])
    except (IndexError, ValueError):
        edited_item = None
    form = MinutesPreviewForm.kept_from(
        request.POST,
        parsed=parsed,
        suggested=suggestions(parsed, board),
        board=board,
        reset_item=edited_item,
        edits=applied,
    )
    notice = (
        ""
        if applied and applied[-1] == op
        else "That change could not be made to the minutes as they are now."
    )
    attendance = ImportedAttendanceForm.kept_from(request.POST, readings=readings_for(parsed, board))
    return _preview_page(request, board, form, attendance, notice=notice)


def _confirm(request, board, text):
    parsed, _ = _read(text, load_edits(request.POST.get("edits")))
    form = MinutesPreviewForm(request.POST, parsed=parsed, suggested=suggestions(parsed, board), board=board)
    attendance = ImportedAttendanceForm(request.POST, readings=readings_for(parsed, board))
    if form.is_valid() & attendance.is_valid():
        meeting_date = form.cleaned_data["date"]
        try:
            saved = record_minutes(
                form.numbered(),
                board=board,
                meeting_date=meeting_date,
                actor=Actor.for_user(request.user, via=UpdateVia.WEB),
                corrections=form.corrections(),
                attendance=attendance.chosen(),
                officer_answers=form.answers,
            )
            saved["left_out"] = attendance.left_out()
        except ImportRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _saved_message(saved, meeting_date))
            return redirect("boards:meeting", board.slug, saved["meeting"].pk)
    return _preview_page(request, board, form, attendance)


def _saved_message(saved: dict, meeting_date) -> str:
    message = (
        f"Minutes of the meeting of {meeting_date:%-d %B %Y} imported: "
        f"{wording.count(saved['items'], 'minute item')}, {wording.count(saved['resolutions'], 'resolution')}"
        f" and {wording.count(saved['actions'], 'action')}."
    )
    if saved["new_officers"]:
        label = "New officer" if len(saved["new_officers"]) == 1 else "New officers"
        message += f" {label} added to the board: {', '.join(saved['new_officers'])}."
    if saved["attendance"].get("changed"):
        message += f" Attendance recorded: {describe(saved['attendance'])}."
        if saved["attendance"]["added"]:
            message += f" Added to the board: {', '.join(saved['attendance']['added'])}."
    if saved.get("left_out"):
        message += (
            f" {wording.count(len(saved['left_out']), 'name')} from the attendance lists "
            f"{'was' if len(saved['left_out']) == 1 else 'were'} not recorded: record "
            f"{'it' if len(saved['left_out']) == 1 else 'them'} on the meeting form if needed."
        )
    return message


def _keep_document_text(form: MinutesSourceForm, board) -> MinutesSourceForm:
    """When the upload was read but something else is wrong (the date, say), put the
    file's text in the text box, so that nothing is lost and nothing is uploaded twice."""
    text = getattr(form, "cleaned_data", {}).get("document_text")
    if not text or form.has_error("document"):
        return form
    data = cast(QueryDict, form.data).copy()
    data["text"] = text
    kept = MinutesSourceForm(data, board=board)
    kept.is_valid()
    kept.kept_document = form.cleaned_data["document"].name
    return kept


def _source_page(request, board, form, problem=""):
    return render(
        request, "boards/clerk/minutes_import.html", {"board": board, "form": form, "problem": problem}
    )


def _preview_page(request, board, form: MinutesPreviewForm, attendance: ImportedAttendanceForm, notice=""):
    parsed: ParsedMinutes = form.parsed
    meeting_date = _date_of(form)
    resolutions = [row for item in form.items for row in item.resolutions]
    people = Person.objects.on_board(board).order_by("name")
    return render(
        request,
        "boards/clerk/minutes_preview.html",
        {
            "board": board,
            "form": form,
            "attendance_form": attendance,
            "parsed": parsed,
            "resolution_count": len(resolutions),
            "action_count": sum(1 for row in resolutions if row.create.value()),
            "unnumbered": sum(1 for row in form.items if not row.item.number),
            "meeting": meeting_on(board, meeting_date) if meeting_date else None,
            "meeting_date": meeting_date,
            "officer_questions": import_asked(form.officer_questions(), submitted=form.is_bound),
            "people": people,
            "edits": json.loads(form["edits"].value() or "[]"),
            "notice": notice,
        },
    )


def _date_of(form: MinutesPreviewForm):
    """The meeting date as a date, whether the form is bound or not (None if it is not one)."""
    if form.is_bound:
        return getattr(form, "cleaned_data", {}).get("date")
    value = form.initial.get("date")
    if isinstance(value, str):
        try:
            return form.fields["date"].clean(value)
        except forms.ValidationError:
            return None
    return value
