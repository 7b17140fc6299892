"""Signed, expiring update links for officers without an account.

A link names one person and carries a tag of that person's link key, signed
with the site's secret. It expires after UPDATE_LINK_MAX_AGE_DAYS; rotating the
person's link key revokes every link they hold.
"""

import hashlib
import logging

from django.conf import settings
from django.core import signing
from django.urls import reverse

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


def person_for_token(token: str, *, request=None) -> Person:
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
