"""{% quick_field field %}: boards/_field.html's markup for a text input, a checkbox or a
select, built in Python.

The minutes preview of a long text has thousands of fields (four for every resolution);
rendered through the include and Django's widget templates they took most of the page's
time. The markup is the same as _field.html's (label, hint, errors, then the input, with
aria-describedby and aria-invalid as Django sets them); any other widget falls back to the
include. Written with format_html and format_html_join (boards/safe_html.py: Django's, made
fast for thousands of fields), which escape every value, quotes included: nothing from the
field reaches the page unescaped.
"""

from django import forms, template
from django.template.loader import render_to_string

from ..safe_html import attributes_html, format_html, format_html_join

register = template.Library()

OPTIONAL = format_html(' <span class="{}">(optional)</span>', "optional")
SELECTED = format_html(" {}", "selected")


@register.simple_tag
def quick_field(field):
    widget = field.field.widget
    if type(widget) not in (forms.TextInput, forms.CheckboxInput, forms.Select):
        return render_to_string("boards/_field.html", {"field": field})
    ident = field.auto_id
    errors = format_html_join(
        "",
        '<p class="error-message" id="{}_error"><span class="visually-hidden">Error:</span> {}</p>',
        ((ident, str(error)) for error in field.errors),
    )
    group = "form-group form-group--error" if errors else "form-group"
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="{}">{}<div class="checkbox">{}<label for="{}">{}</label></div></div>',
            group,
            errors,
            _input(field, "checkbox", errors),
            ident,
            str(field.label),
        )
    hint = (
        format_html('<p class="hint" id="{}_helptext">{}</p>', ident, str(field.help_text))
        if field.help_text
        else ""
    )
    control = _select(field, errors) if isinstance(widget, forms.Select) else _input(field, "text", errors)
    return format_html(
        '<div class="{}"><label class="label" for="{}">{}{}</label>{}{}{}</div>',
        group,
        ident,
        str(field.label),
        "" if field.field.required else OPTIONAL,
        hint,
        errors,
        control,
    )


def _attributes(field, errors: str, **extra):
    widget = field.field.widget
    attrs = {
        **extra,
        "name": field.html_name,
        **widget.attrs,
        **field.field.widget_attrs(widget),
        "id": field.auto_id,
    }
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    if errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return attributes_html(attrs)


def _input(field, kind: str, errors: str):
    value = field.value()
    if kind == "checkbox":
        checked = bool(field.field.widget.check_test(value))
        return format_html("<input{}>", _attributes(field, errors, type=kind, checked=checked))
    return format_html(
        "<input{}>", _attributes(field, errors, type=kind, value=field.field.widget.format_value(value))
    )


def _select(field, errors: str):
    value = field.value()
    chosen = str(value) if value not in (None, "") else None
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (str(option), SELECTED if str(option) == chosen else "", str(label))
            for option, label in field.field.choices
        ),
    )
    return format_html("<select{}>{}</select>", _attributes(field, errors), options)
