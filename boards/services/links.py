"""Signed, expiring update links for officers without an account.

A link names one person and carries a tag of that person's link key, signed
with the site's secret. It expires after UPDATE_LINK_MAX_AGE_DAYS; rotating the
person's link key revokes every link they hold.

The token is used once per visit, then exchanged for a short session: the page that
opens the link stores the person (and the key tag) in the visitor's session and
redirects to addresses without the token, so it does not linger in the browser's
history, in Referer headers or in access logs after the first request. The session
lasts UPDATE_LINK_SESSION_MINUTES from its last use, and ends at once when the person's
links are revoked.
"""

import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ..models import Person

SALT = "boards.update-link"
log = logging.getLogger("boards.links")


class LinkRefused(Exception):
    def __init__(self, reason: str):
        self.reason = reason  # "expired", "tampered" or "revoked"
        super().__init__(reason)


def _key_tag(person: Person) -> str:
    return hashlib.sha256(person.link_key.encode()).hexdigest()[:16]


def make_token(person: Person) -> str:
    return signing.dumps({"p": person.pk, "k": _key_tag(person)}, salt=SALT, compress=True)


def link_url(person: Person) -> str:
    return settings.SITE_URL + reverse("boards:link", args=[make_token(person)])


def person_for_token(token: str, *, request: HttpRequest | None = None) -> Person:
    """The person a link belongs to, or LinkRefused (and a log line) if it is no good."""
    max_age = settings.UPDATE_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
        person = Person.objects.filter(pk=payload.get("p")).first()
        if person is None or payload.get("k") != _key_tag(person):
            raise LinkRefused("revoked")
        return person
    except signing.SignatureExpired:
        reason = "expired"
    except signing.BadSignature:
        reason = "tampered"
    except LinkRefused as refused:
        reason = refused.reason
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    log.warning("Refused an update link (%s) from %s", reason, address)
    raise LinkRefused(reason)


SESSION_KEY = "update_link"


def open_session(request: HttpRequest, person: Person) -> None:
    """The visitor acts as `person` for a while, without the token (a new session key,
    so a session planted beforehand learns nothing)."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"person": person.pk, "key": _key_tag(person)}
    touch_session(request)


def touch_session(request: HttpRequest) -> None:
    until = timezone.now() + timedelta(minutes=settings.UPDATE_LINK_SESSION_MINUTES)
    request.session[SESSION_KEY] = {**request.session[SESSION_KEY], "until": until.isoformat()}


def end_session(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def person_in_session(request: HttpRequest) -> Person | None:
    """The person whose link opened this session, while it lasts and the links stand."""
    held = request.session.get(SESSION_KEY)
    if not held:
        return None
    try:
        ended = datetime.fromisoformat(held["until"]) <= timezone.now()
    except (KeyError, TypeError, ValueError):
        ended = True
    person = None if ended else Person.objects.filter(pk=held.get("person")).first()
    if person is None or held.get("key") != _key_tag(person):  # expired, or links revoked
        end_session(request)
        return None
    return person
