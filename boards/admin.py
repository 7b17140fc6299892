"""The Django admin, usable by a clerk. Every change to an action goes through
boards.services.updating, so admin edits leave history like any other path."""

from django import forms
from django.contrib import admin

from .models import (
    Action,
    ActionUpdate,
    Attendance,
    Board,
    Digest,
    Meeting,
    Membership,
    MinuteItem,
    Organisation,
    OrganisationAdmin,
    Person,
    PublishedLog,
    RagKey,
    RagStatus,
    Reminder,
    ReminderPolicy,
    Resolution,
    UpdateVia,
)
from .references import reference_for
from .services.updating import Actor, record


class OrganisationAdminInline(admin.TabularInline):
    """The organisation's admins (governance leads): they create its boards in the app."""

    model = OrganisationAdmin
    extra = 1
    autocomplete_fields = ["person"]
    verbose_name = "admin (governance lead)"
    verbose_name_plural = "admins (governance leads)"


@admin.register(Organisation)
class OrganisationModelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationAdminInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["person"]


class BoardAdminForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "slug", "description", "organisations", "parent", "is_public", "rag_key"]

    def clean_rag_key(self):
        """A key whose statuses actions use cannot be swapped here: every action would be
        left with a status outside its board's key."""
        key = self.cleaned_data["rag_key"]
        board = self.instance
        if board.pk and key and key.pk != board.rag_key_id:
            used = board.actions.count()
            if used:
                raise forms.ValidationError(
                    f"{used} action{'s' if used != 1 else ''} of this board use the statuses of the key "
                    f"“{board.rag_key}”. The key cannot be changed while they do: each old status would "
                    "first need mapping to one of the new key."
                )
        return key


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    form = BoardAdminForm
    list_display = ["name", "is_public", "rag_key", "parent"]
    list_filter = ["is_public", "rag_key"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "job_title", "organisation", "email", "user"]
    list_filter = ["organisation", "memberships__board"]
    search_fields = ["name", "job_title", "email"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "board", "role"]
    list_filter = ["board", "role"]
    search_fields = ["person__name", "board__name"]
    autocomplete_fields = ["person", "board"]


class RagStatusInline(admin.TabularInline):
    model = RagStatus
    extra = 0
    fields = ["position", "code", "label", "colour", "definition", "is_complete", "shown_when_overdue"]


@admin.register(RagKey)
class RagKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RagStatusInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["position", "kind", "group", "person", "note"]


class MinutesAreKept:
    """Minutes are the record of what a board decided: corrected, never deleted. A meeting
    with minutes cannot be deleted either (the minute items PROTECT it); one with nothing
    recorded can, and the admin's log records who deleted it."""

    def has_delete_permission(self, request, obj=None):
        return False


