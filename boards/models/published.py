"""Published logs: the frozen copy of the action log a board saw in its agenda pack.

The clerk publishes the log for a meeting; the rows (as log_table built them) and
the board's RAG key are stored as they were then, so the copy reads the same
whatever happens to the actions afterwards. A published log is never changed or
deleted: it is the record of what the board was shown.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .actions import AppendOnlyQuerySet
from .meetings import Meeting
from .organisations import Board

# The log's views by name: the log page's "Show" choices (boards.filters) and which one a
# published copy froze. Each but "all" is an ActionQuerySet method of the same name.
VIEWS = [
    ("outstanding", "Outstanding"),
    ("overdue", "Overdue"),
    ("closed", "Closed"),
    ("all", "All"),
]


class PublishedLog(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="published_logs")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="published_logs")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_logs",
    )
    view = models.CharField(max_length=20, help_text="Which of the log's views was published.")
    as_of = models.DateField(help_text="The date the rows' overdue marks were worked out for.")
    title = models.CharField(max_length=300)
    rows = models.JSONField(help_text="The log's rows as published (boards.published.freeze).")
    row_count = models.PositiveIntegerField(help_text="How many rows, for lists that do not load them.")
    statuses = models.JSONField(help_text="The board's RAG key as published.")
    exempt_count = models.PositiveIntegerField(
        default=0, help_text="Exempt actions in the view that the published copy leaves out."
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["meeting", "-published_at"], name="boards_published_meeting")]

    def __str__(self):
        return f"{self.title}, published {self.published_at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("A published log is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("A published log is never deleted.")

    def get_view_display(self) -> str:
        return dict(VIEWS).get(self.view, self.view)
