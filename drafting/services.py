"""Every write to a draft goes through these functions.

Each one runs in a transaction, locks the rows it changes (`select_for_update`), checks the
version the user started from and records who and why in the history. A paragraph's text is
guarded by `Paragraph.version`; the structure (insert, move, delete, restore) by
`Draft.version`. All the history records one operation writes share one `history_date`, so a
point in the draft's history is one operation and `as at` reconstruction never sees half of it.

Bad input raises a `DraftingError` whose message can be shown as it is; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting import inputs
from drafting.history import Kind as HistoryKind
from drafting.history import records
from drafting.models import MAX_TEXT_LENGTH, Draft, Paragraph, ParagraphTranslation

Kind = Paragraph.Kind

# Which kinds of unit may hold which: None is the top of the draft.
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    Kind.SECTION: {None},
    Kind.PART: {None, Kind.SECTION},
    Kind.PREAMBLE: {None, Kind.SECTION},
    Kind.PARAGRAPH: {None, Kind.SECTION, Kind.PART},
    Kind.CLAUSE: {Kind.PARAGRAPH},
    Kind.SUBCLAUSE: {Kind.CLAUSE},
}
POSITION_GAP = 1024


class DraftingError(Exception):
    """A write that cannot be done; `message` says why in words the user understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidText(DraftingError):
    pass


class UnknownUnit(DraftingError):
    pass


class InvalidStructure(DraftingError):
    pass


class StaleVersion(DraftingError):
    """The paragraph changed since the user opened it: carries what is saved now."""

    def __init__(self, paragraph: Paragraph, base_version: int) -> None:
        last = paragraph.history.order_by("-history_date", "-history_id").first()
        self.paragraph = paragraph
        self.base_version = base_version
        self.current_text = paragraph.text
        self.current_version = paragraph.version
        self.changed_by = last.history_user if last else None
        self.changed_at = last.history_date if last else None
        self.change_reason = (last.history_change_reason or "") if last else ""
        super().__init__(
            _(
                "Someone else saved this text since you opened it (now version %(current)s, "
                "you started from version %(base)s). Nothing was saved."
            )
            % {"current": paragraph.version, "base": base_version}
        )


class StaleDraft(DraftingError):
    """The structure of the draft changed since the user loaded the page."""

    def __init__(self, draft: Draft, base_version: int) -> None:
        last = draft.history.order_by("-history_date", "-history_id").first()
        self.draft = draft
        self.changed_by = last.history_user if last else None
        super().__init__(
            _(
                "The structure of the draft was changed by someone else since you loaded the "
                "page. Nothing was changed: reload the page and try again."
            )
        )


# ---------------------------------------------------------------------------- validation


def clean_text(text: str | None, *, required: bool = True) -> str:
    """The text as it will be stored, or InvalidText saying what is wrong with it."""
    text = inputs.clean_text(text, MAX_TEXT_LENGTH, error=InvalidText)
    if required and not text:
        raise InvalidText(_("The text cannot be empty."))
    return text


def clean_reason(reason: str | None, *, required: bool = False) -> str:
    reason = inputs.clean_text(reason, 1000, multiline=False, error=InvalidText)
    reason = " ".join(reason.split())
    if required and not reason:
        raise InvalidText(_("Please give a reason."))
    return reason


def _as_int(value, what: str) -> int:
    number = inputs.int_or_none(value)
    if number is None:
        raise DraftingError(_("%(what)s is missing or not a number.") % {"what": what})
    return number


# ---------------------------------------------------------------------------- helpers


def _lock_draft(draft: Draft | int) -> Draft:
    draft_id = draft.pk if isinstance(draft, Draft) else draft
    try:
        return Draft.objects.select_for_update().get(pk=draft_id)
    except Draft.DoesNotExist:
        raise UnknownUnit(_("This draft does not exist.")) from None


