"""People's accounts: inviting a board's person to sign in, and removing their access.

Most officers never sign in: they update their actions through emailed links. A clerk
may invite a person to have an account: it is made (or an unused one reused) with no
password, and the person is emailed a link to choose one (Django's password reset link,
valid for settings.PASSWORD_RESET_TIMEOUT and only until the password is set). Removing
access deactivates the account (which ends its sessions), makes its password unusable
(which voids any invitation still unused) and revokes the person's update links; the
person stays, as an officer without an account, with their actions and history.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .. import wording
from ..emails import send_email
from ..limits import max_length
from ..models import Board, Person, SetupKind
from . import calendar_feeds
from .people import powers_problem
from .setup_records import note

log = logging.getLogger("boards.accounts")

SIGNED_IN = "Signed-in account"
INVITED = "Invited"
LINK_ONLY = "Link-only officer"
REMOVED = "Access removed"


def account_state(person: Person) -> str:
    """What kind of access a person has, in the words of the people list. Reads
    person.user, so select_related("user") for a list."""
    user = person.user
    if user is None:
        return LINK_ONLY
    if not user.is_active:
        return REMOVED
    return SIGNED_IN if user.has_usable_password() else INVITED


class AccountRefused(Exception):
    """An invitation or removal that cannot be done; the message says why."""


class InvitationNotSent(Exception):
    """The account is ready but the email could not be sent."""


def inviter_name(user: User) -> str:
    person = getattr(user, "person", None)
    return person.name if person is not None else user.get_username()


def invitation_problem(person: Person, *, by: User, may_administer: bool) -> str:
    """Why `person` cannot be invited by `by` ("" if they can). Emails are compared
    without case. Whoever may change a person's email could send their invitation to
    themselves: a person with powers beyond the board is invited by those who grant them."""
    problem = powers_problem(person, by=by, may_administer=may_administer, doing="invite them")
    if problem:
        return problem
    if not person.email:
        return f"Add an email address for {person.name} first."
    email = person.email.strip().lower()
    User = get_user_model()
    if len(email) > max_length(User, "username"):
        return f"{person.email} is too long to sign in with: use a shorter address."
    taken = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    if person.user_id:
        taken = taken.exclude(pk=person.user_id)
    if taken.exists():
        return (
            f"{person.email} is the email of another account: use another address for "
            f"{person.name}, or ask an administrator to link that account to them."
        )
    user = person.user
    if user is not None and user.is_active and user.last_login is not None:
        return (
            f"{person.name} already has an account and has signed in. If they have forgotten "
            "their password, they can use “Forgotten your password?” on the sign-in page."
        )
    return ""


def invite(person: Person, *, by: User, board: Board, may_administer: bool) -> str:
    """Make (or reactivate) the person's account, with no password, and email them a
    link to choose one. Returns the address it was sent to.

    Owns its transaction, which must not be nested (durable): the account and its INVITED
    record are committed before the email is sent, so no database transaction is held
    open across the mail server. If sending fails, InvitationNotSent: the account stays
    ready, unusable until a password is chosen, and the clerk can send again.
    """
    User = get_user_model()
    with transaction.atomic(durable=True):
        person.refresh_from_db()
        problem = invitation_problem(person, by=by, may_administer=may_administer)
        if problem:
            raise AccountRefused(problem)
        email = person.email.strip().lower()
        user = person.user
        if user is None:
            user = User.objects.create_user(username=email, email=email)  # no password: unusable
            person.user = user
            person.save(update_fields=["user"])
            made = "created"
        else:
            made = "existing" if user.is_active else "reactivated"
            user.email = email
            user.is_active = True
            if user.has_usable_password():
                user.set_unusable_password()
            user.save(update_fields=["email", "is_active", "password"])
        note(
            SetupKind.INVITED,
            f"{person.name} invited to sign in ({email})",
            by=by,
            board=board,
            person=person,
            email=email,
            account=made,
        )
    expires = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    try:
        send_email(
            "invitation",
            [email],
            {
                "person": person,
                "board": board,
                "inviter": inviter_name(by),
                "link": set_password_url(user),
                "username": user.get_username(),
                "expires": timezone.localtime(expires),
            },
        )
    except Exception as error:  # any failure of the mail server: tell the clerk, keep the account
        log.warning("Invitation to %s not sent: %s", person.pk, error)
        raise InvitationNotSent(str(error)) from error
    return email


def invitation_valid_for() -> str:
    """How long an invitation's link works, in words: "3 days", "2 hours"."""
    seconds = settings.PASSWORD_RESET_TIMEOUT
    if seconds >= 86400 and seconds % 86400 == 0:
        return wording.count(seconds // 86400, "day")
    if seconds >= 3600:
        return wording.count(seconds // 3600, "hour")
    return wording.count(max(seconds // 60, 1), "minute")


def set_password_url(user: User) -> str:
    """The absolute address of the page where `user` chooses a password (Django's
    password reset confirmation, with a token that expires and is used once)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_reset_confirm", args=[uid, token])


def removal_problem(person: Person, *, by: User, may_administer: bool) -> str:
    """Why the access of `person` cannot be removed by `by` ("" if it can)."""
    user = person.user
    if user is None:
        return (
            f"{person.name} has no account. To stop the update links emailed to them, "
            "use “Revoke update links”."
        )
    if not user.is_active:
        return f"{person.name}'s access has been removed already."
    if user.pk == getattr(by, "pk", None):
        return "You cannot remove your own access."
    if user.is_staff:
        return f"{person.name} is a member of staff: only the administration pages can change their account."
    return powers_problem(person, by=by, may_administer=may_administer, doing="remove their access")


def remove_access(person: Person, *, by: User, board: Board, may_administer: bool) -> None:
    """Deactivate the person's account (its sessions end: an inactive user is not
    authenticated), make its password unusable (an unused invitation stops working) and
    revoke their emailed update links and their calendar address. The person stays, with
    their actions and history. Owns its transaction."""
    with transaction.atomic():
        person.refresh_from_db()
        problem = removal_problem(person, by=by, may_administer=may_administer)
        if problem:
            raise AccountRefused(problem)
        user = person.user
        assert user is not None  # removal_problem refuses a person without an account
        user.is_active = False
        user.set_unusable_password()
        user.save(update_fields=["is_active", "password"])
        person.rotate_link_key()
        calendar_feeds.revoke(person)
        note(
            SetupKind.ACCESS_REMOVED,
            f"{person.name}'s access removed ({user.get_username()})",
            by=by,
            board=board,
            person=person,
            username=user.get_username(),
        )
