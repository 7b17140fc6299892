"""The clerk's pages: meetings, minutes, actions, closing, officers' links.

Every view asks access.board_for(..., manage=True) first: clerks of the board
and staff only. Every change to an action goes through services.updating.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import wording
from ..access import action_for, board_for
from ..emails import send_email
from ..forms.actions import (
    ActionEditForm,
    ActionRowFormSet,
    CloseActionsForm,
    MeetingForm,
    MinuteItemForm,
    ReasonForm,
    ReminderPolicyForm,
    ResolutionFormSet,
    WithdrawForm,
)
from ..forms.attendance import MeetingAttendanceForm
from ..models import Action, ActionState, Digest, Meeting, MinuteItem, Person, ReminderPolicy, UpdateVia
from ..reminders.sender import chase
from ..services import closing
from ..services.attendance import save_meeting
from ..services.links import link_url
from ..services.recording import new_action, officers_for
from ..services.updating import Actor, StaleAction, record
from .stale import kept_form, say_refused, stale_context


def _actor(request):
    return Actor.for_user(request.user, via=UpdateVia.WEB)


@login_required
def meeting_edit(request, slug, pk=None):
    board = board_for(request, slug, manage=True).board
    meeting = get_object_or_404(Meeting, board=board, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, board=board)
    attendance = MeetingAttendanceForm(request.POST or None, board=board, meeting=meeting)
    if request.method == "POST" and form.is_valid() & attendance.is_valid():
        meeting = save_meeting(form, attendance.choices(), by=request.user)
        messages.success(request, f"Meeting of {meeting.date:%-d %B %Y} saved.")
        return redirect("boards:meeting", board.slug, meeting.pk)
    return render(
        request,
        "boards/clerk/meeting_form.html",
        {"board": board, "form": form, "meeting": meeting, "attendance": attendance},
    )


@login_required
def minute_item_edit(request, slug, meeting_pk, pk=None):
    board = board_for(request, slug, manage=True).board
    meeting = get_object_or_404(Meeting, board=board, pk=meeting_pk)
    item = (
        get_object_or_404(MinuteItem, meeting=meeting, pk=pk)
        if pk
        else MinuteItem(meeting=meeting, board=board)
    )
    form = MinuteItemForm(request.POST or None, instance=item, meeting=meeting)
    formset = ResolutionFormSet(request.POST or None, instance=item, prefix="resolutions")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            item = form.save()
            resolutions = formset.save(commit=False)
            taken = set(item.resolutions.values_list("position", flat=True))
            for resolution in resolutions:
                if resolution.pk is None:
                    resolution.position = max(taken, default=-1) + 1
                    taken.add(resolution.position)
                resolution.minute_item = item
                resolution.save()
        messages.success(
            request,
            f"Minute {item.number} saved with {wording.count(item.resolutions.count(), 'resolution')}.",
        )
        if "add_another" in request.POST:
            return redirect("boards:minute_item_new", board.slug, meeting.pk)
        return redirect(reverse("boards:meeting", args=[board.slug, meeting.pk]) + f"#minute-{item.pk}")
    return render(
        request,
        "boards/clerk/minute_item_form.html",
        {"board": board, "meeting": meeting, "form": form, "formset": formset, "item": item},
    )


@login_required
def actions_entry(request, slug, meeting_pk):
    """Log a meeting's actions on one page: ten rows, keyboard only, saved all together."""
    board = board_for(request, slug, manage=True).board
    meeting = get_object_or_404(Meeting, board=board, pk=meeting_pk)
    formset = ActionRowFormSet(request.POST or None, form_kwargs={"meeting": meeting}, prefix="rows")
    if request.method == "POST" and formset.is_valid():
        created, added = [], {}
        with transaction.atomic():
            for form in formset:
                if form.is_blank:
                    continue
                data = form.cleaned_data
                action = new_action(
                    board,
                    reference=data["final_reference"],
                    description=data["description"].strip(),
                    resolution=data.get("resolution"),
                    raised_at=meeting,
                    status=data["status"],
                    due=data["parsed_due"],
                )
                officers = officers_for(data["officer_people"], board, by=request.user, added=added)
                record(action, actor=_actor(request), officers=officers)
                created.append(action.reference)
        messages.success(request, f"{wording.count(len(created), 'action')} recorded: {', '.join(created)}.")
        return redirect("boards:meeting", board.slug, meeting.pk)
    people = Person.objects.on_board(board).order_by("name")
    return render(
        request,
        "boards/clerk/actions_entry.html",
        {"board": board, "meeting": meeting, "formset": formset, "people": people},
    )


