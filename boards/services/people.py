"""The writers of a board's people: adding them from a pasted list, changing their
details, giving and taking away roles, and merging a person entered twice.

Each writer owns its transaction and writes its set-up record (services.setup_records)
in it. Callers validate first (boards.forms.people): a writer is handed rows that are
right, and saves all of them or none.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet

from .. import wording
from ..models import (
    ActionOfficer,
    Attendance,
    Board,
    Meeting,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationAdmin,
    Person,
    SetupKind,
)
from .setup_records import note

ROLE_LABELS = dict(MembershipRole.choices)

# Who did it: the signed-in user (None, or an AnonymousUser, is no one).
By = User | AnonymousUser | None


# One changed detail of a person, as text.
PersonChange = TypedDict("PersonChange", {"from": str, "to": str})


class MergeDetails(TypedDict):
    """A merge's set-up record details, on each of the two people."""

    kept: str
    kept_id: int
    duplicate: str
    duplicate_id: int
    moved: list[str]


# The rows that name a person once per board, meeting or organisation (a merge moves them).
Held = TypeVar("Held", Membership, Attendance, OrganisationAdmin)


def board_people(board: Board) -> QuerySet[Person]:
    """The people on a board (a role of any kind), merged records left out."""
    return Person.objects.on_board(board)


@dataclass
class PersonRow:
    """One checked line of a pasted list: a new person, or `existing`, the board's person
    of the same name, who is given the role."""

    name: str
    job_title: str = ""
    email: str = ""
    existing: Person | None = None


@dataclass
class Added:
    new: list[Person] = field(default_factory=list)
    # Known already (from another board, by name and email): the same record joins this one.
    joined: list[Person] = field(default_factory=list)
    given_role: list[Person] = field(default_factory=list)
    had_role: list[Person] = field(default_factory=list)


def add_people(
    board: Board, rows: list[PersonRow], role: str, by: By, *, organisation: Organisation | None = None
) -> Added:
    """Add each row's person to the board with `role`: a new Person, or the existing one
    given the role (their empty job title, email and organisation filled in from the row).
    Owns its transaction; one PEOPLE_ADDED record lists the names."""
    added = Added()
    with transaction.atomic():
        for row in rows:
            person = row.existing
            if person is None:
                person = Person.objects.create(
                    name=row.name, job_title=row.job_title, email=row.email, organisation=organisation
                )
                added.new.append(person)
            else:
                was_on_board = Membership.objects.filter(board=board, person=person).exists()
                filled: list[str] = []
                for name, value in (
                    ("job_title", row.job_title),
                    ("email", row.email),
                    ("organisation", organisation),
                ):
                    if value and not getattr(person, name):
                        setattr(person, name, value)
                        filled.append(name)
                if filled:
                    person.save(update_fields=filled)
            _, created = Membership.objects.get_or_create(
                board=board, person=person, role=role, defaults={"added_by": _user(by)}
            )
            if person in added.new:
                pass
            elif not was_on_board:
                added.joined.append(person)
            else:
                (added.given_role if created else added.had_role).append(person)
        label = ROLE_LABELS[role]
        names = [p.name for p in added.new + added.joined + added.given_role]
        note(
            SetupKind.PEOPLE_ADDED,
            f"{wording.count(len(names), 'person', 'people')} added as {label}: {', '.join(names)}",
            by=by,
            board=board,
            role=role,
            new=[p.name for p in added.new],
            joined=[p.name for p in added.joined],
            given_role=[p.name for p in added.given_role],
            had_role=[p.name for p in added.had_role],
        )
    return added


PERSON_FIELDS = ("name", "job_title", "organisation", "email")


def change_person(
    person: Person, data: Mapping[str, object], by: By, *, board: Board
) -> dict[str, PersonChange]:
    """Save the person's details; returns {field: {"from", "to"}} of what changed
    (nothing recorded when nothing did). Owns its transaction."""
    changes: dict[str, PersonChange] = {}
    for name in PERSON_FIELDS:
        before, after = getattr(person, name), data[name]
        if before != after:
            changes[name] = {"from": str(before or ""), "to": str(after or "")}
            setattr(person, name, after)
    if not changes:
        return changes
    with transaction.atomic():
        person.save(update_fields=list(changes))
        note(
            SetupKind.PERSON_CHANGED,
            f"{person.name}: {', '.join(_label(n) for n in changes)} changed",
            by=by,
            board=board,
            person=person,
            changes=changes,
        )
    return changes


def _label(name: str) -> str:
    model_field = Person._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # the person's own fields, never a reverse relation
    return str(model_field.verbose_name).capitalize()


