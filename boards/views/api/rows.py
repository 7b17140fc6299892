"""The log's rows as JSON: log_table.LogRow (live or thawed from a published copy) field by
field, and an action's history (boards.history.timeline)."""

from rest_framework import serializers

from ...log_table import url_with_pk


class OfficerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StatusSerializer(serializers.Serializer):
    """A status as the row shows it: the board's code, its RAG label and colours."""

    code = serializers.CharField()
    label = serializers.CharField()
    colour = serializers.CharField(help_text="Background colour, #rrggbb.")
    text_colour = serializers.CharField(help_text="Black or white, whichever reads on the colour.")
    definition = serializers.CharField()
    is_complete = serializers.BooleanField()


class RowStatusSerializer(StatusSerializer):
    set_by_date = serializers.BooleanField(
        help_text="A date-based key showed this status because the action is overdue."
    )


class ActionRowSerializer(serializers.Serializer):
    """One row of the log: the papers' columns (No., Date, Action, Responsible Officer,
    Comments, Status), then due, state and whether it is overdue."""

    id = serializers.IntegerField()
    board = serializers.CharField(source="board_slug", help_text="The board's slug.")
    reference = serializers.CharField(help_text="No.: minute number and label, e.g. 326(c).")
    date = serializers.DateField(help_text="Date raised.")
    action = serializers.CharField()
    officers = OfficerSerializer(many=True, help_text="Responsible officers, lead first.")
    officers_text = serializers.CharField(help_text="As the papers print them: “Jim Bosworth/ Mike McHugh”.")
    comments = serializers.CharField()
    status = RowStatusSerializer()
    due_date = serializers.DateField(allow_null=True)
    due = serializers.CharField(help_text="Due as the log shows it: a date, a meeting or words.")
    state = serializers.CharField()
    state_label = serializers.CharField()
    is_overdue = serializers.BooleanField()
    url = serializers.SerializerMethodField(help_text="This action in the API.")
    html_url = serializers.CharField(source="url", help_text="The action's page.")

    def get_url(self, row) -> str:
        return url_with_pk("boards:api_action", row.board_slug, pk=row.id)


class ChangeSerializer(serializers.Serializer):
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.CharField()
    how = serializers.CharField()
    changes = ChangeSerializer(many=True)
    comment = serializers.CharField()
    created = serializers.BooleanField(help_text="The change that recorded the action.")
    refused = serializers.BooleanField(help_text="An edit refused because someone else had saved meanwhile.")


class SourceSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(source="minute_item.meeting_id", allow_null=True)
    minute_number = serializers.CharField(source="minute_item.number")
    minute_title = serializers.CharField(source="minute_item.title")
    resolution_label = serializers.CharField(source="label")
    resolution_text = serializers.CharField(source="text")


class ActionDetail:
    """An action's row with the action and its history beside it, for the serializer."""

    def __init__(self, row, action, history):
        self.row, self.action, self.history = row, action, history

    def __getattr__(self, name):
        return getattr(self.row, name)


class ActionDetailSerializer(ActionRowSerializer):
    """An action: its row, where it came from, when it was closed, and its history."""

    raised_at = serializers.IntegerField(
        source="action.raised_at_id", allow_null=True, help_text="The meeting that agreed it."
    )
    source = SourceSerializer(
        source="action.resolution", allow_null=True, help_text="The resolution it was raised from."
    )
    due_meeting = serializers.IntegerField(source="action.due_meeting_id", allow_null=True)
    closed_on = serializers.DateField(source="action.closed_on", allow_null=True)
    closed_at_meeting = serializers.IntegerField(source="action.closed_at_meeting_id", allow_null=True)
    history = HistoryEntrySerializer(many=True, help_text="Every change, newest first.")