@login_required
def action_edit(request, slug, pk):
    action, access = action_for(request, slug, pk, manage=True)
    board = access.board
    if action.state == ActionState.WITHDRAWN:
        messages.info(request, f"{action.reference} is withdrawn: reinstate it to edit it.")
        return redirect(action.get_absolute_url())
    form = ActionEditForm(request.POST or None, action=action)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        due = data["parsed_due"]
        try:
            with transaction.atomic():
                officers = officers_for(data["officer_people"], board, by=request.user)
                action.reference = data["reference"].strip()
                action.description = data["description"].strip()
                action.status = data["status"]
                action.due_date, action.due_meeting, action.due_text = due.date, due.meeting, due.text
                action.exempt, action.exempt_grounds = data["exempt"], data["exempt_grounds"]
                # The reason goes into the history; the log's Comments column keeps the
                # officer's progress note.
                record(
                    action,
                    actor=_actor(request),
                    officers=officers,
                    comment=data["reason"],
                    expected_version=data["version"],
                    comment_to_log=False,
                )
        except StaleAction as refused:  # the edit's transaction has rolled back: its refusal is kept
            stale = refused
            action, access = action_for(request, slug, pk, manage=True)
            form = kept_form(request, refused, ActionEditForm, action)
        else:
            messages.success(request, f"{action.reference} saved.")
            return redirect(action.get_absolute_url())
    people = Person.objects.on_board(board).order_by("name")
    return render(
        request,
        "boards/clerk/action_form.html",
        {
            "board": board,
            "action": action,
            "form": form,
            "people": people,
            **stale_context(stale),
        },
    )


@login_required
def close_actions(request, slug):
    """Choose, confirm, close: nothing is closed until the clerk confirms."""
    board = board_for(request, slug, manage=True).board
    initial = {"actions": list(board.actions.filter(state="proposed").values_list("pk", flat=True))}
    form = CloseActionsForm(request.POST or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["actions"])
        meeting = form.cleaned_data["meeting"]
        if request.POST.get("confirm") == "yes":
            count = closing.close(
                chosen,
                meeting=meeting,
                actor=_actor(request),
                comment=form.cleaned_data["comment"]
                or f"Closed as agreed at the meeting of {meeting.date:%-d %B %Y}.",
            )
            messages.success(
                request,
                f"{wording.count(count, 'action')} closed as agreed at the meeting of "
                f"{meeting.date:%-d %B %Y}.",
            )
            return redirect("boards:log", board.slug)
        return render(
            request,
            "boards/clerk/close_confirm.html",
            {"board": board, "form": form, "chosen": chosen, "meeting": meeting},
        )
    return render(request, "boards/clerk/close_form.html", {"board": board, "form": form})


