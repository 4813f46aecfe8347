from __future__ import annotations

from datetime import datetime

from django import template

from discussion.tally import mmss as _mmss

register = template.Library()


@register.filter
def mmss(seconds: int | None) -> str:
    """Seconds as minutes:seconds (negative for an overrun)."""
    return _mmss(seconds)


@register.filter
def epoch_ms(moment: datetime | None) -> str:
    """A server time as milliseconds since the epoch, for the client to count from."""
    return "" if moment is None else str(int(moment.timestamp() * 1000))
