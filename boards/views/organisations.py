"""An organisation admin's pages: the organisation's boards and admins, and a new board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.html import format_html

from ..access import administered_organisations, organisation_for
from ..forms.board_setup import NewBoardForm, preset_choices
from ..log_query import page_of
from ..models import MembershipRole
from ..services import board_setup

BOARDS_PER_PAGE = 50


@login_required
def organisation_detail(request, org_slug):
    organisation = organisation_for(request, org_slug)
    boards = (
        organisation.boards.select_related("rag_key")
        .annotate(clerks=Count("memberships", filter=Q(memberships__role=MembershipRole.CLERK)))
        .order_by("name", "pk")
    )
    page, page_notice = page_of(Paginator(boards, BOARDS_PER_PAGE), request.GET.get("page"))
    admins = organisation.admins.select_related("person").order_by("person__name")
    return render(
        request,
        "boards/setup/organisation.html",
        {
            "organisation": organisation,
            "page": page,
            "page_notice": page_notice,
            "admins": admins,
        },
    )


@login_required
def board_new(request, org_slug):
    organisation = organisation_for(request, org_slug)
    form = NewBoardForm(
        request.POST or None,
        organisations=administered_organisations(request.user),
        initial={"organisations": [organisation.pk], "visibility": "public", "rag_key": "rag"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        board = board_setup.create_board(
            name=data["name"],
            slug=data["slug"],
            description=data["description"].strip(),
            organisations=data["organisations"],
            is_public=form.is_public,
            preset=data["rag_key"],
            by=request.user,
        )
        # A plain path: the people pages are board_people, at this address.
        messages.success(
            request,
            format_html(
                'Board {} created. Next: <a href="{}">add its people and appoint its clerk</a>.',
                board.name,
                f"/boards/{board.slug}/people/",
            ),
        )
        return redirect("boards:board", board.slug)
    presets = preset_choices()
    return render(
        request,
        "boards/setup/board_new.html",
        {
            "organisation": organisation,
            "form": form,
            "presets": presets,
            "extra_colours": [status for *_, statuses in presets for status in statuses],
        },
    )
