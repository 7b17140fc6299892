"""A board's people, managed by its clerks: the list, adding from a pasted list, one
person's details and roles, their account (invite, remove access), and merging a person
entered twice. Every view asks access.board_for(..., manage=True) first; the clerk role
itself is given and taken only by the organisation's admins and staff (can_administer).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import wording
from ..access import board_for
from ..forms.people import MergeForm, PeoplePasteForm, PersonForm, RoleForm, role_choices
from ..log_query import page_of
from ..models import Membership, MembershipRole
from ..services import accounts
from ..services.people import (
    ROLE_LABELS,
    MergeRefused,
    RoleRefused,
    add_people,
    add_role,
    board_people,
    change_person,
    merge_people,
    remove_role,
)

PER_PAGE = 50
ROLE_ORDER = [r.value for r in MembershipRole]


def _person_on(board, pk):
    """One of the board's people (not a merged record), or 404."""
    return get_object_or_404(board_people(board).select_related("user", "organisation"), pk=pk)


def _roles(memberships):
    return [ROLE_LABELS[m.role] for m in sorted(memberships, key=lambda m: ROLE_ORDER.index(m.role))]


@login_required
def people_list(request, slug):
    board = board_for(request, slug, manage=True).board
    query = " ".join(request.GET.get("q", "").split())[:200]
    people = (
        board_people(board)
        .select_related("user", "organisation")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.filter(board=board), to_attr="board_roles")
        )
        .order_by("name", "pk")
    )
    for word in query.split():
        people = people.filter(name__icontains=word)
    page, notice = page_of(Paginator(people, PER_PAGE), request.GET.get("page"))
    rows = [
        {"person": p, "roles": _roles(p.board_roles), "account": accounts.account_state(p)}
        for p in page.object_list
    ]
    return render(
        request,
        "boards/people/list.html",
        {
            "board": board,
            "rows": rows,
            "page": page,
            "page_notice": notice,
            "query": query,
        },
    )


@login_required
def people_add(request, slug):
    access = board_for(request, slug, manage=True)
    board = access.board
    form = PeoplePasteForm(request.POST or None, board=board, may_administer=access.can_administer)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        added = add_people(
            board,
            form.cleaned_data["rows"],
            role,
            request.user,
            organisation=form.cleaned_data["organisation"],
        )
        label = ROLE_LABELS[role]
        parts = []
        joining = added.new + added.joined
        if joining:
            parts.append(
                f"{wording.count(len(joining), 'person', 'people')} added to {board.name} as "
                f"{label}: {', '.join(p.name for p in joining)}."
            )
        if added.joined:
            parts.append(
                f"Already known from another board, the same record is used: "
                f"{', '.join(p.name for p in added.joined)}."
            )
        if added.given_role:
            names = ", ".join(p.name for p in added.given_role)
            parts.append(f"Made {label}: {names} (already on the board).")
        if added.had_role:
            parts.append(f"Already {label}: {', '.join(p.name for p in added.had_role)}.")
        messages.success(request, " ".join(parts))
        return redirect("boards:board_people", board.slug)
    return render(request, "boards/people/add.html", {"board": board, "form": form})


@login_required
def person_edit(request, slug, person_pk):
    access = board_for(request, slug, manage=True)
    board = access.board
    person = _person_on(board, person_pk)
    form = PersonForm(request.POST or None, person=person, board=board)
    if request.method == "POST" and form.is_valid():
        changes = change_person(person, form.cleaned_data, request.user, board=board)
        if changes:
            messages.success(request, f"Details of {person.name} saved.")
        else:
            messages.info(request, f"Nothing was changed: the details of {person.name} are as they were.")
        return redirect("boards:person_edit", board.slug, person.pk)
    held = {m.role for m in person.memberships.filter(board=board)}
    roles = [
        {
            "value": value,
            "label": label,
            "held": value in held,
            "may_change": value != MembershipRole.CLERK or access.can_administer,
        }
        for value, label in role_choices(True)
    ]
    return render(
        request,
        "boards/people/edit.html",
        {
            "board": board,
            "person": person,
            "form": form,
            "roles": roles,
            "account": accounts.account_state(person),
        },
    )


