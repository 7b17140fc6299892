"""Meetings and their minutes: attendance, minute items, resolutions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .. import limits
from ..references import sort_key
from .exemption import Exemptable
from .organisations import Board, Person


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    APPROVED = "approved", "Minutes approved"


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    title = models.CharField(
        max_length=200, blank=True, help_text="Only when it differs from the board's name."
    )
    status = models.CharField(max_length=20, choices=MeetingStatus, default=MeetingStatus.SCHEDULED)
    chair = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings_chaired"
    )

    class Meta:
        ordering = ["board", "starts_at"]
        constraints = [
            # Also the index for a board's next meeting and the pre-meeting reminders.
            models.UniqueConstraint(fields=["board", "starts_at"], name="boards_meeting_one_per_start")
        ]

    def __str__(self):
        return f"{self.title or self.board.name}, {self.starts_at:%d %B %Y}"

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def status_shown(self) -> str:
        """The status as people should read it: a meeting whose date has passed is no longer
        "scheduled", whatever was last recorded (a fact stored, a judgement derived)."""
        if self.status == MeetingStatus.SCHEDULED and self.starts_at < timezone.now():
            return "Date passed, minutes not yet recorded"
        return self.get_status_display()


class AttendanceKind(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=20, choices=AttendanceKind)
    group = models.CharField(max_length=200, blank=True, help_text="Heading printed above the name.")
    note = models.CharField(max_length=200, blank=True, help_text="E.g. “In the Chair”.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "kind", "position"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="boards_attendance_once_per_meeting")
        ]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"


class MinuteItem(Exemptable):
    """A numbered minute. Numbers run in one sequence per board across meetings."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="minute_items")
    # PROTECT: a meeting whose minutes are recorded is never deleted with them.
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    number = models.CharField(max_length=50, help_text="As printed: 326, 337/18, 12.1.")
    sort_key = models.CharField(max_length=200, editable=False)
    title = models.CharField(max_length=300)
    text = models.TextField(
        blank=True, max_length=limits.MINUTES_TEXT, help_text="The discussion, as minuted."
    )
    heading = models.CharField(
        max_length=50, blank=True, help_text="Decision heading as printed: RESOLVED:, AGREED:."
    )

    class Meta:
        ordering = ["meeting", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["board", "number"], name="boards_minuteitem_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs):
        if self.meeting_id and not self.board_id:
            self.board_id = self.meeting.board_id
        self.sort_key = sort_key(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.meeting_id and self.board_id and self.meeting.board_id != self.board_id:
            raise ValidationError("A minute item belongs to its meeting's board.")


class Resolution(Exemptable):
    minute_item = models.ForeignKey(MinuteItem, on_delete=models.PROTECT, related_name="resolutions")
    label = models.CharField(max_length=20, blank=True, help_text="As printed: (c), 2., or none.")
    text = models.TextField(max_length=limits.RESOLUTION_TEXT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["minute_item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minute_item", "position"], name="boards_resolution_unique_position"
            )
        ]

    def __str__(self):
        return f"{self.minute_item.number}{self.label} {self.text[:60]}"
