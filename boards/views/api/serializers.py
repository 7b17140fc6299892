"""Boards, meetings with their minutes, people's public fields and published logs, as JSON.
Public fields only: a person's email, account and link key are never written out."""

from django.urls import reverse
from rest_framework import serializers

from ...log_table import url_with_pk
from .rows import ActionRowSerializer, StatusSerializer


class BoardSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    is_public = serializers.BooleanField(help_text="Whether anyone may read the board's log.")
    organisations = serializers.SerializerMethodField(help_text="The organisations' names.")
    parent = serializers.CharField(
        source="parent.slug", allow_null=True, help_text="The board a committee sits under: its slug."
    )
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    def get_organisations(self, board) -> list[str]:
        return [organisation.name for organisation in board.organisations.all()]

    def get_url(self, board) -> str:
        return reverse("boards:api_board", args=[board.slug])

    def get_html_url(self, board) -> str:
        return reverse("boards:board", args=[board.slug])


class BoardDetailSerializer(BoardSerializer):
    statuses = StatusSerializer(
        source="rag_key.statuses", many=True, help_text="The board's RAG key, in its order."
    )
    actions = serializers.SerializerMethodField(help_text="The board's log, with the log page's filters.")
    meetings = serializers.SerializerMethodField()
    published = serializers.SerializerMethodField()

    def get_actions(self, board) -> str:
        return reverse("boards:api_actions", args=[board.slug])

    def get_meetings(self, board) -> str:
        return reverse("boards:api_meetings", args=[board.slug])

    def get_published(self, board) -> str:
        return reverse("boards:api_published_logs", args=[board.slug])


class PersonSerializer(serializers.Serializer):
    """A person's public fields: never their email."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    job_title = serializers.CharField(help_text="Role title, e.g. “Director of Public Health”.")
    organisation = serializers.CharField(source="organisation.name", allow_null=True)
    merged_into = serializers.IntegerField(
        source="merged_into_id",
        allow_null=True,
        help_text="Set when this record was merged into another: the same person entered twice.",
    )
    url = serializers.SerializerMethodField()

    def get_url(self, person) -> str:
        return url_with_pk("boards:api_person", pk=person.pk)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    date = serializers.DateField()
    venue = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="status_shown")
    url = serializers.SerializerMethodField()

    def get_url(self, meeting) -> str:
        return url_with_pk("boards:api_meeting", self.context["board"].slug, pk=meeting.pk)


class ExemptableSerializer(serializers.Serializer):
    """An item that may be exempt from publication (boards.models.exemption): to a caller who
    is not one of the board's people (context "sees_exempt" false), only that it is exempt,
    on what grounds, and the fields named in `shown_when_exempt`."""

    exempt = serializers.BooleanField(help_text="Exempt from publication.")
    exempt_grounds = serializers.CharField(help_text="The rule relied on, as the minutes print it.")
    shown_when_exempt: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.exempt and not self.context.get("sees_exempt", False):
            keep = {"exempt", "exempt_grounds", *self.shown_when_exempt}
            data = {key: (value if key in keep else None) for key, value in data.items()}
        return data


class ResolutionSerializer(ExemptableSerializer):
    label = serializers.CharField(help_text="As printed: (c), 2., or empty.")
    text = serializers.CharField(
        allow_null=True, help_text="Null when exempt and the caller is not on the board."
    )
    shown_when_exempt = ("label",)


class MinuteItemSerializer(ExemptableSerializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_null=True, help_text="The discussion, as minuted.")
    heading = serializers.CharField(
        allow_null=True, help_text="The decision's heading as printed: RESOLVED:, AGREED:."
    )
    resolutions = ResolutionSerializer(many=True, allow_null=True)
    shown_when_exempt = ("id", "number")


class AttendanceSerializer(serializers.Serializer):
    person = NamedSerializer()
    kind = serializers.CharField()
    group = serializers.CharField()
    note = serializers.CharField()


class MeetingDetailSerializer(MeetingSerializer):
    chair = NamedSerializer(allow_null=True)
    attendance = AttendanceSerializer(many=True)
    items = MinuteItemSerializer(many=True, help_text="The minutes, in their order.")
    actions = ActionRowSerializer(many=True, source="action_rows", help_text="The actions it raised.")


class PublishedLogSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField(source="meeting_id")
    published_at = serializers.DateTimeField()
    view = serializers.CharField(help_text="Which of the log's views was published.")
    as_of = serializers.DateField(help_text="The date the rows' overdue marks were worked out for.")
    title = serializers.CharField()
    row_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, published) -> str:
        return url_with_pk("boards:api_published_log", self.context["board"].slug, pk=published.pk)


class PublishedLogDetailSerializer(PublishedLogSerializer):
    statuses = StatusSerializer(source="document.statuses", many=True, help_text="The RAG key as published.")
    rows = ActionRowSerializer(source="document.rows", many=True, help_text="The rows as published.")