@login_required
@require_POST
def person_roles(request, slug, person_pk):
    """Give or take away one role. The clerk role: the organisation's admins and staff only."""
    access = board_for(request, slug, manage=True)
    board = access.board
    person = _person_on(board, person_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role to add or remove.")
        return redirect("boards:person_edit", board.slug, person.pk)
    role, op = form.cleaned_data["role"], form.cleaned_data["op"]
    if role == MembershipRole.CLERK and not access.can_administer:
        raise PermissionDenied(
            "Only the admins of the board's organisation can appoint or remove its clerks."
        )
    label = ROLE_LABELS[role]
    if op == "add":
        if add_role(board, person, role, request.user):
            messages.success(request, f"{person.name} is now {label} of {board.name}.")
        else:
            messages.info(request, f"{person.name} is {label} of {board.name} already.")
        return redirect("boards:person_edit", board.slug, person.pk)
    try:
        removed = remove_role(board, person, role, request.user)
    except RoleRefused as refused:
        messages.error(request, str(refused))
        return redirect("boards:person_edit", board.slug, person.pk)
    if not removed:
        messages.info(request, f"{person.name} is not {label} of {board.name}.")
    elif not person.memberships.filter(board=board).exists():
        messages.success(
            request, f"{person.name} is no longer {label}, and has no other role on {board.name}."
        )
        return redirect("boards:board_people", board.slug)
    else:
        messages.success(request, f"{person.name} is no longer {label} of {board.name}.")
    return redirect("boards:person_edit", board.slug, person.pk)


@login_required
def person_invite(request, slug, person_pk):
    """GET: what will be sent; POST: make the account and send the invitation."""
    access = board_for(request, slug, manage=True)
    board = access.board
    person = _person_on(board, person_pk)
    problem = accounts.invitation_problem(person, by=request.user, may_administer=access.can_administer)
    if request.method == "POST":
        if problem:
            messages.error(request, problem)
            return redirect("boards:person_edit", board.slug, person.pk)
        try:
            accounts.invite(person, by=request.user, board=board, may_administer=access.can_administer)
        except accounts.AccountRefused as refused:
            messages.error(request, str(refused))
        except accounts.InvitationNotSent:
            messages.error(
                request,
                f"The invitation to {person.name} could not be emailed: the mail server "
                "did not take it. Try again later.",
            )
        else:
            messages.success(request, f"An invitation has been emailed to {person.name}.")
        return redirect("boards:person_edit", board.slug, person.pk)
    return render(
        request,
        "boards/people/invite_confirm.html",
        {
            "board": board,
            "person": person,
            "problem": problem,
            "valid_for": accounts.invitation_valid_for(),
        },
    )


@login_required
def person_remove_access(request, slug, person_pk):
    access = board_for(request, slug, manage=True)
    board = access.board
    person = _person_on(board, person_pk)
    problem = accounts.removal_problem(person, by=request.user, may_administer=access.can_administer)
    if request.method == "POST":
        try:
            accounts.remove_access(person, by=request.user, board=board, may_administer=access.can_administer)
        except accounts.AccountRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                f"{person.name}'s access has been removed: they can no longer sign in, "
                "and the update links emailed to them no longer work.",
            )
        return redirect("boards:person_edit", board.slug, person.pk)
    return render(
        request,
        "boards/people/remove_access_confirm.html",
        {"board": board, "person": person, "problem": problem},
    )


@login_required
def person_merge(request, slug, person_pk):
    """Choose the duplicate, see what moves, confirm: nothing is merged before that."""
    access = board_for(request, slug, manage=True)
    board = access.board
    keep = _person_on(board, person_pk)
    form = MergeForm(
        request.POST or None, keep=keep, board=board, by=request.user, may_administer=access.can_administer
    )
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        if request.POST.get("confirm") == "yes":
            try:
                merge_people(keep, duplicate, request.user, board)
            except MergeRefused as refused:
                messages.error(request, str(refused))
                return redirect("boards:person_merge", board.slug, keep.pk)
            messages.success(request, f"{duplicate.name} has been merged into {keep.name}.")
            return redirect("boards:person_edit", board.slug, keep.pk)
        return render(
            request,
            "boards/people/merge_confirm.html",
            {
                "board": board,
                "keep": keep,
                "duplicate": duplicate,
                "plan": form.plan,
            },
        )
    return render(request, "boards/people/merge_form.html", {"board": board, "keep": keep, "form": form})
