"""The log's filters: every one a GET parameter, so every view is a shareable link."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .log_table import lead_officer_name
from .models import Action, MembershipRole, Person
from .models.published import VIEWS

DATE_INPUTS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]

SORTS = (
    ("sort_key", "reference"),
    ("raised_on", "date"),
    ("description", "action"),
    ("lead_officer_name", "officer"),
    ("latest_comment", "comments"),
    ("status__position", "status"),
    ("due_date", "due"),
)


SELECTED = format_html(" {}", "selected")


class QuickSelect(forms.Select):
    """A <select> written in Python: the same markup as Django's template-rendered Select,
    at a fraction of the cost when a board has a hundred meetings to choose from."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option is None else option,
                    SELECTED if str(option if option is not None else "") in selected else "",
                    label,
                )
                for option, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)), options
        )


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    suffixes = ["from", "to"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", **(attrs or {})})


class DateRangeField(django_filters.fields.DateRangeField):
    widget = DateRangeWidget

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields:
            field.input_formats = DATE_INPUTS


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = DateRangeField


class TieBreakingOrderingFilter(django_filters.OrderingFilter):
    """Sort by the chosen column, then as the papers do, so equal values keep a stable order.
    Empty values (no due date, no officer) come last either way, on every database:
    "soonest due first" starts with what is overdue, not with what has no date."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if not value:
            return qs
        order = [
            F(o[1:]).desc(nulls_last=True) if o.startswith("-") else F(o).asc(nulls_last=True)
            for o in qs.query.order_by
            if isinstance(o, str)
        ]
        return qs.order_by(*order, "board__name", "sort_key")


class ActionFilter(django_filters.FilterSet):
    view = django_filters.ChoiceFilter(choices=VIEWS, method="filter_view", empty_label=None, label="Show")
    q = django_filters.CharFilter(method="filter_text", label="Search action and comments")
    # An action has one status, so no DISTINCT (the filter's default) is needed.
    status = django_filters.MultipleChoiceFilter(
        field_name="status__code",
        label="Status",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    officer = django_filters.ModelChoiceFilter(
        field_name="officer_links__person",
        queryset=Person.objects.none(),
        label="Responsible officer",
        empty_label="Any officer",
        widget=QuickSelect,
    )
    # Choices (the board's meetings by date, read in __init__) rather than a queryset of
    # Meeting instances: a board meets monthly for decades.
    meeting = django_filters.ChoiceFilter(
        field_name="raised_at",
        choices=[],
        label="Raised at meeting",
        empty_label="Any meeting",
        widget=QuickSelect,
    )
    overdue = django_filters.ChoiceFilter(
        method="filter_overdue",
        label="Overdue",
        empty_label="Either",
        choices=[("true", "Overdue only"), ("false", "Not overdue")],
        widget=QuickSelect,
    )
    due = DateRangeFilter(field_name="due_date", label="Due between")
    raised = DateRangeFilter(field_name="raised_on", label="Raised between")
    sort = TieBreakingOrderingFilter(fields=SORTS, label="Sort by")

    class Meta:
        model = Action
        fields: list[str] = []

    def __init__(self, data=None, *args, board=None, today=None, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("view"):
            data["view"] = "outstanding"
        super().__init__(data, *args, **kwargs)
        self.today = today or timezone.localdate()
        if board is not None:
            self.filters["status"].extra["choices"] = [
                (s.code, s.label) for s in board.rag_key.statuses.all()
            ]
            # The board's officers: whoever is made responsible for an action becomes one
            # (services.updating), and a membership lookup is cheap where a scan of every
            # action's officers is not (about 1 ms against 25 ms on 200,000 actions).
            self.filters["officer"].queryset = Person.objects.filter(
                memberships__board=board,
                memberships__role=MembershipRole.OFFICER,
                merged_into__isnull=True,
            ).order_by("name")
            self.filters["meeting"].extra["choices"] = [
                (pk, f"{day:%d/%m/%Y}")
                for pk, day in board.meetings.order_by("-starts_at")
                .annotate(day=TruncDate("starts_at"))
                .values_list("pk", "day")
            ]
        else:
            self.filters["status"].extra["choices"] = []

    def description(self) -> list[str]:
        """The filters applied beyond the view, in words, for a document that must say what it
        shows ("Status: AMBER", "Due between 01/01/2017 and 31/03/2017")."""
        data = self.form.cleaned_data if self.form.is_valid() or hasattr(self.form, "cleaned_data") else {}
        said = []
        if data.get("q"):
            said.append(f"Search: “{data['q']}”")
        if data.get("status"):
            said.append(f"Status: {', '.join(data['status'])}")
        if data.get("officer"):
            said.append(f"Responsible officer: {data['officer'].name}")
        if data.get("meeting"):
            label = dict((str(k), v) for k, v in self.filters["meeting"].extra["choices"]).get(
                str(data["meeting"])
            )
            if label:
                said.append(f"Raised at the meeting of {label}")
        if data.get("overdue"):
            said.append("Overdue only" if data["overdue"] == "true" else "Not overdue")
        for name, words in (("due", "Due"), ("raised", "Raised")):
            span = data.get(name)
            if span and (span.start or span.stop):
                start, stop = (f"{d:%d/%m/%Y}" if d else "" for d in (span.start, span.stop))
                said.append(
                    f"{words} between {start} and {stop}"
                    if start and stop
                    else f"{words} from {start}"
                    if start
                    else f"{words} up to {stop}"
                )
        return said

    @property
    def narrowed(self) -> bool:
        """Whether a filter beyond the view and the sort is applied."""
        return any(
            value not in (None, "", [], ())
            for name, value in self.form.cleaned_data.items()
            if name not in ("view", "sort")
        )

    def filter_queryset(self, queryset):
        # Invalid parameters are reported on the page; the valid ones still apply.
        ordering = self.form.cleaned_data.get("sort")
        if ordering and any(o.lstrip("-") == "officer" for o in ordering):
            queryset = queryset.annotate(lead_officer_name=lead_officer_name())
        if not ordering:
            queryset = queryset.order_by("board__name", "sort_key")
        if "view" in self.form.errors:
            queryset = queryset.outstanding()  # an unknown view shows the default one
        return super().filter_queryset(queryset)

    def filter_view(self, queryset, name, value):
        if value == "outstanding":
            return queryset.outstanding()
        if value == "overdue":
            return queryset.overdue(on=self.today)
        if value == "closed":
            return queryset.closed()
        return queryset

    def filter_overdue(self, queryset, name, value):
        overdue = Q(pk__in=Action.objects.overdue(on=self.today).values("pk"))
        return queryset.filter(overdue if value == "true" else ~overdue)

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(description__icontains=word)
                | Q(latest_comment__icontains=word)
                | Q(reference__icontains=word)
            )
        return queryset
