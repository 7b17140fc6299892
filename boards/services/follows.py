"""Following boards and actions: the one writer of followers and follows, and their links.

A member or officer follows from their account, at once. A member of the public gives an
address and is sent a confirmation link (double opt-in): signed, naming the follower and what
it asked to follow, expiring after FOLLOW_CONFIRM_MAX_AGE_DAYS; at most one confirmation a day
goes to one address, and the page says the same thing whether or not the address already
follows, so nobody learns who follows what. Every alert carries an unsubscribe link signed
for its follower (no expiry: an old email must still stop the alerts). Opening a link never
changes anything; its page's button (a POST) does, so a mail scanner that follows links
neither confirms nor unsubscribes.

Each writer below owns its transaction (a savepoint inside a caller's); none sends an email
inside one.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from ..access import Viewer, visible_actions, visible_boards
from ..emails import send_email
from ..models import Action, Board, Follow, Follower

log = logging.getLogger("boards.follows")

CONFIRM_SALT = "boards.follow-confirm"
UNSUBSCRIBE_SALT = "boards.alerts-unsubscribe"
# One confirmation email a day per address, however often the form is sent.
RESEND_AFTER = timedelta(hours=24)


class FollowRefused(Exception):
    """A confirmation or unsubscribe link that is no good: "expired", "invalid" or "gone"
    (what it names can no longer be followed by the public)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class TargetFields(TypedDict, total=False):
    """A target as the lookup of its Follow: exactly one of the two."""

    board: Board
    action: Action


@dataclass(frozen=True)
class Target:
    """What is followed: a board or an action, exactly one."""

    board: Board | None = None
    action: Action | None = None

    def __post_init__(self) -> None:
        if (self.board is None) == (self.action is None):
            raise ValueError("A follow names a board or an action, exactly one.")

    @property
    def name(self) -> str:
        if self.action is not None:
            return f"action {self.action.reference} of {self.action.board.name}"
        assert self.board is not None
        return self.board.name

    @property
    def url(self) -> str:
        if self.action is not None:
            return self.action.get_absolute_url()
        assert self.board is not None
        return reverse("boards:board", args=[self.board.slug])

    def fields(self) -> TargetFields:
        if self.board is not None:
            return {"board": self.board}
        assert self.action is not None
        return {"action": self.action}


def normalise_address(email: str) -> str:
    return email.strip().lower()


# Accounts --------------------------------------------------------------------------------


def account_follower(user: User) -> Follower | None:
    return Follower.objects.filter(user=user).first()


def follow(user: User, target: Target, *, now: datetime | None = None) -> Follow:
    """A signed-in user follows `target` at once (the caller has checked they may see it).
    Following again after unsubscribing from the emails starts them again, from now. Owns its
    transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        follower, made = Follower.objects.select_for_update().get_or_create(
            user=user, defaults={"confirmed_at": now, "alerted_upto": now, "created_at": now}
        )
        if follower.unsubscribed_at is not None:
            follower.unsubscribed_at = None
            follower.alerted_upto = now
            follower.save(update_fields=["unsubscribed_at", "alerted_upto"])
        following, _ = Follow.objects.get_or_create(
            follower=follower, **target.fields(), defaults={"created_at": now}
        )
    return following


def unfollow(user: User, *, board_slug: str | None = None, action_pk: int | None = None) -> int:
    """The user stops following a board (by its slug) or an action. Looked up among their own
    follows only, so the answer is the same whatever the board: nothing is revealed. Owns its
    transaction."""
    follows = Follow.objects.filter(follower__user=user)
    if action_pk is not None:
        follows = follows.filter(action_id=action_pk)
    else:
        follows = follows.filter(board__slug=board_slug)
    with transaction.atomic():
        deleted, _ = follows.delete()
    return deleted


def is_following(user: Viewer, target: Target) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Follow.objects.filter(follower__user=user, **target.fields()).exists()


def follows_of(user: User) -> list[Follow]:
    """The user's follows of what they may still see, boards first (My actions)."""
    return list(
        Follow.objects.filter(follower__user=user)
        .filter(Q(board__in=visible_boards(user)) | Q(action__in=visible_actions(user)))
        .select_related("board", "action__board")
        .order_by(
            F("action_id").asc(nulls_first=True), "board__name", "action__board__name", "action__sort_key"
        )
    )


# The public: double opt-in ----------------------------------------------------------------


