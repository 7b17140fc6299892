"""Emailed update links: an officer updates their actions without an account.

The emailed address carries the token; opening it starts a short session and
redirects to /u/, so every later address is free of the token (services/links.py).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from ..log_table import build_rows
from ..models import Action, UpdateVia
from ..services.links import (
    LinkRefused,
    end_session,
    open_session,
    person_for_token,
    person_in_session,
    touch_session,
)
from ..services.updating import Actor
from .updates import update_form


def _refused(request, reason):
    # What an officer typed into a form whose session had ended is shown back, not lost.
    unsaved = request.POST.get("comment", "").strip() if request.method == "POST" else ""
    return render(request, "boards/link_refused.html", {"reason": reason, "unsaved": unsaved}, status=403)


def _their_actions(person):
    return Action.objects.filter(officer_links__person=person).outstanding()


@require_safe
def link_open(request, token):
    """The address in the email: check the token, start the session, drop the token."""
    try:
        person = person_for_token(token, request=request)
    except LinkRefused as refused:
        return _refused(request, refused.reason)
    open_session(request, person)
    return redirect("boards:link_home")


def _session_person(request):
    person = person_in_session(request)
    if person is not None:
        touch_session(request)
    return person


@require_safe
def link_home(request):
    person = _session_person(request)
    if person is None:
        return _refused(request, "ended")
    actions = _their_actions(person).soonest_due_first()
    rows = build_rows(actions, timezone.localdate())
    return render(request, "boards/link_home.html", {"person": person, "rows": rows, "via_link": True})


def link_update(request, pk):
    person = _session_person(request)
    if person is None:
        return _refused(request, "ended")
    action = get_object_or_404(
        _their_actions(person).select_related("board", "status").prefetch_related("officer_links__person"),
        pk=pk,
    )
    return update_form(
        request,
        action,
        actor=Actor(via=UpdateVia.LINK, person=person),
        done_url=reverse("boards:link_home"),
        context={"board": action.board, "person": person, "via_link": True},
    )


@require_POST
def link_end(request):
    """ "Finish": the session forgets the person (a shared computer is safe again)."""
    end_session(request)
    messages.success(request, "You have finished updating. To update again, open the link in your email.")
    return redirect("boards:home")
