"""The record of a board's set-up: who created or changed a board, its key, its people,
their roles and accounts, and when. Written once by boards.services.setup_records and
never changed, like an action's history."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .actions import AppendOnlyQuerySet
from .organisations import Board, Organisation, Person


class SetupKind(models.TextChoices):
    BOARD_CREATED = "board_created", "Board created"
    BOARD_CHANGED = "board_changed", "Board changed"
    KEY_CHANGED = "key_changed", "RAG key changed"
    PEOPLE_ADDED = "people_added", "People added"
    PERSON_CHANGED = "person_changed", "Person changed"
    PEOPLE_MERGED = "people_merged", "People merged"
    INVITED = "invited", "Invited to sign in"
    ACCESS_REMOVED = "access_removed", "Access removed"
    ROLE_ADDED = "role_added", "Role added"
    ROLE_REMOVED = "role_removed", "Role removed"
    ATTENDANCE = "attendance", "Attendance recorded"
    API_TOKEN_CREATED = "api_token_created", "API token created"
    API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"
    CALENDAR_CREATED = "calendar_created", "Calendar address created"
    CALENDAR_RESET = "calendar_reset", "Calendar address reset"


class SetupRecord(models.Model):
    at = models.DateTimeField(default=timezone.now)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=SetupKind)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="setup_records"
    )
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.CASCADE, related_name="setup_records"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="setup_records"
    )
    summary = models.CharField(max_length=500, help_text="One line a reader understands.")
    details = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["board", "-at"], name="boards_setup_board_at"),
            models.Index(fields=["person", "-at"], name="boards_setup_person_at"),
        ]

    def __str__(self):
        return self.summary

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Set-up records are never changed.")
        super().save(*args, **kwargs)
