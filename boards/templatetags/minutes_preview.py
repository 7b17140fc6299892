"""{% import_item row %}: one minute item of the clerk's minutes preview, built in Python.

A year of minutes pasted at once has thousands of items and resolutions, each with its
fields and buttons; through the template language and Django's widget templates the page
took most of its time rendering them. Built here with html.escape on every value read
from the text or the form (see tests/test_escaping.py), in the markup the template had.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from .quick_fields import quick_field

register = template.Library()

BUTTON = (
    '<button type="submit" name="op" value="{op}" class="button button--secondary button--small">'
    '{text}<span class="visually-hidden"> ({where})</span></button>'
)


@register.simple_tag
def import_item(row):
    item = row.item
    position = row.index + 1
    legend = (
        f"Minute {escape(item.number)}. {escape(item.title)}"
        if item.number
        else f"Minute item {position} (no number found)"
    )
    why = f": {escape(item.why)}" if item.why else ""
    parts = [
        f'<fieldset class="import-item" id="item-{row.index}">'
        f'<legend class="import-item__legend">{legend}</legend>',
        f'<p class="hint">Lines {item.lines[0]} to {item.lines[1]} of the text{why}</p>',
        f'<div class="import-item__fields">{quick_field(row.number)}{quick_field(row.title)}</div>',
    ]
    if item.paragraphs:
        count = len(item.paragraphs)
        parts.append(
            f'<details class="import-item__discussion"{"" if row.resolutions else " open"}>'
            f"<summary>Discussion ({count} paragraph{'' if count == 1 else 's'})</summary>"
            '<ol class="import-paragraphs">'
        )
        for index, paragraph in enumerate(item.paragraphs):
            lines = "<br>".join(escape(line) for line in paragraph.text.split("\n"))
            button = BUTTON.format(
                op=f"to-decision:{row.index}:{index}",
                text="This paragraph is a decision",
                where=f"paragraph {index + 1} of minute item {position}",
            )
            parts.append(f"<li><p>{lines}</p>{button}</li>")
        parts.append("</ol></details>")
    if row.resolutions:
        parts.append(
            f'<p class="decision__heading">{escape(item.heading or "Decision")}</p>'
            '<ul class="import-resolutions">'
        )
        parts += [import_resolution(row, res) for res in row.resolutions]
        parts.append("</ul>")
    else:
        parts.append(
            "<p>No decision was found in this item. If one of its paragraphs is the decision, open the "
            "discussion and choose “This paragraph is a decision”.</p>"
        )
    parts.append("</fieldset>")
    return mark_safe("".join(parts))


def import_resolution(row, res) -> str:
    """One resolution: what was read, the clerk's fields, the buttons that change the reading."""
    found = res.res
    reference = escape(res.reference)
    suggested = "/ ".join(res.suggested) or "none found in the text"
    officers = (
        f"<div><dt>Suggested officers</dt><dd>{escape(suggested)}</dd></div>" if found.creates_action else ""
    )
    where = f"{row.index}:{res.index}"
    split = ""
    if res.split_at is not None:
        split = quick_field(res.split_at) + BUTTON.format(op=f"split:{where}", text="Split", where=reference)
    join = (
        ""
        if res.last
        else BUTTON.format(op=f"join:{where}", text="Join with the next resolution", where=reference)
    )
    move = BUTTON.format(
        op=f"to-discussion:{where}", text="Not a decision: move to the discussion", where=reference
    )
    return (
        f'<li class="import-resolution"><p><strong>{reference}</strong> {escape(found.text)}</p>'
        f'<dl class="import-resolution__found">'
        f"<div><dt>Proposed action</dt>"
        f"<dd>{'Yes' if found.creates_action else 'No'} ({escape(found.reason)})</dd></div>"
        f"{officers}<div><dt>Due found in the text</dt>"
        f"<dd>{escape(found.due_phrase or 'none')}</dd></div></dl>"
        f"{quick_field(res.create)}"
        f'<div class="import-resolution__fields">{quick_field(res.officers)}{quick_field(res.due)}</div>'
        f'<details class="import-resolution__change"><summary>Change how this resolution was read'
        f'<span class="visually-hidden"> ({reference})</span></summary>'
        f'<div class="button-group">{split}{join}{move}</div></details></li>'
    )
