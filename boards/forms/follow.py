"""The public's follow form: an email address, and nothing else."""

from django import forms


class FollowEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We will email you a link to confirm. Alerts come at most once a day, and every "
        "one has a link to stop them.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