def _lock_unit(draft: Draft, paragraph_id) -> Paragraph:
    pk = _as_int(paragraph_id, _("The paragraph"))
    unit = Paragraph.objects.select_for_update().filter(pk=pk).first()
    if unit is None:
        raise UnknownUnit(_("There is no paragraph number %(id)s.") % {"id": pk})
    if unit.draft_id != draft.pk:
        raise UnknownUnit(_("That paragraph belongs to another draft."))
    return unit


def _check_draft_version(draft: Draft, base_version) -> None:
    if _as_int(base_version, _("The draft version")) != draft.version:
        raise StaleDraft(draft, _as_int(base_version, ""))


def _save(obj, *, user, reason: str, when: datetime, kind: str | None = None) -> None:
    if kind:
        obj._history_kind = kind
    obj._history_user = user
    obj._change_reason = reason
    obj._history_date = when
    obj.save()


def _bump_draft(draft: Draft, *, user, reason: str, when: datetime) -> None:
    draft.version += 1
    _save(draft, user=user, reason=reason, when=when)


def _siblings(draft: Draft, parent_id: int | None) -> list[Paragraph]:
    return list(
        Paragraph.objects.select_for_update()
        .filter(draft=draft, parent_id=parent_id)
        .order_by("position", "id")
    )


def _renumber(
    siblings: Sequence[Paragraph], *, user, reason: str, when: datetime, skip=None
) -> None:
    """Give siblings evenly spaced positions; saves the rows whose position changes.

    `skip` (a row the caller saves itself) gets its new position but is not saved here.
    """
    for index, row in enumerate(siblings):
        position = (index + 1) * POSITION_GAP
        if row.position != position:
            row.position = position
            if row is not skip:
                _save(row, user=user, reason=reason, when=when, kind=HistoryKind.RENUMBERED)


def _source_changed(
    units: Sequence[Paragraph], event: str, *, user, reason: str, when: datetime
) -> None:
    """The source text of these units changed: flag their other language versions.

    Every change of a unit's source text (an edit, a restored version, an amendment adopted
    through these services) marks its translations as needing update; their
    `source_version` keeps the version they were made from, so the change can be shown. An
    inserted unit has no translation yet: it is "missing" in every other language. A deleted
    unit's translations stay as they are (nothing is erased) and leave the queue with it.
    """
    if event not in ("edited", "restored"):
        return
    rows = ParagraphTranslation.objects.select_for_update().filter(
        paragraph__in=[u.pk for u in units], needs_update=False
    )
    for row in rows.exclude(text=""):
        row.needs_update = True
        _save(
            row,
            user=user,
            reason=_("Source text changed: %(reason)s") % {"reason": reason},
            when=when,
            kind=HistoryKind.SOURCE_CHANGED,
        )


def _descendants(unit: Paragraph) -> list[Paragraph]:
    found: list[Paragraph] = []
    frontier = [unit.pk]
    while frontier:
        children = list(Paragraph.objects.select_for_update().filter(parent_id__in=frontier))
        found.extend(children)
        frontier = [c.pk for c in children]
    return found


# ---------------------------------------------------------------------------- text


@records(HistoryKind.EDITED)
@transaction.atomic
def edit_text(draft: Draft, paragraph_id, *, text: str, base_version, user, reason: str = ""):
    """Save a new text for a unit, if nobody saved another one since `base_version`."""
    base = _as_int(base_version, _("The version you started from"))
    text = clean_text(text)
    reason = clean_reason(reason)
    unit = _lock_unit(draft, paragraph_id)
    if unit.is_deleted:
        raise InvalidStructure(_("This unit has been deleted; restore it before editing it."))
    if unit.version != base:
        raise StaleVersion(unit, base)
    if text == unit.text:
        return unit
    unit.text = text
    unit.version += 1
    when, reason = timezone.now(), reason or _("Text edited")
    _save(unit, user=user, reason=reason, when=when)
    _source_changed([unit], "edited", user=user, reason=reason, when=when)
    return unit


