"""Emailed update links: an officer updates their actions without an account."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from ..log_table import build_rows
from ..models import Action, UpdateVia
from ..services.links import LinkRefused, person_for_token
from ..services.updating import Actor
from .updates import update_form


def _refused(request, refused):
    return render(request, "boards/link_refused.html", {"reason": refused.reason}, status=403)


def _their_actions(person):
    return Action.objects.filter(officer_links__person=person).outstanding()


def link_home(request, token):
    try:
        person = person_for_token(token, request=request)
    except LinkRefused as refused:
        return _refused(request, refused)
    actions = _their_actions(person).order_by("due_date", "board__name", "sort_key")
    rows = build_rows(actions, timezone.localdate())
    return render(request, "boards/link_home.html", {"person": person, "rows": rows, "token": token})


def link_update(request, token, pk):
    try:
        person = person_for_token(token, request=request)
    except LinkRefused as refused:
        return _refused(request, refused)
    action = get_object_or_404(
        _their_actions(person).select_related("board", "status").prefetch_related("officer_links__person"),
        pk=pk,
    )
    return update_form(
        request, action,
        actor=Actor(via=UpdateVia.LINK, person=person),
        done_url=reverse("boards:link", args=[token]),
        context={"board": action.board, "person": person, "token": token, "via_link": True},
    )