class MinuteItemInline(MinutesAreKept, admin.TabularInline):
    model = MinuteItem
    extra = 0
    fields = ["number", "title", "heading"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "board", "starts_at", "venue", "status"]
    list_filter = ["board", "status"]
    search_fields = ["board__name", "venue", "title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["board", "chair"]
    inlines = [AttendanceInline, MinuteItemInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is MinuteItem:
            for item_form in formset.forms:
                item_form.instance.board_id = form.instance.board_id
        super().save_formset(request, form, formset, change)


class ResolutionInline(MinutesAreKept, admin.TabularInline):
    model = Resolution
    extra = 1
    fields = ["position", "label", "text"]
    show_change_link = True


@admin.register(MinuteItem)
class MinuteItemAdmin(MinutesAreKept, admin.ModelAdmin):
    list_display = ["number", "title", "meeting"]
    list_filter = ["board"]
    search_fields = ["number", "title", "text"]
    autocomplete_fields = ["meeting"]
    exclude = ["board"]
    inlines = [ResolutionInline]

    def save_model(self, request, obj, form, change):
        obj.board_id = obj.meeting.board_id
        super().save_model(request, obj, form, change)


def _status_error(status, board):
    if status and board and status.key_id != board.rag_key_id:
        return f"{status.code} is not a status in {board}'s RAG key ({board.rag_key})."
    return None


class ActionInlineForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["reference", "description", "status", "due_date", "due_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        self.fields["reference"].help_text = "Left blank: minute number and label, e.g. 326(c)."

    def clean(self):
        cleaned = super().clean()
        resolution = self.instance.resolution
        error = _status_error(cleaned.get("status"), resolution.minute_item.board)
        if error:
            self.add_error("status", error)
        return cleaned


class ActionInline(admin.StackedInline):
    model = Action
    form = ActionInlineForm
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Resolution)
class ResolutionAdmin(MinutesAreKept, admin.ModelAdmin):
    list_display = ["__str__", "minute_item"]
    list_filter = ["minute_item__board"]
    search_fields = ["text", "minute_item__number", "minute_item__title"]
    autocomplete_fields = ["minute_item"]
    inlines = [ActionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Action:
            return super().save_formset(request, form, formset, change)
        resolution = form.instance
        item = resolution.minute_item
        actor = Actor.for_user(request.user, via=UpdateVia.ADMIN)
        # The admin's change message reads these three lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for action_form in formset.forms:
            if not action_form.has_changed():
                continue
            action = action_form.save(commit=False)
            if action.pk is None:
                formset.new_objects.append(action)
                action.board_id = item.board_id
                action.minute_item = item
                action.raised_at = item.meeting
                action.raised_on = item.meeting.date
                action.reference = action.reference or reference_for(item.number, resolution.label)
            else:
                formset.changed_objects.append((action, action_form.changed_data))
            record(action, actor=actor)


class ActionAdminForm(forms.ModelForm):
    lead_officer = forms.ModelChoiceField(Person.objects.all(), required=False)
    other_officers = forms.ModelMultipleChoiceField(
        Person.objects.all(), required=False, help_text="Responsible with the lead officer."
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="The update for the log's Comments column, recorded in the history.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "board",
            "reference",
            "description",
            "resolution",
            "minute_item",
            "raised_at",
            "raised_on",
            "due_date",
            "due_meeting",
            "due_text",
            "status",
            "state",
            "closed_at_meeting",
            "closed_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            officers = list(self.instance.officers.order_by("officer_links__position"))
            self.initial["lead_officer"] = officers[0] if officers else None
            self.initial["other_officers"] = officers[1:]
            self.initial["seen_version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        error = _status_error(cleaned.get("status"), cleaned.get("board"))
        if error:
            self.add_error("status", error)
        lead = cleaned.get("lead_officer")
        others = list(cleaned.get("other_officers") or [])
        if lead in others:
            self.add_error("other_officers", "The lead officer is already responsible.")
        if others and not lead:
            self.add_error("lead_officer", "Choose a lead officer first.")
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            current = Action.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != seen:
                raise forms.ValidationError(
                    "Someone else changed this action while you were editing it. "
                    "Nothing was saved: open it again to see their change, then make yours."
                )
        return cleaned

    def officers(self):
        lead = self.cleaned_data.get("lead_officer")
        others = sorted(self.cleaned_data.get("other_officers") or [], key=lambda p: p.name)
        return ([lead] if lead else []) + others


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    readonly_fields = ("at", "version", "via", "by_user", "by_person", "changes", "comment")
    fields = readonly_fields
    extra = 0
    can_delete = False
    ordering = ["-at", "-id"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    form = ActionAdminForm
    list_display = ["reference", "board", "raised_on", "short_description", "status", "state", "due_date"]
    list_filter = ["board", "state", "status__code", "raised_at"]
    search_fields = ["reference", "description", "latest_comment", "officers__name"]
    autocomplete_fields = [
        "board",
        "resolution",
        "minute_item",
        "raised_at",
        "due_meeting",
        "closed_at_meeting",
    ]
    readonly_fields = ["latest_comment", "version"]
    list_select_related = ["board", "status"]
    inlines = [ActionUpdateInline]
    fieldsets = [
        (None, {"fields": ["board", "reference", "description", "lead_officer", "other_officers"]}),
        ("Source", {"fields": ["resolution", "minute_item", "raised_at", "raised_on"]}),
        ("Due", {"fields": ["due_date", "due_meeting", "due_text"]}),
        ("Progress", {"fields": ["status", "state", "latest_comment", "comment", "seen_version", "version"]}),
        ("Closing", {"fields": ["closed_at_meeting", "closed_on"]}),
    ]

    @admin.display(description="Action")
    def short_description(self, obj):
        return obj.description[:80]

    def save_model(self, request, obj, form, change):
        record(
            obj,
            actor=Actor.for_user(request.user, via=UpdateVia.ADMIN),
            officers=form.officers(),
            comment=form.cleaned_data.get("comment", ""),
            expected_version=form.cleaned_data.get("seen_version") if change else None,
        )

    def has_delete_permission(self, request, obj=None):
        return False  # Actions are closed, never deleted.


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that are never changed or deleted once written: history and published logs."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionUpdate)
class ActionUpdateAdmin(ReadOnlyAdmin):
    list_display = ["action", "at", "via", "by_user", "by_person", "version"]
    list_filter = ["via", "action__board"]
    search_fields = ["action__reference", "comment"]
    list_select_related = ["action", "by_user", "by_person"]


class ReminderInline(admin.TabularInline):
    model = Reminder
    fk_name = "digest"
    readonly_fields = ("action", "kind", "period", "dropped")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "board",
        "enabled",
        "upcoming_days",
        "overdue_every_days",
        "before_meeting_days",
        "escalate_after",
        "send_time",
    ]
    autocomplete_fields = ["board"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["person", "created_at", "status", "to_email", "sent_at", "attempts"]
    list_filter = ["status"]
    search_fields = ["person__name", "to_email", "subject"]
    readonly_fields = [
        "person",
        "created_at",
        "status",
        "to_email",
        "subject",
        "sent_at",
        "error",
        "attempts",
    ]
    inlines = [ReminderInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PublishedLog)
class PublishedLogAdmin(ReadOnlyAdmin):
    """Read only: a published log is the record of what the board saw."""

    list_display = ["title", "board", "meeting", "published_at", "published_by", "view", "row_count"]
    list_filter = ["board"]
    list_select_related = ["board", "meeting", "published_by"]
    exclude = ["rows", "statuses"]
    readonly_fields = [
        "board",
        "meeting",
        "published_at",
        "published_by",
        "view",
        "as_of",
        "title",
        "row_count",
    ]
