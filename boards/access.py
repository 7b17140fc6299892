"""Who may see and change what. Every view starts from these helpers.

Roles are data: a Membership row gives a person a role on a board; an
OrganisationAdmin row makes a person the governance lead of an organisation, who
creates its boards, appoints their clerks and may do on them what a clerk may. Staff
users manage every board. The public reads public boards; a private board is a 404
to anyone who is not on it, so its existence is not revealed.
"""

from dataclasses import dataclass
from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    Action,
    ActionUpdate,
    Board,
    Meeting,
    Membership,
    MembershipRole,
    MinuteItem,
    Organisation,
    OrganisationAdmin,
    Person,
    PublishedLog,
    Resolution,
)
from .models.actions import ActionQuerySet

READ_ROLES = {r.value for r in MembershipRole}

# Who is asking: a signed-in account, a request's anonymous user, or None for the public.
Viewer: TypeAlias = User | AnonymousUser | None


def person_of(user):
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def administered_organisations(user):
    """The organisations whose boards the user administers: all for staff."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_staff:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=OrganisationAdmin.objects.filter(person__user=user).values("organisation_id")
    )


def _inside_q(user: User) -> Q:
    """Boards the user has a role on, or administers through an organisation. Subqueries,
    not joins: a joined, DISTINCT queryset multiplied every count annotated on it (the home
    page's) by the board's memberships, and was slow."""
    member_of = Membership.objects.filter(person__user=user).values("board_id")
    administered = OrganisationAdmin.objects.filter(person__user=user).values("organisation_id")
    return Q(pk__in=member_of) | Q(organisations__in=administered)


def visible_boards(user: Viewer) -> QuerySet[Board]:
    """Public boards for everyone; private boards for the people on them, their
    organisation's admins, and staff."""
    if user is not None and user.is_authenticated:
        if user.is_staff:
            return Board.objects.all()
        return Board.objects.filter(pk__in=Board.objects.filter(Q(is_public=True) | _inside_q(user)))
    return Board.objects.filter(is_public=True)


def exempt_shown_q(user: Viewer, prefix: str = "") -> Q:
    """Actions (at `prefix`, e.g. "action__") the user may see as far as exemption goes: those
    open to the public, and exempt ones on the boards the user is inside (boards.models.exemption)."""
    if user is not None and user.is_authenticated and user.is_staff:
        return Q()
    return Q(**{f"{prefix}exempt": False}) | Q(**{f"{prefix}board__in": inside_boards(user)})


def visible_actions(user: Viewer) -> "ActionQuerySet[Action]":
    """The actions of the boards the user may see (visible_boards), less those exempt from
    publication on boards the user is not inside."""
    return Action.objects.filter(board__in=visible_boards(user)).filter(exempt_shown_q(user))


def visible_meetings(user):
    """The meetings (with their minutes) of the boards the user may see."""
    return Meeting.objects.filter(board__in=visible_boards(user))


def visible_published_logs(user):
    """The published copies of the logs of the boards the user may see."""
    return PublishedLog.objects.filter(board__in=visible_boards(user))


def visible_people(user):
    """People on a board the user may see (a role on it, or an action of it), merged records
    included (their pages lead to the person kept). Subqueries, so each person comes once."""
    boards = visible_boards(user)
    return Person.objects.filter(
        Q(pk__in=visible_actions(user).values("officer_links__person"))
        | Q(pk__in=Membership.objects.filter(board__in=boards).values("person_id"))
    )


def visible_updates(user):
    """The history rows (an action's comments and changes) of the actions the user may see."""
    return ActionUpdate.objects.filter(action__board__in=visible_boards(user)).filter(
        exempt_shown_q(user, "action__")
    )


def visible_minute_items(user):
    """The minute items of the boards the user may see, less exempt ones on boards the user
    is not inside."""
    return MinuteItem.objects.filter(board__in=visible_boards(user)).filter(exempt_shown_q(user))


def visible_resolutions(user):
    """The resolutions of the boards the user may see, less exempt ones (or those of an
    exempt minute item) on boards the user is not inside."""
    resolutions = Resolution.objects.filter(minute_item__board__in=visible_boards(user))
    if user is not None and user.is_authenticated and user.is_staff:
        return resolutions
    public = Q(exempt=False, minute_item__exempt=False)
    return resolutions.filter(public | Q(minute_item__board__in=inside_boards(user)))


def feed_actions(user, board: Board):
    """The actions of `board` whose changes its Atom feed and calendars may show to `user`:
    the board's actions that user may see, never those exempt from publication (a feed's
    copies travel to readers and services the board does not control). The one place a feed
    asks, so that a rule hiding an action from some readers hides it from the feeds too."""
    return visible_actions(user).filter(board=board).published()


def calendar_actions(person):
    """The actions on a person's own calendar: the outstanding ones they are a responsible
    officer of, on boards their account may see (the public's boards when it has none), less
    those exempt from publication: a calendar address is often handed to a calendar service."""
    return visible_actions(person.user).filter(officer_links__person=person).outstanding().published()


def calendar_boards(person):
    """The boards whose meetings go on a person's own calendar: those they have a role on
    that their account may see."""
    return visible_boards(person.user).filter(
        pk__in=Membership.objects.filter(person=person).values("board_id")
    )


def inside_boards(user: Viewer) -> QuerySet[Board]:
    """The boards whose inner workings (who was chased, and when) the user may see: those
    they have a role on or administer, and every board for staff. The public sees none."""
    if user is None or not user.is_authenticated:
        return Board.objects.none()
    if user.is_staff:
        return Board.objects.all()
    return Board.objects.filter(pk__in=Board.objects.filter(_inside_q(user)))


@dataclass(frozen=True)
class BoardAccess:
    board: Board
    roles: frozenset
    is_staff: bool
    is_org_admin: bool = False

    @property
    def is_inside(self) -> bool:
        """Members, officers, clerks (any role on the board), its organisation's admins and
        staff: they see its reminder and escalation history, which the public does not."""
        return self.is_staff or self.is_org_admin or bool(self.roles)

    @property
    def sees_exempt(self) -> bool:
        """Exempt items (boards.models.exemption) are for the board's own people: those inside."""
        return self.is_inside

    @property
    def can_manage(self) -> bool:
        """Clerks of this board, its organisation's admins and staff: meetings, minutes,
        actions, closing, people, roles other than clerk, attendance, the RAG key."""
        return self.can_administer or MembershipRole.CLERK in self.roles

    @property
    def can_administer(self) -> bool:
        """Its organisation's admins and staff: the board's settings, appointing clerks."""
        return self.is_staff or self.is_org_admin

    def can_update(self, action: Action, person) -> bool:
        """Clerks, and the action's own officers."""
        if self.can_manage:
            return True
        return person is not None and any(link.person_id == person.pk for link in action.officer_links.all())


def access_for(user, board: Board) -> BoardAccess:
    person = person_of(user)
    roles = (
        frozenset(board.memberships.filter(person=person).values_list("role", flat=True))
        if person
        else frozenset()
    )
    is_org_admin = (
        bool(person) and OrganisationAdmin.objects.filter(person=person, organisation__boards=board).exists()
    )
    return BoardAccess(board, roles, bool(user and user.is_authenticated and user.is_staff), is_org_admin)


def organisation_for(request, slug) -> Organisation:
    """An organisation the user administers; 404 for any other (its admins' pages reveal
    nothing to anyone else)."""
    return get_object_or_404(administered_organisations(request.user), slug=slug)


def visible_board(user, slug) -> Board:
    """The board, with its RAG key, if the user may see it; 404 otherwise (a private board's
    existence is not revealed)."""
    boards = visible_boards(user).select_related("rag_key").prefetch_related("rag_key__statuses")
    return get_object_or_404(boards, slug=slug)


def board_for(request, slug, *, manage=False, administer=False) -> BoardAccess:
    """The board and what this user may do on it; 404 if they may not see it,
    403 if they may see it but `manage` is asked and they are not its clerk (or an admin
    of its organisation), or `administer` and they are not its organisation's admin."""
    board = visible_board(request.user, slug)
    access = access_for(request.user, board)
    if manage and not access.can_manage:
        raise PermissionDenied("Only the board's clerks can do this.")
    if administer and not access.can_administer:
        raise PermissionDenied("Only the admins of the board's organisation can do this.")
    return access


def action_for(request, slug, pk, *, update=False, manage=False):
    """(action, access) if the user may see it; 403 when asked to update or manage
    and they may not."""
    access = board_for(request, slug, manage=manage)
    action = get_object_or_404(
        Action.objects.filter(board=access.board)
        .select_related(
            "board",
            "status",
            "due_meeting",
            "raised_at",
            "closed_at_meeting",
            "resolution__minute_item__meeting",
            "minute_item",
        )
        .prefetch_related("officer_links__person"),
        pk=pk,
    )
    if action.exempt and not access.sees_exempt:
        raise Http404("No such action.")  # as for a private board: its existence is not revealed
    if update and not access.can_update(action, person_of(request.user)):
        raise PermissionDenied("Only the action's responsible officers and the board's clerks can update it.")
    return action, access
