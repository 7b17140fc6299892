"""API tokens: how a member or officer reads the JSON API (boards/views/api) as themselves.

Only a hash of the token is stored: the token itself is shown once, when it is made, and
cannot be read back. A token is revoked, never deleted, so the record of it stays.
"""

import hashlib
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The first characters of a token, stored in clear so that a person can tell their tokens
# apart; too few to guess the rest from.
PREFIX_LENGTH = 8


def token_hash(raw: str) -> str:
    """SHA-256 of the token. The tokens are 256 random bits, so no salt or slow hash is
    needed: there is nothing to guess a dictionary of."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “Council dashboard”.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-created_at", "-id"]
        verbose_name = "API token"
        indexes = [
            # The person's own page lists their live tokens.
            models.Index(fields=["user"], condition=Q(revoked_at__isnull=True), name="boards_apitoken_live")
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
