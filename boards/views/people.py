"""One person's actions across every board the viewer can see."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from ..access import access_for, inside_boards, visible_actions, visible_boards, visible_people
from ..log_query import filtered_log
from ..models import Person, SetupRecord
from .common import view_counts

SETUP_SHOWN = 20


def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    boards = visible_boards(request.user)
    if not visible_people(request.user).filter(pk=person.current.pk).exists():
        raise Http404("No such person on a board you can see.")
    if person.merged_into_id:
        # A record merged into another: the person it now stands for (to those who may
        # see that person; to anyone else, not found, like any person off their boards).
        return redirect("boards:person", person.current.pk)
    actions = visible_actions(request.user).filter(officer_links__person=person)
    context = filtered_log(request, actions)
    clerk_of = (
        [
            board
            for board in boards.filter(memberships__person=person).distinct()
            if access_for(request.user, board).can_manage
        ]
        if request.user.is_authenticated
        else []
    )
    # Who was chased is for the boards' own people: members, officers, clerks and staff,
    # each seeing the reminders of their own boards. Nobody else sees the section at all.
    inside = inside_boards(request.user)
    reminders = (
        (
            person.reminders.filter(action__board__in=inside)
            .select_related("action__board", "about", "digest")
            .order_by("-planned_at")[:50]
        )
        if inside.exists()
        else None
    )
    # The record of this person's set-up (added, changed, merged, invited...) on the
    # boards the viewer manages, newest first.
    setup_records = (
        (
            SetupRecord.objects.filter(person=person, board__in=clerk_of).select_related("by_user")[
                :SETUP_SHOWN
            ]
        )
        if clerk_of
        else None
    )
    context.update(
        setup_records=setup_records,
        reminders=reminders,
        clerk_of=clerk_of,
        person=person,
        show_board=True,
        views=view_counts(actions, context["today"]),
    )
    return render(request, "boards/person.html", context)
