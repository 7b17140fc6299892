"""{% quick_field field %}: boards/_field.html's markup for a text input, a checkbox or a
select, built in Python.

The minutes preview of a long text has thousands of fields (four for every resolution);
rendered through the include and Django's widget templates they took most of the page's
time. The markup is the same as _field.html's (label, hint, errors, then the input, with
aria-describedby and aria-invalid as Django sets them); any other widget falls back to the
include. Every value is escaped here (html.escape, quotes included): nothing from the field
reaches the page unescaped.
"""

from html import escape

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def quick_field(field):
    widget = field.field.widget
    if type(widget) not in (forms.TextInput, forms.CheckboxInput, forms.Select):
        return render_to_string("boards/_field.html", {"field": field})
    ident = escape(field.auto_id)
    errors = "".join(
        f'<p class="error-message" id="{ident}_error"><span class="visually-hidden">Error:</span> '
        f"{escape(str(error))}</p>"
        for error in field.errors
    )
    group = "form-group form-group--error" if errors else "form-group"
    label = escape(str(field.label))
    if isinstance(widget, forms.CheckboxInput):
        return mark_safe(
            f'<div class="{group}">{errors}<div class="checkbox">{_input(field, "checkbox", errors)}'
            f'<label for="{ident}">{label}</label></div></div>'
        )
    optional = "" if field.field.required else ' <span class="optional">(optional)</span>'
    hint = (
        f'<p class="hint" id="{ident}_helptext">{escape(str(field.help_text))}</p>' if field.help_text else ""
    )
    control = _select(field, errors) if isinstance(widget, forms.Select) else _input(field, "text", errors)
    return mark_safe(
        f'<div class="{group}"><label class="label" for="{ident}">{label}{optional}</label>'
        f"{hint}{errors}{control}</div>"
    )


def _attributes(field, errors: str, **extra) -> str:
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
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not None and value is not False
    )


def _input(field, kind: str, errors: str) -> str:
    value = field.value()
    if kind == "checkbox":
        checked = bool(field.field.widget.check_test(value))
        return f"<input{_attributes(field, errors, type=kind, checked=checked)}>"
    return f"<input{_attributes(field, errors, type=kind, value=field.field.widget.format_value(value))}>"


def _select(field, errors: str) -> str:
    value = field.value()
    chosen = str(value) if value not in (None, "") else None
    options = "".join(
        f'<option value="{escape(str(option))}"{" selected" if str(option) == chosen else ""}>'
        f"{escape(str(label))}</option>"
        for option, label in field.field.choices
    )
    return f"<select{_attributes(field, errors)}>{options}</select>"
