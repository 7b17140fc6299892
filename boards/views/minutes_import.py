"""The clerk's minutes import: paste or upload (step 1), preview and correct (step 2),
confirm (step 3). Nothing is saved before the confirmation, and then all or nothing.

One URL; the step is the button pressed ("step" in the POST). The preview carries the
source text in a hidden field, so the confirmation re-parses exactly the text previewed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import wording
from ..access import board_for
from ..importers.minutes import ParsedMinutes, parse_minutes
from ..minutes_forms import MinutesPreviewForm, MinutesSourceForm
from ..models import Person, UpdateVia
from ..services.importing import ImportRefused, meeting_on, record_minutes, suggestions
from ..services.updating import Actor


@login_required
def minutes_import(request, slug):
    board = board_for(request, slug, manage=True).board
    step = request.POST.get("step", "preview") if request.method == "POST" else "start"
    if step == "confirm":
        return _confirm(request, board)
    if step == "edit":  # back from the preview to the text, as it was
        form = MinutesSourceForm(board=board, initial={"date": request.POST.get("date", ""),
                                                       "text": request.POST.get("text", "")})
        return _source_page(request, board, form)
    if step == "preview":
        form = MinutesSourceForm(request.POST, request.FILES, board=board)
        if form.is_valid():
            data = form.cleaned_data
            preview = MinutesPreviewForm(initial={"text": data["source"], "date": data["date"]},
                                         parsed=data["parsed"], suggested=suggestions(data["parsed"], board))
            return _preview_page(request, board, preview)
        return _source_page(request, board, _keep_document_text(form, board))
    return _source_page(request, board, MinutesSourceForm(board=board))


def _confirm(request, board):
    parsed = parse_minutes(request.POST.get("text", ""))
    form = MinutesPreviewForm(request.POST, parsed=parsed, suggested=suggestions(parsed, board))
    if form.is_valid():
        meeting_date = form.cleaned_data["date"]
        try:
            saved = record_minutes(parsed, board=board, meeting_date=meeting_date,
                                   actor=Actor.for_user(request.user, via=UpdateVia.WEB),
                                   corrections=form.corrections())
        except ImportRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _saved_message(saved, meeting_date))
            return redirect("boards:meeting", board.slug, saved["meeting"].pk)
    return _preview_page(request, board, form)


def _saved_message(saved: dict, meeting_date) -> str:
    message = (f"Minutes of the meeting of {meeting_date:%-d %B %Y} imported: "
               f"{wording.count(saved['items'], 'minute item')}, {wording.count(saved['resolutions'], 'resolution')}"
               f" and {wording.count(saved['actions'], 'action')}.")
    if saved["new_officers"]:
        message += f" {'New officer' if len(saved['new_officers']) == 1 else 'New officers'} added to the board: {', '.join(saved['new_officers'])}."
    return message


def _keep_document_text(form: MinutesSourceForm, board) -> MinutesSourceForm:
    """When the upload was read but something else is wrong (the date, say), put the
    file's text in the text box, so that nothing is lost and nothing is uploaded twice."""
    text = getattr(form, "cleaned_data", {}).get("document_text")
    if not text or form.has_error("document"):
        return form
    data = form.data.copy()
    data["text"] = text
    kept = MinutesSourceForm(data, board=board)
    kept.is_valid()
    kept.kept_document = form.cleaned_data["document"].name
    return kept


def _source_page(request, board, form):
    return render(request, "boards/clerk/minutes_import.html", {"board": board, "form": form})


def _preview_page(request, board, form: MinutesPreviewForm):
    parsed: ParsedMinutes = form.parsed
    meeting_date = form.cleaned_data.get("date") if form.is_bound and hasattr(form, "cleaned_data") \
        else form.initial.get("date")
    resolutions = [row for item in form.items for row in item.resolutions]
    people = Person.objects.filter(memberships__board=board).distinct().order_by("name")
    return render(request, "boards/clerk/minutes_preview.html", {
        "board": board,
        "form": form,
        "parsed": parsed,
        "resolution_count": len(resolutions),
        "action_count": sum(1 for row in resolutions if row.create.value()),
        "meeting": meeting_on(board, meeting_date) if meeting_date else None,
        "meeting_date": meeting_date,
        "new_officers": form.new_officer_names(board),
        "people": people,
    })
