"""The search page's form: the query and its filters, every one a GET parameter."""

from django import forms

from .. import limits
from ..filters import DATE_INPUTS
from ..search import KIND_LABELS, MAX_QUERY, STATUSES, Criteria


class SearchForm(forms.Form):
    # Its length is checked in clean_q, which says how long the search was.
    q = forms.CharField(label="Search for", required=False)
    board = forms.ChoiceField(label="Board", required=False)
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everything"), *((k, plural) for k, (_label, plural) in KIND_LABELS.items())],
    )
    status = forms.ChoiceField(label="Action status", required=False, choices=[("", "Any status"), *STATUSES])
    date_from = forms.DateField(label="From", required=False, input_formats=DATE_INPUTS)
    date_to = forms.DateField(label="To", required=False, input_formats=DATE_INPUTS)

    def __init__(self, data=None, *, boards=(), **kwargs):
        super().__init__(data, **kwargs)
        self.boards = {board.slug: board for board in boards}
        self.fields["board"].choices = [("", "All boards"), *((b.slug, b.name) for b in boards)]
        # The same message for a board that does not exist and one the user may not see.
        self.fields["board"].error_messages["invalid_choice"] = "Choose one of the boards in the list."

    def clean_q(self):
        text = self.cleaned_data["q"]
        if len(text) > MAX_QUERY:
            raise forms.ValidationError(
                f"Search for at most {MAX_QUERY} characters: this search has {len(text):,}. "
                "A few telling words find more than a long sentence."
            )
        return self.cleaned_data["q"]

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            problem = limits.date_problem(data.get(name))
            if problem:
                self.add_error(name, problem)
        start, stop = data.get("date_from"), data.get("date_to")
        if start and stop and start > stop:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        board = self.boards.get(data.get("board") or "")
        return Criteria(
            text=data.get("q") or "",
            board=board.pk if board else None,
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            since=data.get("date_from"),
            until=data.get("date_to"),
        )
