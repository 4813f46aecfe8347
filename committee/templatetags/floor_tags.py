"""What the room screen shows of the floor: `{% room_floor committee as floor %}`."""

from __future__ import annotations

from django import template

from committee.floor import room_floor as _room_floor

register = template.Library()


@register.simple_tag
def room_floor(committee):
    """The paragraph and amendment on the floor and the last decision, or None."""
    return _room_floor(committee) if committee is not None else None
