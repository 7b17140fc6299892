"""A person's secret calendar address: made, reset (the old one revoked) and looked up.

The address is `<row pk>-<HMAC of the row's random key>`, the HMAC made with the site's
secret (salted for this use only), so the database alone does not give a working address
and the page can show the address again on every visit. A reset revokes the person's live
address and makes a new one in one transaction; a calendar still subscribed to the old one
gets a 404 from then on. Making and resetting are recorded as set-up changes (who, when),
without the address.

An address works only while its person has an active account and has not been merged into
another record: removing someone's access revokes it (accounts.remove_access), and a
merged record's address simply stops working.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models import CalendarFeed, Person, SetupKind
from .setup_records import note

SALT = "boards.calendar-feed"


def _signature(feed: CalendarFeed) -> str:
    return salted_hmac(SALT, f"{feed.pk}:{feed.key}", algorithm="sha256").hexdigest()


def address_token(feed: CalendarFeed) -> str:
    """The secret part of the feed's address."""
    return f"{feed.pk}-{_signature(feed)}"


def live_feed(person: Person) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()


def revoke(person: Person) -> int:
    """Revoke the person's live address, if any; how many were revoked (0 or 1).
    Runs in the caller's transaction: call it inside atomic(), with the change it belongs to."""
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def reset(person: Person, *, by: User) -> CalendarFeed:
    """Make the person a new calendar address, revoking the one they had. Records it.
    Owns its transaction."""
    with transaction.atomic():
        # One reset at a time per person: the partial unique constraint would refuse a second.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        had_one = revoke(person) > 0
        feed = CalendarFeed.objects.create(
            person=person, created_by=by if by and by.is_authenticated else None
        )
        if had_one:
            note(SetupKind.CALENDAR_RESET, f"{person.name}'s calendar address reset", by=by, person=person)
        else:
            note(SetupKind.CALENDAR_CREATED, f"{person.name}'s calendar address made", by=by, person=person)
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed the address belongs to, or None: unknown, tampered, revoked, or its
    person without an active account or merged away."""
    pk, _, signature = token.partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 16 and signature):
        return None
    feed = (
        CalendarFeed.objects.select_related("person__user")
        .filter(
            pk=int(pk),
            revoked_at__isnull=True,
            person__merged_into__isnull=True,
            person__user__is_active=True,
        )
        .first()
    )
    if feed is None or not constant_time_compare(signature, _signature(feed)):
        return None
    return feed
