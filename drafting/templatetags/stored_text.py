"""Stored words shown in the page's language: history reasons and unit references."""

from django import template

from drafting import messages, references

register = template.Library()


@register.filter
def localised(text: str) -> str:
    """A stored reason ("Amendment D.12 adopted") in the active language; typed text as is."""
    return messages.localise(text or "")


@register.filter
def reference(text: str) -> str:
    """A stored unit reference ("the chapeau of Paragraph 3") in the active language."""
    return references.localise(text or "")
