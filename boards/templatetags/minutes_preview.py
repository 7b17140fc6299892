"""{% import_item row %}: one minute item of the clerk's minutes preview, built in Python.

A year of minutes pasted at once has thousands of items and resolutions, each with its
fields and buttons; through the template language and Django's widget templates the page
took most of its time rendering them. Built here with format_html and format_html_join
(boards/safe_html.py: Django's, made fast for thousands of pieces), which escape every value
read from the text or the form (see tests/test_escaping.py), in the markup the template had.
"""

from django import template

from ..safe_html import format_html, format_html_join, lines_html
from .quick_fields import quick_field

register = template.Library()

BUTTON = (
    '<button type="submit" name="op" value="{}" class="button button--secondary button--small">'
    '{}<span class="visually-hidden"> ({})</span></button>'
)
OPEN = format_html(" {}", "open")
NO_DECISION = format_html(
    "<p>{}</p>",
    "No decision was found in this item. If one of its paragraphs is the decision, open the "
    "discussion and choose “This paragraph is a decision”.",
)


@register.simple_tag
def import_item(row):
    item = row.item
    position = row.index + 1
    legend = (
        format_html("Minute {}. {}", item.number, item.title)
        if item.number
        else format_html("Minute item {} (no number found)", position)
    )
    return format_html(
        '<fieldset class="import-item" id="item-{}"><legend class="import-item__legend">{}</legend>'
        '<p class="hint">Lines {} to {} of the text{}</p>'
        '<div class="import-item__fields">{}{}</div>{}{}</fieldset>',
        row.index,
        legend,
        item.lines[0],
        item.lines[1],
        format_html(": {}", item.why) if item.why else "",
        quick_field(row.number),
        quick_field(row.title),
        _discussion(row, position) if item.paragraphs else "",
        _decision(row) if row.resolutions else NO_DECISION,
    )


def _discussion(row, position: int):
    """The item's paragraphs, each with a button that makes it a decision; open if the item
    has no decision."""
    count = len(row.item.paragraphs)
    paragraphs = format_html_join(
        "",
        "<li><p>{}</p>{}</li>",
        (
            (
                lines_html(paragraph.text),
                format_html(
                    BUTTON,
                    f"to-decision:{row.index}:{index}",
                    "This paragraph is a decision",
                    f"paragraph {index + 1} of minute item {position}",
                ),
            )
            for index, paragraph in enumerate(row.item.paragraphs)
        ),
    )
    return format_html(
        '<details class="import-item__discussion"{}><summary>Discussion ({} paragraph{})</summary>'
        '<ol class="import-paragraphs">{}</ol></details>',
        "" if row.resolutions else OPEN,
        count,
        "" if count == 1 else "s",
        paragraphs,
    )


def _decision(row):
    return format_html(
        '<p class="decision__heading">{}</p><ul class="import-resolutions">{}</ul>',
        row.item.heading or "Decision",
        format_html_join("", "{}", ((import_resolution(row, res),) for res in row.resolutions)),
    )


def import_resolution(row, res):
    """One resolution: what was read, the clerk's fields, the buttons that change the reading."""
    found = res.res
    reference = res.reference
    officers = (
        format_html(
            "<div><dt>Suggested officers</dt><dd>{}</dd></div>",
            "/ ".join(res.suggested) or "none found in the text",
        )
        if found.creates_action
        else ""
    )
    where = f"{row.index}:{res.index}"
    split = ""
    if res.split_at is not None:
        split = quick_field(res.split_at) + format_html(BUTTON, f"split:{where}", "Split", reference)
    join = (
        "" if res.last else format_html(BUTTON, f"join:{where}", "Join with the next resolution", reference)
    )
    move = format_html(BUTTON, f"to-discussion:{where}", "Not a decision: move to the discussion", reference)
    return format_html(
        '<li class="import-resolution"><p><strong>{}</strong> {}</p>'
        '<dl class="import-resolution__found">'
        "<div><dt>Proposed action</dt><dd>{} ({})</dd></div>"
        "{}<div><dt>Due found in the text</dt><dd>{}</dd></div></dl>"
        "{}"
        '<div class="import-resolution__fields">{}{}</div>'
        '<details class="import-resolution__change"><summary>Change how this resolution was read'
        '<span class="visually-hidden"> ({})</span></summary>'
        '<div class="button-group">{}{}{}</div></details></li>',
        reference,
        found.text,
        "Yes" if found.creates_action else "No",
        found.reason,
        officers,
        found.due_phrase or "none",
        quick_field(res.create),
        quick_field(res.officers),
        quick_field(res.due),
        reference,
        split,
        join,
        move,
    )
