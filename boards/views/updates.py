"""Officers updating their actions: signed in, or from an emailed link (views/links.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ..access import action_for, person_of, visible_boards
from ..forms.actions import OfficerUpdateForm
from ..history import timeline
from ..log_table import build_rows
from ..models import Action, ActionState
from ..services import calendar_feeds
from ..services.follows import follows_of
from ..services.updating import Actor, StaleAction, change
from .stale import kept_form, stale_context


def update_form(request, action, *, actor, done_url, context):
    """The one update form, for both paths. Returns a response."""
    if action.state == ActionState.CLOSED:
        messages.info(request, f"{action.reference} was closed by the board, so it cannot be updated.")
        return redirect(done_url)
    if action.state == ActionState.WITHDRAWN:
        messages.info(
            request, f"{action.reference} was withdrawn by the board's clerk, so it cannot be updated."
        )
        return redirect(done_url)
    form = OfficerUpdateForm(request.POST or None, action=action)
    stale = None
    if request.method == "POST" and form.is_valid():
        fields, comment = form.changes()
        try:
            change(
                action, actor=actor, comment=comment, expected_version=form.cleaned_data["version"], **fields
            )
        except StaleAction as refused:
            stale = refused
            action.refresh_from_db()
            form = kept_form(request, refused, OfficerUpdateForm, action)
        else:
            messages.success(request, f"Your update to {action.reference} has been saved.")
            return redirect(done_url)
    (row,) = build_rows(Action.objects.filter(pk=action.pk), timezone.localdate())
    return render(
        request,
        "boards/update.html",
        {
            **context,
            "action": action,
            "row": row,
            "form": form,
            **stale_context(stale),
            "history": timeline(action),
        },
    )


@login_required
def update_action(request, slug, pk):
    action, access = action_for(request, slug, pk, update=True)
    return update_form(
        request,
        action,
        actor=Actor.for_user(request.user),
        done_url=action.get_absolute_url(),
        context={"board": access.board},
    )


@login_required
def my_actions(request):
    person = person_of(request.user)
    rows = []
    calendar = None
    if person is not None:
        feed = calendar_feeds.live_feed(person)
        if feed is not None:
            token = calendar_feeds.address_token(feed)
            calendar = request.build_absolute_uri(reverse("boards:personal_calendar", args=[token]))
        actions = (
            Action.objects.filter(board__in=visible_boards(request.user), officer_links__person=person)
            .outstanding()
            .soonest_due_first()
        )
        rows = build_rows(actions, timezone.localdate())
    return render(
        request,
        "boards/my_actions.html",
        {"person": person, "rows": rows, "calendar": calendar, "follows": follows_of(request.user)},
    )
