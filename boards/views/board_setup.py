"""A board's settings (its organisations' admins) and its RAG key (its clerks too)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .. import wording
from ..access import administered_organisations, board_for
from ..forms.board_setup import BoardSettingsForm, KeyMappingForm, StatusFormSet, status_initial
from ..services import board_setup, rag_key_editing

VISIBILITY_NEWS = {
    "public": "The board is now public: anyone can read its log.",
    "private": "The board is now private: only its people can read its log.",
}


@login_required
def board_settings(request, slug):
    board = board_for(request, slug, administer=True).board
    form = BoardSettingsForm(
        request.POST or None,
        board=board,
        organisations=administered_organisations(request.user),
        initial={
            "name": board.name,
            "slug": board.slug,
            "description": board.description,
            "organisations": [o.pk for o in board.organisations.all()],
            "visibility": "public" if board.is_public else "private",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = board_setup.change_board(
            board,
            name=data["name"],
            slug=data["slug"],
            description=data["description"].strip(),
            organisations=form.all_organisations,
            is_public=form.is_public,
            by=request.user,
        )
        if not changes:
            messages.info(request, "Nothing was changed.")
        else:
            news = [f"Settings of {data['name']} saved."]
            if "visibility" in changes:
                news.append(VISIBILITY_NEWS[changes["visibility"]["to"]])
            if "slug" in changes:
                news.append(
                    f"Its address is now /boards/{data['slug']}/: links to the old address no longer work."
                )
            messages.success(request, " ".join(news))
        return redirect("boards:board", data["slug"])
    return render(request, "boards/setup/board_settings.html", {"board": board, "form": form})


@login_required
def board_key(request, slug):
    """Edit the key's statuses. When the edit removes or recodes a status that actions use, a
    second step asks what those actions become; nothing is saved before the clerk confirms."""
    access = board_for(request, slug, manage=True)
    board = access.board
    statuses = list(board.rag_key.statuses.all())
    step = request.POST.get("step", "save")
    formset = StatusFormSet(
        request.POST or None, statuses=statuses, initial=status_initial(statuses), prefix="statuses"
    )
    context = {
        "board": board,
        "formset": formset,
        "statuses": statuses,
        "shared": rag_key_editing.is_shared(board),
    }
    if request.method != "POST" or step == "edit" or not formset.is_valid():
        return render(request, "boards/setup/board_key.html", context)
    rows = formset.rows()
    affected = rag_key_editing.affected_statuses(board, rows, statuses)
    mapping_form = KeyMappingForm(request.POST if step == "confirm" else None, affected=affected, rows=rows)
    if affected and not (step == "confirm" and mapping_form.is_valid()):
        return _confirm_page(request, context, mapping_form)
    try:
        change = rag_key_editing.save_key(
            board, rows, mapping=mapping_form.mapping() if affected else {}, by=request.user
        )
    except rag_key_editing.MappingNeeded:  # actions moved to another status meanwhile
        messages.warning(request, "Actions changed status meanwhile: say what these become too.")
        affected = rag_key_editing.affected_statuses(board, rows, statuses)
        return _confirm_page(request, context, KeyMappingForm(affected=affected, rows=rows))
    if not change.changed:
        messages.info(request, "Nothing was changed in the RAG key.")
    else:
        news = [f"RAG key of {board.name} saved."]
        if change.copied:
            news.append("The board now has its own copy of the key: other boards' keys are unchanged.")
        if change.actions_changed:
            news.append(f"{wording.count(change.actions_changed, 'action')} changed.")
        messages.success(request, " ".join(news))
    return redirect("boards:board_key", board.slug)


def _confirm_page(request, context, mapping_form):
    """The mapping step: what the edit's removed or recoded statuses' actions become. The
    edited key travels in hidden fields, validated again when confirmed."""
    carried = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", "step") and not name.startswith("map-")
        for value in request.POST.getlist(name)
    ]
    total = sum(a.count for a in mapping_form.affected)
    return render(
        request,
        "boards/setup/board_key_confirm.html",
        {**context, "mapping_form": mapping_form, "carried": carried, "total": total},
    )
