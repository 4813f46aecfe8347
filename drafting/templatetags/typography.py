"""{{ "Current text"|colon }}: a label followed by the colon of the active language."""

from django import template

from drafting.typography import label

register = template.Library()


@register.filter
def colon(text) -> str:
    return label(str(text))
