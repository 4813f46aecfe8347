"""Displayed numbers and references, computed from the order of the tree.

Numbers are never stored: a paragraph inserted or deleted renumbers what follows, while each
paragraph keeps its identity (its primary key). `outline(draft)` reads the draft in one query
and returns its units in document order with their numbers and references.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from drafting.models import Draft, Paragraph
from drafting.references import section_word

Kind = Paragraph.Kind

_ROMAN = [
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
]  # fmt: skip


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb: the usual way long lists of clauses go on."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


@dataclass
class Unit:
    paragraph: Paragraph
    depth: int
    number: str = ""  # "5.", "(c)", "(ii)", "II." or "" for unnumbered units
    reference: str = ""  # "Paragraph 5(c)(ii)"
    path: tuple[str, ...] = ()  # ("5", "c", "ii"): the bare numbers from the paragraph down
    children: list[Unit] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.paragraph.pk

    @property
    def kind(self) -> str:
        return self.paragraph.kind

    @property
    def deleted(self) -> bool:
        return self.paragraph.is_deleted

    @property
    def has_children(self) -> bool:
        return any(not c.deleted for c in self.children)


def outline(draft: Draft, *, include_deleted: bool = False, paragraphs=None) -> list[Unit]:
    """Every unit of the draft in document order (a flat list; `children` gives the tree).

    `paragraphs` lets a caller pass rows it already has (for instance a historical snapshot).
    Deleted units get no number and do not count; they appear only with include_deleted.
    """
    rows = list(paragraphs if paragraphs is not None else draft.paragraphs.all())
    by_parent: dict[int | None, list[Paragraph]] = {}
    for row in rows:
        if row.is_deleted and not include_deleted:
            continue
        by_parent.setdefault(row.parent_id, []).append(row)
    for siblings in by_parent.values():
        siblings.sort(key=lambda p: (p.position, p.pk))

    flat: list[Unit] = []
    sections = [p for p in by_parent.get(None, []) if p.kind == Kind.SECTION]
    last_section = sections[-1].pk if sections else None
    counters = {"part": 0, "paragraph": 0, "preamble": 0}

    def walk(rows: list[Paragraph], depth: int, parent: Unit | None, prefix: str) -> list[Unit]:
        units = []
        clause_no = 0
        for row in rows:
            unit = Unit(row, depth)
            flat.append(unit)
            live = not row.is_deleted
            if row.kind == Kind.SECTION:
                counters.update(part=0, paragraph=0, preamble=0)
                label = section_word((row.text.split() or [""])[0])
                section_prefix = "" if row.pk == last_section else f"{label}, "
                unit.children = walk(by_parent.get(row.pk, []), depth + 1, unit, section_prefix)
                units.append(unit)
                continue
            if row.kind == Kind.PART and live:
                counters["part"] += 1
                unit.number = f"{roman(counters['part']).upper()}."
                unit.reference = _("Part %(number)s") % {"number": roman(counters["part"]).upper()}
            elif row.kind == Kind.PREAMBLE and live:
                counters["preamble"] += 1
                unit.reference = prefix + _("preambular paragraph %(number)s") % {
                    "number": counters["preamble"]
                }
                unit.reference = unit.reference[:1].upper() + unit.reference[1:]
            elif row.kind == Kind.PARAGRAPH and live:
                counters["paragraph"] += 1
                n = str(counters["paragraph"])
                unit.number, unit.path = f"{n}.", (n,)
                unit.reference = (
                    prefix + (_("paragraph %(number)s") if prefix else _("Paragraph %(number)s"))
                ) % {"number": n}
            elif row.kind in (Kind.CLAUSE, Kind.SUBCLAUSE) and live:
                clause_no += 1
                n = letters(clause_no) if row.kind == Kind.CLAUSE else roman(clause_no)
                unit.number = f"({n})"
                base_path = parent.path if parent else ()
                unit.path = (*base_path, n)
                base_ref = parent.reference.split("(")[0] if parent else ""
                unit.reference = base_ref + "".join(f"({p})" for p in unit.path[1:])
            unit.children = walk(by_parent.get(row.pk, []), depth + 1, unit, prefix)
            units.append(unit)
        return units

    walk(by_parent.get(None, []), 0, None, "")
    return flat


def chapeau_reference(unit: Unit) -> str:
    return _("the chapeau of %(reference)s") % {"reference": unit.reference}


def new_unit_reference(after: Unit | None, kind: str) -> str:
    """The reference of a unit proposed for insertion: 'new paragraph after Paragraph 7'."""
    noun = {
        Kind.PARAGRAPH: _("new paragraph"),
        Kind.CLAUSE: _("new clause"),
        Kind.SUBCLAUSE: _("new sub-clause"),
        Kind.PREAMBLE: _("new preambular paragraph"),
        Kind.PART: _("new part"),
    }.get(kind, _("new paragraph"))
    if after is None or not after.reference:
        return noun[:1].upper() + noun[1:]
    return _("%(noun)s after %(reference)s") % {"noun": noun, "reference": after.reference}