@records(HistoryKind.RESTORED)
@transaction.atomic
def restore_version(draft: Draft, paragraph_id, *, history_id, base_version, user, reason: str):
    """Bring back the text of an earlier version, saved as a new version."""
    base = _as_int(base_version, _("The version you started from"))
    reason = clean_reason(reason, required=True)
    unit = _lock_unit(draft, paragraph_id)
    record = unit.history.filter(history_id=_as_int(history_id, _("The version"))).first()
    if record is None:
        raise UnknownUnit(_("That version does not belong to this paragraph."))
    if unit.is_deleted:
        raise InvalidStructure(_("This unit has been deleted; restore it before editing it."))
    if unit.version != base:
        raise StaleVersion(unit, base)
    unit.text = clean_text(record.text)
    unit.version += 1
    when = timezone.now()
    reason = _("Version %(version)s restored: %(reason)s") % {
        "version": record.version,
        "reason": reason,
    }
    _save(unit, user=user, reason=reason, when=when)
    _source_changed([unit], "restored", user=user, reason=reason, when=when)
    return unit


# ---------------------------------------------------------------------------- structure


@records(HistoryKind.INSERTED)
@transaction.atomic
def insert_unit(
    draft: Draft,
    *,
    kind: str,
    text: str,
    base_version,
    user,
    reason: str = "",
    after_id=None,
    parent_id=None,
) -> Paragraph:
    """Insert a unit after `after_id` (same parent), or as first child of `parent_id`.

    With neither, it becomes the first unit at the top of the draft.
    """
    if kind not in Kind.values:
        raise InvalidStructure(_("Unknown kind of unit."))
    text = clean_text(text)
    reason = clean_reason(reason)
    draft = _lock_draft(draft)
    _check_draft_version(draft, base_version)
    after = _lock_unit(draft, after_id) if after_id not in (None, "") else None
    if after is not None:
        parent = after.parent
    elif parent_id not in (None, ""):
        parent = _lock_unit(draft, parent_id)
    else:
        parent = None
    _check_parent(kind, parent)
    when = timezone.now()
    reason = reason or _("%(kind)s inserted") % {"kind": Kind(kind).label}
    siblings = _siblings(draft, parent.pk if parent else None)
    index = next((i + 1 for i, s in enumerate(siblings) if after and s.pk == after.pk), 0)
    unit = Paragraph(draft=draft, parent=parent, kind=kind, text=text)
    siblings.insert(index, unit)
    _place(siblings, index, unit, user=user, reason=reason, when=when)
    _save(unit, user=user, reason=reason, when=when)
    _source_changed([unit], "inserted", user=user, reason=reason, when=when)
    _bump_draft(draft, user=user, reason=reason, when=when)
    return unit


def _check_parent(kind: str, parent: Paragraph | None) -> None:
    if parent is not None and parent.is_deleted:
        raise InvalidStructure(_("The unit to insert into has been deleted."))
    if (parent.kind if parent else None) not in ALLOWED_PARENTS[kind]:
        where = parent.get_kind_display().lower() if parent else _("the top of the draft")
        raise InvalidStructure(
            _("A %(kind)s cannot be placed in %(where)s.")
            % {"kind": Kind(kind).label.lower(), "where": where}
        )


def _place(siblings: list[Paragraph], index: int, unit: Paragraph, **history) -> None:
    """Give `unit` (at `index` in `siblings`) a position, renumbering only when out of room."""
    before = siblings[index - 1].position if index > 0 else 0
    after = siblings[index + 1].position if index + 1 < len(siblings) else None
    if after is None:
        unit.position = before + POSITION_GAP
    elif after - before > 1:
        unit.position = (before + after) // 2
    else:
        _renumber(siblings, skip=unit, **history)
        unit.position = (index + 1) * POSITION_GAP