class RoleRefused(Exception):
    """A role change that is not allowed; the message says why."""


def open_actions_led(person: Person, board: Board) -> int:
    return (
        ActionOfficer.objects.filter(person=person, action__board=board)
        .filter(action__in=board.actions.outstanding())
        .count()
    )


def add_role(board: Board, person: Person, role: str, by: By) -> bool:
    """Give the person a role on the board; False if they had it. Owns its transaction."""
    with transaction.atomic():
        _, created = Membership.objects.get_or_create(
            board=board, person=person, role=role, defaults={"added_by": _user(by)}
        )
        if created:
            note(
                SetupKind.ROLE_ADDED,
                f"{person.name} made {ROLE_LABELS[role]} of {board.name}",
                by=by,
                board=board,
                person=person,
                role=role,
            )
    return created


def remove_role(board: Board, person: Person, role: str, by: By) -> bool:
    """Take a role away; False if they did not have it. An officer of open actions on
    the board keeps the officer role (RoleRefused). Owns its transaction."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update().filter(board=board, person=person, role=role).first()
        )
        if membership is None:
            return False
        if role == MembershipRole.OFFICER:
            open_count = open_actions_led(person, board)
            if open_count:
                raise RoleRefused(
                    f"{person.name} is the responsible officer of {wording.count(open_count, 'open action')} "
                    f"on {board.name}: give {'it' if open_count == 1 else 'them'} to someone else "
                    "(or close them) before removing the officer role."
                )
        membership.delete()
        note(
            SetupKind.ROLE_REMOVED,
            f"{person.name} is no longer {ROLE_LABELS[role]} of {board.name}",
            by=by,
            board=board,
            person=person,
            role=role,
        )
    return True


def powers_problem(person: Person, *, by: By, may_administer: bool, doing: str) -> str:
    """Why `by` (a manager of one of the person's boards) may not do `doing` to a person
    whose powers reach beyond that board ("" if they may): a clerk (of any board) is for
    the organisation's admins, an organisation admin or a staff account for staff. Their
    account, invitation or record decides who holds those powers."""
    by_staff = bool(getattr(by, "is_staff", False))
    if person.user_id and person.user is not None and person.user.is_staff and not by_staff:
        return f"{person.name} is a member of staff: only staff can {doing}."
    if not by_staff and OrganisationAdmin.objects.filter(person=person).exists():
        return f"{person.name} is an organisation admin: only staff can {doing}."
    if not may_administer and Membership.objects.filter(person=person, role=MembershipRole.CLERK).exists():
        return f"{person.name} is a clerk: only the organisation's admins can {doing}."
    return ""


# Merging -------------------------------------------------------------------------


class MergeRefused(Exception):
    """Two records that cannot be merged; the message says why."""


@dataclass(frozen=True)
class MergePlan:
    """What a merge of `duplicate` into `keep` moves, for the confirmation page."""

    actions: int
    roles: int
    attendance: int
    admin_of: int
    chaired: int
    account: bool
    email: str
    job_title: str
    organisation: Organisation | None


def merge_plan(keep: Person, duplicate: Person) -> MergePlan:
    """Counts what would move (a read; nothing is changed). Raises MergeRefused if the
    two cannot be merged."""
    _check_mergeable(keep, duplicate)
    # What `keep` has already is not counted: it is kept once.
    return MergePlan(
        actions=duplicate.officer_links.exclude(action_id__in=keep.officer_links.values("action_id")).count(),
        roles=duplicate.memberships.exclude(
            Exists(Membership.objects.filter(person=keep, board=OuterRef("board"), role=OuterRef("role")))
        ).count(),
        attendance=duplicate.attendance.exclude(meeting_id__in=keep.attendance.values("meeting_id")).count(),
        admin_of=duplicate.organisations_administered.exclude(
            organisation_id__in=keep.organisations_administered.values("organisation_id")
        ).count(),
        chaired=Meeting.objects.filter(chair=duplicate).count(),
        account=bool(duplicate.user_id and not keep.user_id),
        email=duplicate.email if duplicate.email and not keep.email else "",
        job_title=duplicate.job_title if duplicate.job_title and not keep.job_title else "",
        organisation=(
            duplicate.organisation if duplicate.organisation_id and not keep.organisation_id else None
        ),
    )


def _check_mergeable(keep: Person, duplicate: Person) -> None:
    if keep.pk == duplicate.pk:
        raise MergeRefused("A person cannot be merged into themselves.")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise MergeRefused("One of them has been merged already.")
    if keep.user_id and duplicate.user_id and duplicate.user is not None and duplicate.user.is_active:
        raise MergeRefused(
            f"{keep.name} and {duplicate.name} both sign in with accounts of their own: remove "
            f"{duplicate.name}'s access first, then merge."
        )


def merge_people(keep: Person, duplicate: Person, by: By, board: Board) -> MergePlan:
    """Merge `duplicate` (the same person entered twice) into `keep`: their actions, roles,
    attendance, organisation admin rows and chairing move to `keep` (a row both have is
    kept once, at the better position), and the account, email, job title and organisation
    too where `keep` has none. The duplicate stays, pointing at `keep` (merged_into), so the
    history written in its name (never changed) still reads right; its update links are
    revoked. Moving officers is not a change of responsibility, so no action's history is
    written: the PEOPLE_MERGED records (one on each person) say what moved.
    Owns its transaction."""
    with transaction.atomic():
        keep = Person.objects.select_for_update().get(pk=keep.pk)
        duplicate = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=duplicate.pk)
        plan = merge_plan(keep, duplicate)
        _move_officer_links(keep, duplicate)
        _move_unique(Membership.objects.filter(person=duplicate), keep, ("board_id", "role"))
        _move_unique(Attendance.objects.filter(person=duplicate), keep, ("meeting_id",))
        _move_unique(OrganisationAdmin.objects.filter(person=duplicate), keep, ("organisation_id",))
        Meeting.objects.filter(chair=duplicate).update(chair=keep)
        # Earlier merges into the duplicate now point at the person kept: one step to follow.
        Person.objects.filter(merged_into=duplicate).update(merged_into=keep)
        filled: list[str] = []
        if plan.account:
            user, duplicate.user = duplicate.user, None
            duplicate.save(update_fields=["user"])
            keep.user = user
            filled.append("user")
        for name in ("email", "job_title", "organisation"):
            if getattr(plan, name):
                setattr(keep, name, getattr(plan, name))
                filled.append(name)
        if filled:
            keep.save(update_fields=filled)
        duplicate.merged_into = keep
        duplicate.save(update_fields=["merged_into"])
        duplicate.rotate_link_key()
        moved = _moved_words(plan)
        details: MergeDetails = {
            "kept": keep.name,
            "kept_id": keep.pk,
            "duplicate": duplicate.name,
            "duplicate_id": duplicate.pk,
            "moved": moved,
        }
        note(
            SetupKind.PEOPLE_MERGED,
            f"Merged with {duplicate.name}",
            by=by,
            board=board,
            person=keep,
            **details,
        )
        note(
            SetupKind.PEOPLE_MERGED,
            f"Merged into {keep.name}",
            by=by,
            board=board,
            person=duplicate,
            **details,
        )
    return plan


def _move_officer_links(keep: Person, duplicate: Person) -> None:
    """The duplicate's places as an officer, given to `keep` (one place per action).
    Runs in the caller's transaction: call it inside atomic()."""
    kept = {link.action_id: link for link in ActionOfficer.objects.filter(person=keep)}
    for link in ActionOfficer.objects.filter(person=duplicate):
        mine = kept.get(link.action_id)
        if mine is None:
            link.person = keep
            link.save(update_fields=["person"])
        else:
            # Both on the action: one row, at the better place (the lead stays the lead).
            link.delete()
            if link.position < mine.position:
                mine.position = link.position
                mine.save(update_fields=["position"])


def _move_unique(rows: QuerySet[Held], keep: Person, key: tuple[str, ...]) -> None:
    """Point the duplicate's rows at `keep`, dropping those `keep` already has.
    Runs in the caller's transaction: call it inside atomic()."""
    model = rows.model
    taken = set(model.objects.filter(person=keep).values_list(*key))
    for row in rows:
        if tuple(getattr(row, k) for k in key) in taken:
            row.delete()
        else:
            row.person = keep
            row.save(update_fields=["person"])


def _moved_words(plan: MergePlan) -> list[str]:
    words: list[str] = []
    for number, one, many in (
        (plan.actions, "action", "actions"),
        (plan.roles, "role", "roles"),
        (plan.attendance, "attendance record", "attendance records"),
        (plan.admin_of, "organisation admin role", "organisation admin roles"),
        (plan.chaired, "meeting chaired", "meetings chaired"),
    ):
        if number:
            words.append(wording.count(number, one, many))
    if plan.account:
        words.append("the account")
    for name in ("email", "job_title", "organisation"):
        if getattr(plan, name):
            words.append(f"the {_label(name).lower()}")
    return words


def _user(by: By) -> User | None:
    return by if isinstance(by, User) else None  # an AnonymousUser is no one