@login_required
def reopen_action(request, slug, pk):
    """Reopen a closed action, or reinstate a withdrawn one (a withdrawal made in error)."""
    action, access = action_for(request, slug, pk, manage=True)
    if action.state not in (ActionState.CLOSED, ActionState.WITHDRAWN):
        messages.info(request, f"{action.reference} is not closed or withdrawn.")
        return redirect(action.get_absolute_url())
    reinstating = action.state == ActionState.WITHDRAWN
    form = ReasonForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        doing, done = ("reinstating", "reinstated") if reinstating else ("reopening", "reopened")
        try:
            closing.reopen(
                action,
                actor=_actor(request),
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleAction as refused:
            say_refused(request, refused, action, doing)
        else:
            messages.success(request, f"{action.reference} {done}.")
        return redirect(action.get_absolute_url())
    return render(
        request,
        "boards/clerk/reopen_form.html",
        {"board": access.board, "action": action, "form": form, "reinstating": reinstating},
    )


@login_required
def withdraw_action(request, slug, pk):
    """Withdraw an action recorded in error, with a reason, after a confirmation page."""
    action, access = action_for(request, slug, pk, manage=True)
    if action.state not in closing.WITHDRAWABLE:
        messages.info(
            request,
            f"{action.reference} is {action.get_state_display().lower()}: only an "
            "outstanding action can be withdrawn.",
        )
        return redirect(action.get_absolute_url())
    form = WithdrawForm(request.POST or None, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            closing.withdraw(
                action,
                actor=_actor(request),
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleAction as refused:
            say_refused(request, refused, action, "withdrawing")
        else:
            messages.success(request, f"{action.reference} withdrawn.")
        return redirect(action.get_absolute_url())
    return render(
        request, "boards/clerk/withdraw_confirm.html", {"board": access.board, "action": action, "form": form}
    )


@login_required
@require_POST
def send_update_link(request, slug, person_pk):
    board = board_for(request, slug, manage=True).board
    person = get_object_or_404(Person.objects.on_board(board), pk=person_pk)
    actions = list(
        Action.objects.filter(officer_links__person=person)
        .outstanding()
        .select_related("board")
        .order_by("board__name", "sort_key")
    )
    if not person.email:
        messages.error(
            request, f"{person.name} has no email address: add one on their page, then send the link."
        )
        return redirect("boards:person_edit", board.slug, person.pk)
    if not actions:
        messages.info(request, f"{person.name} has no outstanding actions.")
    else:
        expires = timezone.localdate() + timedelta(days=settings.UPDATE_LINK_MAX_AGE_DAYS)
        send_email(
            "update-link",
            [person.email],
            {
                "person": person,
                "actions": actions,
                "link": link_url(person),
                "expires": expires,
                "board_names": ", ".join(sorted({a.board.name for a in actions})),
            },
        )
        messages.success(request, f"An update link has been emailed to {person.name}.")
    return redirect("boards:person", person.pk)


@login_required
def revoke_links(request, slug, person_pk):
    board = board_for(request, slug, manage=True).board
    person = get_object_or_404(Person.objects.on_board(board), pk=person_pk)
    if request.method == "POST":
        person.rotate_link_key()
        messages.success(request, f"Every update link sent to {person.name} has been revoked.")
        return redirect("boards:person", person.pk)
    return render(request, "boards/clerk/revoke_confirm.html", {"board": board, "person": person})


@login_required
@require_POST
def chase_officer(request, slug, person_pk):
    """Send one officer a reminder of their open actions on this board, now."""
    board = board_for(request, slug, manage=True).board
    person = get_object_or_404(Person.objects.on_board(board), pk=person_pk)
    if not person.email:
        messages.error(
            request, f"{person.name} has no email address: add one on their page, then send the reminder."
        )
        return redirect("boards:person_edit", board.slug, person.pk)
    result = chase(person, board)
    if result is None:
        messages.info(request, f"{person.name} has no outstanding actions on {board.name}.")
    elif result.status == "sent":
        messages.success(
            request,
            f"A reminder of {wording.count(len(result.reminders), 'action')} "
            f"has been emailed to {person.name}.",
        )
    else:
        messages.error(request, f"The reminder to {person.name} could not be sent; it will be tried again.")
    return redirect("boards:person", person.pk)


@login_required
def reminder_policy(request, slug):
    """The board's reminder policy, and the latest reminders sent for it."""
    board = board_for(request, slug, manage=True).board
    policy = ReminderPolicy.objects.filter(board=board).first() or ReminderPolicy(board=board)
    form = ReminderPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Reminder policy saved.")
        return redirect("boards:reminder_policy", board.slug)
    digests = (
        Digest.objects.filter(reminders__action__board=board)
        .distinct()
        .select_related("person")
        .order_by("-created_at")[:50]
    )
    return render(
        request, "boards/clerk/reminder_policy.html", {"board": board, "form": form, "digests": digests}
    )
