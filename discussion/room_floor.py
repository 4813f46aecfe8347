"""The floor as the room screen lays it out: levels relative to the paragraph, and condensed
for a projector (which cannot scroll) around the words being amended.

The committee app says what is on the floor (`committee.floor.room_floor`); this module only
decides how it reads on a screen.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from committee.floor import room_floor
from committee.models import AmendmentChange, Committee
from drafting.textdiff import word_diff

# A projector shows a change in full up to this many words; beyond, unchanged stretches are cut
# to CONTEXT words on each side of a change.
LONG_DIFF_WORDS = 50
CONTEXT_WORDS = 10
# With an amendment on the floor, the paragraph's other units show their first words only.
OPENING_WORDS = 12
ELLIPSIS = "…"


@dataclass
class ScreenUnit:
    level: int  # 0 the unit on the floor, 1 its clauses, 2 their sub-clauses
    number: str
    text: str
    deleted: bool
    amended: bool  # touched by the amendment on the floor


@dataclass
class ScreenFloor:
    reference: str
    units: list[ScreenUnit]
    amendment: object | None
    diffs: list[tuple[str, SafeString]]
    last_sentence: str
    condensed: bool


def _words(text: str) -> list[str]:
    return text.split()


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first words of a text, with an ellipsis when there is more."""
    parts = _words(text)
    if len(parts) <= words:
        return text
    return " ".join(parts[:words]) + " " + ELLIPSIS


def _cut(text: str, *, keep_start: bool, keep_end: bool) -> str:
    """An unchanged stretch cut to CONTEXT words next to the changes it touches."""
    words = text.split()
    if len(words) <= CONTEXT_WORDS * (int(keep_start) + int(keep_end)) + 2:
        return text
    pieces = []
    if keep_start:
        pieces.append(" ".join(words[:CONTEXT_WORDS]))
    pieces.append(ELLIPSIS)
    if keep_end:
        pieces.append(" ".join(words[-CONTEXT_WORDS:]))
    # Keep the spacing (or its absence) against the changes on either side.
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + " ".join(pieces) + trail


def condensed_diff(old: str, new: str, *, condense: bool) -> SafeString:
    """Track changes from `old` to `new`; when condensed and long, only around the changes."""
    ops = word_diff(old, new)
    if condense and len(_words(old)) + len(_words(new)) > 2 * LONG_DIFF_WORDS:
        last = len(ops) - 1
        ops = [
            (op, _cut(text, keep_start=i > 0, keep_end=i < last) if op == 0 else text)
            for i, (op, text) in enumerate(ops)
        ]
    out = []
    for op, text in ops:
        escaped = html.escape(text, quote=True)
        out.append(
            f"<del>{escaped}</del>" if op < 0 else f"<ins>{escaped}</ins>" if op > 0 else escaped
        )
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def _change_texts(change: AmendmentChange, current: str) -> tuple[str, str]:
    if change.action == AmendmentChange.Action.INSERT:
        return "", change.proposed_text
    if change.action == AmendmentChange.Action.DELETE:
        return current, ""
    return current, change.proposed_text


def screen_floor(committee: Committee, *, condense: bool) -> ScreenFloor | None:
    """What the room screen shows of the floor, or None (then it shows the discussion)."""
    floor = room_floor(committee)
    if floor is None:
        return None
    texts = {u.pk: u.paragraph.text for u in floor.units}
    diffs, touched = [], set()
    if floor.amendment is not None:
        changes = floor.amendment.changes.filter(is_removed=False).order_by("position", "pk")
        for change in changes:
            touched.add(change.paragraph_id)
            old, new = _change_texts(change, texts.get(change.paragraph_id, ""))
            diffs.append((change.reference, condensed_diff(old, new, condense=condense)))
    shorten = condense and floor.amendment is not None
    base = floor.units[0].depth if floor.units else 0
    units = [
        ScreenUnit(
            level=max(0, u.depth - base),
            number=u.number,
            text=opening(u.paragraph.text) if shorten else u.paragraph.text,
            deleted=u.deleted,
            amended=u.pk in touched,
        )
        for u in floor.units
    ]
    return ScreenFloor(
        reference=floor.reference,
        units=units,
        amendment=floor.amendment,
        diffs=diffs,
        last_sentence=floor.last_sentence,
        condensed=shorten,
    )
