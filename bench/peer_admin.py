"""The peer: the Django admin's changelist of the same actions, as a competent Django
developer would set it up for this list: the same 100 rows per page, the same related
columns (reference, date, description, officers, latest comment, status), related rows
joined or prefetched, the board and outstanding filters in the sidebar."""

from django.contrib import admin
from django.db.models import Prefetch

from boards.log_table import OFFICER_SEPARATOR
from boards.models import Action, ActionOfficer, ActionState


class OutstandingFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "view"

    def lookups(self, request, model_admin):
        return [("outstanding", "Outstanding"), ("closed", "Closed")]

    def queryset(self, request, queryset):
        if self.value() == "outstanding":
            return queryset.exclude(state=ActionState.CLOSED)
        if self.value() == "closed":
            return queryset.filter(state=ActionState.CLOSED)
        return queryset


class PeerActionAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "raised_on",
        "description",
        "officers_display",
        "latest_comment",
        "status_code",
    )
    list_filter = ("board", OutstandingFilter, "status")
    search_fields = ("reference", "description", "latest_comment")
    list_select_related = ("status",)
    list_per_page = 100
    ordering = ("board__name", "sort_key")
    show_full_result_count = False  # one count query, not two, on a filtered list

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("officer_links", queryset=ActionOfficer.objects.select_related("person"))
            )
        )

    @admin.display(description="Responsible Officer")
    def officers_display(self, obj):
        return OFFICER_SEPARATOR.join(link.person.name for link in obj.officer_links.all())

    @admin.display(description="Status", ordering="status__position")
    def status_code(self, obj):
        return obj.status.code


class PeerSite(admin.AdminSite):
    site_header = "Benchmark peer"


peer_site = PeerSite(name="peer")
peer_site.register(Action, PeerActionAdmin)
