"""Exempt information: a minute item, resolution or action kept off the public record.

Councils and NHS bodies may exclude the public from part of a meeting when exempt
information would be disclosed (in England, the paragraphs of Schedule 12A to the Local
Government Act 1972; the Public Bodies (Admission to Meetings) Act 1960 for NHS bodies).
The board's members, officers and clerks see exempt items; the public page, exports,
published copies, the API, feeds, calendars and search leave them out (boards.access
decides who sees them). The grounds are kept as text, as the minutes print them.
"""

from django.core.exceptions import ValidationError
from django.db import models

GROUNDS_HELP = (
    "The rule relied on, as the minutes print it, e.g. “Paragraph 3 of Part 1 of Schedule 12A "
    "to the Local Government Act 1972”."
)


class Exemptable(models.Model):
    exempt = models.BooleanField(
        "exempt from publication",
        default=False,
        help_text="Kept off the public log, exports, feeds and search; the board's people still see it.",
    )
    exempt_grounds = models.CharField(
        "grounds for exemption", max_length=300, blank=True, help_text=GROUNDS_HELP
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        check_grounds(self.exempt, self.exempt_grounds)


def check_grounds(exempt: bool, grounds: str) -> None:
    """An exempt item names the rule it relies on; an item open to the public names none."""
    if exempt and not (grounds or "").strip():
        raise ValidationError({"exempt_grounds": "Say which rule makes this item exempt."})
    if not exempt and (grounds or "").strip():
        raise ValidationError({"exempt_grounds": "Grounds are only given for an exempt item."})
