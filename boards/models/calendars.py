"""A person's calendar address: the secret part of the address of their personal iCalendar
feed (their open actions' due dates and their boards' meetings).

The address carries an HMAC of the row's random key made with the site's secret, never the
key itself: a copy of the database alone does not give anyone a working address. Resetting
the address revokes the row (revoked_at) and makes a new one; revoked rows are kept, as a
record of when each address stopped working.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .organisations import Person


def new_key() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="calendar_feeds")
    key = models.CharField(max_length=64, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-created_at"]
        constraints = [
            # One working address per person: a reset revokes the old row before adding the new.
            models.UniqueConstraint(
                fields=["person"], condition=Q(revoked_at__isnull=True), name="boards_calendarfeed_one_live"
            )
        ]

    def __str__(self):
        return f"Calendar address of {self.person}" + (" (revoked)" if self.revoked_at else "")