@records(HistoryKind.MOVED)
@transaction.atomic
def move_unit(
    draft: Draft,
    paragraph_id,
    *,
    base_version,
    user,
    reason: str = "",
    direction: str | None = None,
    after_id=None,
) -> Paragraph:
    """Move a unit one place up or down among its siblings, or to just after another unit."""
    reason = clean_reason(reason)
    draft = _lock_draft(draft)
    _check_draft_version(draft, base_version)
    unit = _lock_unit(draft, paragraph_id)
    if unit.is_deleted:
        raise InvalidStructure(_("A deleted unit cannot be moved; restore it first."))
    when = timezone.now()
    reason = reason or _("Moved")
    if direction in ("up", "down"):
        live = [s for s in _siblings(draft, unit.parent_id) if not s.is_deleted]
        index = next(i for i, s in enumerate(live) if s.pk == unit.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(live):
            raise InvalidStructure(
                _("It is already the first of its level.")
                if direction == "up"
                else _("It is already the last of its level.")
            )
        neighbour = live[other]
        unit.position, neighbour.position = neighbour.position, unit.position
        if unit.position == neighbour.position:
            # Equal positions order by id: make room so the swap shows.
            siblings = _siblings(draft, unit.parent_id)
            _renumber(siblings, user=user, reason=reason, when=when)
            unit = next(s for s in siblings if s.pk == unit.pk)
            neighbour = next(s for s in siblings if s.pk == neighbour.pk)
            unit.position, neighbour.position = neighbour.position, unit.position
        _save(neighbour, user=user, reason=reason, when=when)
    elif after_id not in (None, ""):
        after = _lock_unit(draft, after_id)
        if after.pk == unit.pk or after.pk in {d.pk for d in _descendants(unit)}:
            raise InvalidStructure(_("A unit cannot be moved after itself or into itself."))
        if after.is_deleted:
            raise InvalidStructure(_("A unit cannot be moved after a deleted unit."))
        _check_parent(unit.kind, after.parent)
        unit.parent = after.parent
        siblings = [s for s in _siblings(draft, after.parent_id) if s.pk != unit.pk]
        index = next(i + 1 for i, s in enumerate(siblings) if s.pk == after.pk)
        siblings.insert(index, unit)
        _place(siblings, index, unit, user=user, reason=reason, when=when)
    else:
        raise InvalidStructure(_("Say where to move the unit."))
    _save(unit, user=user, reason=reason, when=when)
    _bump_draft(draft, user=user, reason=reason, when=when)
    return unit


@records(HistoryKind.DELETED)
@transaction.atomic
def delete_unit(draft: Draft, paragraph_id, *, base_version, user, reason: str) -> Paragraph:
    """Mark a unit and everything in it deleted. Nothing is erased: it stays in the history."""
    reason = clean_reason(reason, required=True)
    draft = _lock_draft(draft)
    _check_draft_version(draft, base_version)
    unit = _lock_unit(draft, paragraph_id)
    if unit.is_deleted:
        raise InvalidStructure(_("This unit is already deleted."))
    when = timezone.now()
    deleted = [unit, *_descendants(unit)]
    for row in deleted:
        if not row.is_deleted:
            row.is_deleted = True
            _save(row, user=user, reason=reason, when=when)
    _source_changed(deleted, "deleted", user=user, reason=reason, when=when)
    _bump_draft(draft, user=user, reason=reason, when=when)
    return unit


@records(HistoryKind.UNDELETED)
@transaction.atomic
def undelete_unit(draft: Draft, paragraph_id, *, base_version, user, reason: str) -> Paragraph:
    """Bring a deleted unit back, with what was deleted together with it."""
    reason = clean_reason(reason, required=True)
    draft = _lock_draft(draft)
    _check_draft_version(draft, base_version)
    unit = _lock_unit(draft, paragraph_id)
    if not unit.is_deleted:
        raise InvalidStructure(_("This unit is not deleted."))
    if unit.parent is not None and unit.parent.is_deleted:
        raise InvalidStructure(_("The unit it belongs to is deleted: restore that one first."))
    deleted_at = _deleted_at(unit)
    when = timezone.now()
    unit.is_deleted = False
    _save(unit, user=user, reason=reason, when=when)
    for row in _descendants(unit):
        if row.is_deleted and (deleted_at is None or (_deleted_at(row) or when) >= deleted_at):
            row.is_deleted = False
            _save(row, user=user, reason=reason, when=when)
    _bump_draft(draft, user=user, reason=reason, when=when)
    return unit


def _deleted_at(unit: Paragraph) -> datetime | None:
    """When the unit was last marked deleted."""
    previous = None
    for record in unit.history.order_by("-history_date", "-history_id"):
        if not record.is_deleted:
            return previous
        previous = record.history_date
    return previous


# ---------------------------------------------------------------------------- import


class OutlineNode(Protocol):
    kind: str
    text: str
    children: Sequence[OutlineNode]


@dataclass
class Node:
    """A unit to create: what the importer and the demo hand to `add_outline`."""

    kind: str
    text: str
    children: list[Node]

    def __init__(self, kind: str, text: str, children: Iterable[Node] = ()) -> None:
        self.kind, self.text, self.children = kind, text, list(children)


def _validate_outline(nodes: Sequence[OutlineNode], parent_kind: str | None = None) -> int:
    count = 0
    for node in nodes:
        if node.kind not in Kind.values:
            raise InvalidStructure(_("Unknown kind of unit."))
        if parent_kind not in ALLOWED_PARENTS[node.kind]:
            raise InvalidStructure(
                _("A %(kind)s cannot be placed there: %(text)s")
                % {"kind": Kind(node.kind).label.lower(), "text": node.text[:80]}
            )
        clean_text(node.text)
        count += 1 + _validate_outline(node.children, node.kind)
    return count


@records(HistoryKind.INSERTED)
@transaction.atomic
def add_outline(
    draft: Draft,
    nodes: Sequence[OutlineNode],
    *,
    base_version,
    user,
    reason: str,
    replace: bool = False,
) -> int:
    """Append a tree of units at the end of the draft (or, with replace, instead of its text).

    Replaced units are marked deleted, never erased. Returns how many units were created.
    """
    reason = clean_reason(reason) or _("Text imported")
    if not nodes:
        raise InvalidStructure(_("There is nothing to import."))
    count = _validate_outline(nodes)
    draft = _lock_draft(draft)
    _check_draft_version(draft, base_version)
    when = timezone.now()
    top = _siblings(draft, None)
    if replace:
        for row in Paragraph.objects.select_for_update().filter(draft=draft, is_deleted=False):
            row.is_deleted = True
            _save(row, user=user, reason=reason, when=when)
    start = max((row.position for row in top), default=0)

    def create(items: Sequence[OutlineNode], parent: Paragraph | None, offset: int) -> None:
        for index, node in enumerate(items, start=1):
            unit = Paragraph(
                draft=draft,
                parent=parent,
                kind=node.kind,
                text=clean_text(node.text),
                position=offset + index * POSITION_GAP,
            )
            _save(unit, user=user, reason=reason, when=when)
            create(node.children, unit, 0)

    create(nodes, None, start)
    _bump_draft(draft, user=user, reason=reason, when=when)
    return count


@records(HistoryKind.CREATED)
@transaction.atomic
def create_draft_from_outline(
    *,
    title: str,
    nodes: Sequence[OutlineNode],
    user,
    reason: str = "",
    symbol: str = "",
    language: str = "en",
    date=None,
) -> Draft:
    """Create a draft with the given tree of units, all in one history record per unit."""
    title = clean_text(title)
    if len(title) > 500:
        raise InvalidText(_("The title is too long (at most 500 characters)."))
    draft = Draft(title=title, symbol=symbol.strip(), language=language, date=date)
    _save(draft, user=user, reason=clean_reason(reason) or _("Draft created"), when=timezone.now())
    if nodes:
        add_outline(draft, nodes, base_version=draft.version, user=user, reason=reason)
        draft.refresh_from_db()
    return draft