def confirm_token(follower: Follower, target: Target) -> str:
    payload: dict[str, int | str] = {"f": follower.pk, "e": follower.email}
    if target.board is not None:
        payload["b"] = target.board.pk
    else:
        assert target.action is not None
        payload["a"] = target.action.pk
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def request_follow(email: str, target: Target, *, now: datetime | None = None) -> bool:
    """A member of the public asks to follow `target` (which they can see): their follower is
    recorded (unconfirmed if new) and a confirmation link sent, unless one went to the address
    in the last day. True if an email went. The caller says the same thing either way. Owns its
    transaction: one for the follower, one for the claim of the email, which is sent after
    both have committed (and the claim given back if the mail server refuses)."""
    now = now or timezone.now()
    email = normalise_address(email)
    try:
        with transaction.atomic():
            follower, _ = Follower.objects.get_or_create(user=None, email=email, defaults={"created_at": now})
    except IntegrityError:  # made at the same moment by another request
        follower = Follower.objects.get(user=None, email=email)
    with transaction.atomic():
        claimed = (
            Follower.objects.filter(pk=follower.pk)
            .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=now - RESEND_AFTER))
            .update(confirmation_sent_at=now)
        )
    if not claimed:
        log.info("No confirmation sent to follower %s: one went in the last day", follower.pk)
        return False
    max_age = timedelta(days=settings.FOLLOW_CONFIRM_MAX_AGE_DAYS)
    link = settings.SITE_URL + reverse("boards:follow_confirm", args=[confirm_token(follower, target)])
    try:
        send_email(
            "follow-confirm",
            [email],
            {"target": target, "link": link, "expires": timezone.localtime(now + max_age)},
        )
    except Exception as error:  # the mail server: let the address ask again at once
        Follower.objects.filter(pk=follower.pk, confirmation_sent_at=now).update(confirmation_sent_at=None)
        log.warning("Confirmation to follower %s not sent: %s", follower.pk, error)
        return False
    return True


def read_confirm_token(token: str) -> tuple[Follower, Target]:
    """The follower and target a confirmation link names, or FollowRefused. Reads only."""
    max_age = timedelta(days=settings.FOLLOW_CONFIRM_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise FollowRefused("expired") from None
    except signing.BadSignature:
        raise FollowRefused("invalid") from None
    follower = Follower.objects.filter(pk=payload.get("f"), user=None, email=payload.get("e")).first()
    if follower is None:
        raise FollowRefused("invalid")
    # Still open to the public? A board made private, or an action made exempt, is not followed.
    if "a" in payload:
        action = visible_actions(None).select_related("board").filter(pk=payload["a"]).first()
        if action is None:
            raise FollowRefused("gone")
        return follower, Target(action=action)
    board = visible_boards(None).filter(pk=payload.get("b")).first()
    if board is None:
        raise FollowRefused("gone")
    return follower, Target(board=board)


def confirm(token: str, *, now: datetime | None = None) -> Target:
    """The address confirms: it follows the target from now. Confirming again changes nothing.
    Owns its transaction."""
    now = now or timezone.now()
    follower, target = read_confirm_token(token)
    with transaction.atomic():
        follower = Follower.objects.select_for_update().get(pk=follower.pk)
        if follower.confirmed_at is None or follower.unsubscribed_at is not None:
            # New, or back after unsubscribing: alerts start from now, not from the past.
            follower.confirmed_at = follower.confirmed_at or now
            follower.unsubscribed_at = None
            follower.alerted_upto = now
            follower.save(update_fields=["confirmed_at", "unsubscribed_at", "alerted_upto"])
        Follow.objects.get_or_create(follower=follower, **target.fields(), defaults={"created_at": now})
    return target


# Unsubscribing ------------------------------------------------------------------------------


def unsubscribe_token(follower: Follower) -> str:
    return signing.dumps({"f": follower.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(follower: Follower) -> str:
    return settings.SITE_URL + reverse("boards:unsubscribe", args=[unsubscribe_token(follower)])


def follower_for_unsubscribe(token: str) -> Follower:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise FollowRefused("invalid") from None
    follower = Follower.objects.filter(pk=payload.get("f")).first()
    if follower is None:
        raise FollowRefused("invalid")
    return follower


def unsubscribe(follower: Follower, *, now: datetime | None = None) -> bool:
    """No more alerts: the follower's follows end and it is marked unsubscribed. True if it was
    subscribed (a second press changes nothing). Owns its transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        Follow.objects.filter(follower=follower).delete()
        changed = Follower.objects.filter(pk=follower.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=now
        )
    return bool(changed)
