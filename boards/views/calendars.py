"""Calendars: a board's meetings as an .ics file, a person's own calendar at a secret address,
and the page where the person makes or resets that address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import calendars
from ..access import board_for, calendar_actions, calendar_boards, person_of
from ..models import Meeting
from ..services import calendar_feeds

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe  # a calendar changes nothing: GET (and HEAD) only
def board_calendar(request, slug):
    """The board's meetings: every future one and the past year's. Whoever may read the
    board may have them; a private board is a 404 to anyone else, as its pages are."""
    board = board_for(request, slug).board
    meetings = board.meetings.filter(starts_at__gte=calendars.meetings_since(timezone.now())).order_by(
        "starts_at"
    )
    for meeting in meetings:
        meeting.board = board  # one board: no query per meeting for its name and slug
    body = calendars.board_calendar(board, meetings, request.build_absolute_uri)
    return _ics(body, f"{board.slug}-meetings.ics")


@require_safe
def personal_calendar(request, token):
    """A person's own calendar, for whoever holds its secret address (a calendar app has no
    session): the due dates of their outstanding actions and their boards' meetings, as
    their account may see them. A reset or revoked address is a 404."""
    feed = calendar_feeds.feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    person = feed.person
    actions = (
        calendar_actions(person)
        .filter(due_date__isnull=False)
        .select_related("board", "status")
        .order_by("due_date", "board_id", "sort_key")
    )
    meetings = (
        Meeting.objects.filter(
            board__in=calendar_boards(person), starts_at__gte=calendars.meetings_since(timezone.now())
        )
        .select_related("board")
        .order_by("starts_at")
    )
    response = _ics(
        calendars.person_calendar(person, actions, meetings, request.build_absolute_uri), "my-calendar.ics"
    )
    # The address is the key: keep it and its answer out of shared caches and search engines.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def calendar_address(request):
    """Make the signed-in person a calendar address, or reset it: the old address stops
    working at once. A reset asks first (this page, GET); the POST makes the change."""
    person = person_of(request.user)
    done = reverse("boards:my_actions") + "#calendar"
    if person is None:
        if request.method == "POST":
            messages.info(
                request, "Your login is not linked to a person on any board, so it has no calendar."
            )
            return redirect(done)
        return render(request, "boards/calendar_address.html", {"person": None, "feed": None})
    feed = calendar_feeds.live_feed(person)
    if request.method == "POST":
        if feed is not None and request.POST.get("confirm") != "yes":
            return redirect("boards:calendar_address")  # a reset is confirmed on this page
        calendar_feeds.reset(person, by=request.user)
        if feed is None:
            messages.success(request, "Your calendar address is ready: add it to your calendar.")
        else:
            messages.success(
                request, "Your calendar address has been reset. The old address no longer works."
            )
        return redirect(done)
    return render(request, "boards/calendar_address.html", {"person": person, "feed": feed})
