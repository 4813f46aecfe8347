"""Amendments that change several paragraphs: decided once, as a whole, at the first.

An amendment is one proposal of its sponsors: a change to paragraph 3 and its consequence in
paragraph 5 stand or fall together (the committee may still subamend it, or a Group table the
parts separately). So it is decided once, at the first paragraph it changes in the order of
the text (its "home"), and appears at every other paragraph it touches with a mark and a link
to its home; it keeps those paragraphs from being declared adopted until it is decided. The
console, the record and its exports say the same words (`mark`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def touched(stop_of_change: dict[int, int], order: dict[int, int]) -> list[int]:
    """The stops (paragraphs the console walks) an amendment changes, in the order of the text.

    `stop_of_change`: change pk -> its stop pk; `order`: stop pk -> place in the text."""
    return sorted(set(stop_of_change.values()), key=lambda pk: order.get(pk, 10**9))


def home(stops: list[int]) -> int | None:
    return stops[0] if stops else None


def mark(here: int, stops: list[int], references: dict[int, str]) -> str:
    """What the console and the record say at `here` of an amendment touching `stops`."""
    if len(stops) < 2:
        return ""
    others = ", ".join(references.get(pk, "") for pk in stops if pk != here)
    if here == stops[0]:
        return _("Also amends %(others)s. Decided here, once, as a whole.") % {"others": others}
    return _("Also amends %(others)s. Decided once, as a whole, at %(home)s.") % {
        "others": others,
        "home": references.get(stops[0], ""),
    }
