"""{% export_formats as formats %}: the formats registry (boards/exports FORMATS), in its order,
for templates/boards/_export_links.html."""

from django import template

from ..exports import FORMATS

register = template.Library()


@register.simple_tag
def export_formats():
    return list(FORMATS.values())
