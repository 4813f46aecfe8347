"""Compare two states of a draft paragraph by paragraph, as a redline.

`redline(draft, old_rows, new_rows)` takes two lists of paragraph-like rows (anything with
`pk`, `parent_id`, `kind`, `position`, `text` and `is_deleted`: live paragraphs, historical
instances from `rows_as_of`, or rows rebuilt from a stored stage snapshot) and returns one
`RedlineRow` per unit in reading order: unchanged, changed (word diff), added, deleted, and
moved units (marked, with their old number).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from django.utils.safestring import SafeString, mark_safe

from drafting.models import Draft, Paragraph
from drafting.outline import Unit, outline
from drafting.textdiff import diff_html

ADDED, DELETED, CHANGED, UNCHANGED = "added", "deleted", "changed", "unchanged"


@dataclass
class RedlineRow:
    pk: int
    kind: str
    depth: int
    status: str  # added, deleted, changed, unchanged
    moved: bool
    old_number: str
    new_number: str
    reference: str
    old_text: str
    new_text: str
    html: SafeString

    @property
    def number(self) -> str:
        return self.new_number if self.status != DELETED else self.old_number

    @property
    def is_heading(self) -> bool:
        return self.kind in (Paragraph.Kind.SECTION, Paragraph.Kind.PART)


def rows_as_of(draft: Draft, when: datetime) -> list[Paragraph]:
    """The draft's paragraphs as they stood at `when` (deleted units included, as flagged)."""
    records = Paragraph.history.filter(draft_id=draft.pk, history_date__lte=when).order_by(
        "id", "-history_date", "-history_id"
    )
    rows, seen = [], set()
    for record in records:
        if record.id in seen:
            continue
        seen.add(record.id)
        if record.history_type != "-":
            rows.append(record.instance)
    return rows


def _units(draft: Draft, rows: Iterable) -> list[Unit]:
    return outline(draft, paragraphs=list(rows))


def redline(draft: Draft, old_rows: Iterable, new_rows: Iterable) -> list[RedlineRow]:
    old_units, new_units = _units(draft, old_rows), _units(draft, new_rows)
    old_by_pk = {u.pk: u for u in old_units}
    new_by_pk = {u.pk: u for u in new_units}
    old_pks, new_pks = [u.pk for u in old_units], [u.pk for u in new_units]
    out: list[RedlineRow] = []

    def both(pk: int, in_place: bool) -> None:
        old, new = old_by_pk[pk], new_by_pk[pk]
        a, b = old.paragraph.text, new.paragraph.text
        moved = not in_place or old.paragraph.parent_id != new.paragraph.parent_id
        out.append(
            RedlineRow(
                pk=pk,
                kind=new.kind,
                depth=new.depth,
                status=CHANGED if a != b else UNCHANGED,
                moved=moved,
                old_number=old.number,
                new_number=new.number,
                reference=new.reference,
                old_text=a,
                new_text=b,
                html=mark_safe(diff_html(a, b) if a != b else html.escape(b)),  # noqa: S308
            )
        )

    def only(unit: Unit, status: str) -> None:
        text = unit.paragraph.text
        tag = "ins" if status == ADDED else "del"
        out.append(
            RedlineRow(
                pk=unit.pk,
                kind=unit.kind,
                depth=unit.depth,
                status=status,
                moved=False,
                old_number=unit.number if status == DELETED else "",
                new_number=unit.number if status == ADDED else "",
                reference=unit.reference,
                old_text=text if status == DELETED else "",
                new_text=text if status == ADDED else "",
                html=mark_safe(f"<{tag}>{html.escape(text)}</{tag}>"),  # noqa: S308
            )
        )

    matcher = SequenceMatcher(None, old_pks, new_pks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for pk in new_pks[j1:j2]:
                both(pk, in_place=True)
            continue
        for pk in old_pks[i1:i2]:
            if pk not in new_by_pk:
                only(old_by_pk[pk], DELETED)
        for pk in new_pks[j1:j2]:
            if pk in old_by_pk:
                both(pk, in_place=False)
            else:
                only(new_by_pk[pk], ADDED)
    return out


def summary(rows: list[RedlineRow]) -> dict[str, int]:
    counts = {ADDED: 0, DELETED: 0, CHANGED: 0, "moved": 0}
    for row in rows:
        if row.status in counts:
            counts[row.status] += 1
        if row.moved:
            counts["moved"] += 1
    return counts
