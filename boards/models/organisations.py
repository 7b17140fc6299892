"""Organisations, boards, the people on them and their roles."""

import secrets
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from .. import limits
from .rag import RagKey


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Local authority"
    ICB = "icb", "Integrated care board / CCG"
    TRUST = "trust", "NHS trust"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    POLICE = "police", "Police"
    NHS_ENGLAND = "nhse", "NHS England"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind, default=OrganisationKind.OTHER)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Board(models.Model):
    """A board or committee. A committee sits under its parent board."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, max_length=limits.DESCRIPTION)
    organisations = models.ManyToManyField(Organisation, related_name="boards", blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="committees"
    )
    is_public = models.BooleanField(default=True, help_text="Public boards' logs can be read by anyone.")
    rag_key = models.ForeignKey(RagKey, on_delete=models.PROTECT, related_name="boards")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def on_board(self, board: Board) -> Self:
        """The board's people: a role of any kind on it, merged records left out. A subquery,
        not a join, so each person comes once whatever their roles."""
        return self.filter(
            pk__in=Membership.objects.filter(board=board).values("person_id"), merged_into__isnull=True
        )


class Person(models.Model):
    """Anyone named in the papers. Most responsible officers have no login."""

    name = models.CharField(max_length=200, help_text="As printed, e.g. “Mike Sandys”.")
    job_title = models.CharField(
        max_length=200, blank=True, help_text="Role, e.g. “Director of Public Health”."
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField(blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_people",
        help_text="Set when this record was merged into another person's: the same person "
        "entered twice. Kept so that history written in this name still reads right.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    link_key = models.CharField(
        max_length=64,
        default=secrets.token_urlsafe,
        editable=False,
        help_text="Part of every emailed update link of this person; rotating it revokes them all.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    @property
    def current(self) -> "Person":
        """The person this record now stands for: itself, or the person it was merged into."""
        merged_into = self.merged_into if self.merged_into_id else None
        return merged_into.current if merged_into is not None else self

    def rotate_link_key(self) -> None:
        """Revoke every emailed update link this person has been sent."""
        self.link_key = secrets.token_urlsafe()
        self.save(update_fields=["link_key"])


class MembershipRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    MEMBER = "member", "Member"
    CLERK = "clerk", "Clerk"
    OFFICER = "officer", "Officer"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class Membership(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole)
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["board", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "person", "role"], name="boards_membership_no_duplicates"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}, {self.board})"


class OrganisationAdmin(models.Model):
    """A governance lead of an organisation: creates its boards and appoints their clerks,
    and may do on those boards whatever a clerk may. A role on the organisation, not
    Django staff (who keep the administration site)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="admins")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="organisations_administered")
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["organisation", "person__name"]
        verbose_name = "organisation admin"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="boards_orgadmin_once")
        ]

    def __str__(self):
        return f"{self.person} (admin of {self.organisation})"
