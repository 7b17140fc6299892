"""API tokens: made and revoked by their own person, each change recorded
(boards.models.SetupRecord), and looked up when the API is called.

`create` and `revoke` own their transaction: the token and its record are written
together or not at all. `authenticate` writes only the token's last use.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..models import ApiToken, SetupKind
from ..models.api_tokens import PREFIX_LENGTH, token_hash
from . import setup_records

# A token's last use is written at most this often: a client polling the API does not
# write a row on every call.
LAST_USED_EVERY = timedelta(minutes=1)


def create(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`, and the token itself: shown to them once, never stored.
    Owns its transaction."""
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[:PREFIX_LENGTH], key_hash=token_hash(raw)
        )
        setup_records.note(
            SetupKind.API_TOKEN_CREATED,
            f"{user.get_username()} created the API token “{name}” ({token.prefix}…)",
            by=user,
            person=getattr(user, "person", None),
            token=token.pk,
        )
    return token, raw


def revoke(user: User, token: ApiToken) -> bool:
    """Revoke one of `user`'s own tokens; False if it was revoked already (nothing written).
    Owns its transaction."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            setup_records.note(
                SetupKind.API_TOKEN_REVOKED,
                f"{user.get_username()} revoked the API token “{token.name}” ({token.prefix}…)",
                by=user,
                person=getattr(user, "person", None),
                token=token.pk,
            )
    return bool(revoked)


def authenticate(raw: str) -> ApiToken | None:
    """The live token for `raw`, with its user (active), or None. Notes its use, at most
    once a LAST_USED_EVERY. Owns its transaction: its one write is a single UPDATE of the last
    use (inside a caller's atomic() it joins that transaction instead)."""
    token = (
        ApiToken.objects.live()
        .select_related("user")
        .filter(key_hash=token_hash(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
