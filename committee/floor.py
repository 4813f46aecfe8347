"""The floor: the sitting console's services. Deciding amendments, applying adopted ones to the
text, re-basing the others, declaring paragraphs adopted, undoing the last decision, and what
the room screen shows.

Public services (each one transaction; bad input raises `FloorError`, nothing is changed):

- `decide(access, user, amendment_id, outcome=..., ...)`: record what happened to an amendment.
  Adopting applies its changes at once through drafting.services (a new version with the reason
  "Amendment D.12 adopted") and re-applies every other pending change on the same units with
  merge3 (clean: stays pending, re-based; conflict: flagged as colliding, proposed as fallen).
- `declare_paragraph(access, user, paragraph_id, ...)`: "Paragraph 5 was adopted (as amended)".
- `undo_last(access, user, reason=..., ...)`: mark the last decision undone, revert its text
  as new versions ("Undo: ...") and its re-basing; the Decision row stays in the record.
- `show_on_floor(access, user, paragraph_id=..., amendment_id=...)`: what the room screen shows.
- `move_in_order(access, user, paragraph_id, amendment_id, direction, expected=...)`.
- `group_sizes(committee)`, `weights(sizes)`, `count_vote(committee, votes)`: weighted votes.
- `console(committee, paragraph_id)`, `room_floor(committee)`: what the pages show.

Concurrency: every write locks the committee row, then the floor row (the console's state
token `Floor.version` is checked there), then the draft, the amendment, the changes and the
paragraphs. A decision form carries the console token and the text token of its paragraph
(the versions of the paragraph and its clauses): two people deciding at once on the same text
never both succeed.

Order of discussion (the default, before the secretariat reorders): by place in the text (a
unit before its clauses, a new unit after the unit it follows); at one place the change
furthest removed from the text first: deleting the unit, then replacing its words (more words
changed before fewer), then inserting a new unit after it; then by amendment number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from math import lcm

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Max, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committee import identical, spanning
from committee.access import Access
from committee.busy import refused_when_busy
from committee.compilation import cached_changed_ranges, change_diff, diff
from committee.composition import sizes_in_force
from committee.models import (
    Amendment,
    AmendmentChange,
    Committee,
    Decision,
    Floor,
    Group,
    Stage,
    Subamendment,
)
from committee.stages import bump_room, floor_for, lock_floor, stage_label
from drafting import inputs
from drafting import services as text_services
from drafting.history import Kind as HistoryKind
from drafting.history import records
from drafting.models import MAX_TEXT_LENGTH, Draft, Paragraph
from drafting.outline import Unit, outline
from drafting.textdiff import merge3, ranges_collide, tokenize, word_diff

Outcome = Decision.Outcome
Status = Amendment.Status
Action = AmendmentChange.Action
Kind = Paragraph.Kind

DECIDABLE = (Status.TABLED, Status.CLARIFICATION, Status.DEFERRED)
ADOPTING = (Outcome.ADOPTED, Outcome.ADOPTED_SUBAMENDED)
PARAGRAPH_OUTCOMES = (Outcome.PARAGRAPH_ADOPTED, Outcome.PARAGRAPH_ADOPTED_AS_AMENDED)
AMENDMENT_OUTCOMES = [o for o in Outcome.values if o not in PARAGRAPH_OUTCOMES]
STATUS_FOR = {
    Outcome.ADOPTED: Status.ADOPTED,
    Outcome.ADOPTED_SUBAMENDED: Status.ADOPTED_SUBAMENDED,
    Outcome.REJECTED: Status.REJECTED,
    Outcome.WITHDRAWN: Status.WITHDRAWN,
    Outcome.TAKEN_UP: Status.TABLED,
    Outcome.NOT_SECONDED: Status.NOT_SECONDED,
    Outcome.FELL: Status.FELL,
    Outcome.DEFERRED: Status.DEFERRED,
}
# The units the console walks; clauses and sub-clauses are discussed with their paragraph.
INNER = (Kind.CLAUSE, Kind.SUBCLAUSE)
GROUP_KINDS = (Group.Kind.GOVERNMENT, Group.Kind.EMPLOYERS, Group.Kind.WORKERS)
VOTE_KEYS = ("for", "against", "abstain")
MAX_VOTES = 1_000_000  # far above any committee's membership


class FloorError(Exception):
    """A refused floor action; the message is for the user and nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleConsole(FloorError):
    """Someone else recorded a decision (or changed the text) since the console was loaded."""


# Weighted votes ----------------------------------------------------------------------------


def group_sizes(committee: Committee) -> dict[str, int]:
    """Members of each Group entitled to vote: the composition in force (committee.composition),
    or, before the secretariat recorded one, the active members now."""
    return sizes_in_force(committee)


def weights(sizes: dict[str, int]) -> dict[str, int]:
    """Each member's weight, L / size of the Group, L the lcm of the three Group sizes."""
    if any(sizes.get(k, 0) <= 0 for k in GROUP_KINDS):
        raise FloorError(_("A vote needs members in each of the three Groups."))
    big = lcm(*(sizes[k] for k in GROUP_KINDS))
    return {k: big // sizes[k] for k in GROUP_KINDS}


def _count(value, what: str) -> int:
    if value in (None, ""):
        return 0
    number = inputs.int_or_none(value, minimum=-MAX_VOTES, maximum=MAX_VOTES)
    if number is None:
        raise FloorError(_("%(what)s is not a whole number.") % {"what": what})
    if number < 0:
        raise FloorError(_("%(what)s cannot be negative.") % {"what": what})
    return number


def count_vote(committee: Committee, votes: dict) -> dict | None:
    """Weighted result of a vote: votes = {"government": {"for": 10, ...}, ...}.

    None when no vote was cast (every count empty or zero).
    """
    raw = {k: {key: (votes.get(k) or {}).get(key) for key in VOTE_KEYS} for k in GROUP_KINDS}
    if all(v in (None, "", 0, "0") for g in raw.values() for v in g.values()):
        return None
    sizes = group_sizes(committee)
    weight = weights(sizes)
    corrected, reason = _corrected_weights(votes)
    weight.update(corrected)
    labels = dict(Group.Kind.choices)
    groups = {}
    totals = dict.fromkeys(VOTE_KEYS, 0)
    for kind in GROUP_KINDS:
        counts = {key: _count(raw[kind][key], f"{labels[kind]}: {key}") for key in VOTE_KEYS}
        if sum(counts.values()) > sizes[kind]:
            raise FloorError(
                _("%(group)s: %(n)s votes, but the Group has %(size)s members.")
                % {"group": labels[kind], "n": sum(counts.values()), "size": sizes[kind]}
            )
        groups[kind] = {**counts, "size": sizes[kind], "weight": weight[kind]}
        for key in VOTE_KEYS:
            totals[key] += counts[key] * weight[kind]
    result = {"groups": groups, **totals}
    if corrected:
        result["weights_reason"] = reason
    return result


def _corrected_weights(votes: dict) -> tuple[dict[str, int], str]:
    """The weights the secretariat corrected for this vote (votes["weights"]), and why."""
    given = votes.get("weights") or {}
    labels = dict(Group.Kind.choices)
    corrected = {}
    for kind in GROUP_KINDS:
        if given.get(kind) not in (None, ""):
            value = _count(given[kind], _("%(group)s: votes per member") % {"group": labels[kind]})
            if value < 1:
                raise FloorError(_("A corrected weight must be at least 1."))
            corrected[kind] = value
    reason = " ".join(str(votes.get("weights_reason") or "").split())[:500]
    if corrected and not reason:
        raise FloorError(_("Give the reason for correcting the weights."))
    return corrected, reason


# The text the console walks ----------------------------------------------------------------


def _rows(draft_id: int) -> dict[int, Paragraph]:
    return {p.pk: p for p in Paragraph.objects.filter(draft_id=draft_id)}


def stop_id_of(rows: dict[int, Paragraph], pk: int) -> int:
    """The paragraph (or other unit) a unit is discussed with: clauses go with their paragraph."""
    row = rows.get(pk)
    while row is not None and row.kind in INNER and row.parent_id is not None:
        row = rows.get(row.parent_id)
    return row.pk if row is not None else pk


def subtree_ids(rows: dict[int, Paragraph], pk: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for row in rows.values():
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(row.pk)
    out, frontier = [pk], [pk]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, []) if rows[c].kind in INNER]
        out.extend(frontier)
    return out


def text_token(rows) -> str:
    """The versions of a paragraph and its clauses, as one short token."""
    data = ",".join(
        f"{r.pk}:{r.version}:{int(r.is_deleted)}" for r in sorted(rows, key=lambda r: r.pk)
    )
    return hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()[:16]


def stop_token(rows: dict[int, Paragraph], stop_pk: int) -> str:
    """The text token of a paragraph: its clauses and sub-clauses deleted ones included, the
    same units a decision locks and checks (a clause deleted before the sitting would
    otherwise make every form on its paragraph stale)."""
    return text_token([rows[pk] for pk in subtree_ids(rows, stop_pk) if pk in rows])


def _tabled_changes(committee: Committee):
    return AmendmentChange.objects.filter(
        amendment__committee=committee, amendment__number__isnull=False, is_removed=False
    )


@dataclass
class Stop:
    unit: Unit
    units: list[Unit]  # the unit and its clauses and sub-clauses, in order
    count: int = 0

    @property
    def pk(self) -> int:
        return self.unit.pk

    @property
    def label(self) -> str:
        return self.unit.reference or self.unit.paragraph.text[:60]


def stops(committee: Committee, *, include_deleted: bool = False, paragraphs=None) -> list[Stop]:
    """The paragraphs the console walks, in order, with their clauses and amendment counts.

    `paragraphs`: the draft's rows, when the caller has them already (see `outline`)."""
    if committee.draft_id is None:
        return []
    units = outline(committee.draft, include_deleted=include_deleted, paragraphs=paragraphs)
    rows = {u.pk: u.paragraph for u in units}
    counts: dict[int, set[int]] = {}
    stop_of: dict[int, int] = {}
    pairs = (
        _tabled_changes(committee).order_by().values_list("paragraph_id", "amendment_id").distinct()
    )
    for pid, aid in pairs:
        if pid not in stop_of:
            stop_of[pid] = stop_id_of(rows, pid)
        counts.setdefault(stop_of[pid], set()).add(aid)
    out: list[Stop] = []
    for unit in units:
        if unit.kind in INNER:
            if out and unit.paragraph.parent_id is not None:
                if stop_id_of(rows, unit.pk) == out[-1].pk:
                    out[-1].units.append(unit)
            continue
        if unit.kind in (Kind.PARAGRAPH, Kind.PREAMBLE) or unit.pk in counts:
            out.append(Stop(unit, [unit], len(counts.get(unit.pk, ()))))
    return out


# Order of discussion -----------------------------------------------------------------------

ACTION_RANK = {Action.DELETE: 0, Action.REPLACE: 1, Action.INSERT: 2}


@lru_cache(maxsize=8192)
def changed_tokens(base_text: str, proposed_text: str) -> int:
    """How many words (tokens) a change deletes and inserts; memoised on the two texts, so
    the console orders a paragraph's amendments without diffing them again on each request
    (the key is the texts themselves, so the value is never stale)."""
    return sum(len(tokenize(t)) for op, t in word_diff(base_text, proposed_text) if op)


def _size(change: AmendmentChange) -> int:
    if change.action != Action.REPLACE:
        return 0
    return changed_tokens(change.base_text, change.proposed_text)


def default_key(change: AmendmentChange, index: dict[int, int]) -> tuple:
    return (
        index.get(change.paragraph_id, 10**9),
        ACTION_RANK.get(change.action, 3),
        -_size(change),
        change.amendment.number or 0,
    )


def ordered(amendment_keys: dict[int, tuple], stored: list) -> list[int]:
    """Amendment ids in discussion order: the stored order first, newcomers by the default."""
    default = sorted(amendment_keys, key=lambda a: amendment_keys[a])
    stored = [a for a in stored if a in amendment_keys]
    place = {a: i for i, a in enumerate(stored)}
    rank = {a: i for i, a in enumerate(default)}
    return sorted(default, key=lambda a: (place.get(a, len(stored)), rank[a]))


# The console -------------------------------------------------------------------------------


@dataclass
class ChangeView:
    change: AmendmentChange
    diff: SafeString
    reference: str
    deleted_target: bool = False


@dataclass
class Entry:
    amendment: Amendment
    changes: list[ChangeView]
    decisions: list[Decision] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)  # "D.30": decided with this one
    # An amendment to several paragraphs (committee/spanning.py): decided at its home only.
    mark: str = ""
    home: int | None = None
    home_label: str = ""
    is_home: bool = True
    elsewhere: list[ChangeView] = field(default_factory=list)

    @cached_property
    def is_open(self) -> bool:
        return self.amendment.status in DECIDABLE

    @cached_property
    def collides(self) -> bool:
        return any(c.change.collides for c in self.changes)

    @cached_property
    def rebased(self) -> bool:
        return any(c.change.is_rebased for c in self.changes)

    @cached_property
    def suggestion(self) -> str:
        """What the console proposes: an amendment colliding with the text as amended fell."""
        if self.is_open and (self.collides or any(c.deleted_target for c in self.changes)):
            return Outcome.FELL
        return ""

    @cached_property
    def subamendable(self) -> list[ChangeView]:
        return [c for c in self.changes if c.change.action != Action.DELETE]


@dataclass
class Console:
    committee: Committee
    floor: Floor
    stage: str
    stops: list[Stop]
    stop: Stop | None
    previous: Stop | None
    next: Stop | None
    entries: list[Entry]
    token: str
    declaration: Decision | None
    last_decision: Decision | None

    @property
    def is_committee_stage(self) -> bool:
        return self.stage == Stage.COMMITTEE

    @property
    def open_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.is_open]

    @property
    def stage_label(self) -> str:
        return stage_label(self.stage)

    @cached_property
    def order_ids(self) -> str:
        return ",".join(str(e.amendment.pk) for e in self.entries)


def _entries(committee: Committee, stop: Stop, all_units: list[Unit], floor: Floor) -> list[Entry]:
    index = {u.pk: i * 2 for i, u in enumerate(all_units)}
    rows = {u.pk: u.paragraph for u in all_units}
    ids = set(subtree_ids(rows, stop.pk))
    changes = list(
        _tabled_changes(committee)
        .filter(paragraph_id__in=ids)
        .select_related("amendment", "amendment__group", "paragraph")
        .order_by("amendment__number", "position", "pk")
    )
    by_amendment: dict[int, list[AmendmentChange]] = {}
    for change in changes:
        by_amendment.setdefault(change.amendment_id, []).append(change)
    keys = {}
    for aid, items in by_amendment.items():
        keyed = []
        for c in items:
            i = index.get(c.paragraph_id, 10**9) + (1 if c.action == Action.INSERT else 0)
            keyed.append(default_key(c, {c.paragraph_id: i}))
        keys[aid] = min(keyed)
    order = ordered(keys, (floor.orders or {}).get(str(stop.pk), []))
    decisions: dict[int, list[Decision]] = {}
    shown = ("pk", "amendment_id", "sequence", "outcome", "undone", "undo_reason", "reference")
    for d in (
        Decision.objects.filter(committee=committee, amendment_id__in=order)
        .select_related("identical_to__amendment")
        .only(*shown, "identical_to__amendment__number")
        .order_by("sequence")
    ):
        decisions.setdefault(d.amendment_id, []).append(d)
    same = identical.identical_sets(committee, order)
    # The same amendments' changes to other paragraphs: one query for the page.
    others: dict[int, list[AmendmentChange]] = {}
    for c in (
        _tabled_changes(committee)
        .filter(amendment_id__in=order)
        .exclude(paragraph_id__in=ids)
        .order_by("position", "pk")
    ):
        others.setdefault(c.amendment_id, []).append(c)
    stop_order = {u.pk: i for i, u in enumerate(all_units)}
    labels = {u.pk: u.reference or u.paragraph.text[:60] for u in all_units}

    def view_of(c: AmendmentChange) -> ChangeView:
        target = rows.get(c.paragraph_id) or c.paragraph
        return ChangeView(
            change=c,
            diff=change_diff(c, target.text),
            reference=c.reference,
            deleted_target=bool(target.is_deleted) and c.action != Action.INSERT,
        )

    entries = []
    for aid in order:
        mine = by_amendment[aid]
        touched = spanning.touched(
            {c.pk: stop_id_of(rows, c.paragraph_id) for c in mine + others.get(aid, [])},
            stop_order,
        )
        home = spanning.home(touched)
        entries.append(
            Entry(
                mine[0].amendment,
                [view_of(c) for c in mine],
                decisions.get(aid, []),
                [f"D.{number}" for _pk, number in same.get(aid, [])],
                mark=spanning.mark(stop.pk, touched, labels),
                home=home,
                home_label=labels.get(home, ""),
                is_home=home in (None, stop.pk),
                elsewhere=[view_of(c) for c in others.get(aid, [])],
            )
        )
    return entries


def console(committee: Committee, paragraph_id=None) -> Console:
    """Everything the sitting console shows for one paragraph (default: the one on the floor)."""
    floor = floor_for(committee)
    # The draft's rows are read once, for the stops and for the units with the deleted ones.
    rows = list(committee.draft.paragraphs.all()) if committee.draft_id else []
    all_stops = stops(committee, paragraphs=rows)
    all_units = outline(committee.draft, include_deleted=True, paragraphs=rows) if rows else []
    stop = None
    if paragraph_id not in (None, ""):
        wanted = inputs.int_or_none(paragraph_id)
        if wanted is None:
            raise FloorError(_("Choose a paragraph of the text."))
        stop = next((s for s in all_stops if s.pk == wanted), None)
        if stop is None:
            # A paragraph deleted by an adopted amendment stays reachable for the record.
            rows = {u.pk: u.paragraph for u in all_units}
            if wanted not in rows or rows[wanted].kind in INNER:
                raise FloorError(_("That paragraph is not in this committee's text."))
            unit = next(u for u in all_units if u.pk == wanted)
            stop = Stop(unit, [u for u in all_units if u.pk in set(subtree_ids(rows, wanted))])
    elif floor.paragraph_id:
        stop = next((s for s in all_stops if s.pk == floor.paragraph_id), None)
    if stop is None and all_stops:
        stop = next((s for s in all_stops if s.count), all_stops[0])
    position = next((i for i, s in enumerate(all_stops) if stop and s.pk == stop.pk), None)
    entries = _entries(committee, stop, all_units, floor) if stop else []
    declaration = (
        Decision.objects.filter(
            committee=committee, paragraph_id=stop.pk, amendment__isnull=True, undone=False
        ).last()
        if stop
        else None
    )
    return Console(
        committee=committee,
        floor=floor,
        stage=floor.stage,
        stops=all_stops,
        stop=stop,
        previous=all_stops[position - 1] if position else None,
        next=all_stops[position + 1]
        if position is not None and position + 1 < len(all_stops)
        else None,
        entries=entries,
        token=stop_token({u.pk: u.paragraph for u in all_units}, stop.pk) if stop else "",
        declaration=declaration,
        last_decision=last_decision(committee),
    )


def last_decision(committee: Committee) -> Decision | None:
    return (
        Decision.objects.filter(committee=committee, undone=False)
        .select_related("amendment", "identical_to__amendment")
        # What undo needs (the re-based texts) is read only by undo itself.
        .defer("effects", "identical_to__effects")
        .order_by("-sequence")
        .first()
    )


# Writes: shared checks ---------------------------------------------------------------------


def _save(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def _begin(access: Access, *, state=None, committee_stage: bool = True) -> tuple[Committee, Floor]:
    """Lock the committee and its floor; check the role, the stage and the console token."""
    if not access.is_secretariat:
        raise PermissionDenied
    committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
    floor = lock_floor(committee)
    if committee_stage and floor.stage != Stage.COMMITTEE:
        raise FloorError(
            _(
                "Decisions are recorded only while the text is before the committee; it is at "
                "the stage “%(stage)s”."
            )
            % {"stage": stage_label(floor.stage)}
        )
    if committee.draft_id is None:
        raise FloorError(_("This committee has no text yet."))
    if state not in (None, ""):
        if str(state) != str(floor.version):
            raise StaleConsole(
                _(
                    "Someone else recorded a decision since this console was loaded. Nothing "
                    "was changed: the console now shows the current state."
                )
            )
    return committee, floor


def _lock_stop(committee: Committee, stop_pk: int, token=None) -> list[Paragraph]:
    rows = _rows(committee.draft_id)
    if stop_pk not in rows:
        raise FloorError(_("That paragraph is not in this committee's text."))
    ids = subtree_ids(rows, stop_pk)
    locked = list(Paragraph.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if token not in (None, "") and str(token) != stop_token({p.pk: p for p in locked}, stop_pk):
        raise StaleConsole(
            _(
                "The text of this paragraph changed since the console was loaded. Nothing was "
                "changed: check the text as it now stands."
            )
        )
    return locked


def _reference(committee: Committee, pk: int) -> str:
    for unit in outline(committee.draft, include_deleted=True):
        if unit.pk == pk:
            return unit.reference or unit.paragraph.get_kind_display()
    return ""


def _finish(committee: Committee, floor: Floor, user, reason: str, *, stop_pk=None) -> None:
    floor.version += 1
    if stop_pk is not None:
        floor.paragraph_id = stop_pk
        floor.amendment = None
    _save(floor, user, reason)
    bump_room(committee)


def _next_sequence(committee: Committee) -> int:
    last = Decision.objects.filter(committee=committee).aggregate(n=Max("sequence"))["n"]
    return (last or 0) + 1


def _declared(committee: Committee, stop_pk: int) -> Decision | None:
    return Decision.objects.filter(
        committee=committee, paragraph_id=stop_pk, amendment__isnull=True, undone=False
    ).first()


def _clean(text: str, limit: int = MAX_TEXT_LENGTH, *, multiline: bool = True) -> str:
    """Typed text under the input policy (drafting.inputs): FloorError if it refuses it."""
    return inputs.clean_text(text, limit, multiline=multiline, error=FloorError)


# Applying an adopted amendment --------------------------------------------------------------


def _draft_version(draft_id: int) -> int:
    return Draft.objects.values_list("version", flat=True).get(pk=draft_id)


def _placement(rows: dict[int, Paragraph], anchor: Paragraph, kind: str) -> dict:
    """Where a new unit of `kind` "after" `anchor` goes: after it, in it, or after its parent."""
    if anchor.kind == kind:
        return {"after_id": anchor.pk}
    if kind in INNER and anchor.kind in (Kind.PARAGRAPH, Kind.CLAUSE):
        live = sorted(
            (r for r in rows.values() if r.parent_id == anchor.pk and not r.is_deleted),
            key=lambda r: (r.position, r.pk),
        )
        return {"after_id": live[-1].pk} if live else {"parent_id": anchor.pk}
    row = anchor
    while row.parent_id is not None and row.kind != kind:
        row = rows[row.parent_id]
    if row.kind == kind:
        return {"after_id": row.pk}
    return {"after_id": anchor.pk}


# The fields a re-basing changes (and an undo restores).
REBASE_FIELDS = (
    "base_text",
    "base_version",
    "proposed_text",
    "original_base_text",
    "original_proposed_text",
    "is_rebased",
    "collides",
)


def _snapshot(change: AmendmentChange) -> dict:
    return {"change": change.pk, **{name: getattr(change, name) for name in REBASE_FIELDS}}


def _merge(base: str, ours: str, theirs: str) -> str | None:
    """merge3(base, ours, theirs).text, skipping the diffs when a collision is certain.

    The changed base ranges are memoised on their two texts (`cached_changed_ranges`): the
    adopted edit's ranges are shared by every change drafted on the same base, and a change
    that already collides keeps its texts, so its ranges are known from the last adoption.
    An edit of ours and one of theirs whose ranges collide but differ are two different
    hunks, neither shared with the other side (hunks of one side never touch), so merge3 would
    report that conflict; only otherwise is the merge itself computed.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    mine = cached_changed_ranges(base, ours)
    adopted = cached_changed_ranges(base, theirs)
    if any(a != b and ranges_collide(a, b) for a in mine for b in adopted):
        return None
    return merge3(base, ours, theirs).text


def _write_rebased(changes: list[AmendmentChange], user, reason: str) -> None:
    """Write the changes' REBASE_FIELDS in one UPDATE and their history rows (with user and
    reason) in one INSERT, however many there are.

    A field with one value for all of them is set as such; otherwise rows with the same value
    share one CASE branch (Django's bulk_update builds a branch per row and per field, which
    cost more than the merges themselves).
    """
    if not changes:
        return
    values: dict = {}
    for name in REBASE_FIELDS:
        by_value: dict = {}
        for change in changes:
            by_value.setdefault(getattr(change, name), []).append(change.pk)
        if len(by_value) == 1:
            values[name] = next(iter(by_value))
        else:
            values[name] = Case(
                *(When(pk__in=pks, then=Value(value)) for value, pks in by_value.items()),
                output_field=AmendmentChange._meta.get_field(name),
            )
    AmendmentChange.objects.filter(pk__in=[c.pk for c in changes]).update(**values)
    for change in changes:
        change._history_user = user
        change._change_reason = reason
    AmendmentChange.history.bulk_history_create(
        changes, update=True, default_user=user, default_change_reason=reason
    )


def _rebase_others(
    committee: Committee, paragraph: Paragraph, amendment: Amendment, user, reason: str
) -> list[dict]:
    """Re-apply every other pending change on `paragraph` to its new text (merge3).

    Only the changes whose texts or flags change are written (in bulk, with their history);
    the rest (a change that already collided and still does) are left as they are.
    """
    others = (
        _tabled_changes(committee)
        .select_for_update()
        .filter(paragraph=paragraph, amendment__status__in=DECIDABLE, action=Action.REPLACE)
        .exclude(amendment=amendment)
        .order_by("pk")
    )
    theirs = paragraph.text
    collided, rebased, out = [], [], []
    for change in others:
        before = _snapshot(change)
        merged = _merge(change.base_text, change.proposed_text, theirs)
        if merged is None or merged == theirs:
            # Overlapping words, or nothing left to change: it collides with the text adopted.
            change.collides = True
            target = collided
        else:
            change.original_base_text = change.original_base_text or change.base_text
            change.original_proposed_text = change.original_proposed_text or change.proposed_text
            change.base_text = theirs
            change.base_version = paragraph.version
            change.proposed_text = merged
            change.is_rebased = True
            change.collides = False
            target = rebased
        if _snapshot(change) != before:
            target.append(change)
            out.append(before)
    _write_rebased(collided, user, _("Collides with %(reason)s") % {"reason": reason})
    _write_rebased(rebased, user, _("Re-based after %(reason)s") % {"reason": reason})
    return out


def _flag_deleted(
    committee: Committee, ids: list[int], amendment: Amendment, user, reason: str
) -> list[dict]:
    """Pending changes to units just deleted (or new units to go after them) collide."""
    changes = list(
        _tabled_changes(committee)
        .select_for_update()
        .filter(paragraph_id__in=ids, amendment__status__in=DECIDABLE, collides=False)
        .exclude(amendment=amendment)
        .order_by("pk")
    )
    out = [_snapshot(change) for change in changes]
    for change in changes:
        change.collides = True
    _write_rebased(changes, user, _("Collides with %(reason)s") % {"reason": reason})
    return out


@records(HistoryKind.ADOPTED)
def _apply(
    committee: Committee,
    amendment: Amendment,
    changes: list[AmendmentChange],
    texts: dict[int, str],
    user,
    reason: str,
) -> dict:
    """Apply an adopted amendment's changes to the text; returns what undo needs."""
    draft = Draft.objects.get(pk=committee.draft_id)
    effects: dict = {"texts": [], "rebased": []}
    for change in changes:
        rows = _rows(draft.pk)
        target = rows.get(change.paragraph_id)
        if target is None:
            raise FloorError(_("%(ref)s is not in the text.") % {"ref": change.reference})
        if change.action != Action.INSERT and target.is_deleted:
            raise FloorError(
                _("%(ref)s has been deleted from the text: %(symbol)s cannot be adopted (it fell).")
                % {"ref": change.reference, "symbol": amendment.short_symbol}
            )
        subamended = change.pk in texts
        if change.action == Action.REPLACE:
            if subamended:
                new_text = texts[change.pk]
            elif change.collides:
                raise FloorError(
                    _(
                        "%(symbol)s collides with the text as amended (%(ref)s): adopt it as "
                        "subamended, or record that it fell."
                    )
                    % {"symbol": amendment.short_symbol, "ref": change.reference}
                )
            elif change.base_version == target.version or change.base_text == target.text:
                new_text = change.proposed_text
            else:
                merged = merge3(change.base_text, change.proposed_text, target.text)
                if merged.text is None:
                    raise FloorError(
                        _(
                            "%(symbol)s collides with the text as it now stands (%(ref)s): "
                            "adopt it as subamended, or record that it fell."
                        )
                        % {"symbol": amendment.short_symbol, "ref": change.reference}
                    )
                new_text = merged.text
            before = target.text
            try:
                unit = text_services.edit_text(
                    draft, target.pk, text=new_text, base_version=target.version, user=user,
                    reason=reason,
                )  # fmt: skip
            except text_services.DraftingError as error:
                raise FloorError(error.message) from None
            effects["texts"].append(
                {"action": "replace", "paragraph": target.pk, "before": before, "after": unit.text}
            )
            effects["rebased"] += _rebase_others(committee, unit, amendment, user, reason)
        elif change.action == Action.DELETE:
            try:
                text_services.delete_unit(
                    draft, target.pk, base_version=_draft_version(draft.pk), user=user,
                    reason=reason,
                )  # fmt: skip
            except text_services.DraftingError as error:
                raise FloorError(error.message) from None
            effects["texts"].append({"action": "delete", "paragraph": target.pk})
            gone = [pk for pk in _subtree_all(rows, target.pk)]
            effects["rebased"] += _flag_deleted(committee, gone, amendment, user, reason)
        else:
            text = texts.get(change.pk, change.proposed_text)
            kind = change.insert_kind or target.kind
            try:
                unit = text_services.insert_unit(
                    draft, kind=kind, text=text, base_version=_draft_version(draft.pk),
                    user=user, reason=reason, **_placement(rows, target, kind),
                )  # fmt: skip
            except text_services.DraftingError as error:
                raise FloorError(error.message) from None
            effects["texts"].append({"action": "insert", "paragraph": unit.pk})
    return effects


def _subtree_all(rows: dict[int, Paragraph], pk: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for row in rows.values():
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(row.pk)
    out, frontier = [pk], [pk]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, [])]
        out.extend(frontier)
    return out


# Writes: decisions --------------------------------------------------------------------------


@refused_when_busy(StaleConsole)
def decide(
    access: Access,
    user,
    amendment_id,
    *,
    outcome: str,
    paragraph_id=None,
    state=None,
    text_version=None,
    subamendment_text: str = "",
    change_id=None,
    subamended_by: str = "",
    taken_up_by: str = "",
    votes: dict | None = None,
    note: str = "",
) -> Decision:
    """Record what happened to a tabled amendment (see the module's docstring).

    `state` is the console token (Floor.version) and `text_version` the paragraph's text token
    the form was rendered with; either may be None to skip that check (scripts, benchmarks).
    """
    if outcome not in AMENDMENT_OUTCOMES:
        raise FloorError(_("Choose what happened to the amendment."))
    with transaction.atomic():
        committee, floor = _begin(access, state=state)
        Draft.objects.select_for_update().get(pk=committee.draft_id)
        amendment = (
            Amendment.objects.select_for_update()
            .filter(pk=_int(amendment_id), committee=committee, number__isnull=False)
            .select_related("group")
            .first()
        )
        if amendment is None:
            raise FloorError(_("No such tabled amendment."))
        symbol = amendment.short_symbol
        changes = list(
            amendment.changes.select_for_update()
            .filter(is_removed=False)
            .order_by("position", "pk")
        )
        if not changes:
            raise FloorError(_("%(symbol)s makes no change.") % {"symbol": symbol})
        rows = _rows(committee.draft_id)
        on = {stop_id_of(rows, c.paragraph_id) for c in changes}
        places = {u.pk: i for i, u in enumerate(outline(committee.draft, include_deleted=True))}
        home = spanning.home(
            spanning.touched({c.pk: stop_id_of(rows, c.paragraph_id) for c in changes}, places)
        )
        if paragraph_id in (None, ""):
            stop_pk = home
        else:
            stop_pk = _int(paragraph_id)
            if stop_pk not in on:
                raise FloorError(
                    _("%(symbol)s is not on %(ref)s.")
                    % {
                        "symbol": symbol,
                        "ref": _reference(committee, stop_pk) or _("this paragraph"),
                    }
                )
            if stop_pk != home:
                raise FloorError(
                    _("%(symbol)s also amends %(home)s: it is decided there, once, as a whole.")
                    % {"symbol": symbol, "home": _reference(committee, home)}
                )
        _lock_stop(committee, stop_pk, text_version)
        if outcome == Outcome.TAKEN_UP:
            if amendment.status != Status.WITHDRAWN:
                raise FloorError(
                    _("Only a withdrawn amendment can be taken up; %(symbol)s is %(status)s.")
                    % {"symbol": symbol, "status": amendment.get_status_display().lower()}
                )
            taken_up_by = " ".join(_clean(taken_up_by, 500, multiline=False).split())
            if not taken_up_by:
                raise FloorError(_("Say who took the amendment up."))
        elif amendment.status not in DECIDABLE:
            raise FloorError(
                _("%(symbol)s has already been decided: it is %(status)s.")
                % {"symbol": symbol, "status": amendment.get_status_display().lower()}
            )
        declared = _declared(committee, stop_pk)
        if declared is not None:
            raise FloorError(
                _("%(ref)s has already been adopted; undo that decision first.")
                % {"ref": declared.reference}
            )
        vote = count_vote(committee, votes or {}) if votes else None
        if vote is not None:
            if outcome in ADOPTING and vote["for"] <= vote["against"]:
                raise FloorError(_("The vote does not carry the amendment: it was not adopted."))
            if outcome == Outcome.REJECTED and vote["for"] > vote["against"]:
                raise FloorError(_("The vote carries the amendment: it was not rejected."))
            if outcome not in (*ADOPTING, Outcome.REJECTED):
                raise FloorError(_("A vote is recorded only when an amendment is put to the vote."))
        texts: dict[int, str] = {}
        sub_text = ""
        if outcome == Outcome.ADOPTED_SUBAMENDED:
            candidates = [c for c in changes if c.action != Action.DELETE]
            if not candidates:
                raise FloorError(_("A deletion has no text to subamend."))
            change = candidates[0]
            if change_id not in (None, ""):
                change = next((c for c in candidates if c.pk == _int(change_id)), None)
                if change is None:
                    raise FloorError(
                        _("That change is not part of %(symbol)s.") % {"symbol": symbol}
                    )
            sub_text = _clean(subamendment_text)
            try:
                sub_text = text_services.clean_text(sub_text)
            except text_services.DraftingError as error:
                raise FloorError(error.message) from None
            if sub_text == inputs.normalise(change.proposed_text):
                raise FloorError(
                    _(
                        "The subamended text is the same as the amendment's: it changes "
                        "nothing. Record the amendment as adopted instead."
                    )
                )
            texts[change.pk] = sub_text
        reason = {
            Outcome.ADOPTED: _("Amendment %(symbol)s adopted"),
            Outcome.ADOPTED_SUBAMENDED: _("Amendment %(symbol)s adopted as subamended"),
        }.get(outcome, _("Amendment %(symbol)s: %(outcome)s")) % {
            "symbol": symbol,
            "outcome": Outcome(outcome).label.lower(),
        }
        effects: dict = {
            "status": amendment.status,
            "taken_up_by": amendment.taken_up_by,
            "texts": [],
            "rebased": [],
        }
        together = (
            identical.pending_identical(committee, amendment, changes)
            if outcome in identical.TOGETHER
            else []
        )
        together_effects = identical.mark_decided(together, STATUS_FOR[outcome], amendment, user)
        if outcome in ADOPTING:
            applied = _apply(committee, amendment, changes, texts, user, reason)
            effects["texts"], effects["rebased"] = applied["texts"], applied["rebased"]
            if sub_text:
                effects["subamendment"] = _record_subamendment(
                    amendment, next(c for c in changes if c.pk in texts), sub_text,
                    subamended_by, user, reason,
                )  # fmt: skip
        amendment.status = STATUS_FOR[outcome]
        if outcome == Outcome.TAKEN_UP:
            amendment.taken_up_by = taken_up_by
        amendment.version += 1
        _save(amendment, user, reason)
        decision = Decision(
            committee=committee,
            sequence=_next_sequence(committee),
            paragraph_id=stop_pk,
            reference=_reference(committee, stop_pk),
            amendment=amendment,
            outcome=outcome,
            subamendment_text=sub_text,
            taken_up_by=taken_up_by if outcome == Outcome.TAKEN_UP else "",
            vote=vote,
            note=" ".join(_clean(note, 5000).split()),
            effects=effects,
            decided_by=user,
        )
        _save(decision, user, reason)
        identical.record_together(decision, together, together_effects, user)
        _finish(committee, floor, user, reason, stop_pk=stop_pk)
    return decision


def _record_subamendment(amendment, change, text, who, user, reason) -> int:
    """The subamendment adopted: an existing proposal with that text, or an oral one."""
    sub = (
        Subamendment.objects.select_for_update()
        .filter(change=change, proposed_text=text, status=Subamendment.Status.PROPOSED)
        .first()
    )
    if sub is None:
        sub = Subamendment(
            change=change,
            origin=Subamendment.Origin.ORAL,
            submitters=" ".join(_clean(who, 1000, multiline=False).split())
            or _("Oral subamendment"),
            proposed_text=text,
            created_by=user,
        )
    sub.status = Subamendment.Status.ADOPTED
    _save(sub, user, reason)
    return sub.pk


@refused_when_busy(StaleConsole)
def declare_paragraph(
    access: Access, user, paragraph_id, *, state=None, text_version=None, note: str = ""
) -> Decision:
    """The paragraph is adopted, or adopted as amended, once its amendments are disposed of."""
    with transaction.atomic():
        committee, floor = _begin(access, state=state)
        stop_pk = _int(paragraph_id)
        locked = _lock_stop(committee, stop_pk, text_version)
        head = next(p for p in locked if p.pk == stop_pk)
        if head.kind in INNER:
            raise FloorError(_("Clauses are adopted with their paragraph."))
        if head.is_deleted:
            raise FloorError(_("That paragraph has been deleted from the text."))
        reference = _reference(committee, stop_pk)
        if _declared(committee, stop_pk) is not None:
            raise FloorError(_("%(ref)s has already been adopted.") % {"ref": reference})
        rows = _rows(committee.draft_id)
        ids = subtree_ids(rows, stop_pk)
        on_it = (
            Amendment.objects.filter(
                changes__paragraph_id__in=ids, changes__is_removed=False, number__isnull=False
            )
            .distinct()
            .order_by("number")
        )
        pending = [a.short_symbol for a in on_it if a.status in DECIDABLE]
        if pending:
            raise FloorError(
                _("Amendments to %(ref)s are still before the committee: %(list)s.")
                % {"ref": reference, "list": ", ".join(pending)}
            )
        amended = any(a.status in (Status.ADOPTED, Status.ADOPTED_SUBAMENDED) for a in on_it)
        outcome = Outcome.PARAGRAPH_ADOPTED_AS_AMENDED if amended else Outcome.PARAGRAPH_ADOPTED
        reason = (_("%(ref)s adopted as amended") if amended else _("%(ref)s adopted")) % {
            "ref": reference
        }
        decision = Decision(
            committee=committee,
            sequence=_next_sequence(committee),
            paragraph_id=stop_pk,
            reference=reference,
            outcome=outcome,
            note=" ".join(_clean(note, 5000).split()),
            decided_by=user,
        )
        _save(decision, user, reason)
        _finish(committee, floor, user, reason, stop_pk=stop_pk)
    return decision


@refused_when_busy(StaleConsole)
def undo_last(access: Access, user, *, decision_id=None, state=None, reason: str = "") -> Decision:
    """Undo the last decision still standing: it is marked undone (never deleted), its text is
    reverted as new versions with the reason "Undo: ...", re-based changes get their texts back
    and the amendment its status."""
    reason = " ".join(_clean(reason, 1000, multiline=False).split())
    with transaction.atomic():
        committee, floor = _begin(access, state=state)
        Draft.objects.select_for_update().get(pk=committee.draft_id)
        last = (
            Decision.objects.select_for_update()
            .filter(committee=committee, undone=False)
            .order_by("-sequence")
            .first()
        )
        if last is None:
            raise FloorError(_("There is no decision to undo."))
        if decision_id not in (None, "") and _int(decision_id) != last.pk:
            raise StaleConsole(
                _("Only the last decision can be undone; it is now: %(decision)s.")
                % {"decision": describe(last)}
            )
        if not reason:
            raise FloorError(_("Give the reason for undoing the decision."))
        # Identical amendments decided together are undone together; the text is the first's.
        group = identical.standing_group(last)
        last = group[0]
        what = describe(last)
        undo_reason = _("Undo: %(what)s (%(reason)s)") % {"what": what, "reason": reason}
        draft = Draft.objects.get(pk=committee.draft_id)
        effects = last.effects or {}
        for item in reversed(effects.get("texts", [])):
            try:
                _revert_text(draft, item, user, undo_reason)
            except text_services.DraftingError as error:
                raise FloorError(error.message) from None
        befores = effects.get("rebased", [])
        restored = {
            c.pk: c
            for c in AmendmentChange.objects.select_for_update()
            .filter(pk__in={b["change"] for b in befores})
            .order_by("pk")
        }
        for before in reversed(befores):  # the earliest state of a change wins
            change = restored.get(before["change"])
            if change is not None:
                for name in REBASE_FIELDS:
                    setattr(change, name, before[name])
        _write_rebased(list(restored.values()), user, undo_reason)
        if effects.get("subamendment"):
            sub = Subamendment.objects.select_for_update().get(pk=effects["subamendment"])
            sub.status = Subamendment.Status.PROPOSED
            _save(sub, user, undo_reason)
        for one in group:
            if one.amendment_id:
                amendment = Amendment.objects.select_for_update().get(pk=one.amendment_id)
                amendment.status = (one.effects or {}).get("status", Status.TABLED)
                amendment.taken_up_by = (one.effects or {}).get(
                    "taken_up_by", amendment.taken_up_by
                )
                amendment.version += 1
                _save(amendment, user, undo_reason)
            one.undone = True
            one.undone_at = timezone.now()
            one.undone_by = user
            one.undo_reason = reason
            _save(one, user, undo_reason)
        _finish(committee, floor, user, undo_reason, stop_pk=last.paragraph_id)
    return last


@records(HistoryKind.UNDONE)
def _revert_text(draft: Draft, item: dict, user, reason: str) -> None:
    paragraph = Paragraph.objects.select_for_update().get(pk=item["paragraph"])
    if item["action"] == "replace":
        if paragraph.text != item["after"]:
            raise FloorError(
                _(
                    "The text has changed since that decision (a later version exists): it "
                    "cannot be undone automatically."
                )
            )
        text_services.edit_text(
            draft, paragraph.pk, text=item["before"], base_version=paragraph.version, user=user,
            reason=reason,
        )  # fmt: skip
    elif item["action"] == "delete":
        if paragraph.is_deleted:
            text_services.undelete_unit(
                draft, paragraph.pk, base_version=_draft_version(draft.pk), user=user,
                reason=reason,
            )  # fmt: skip
    elif not paragraph.is_deleted:
        text_services.delete_unit(
            draft, paragraph.pk, base_version=_draft_version(draft.pk), user=user, reason=reason
        )


# Writes: the room screen and the order ------------------------------------------------------


@refused_when_busy(StaleConsole)
def show_on_floor(access: Access, user, *, paragraph_id=None, amendment_id=None) -> Floor:
    """Put a paragraph (and an amendment on it) on the room screen; neither clears it."""
    with transaction.atomic():
        committee, floor = _begin(access, committee_stage=False)
        if paragraph_id in (None, ""):
            floor.paragraph = None
            floor.amendment = None
            _save(floor, user, _("Room screen cleared"))
            bump_room(committee)
            return floor
        stop_pk = _int(paragraph_id)
        rows = _rows(committee.draft_id)
        if stop_pk not in rows or rows[stop_pk].kind in INNER:
            raise FloorError(_("That paragraph is not in this committee's text."))
        amendment = None
        if amendment_id not in (None, ""):
            ids = subtree_ids(rows, stop_pk)
            amendment = (
                Amendment.objects.filter(
                    pk=_int(amendment_id),
                    committee=committee,
                    number__isnull=False,
                    changes__paragraph_id__in=ids,
                    changes__is_removed=False,
                )
                .distinct()
                .first()
            )
            if amendment is None:
                raise FloorError(_("That amendment is not on this paragraph."))
        floor.paragraph_id = stop_pk
        floor.amendment = amendment
        _save(floor, user, _("On the room screen"))
        bump_room(committee)
    return floor


@refused_when_busy(StaleConsole)
def move_in_order(
    access: Access, user, paragraph_id, amendment_id, direction: str, *, expected=None
) -> list[int]:
    """Move an amendment up or down in the paragraph's order of discussion (stored)."""
    if direction not in ("up", "down"):
        raise FloorError(_("Say whether to move it up or down."))
    with transaction.atomic():
        committee, floor = _begin(access, committee_stage=False)
        stop_pk = _int(paragraph_id)
        view = console(committee, stop_pk)
        current = [e.amendment.pk for e in view.entries]
        if expected is not None and list(expected) != current:
            raise StaleConsole(
                _(
                    "The order changed since you loaded it; nothing was moved. Here is the "
                    "current order."
                )
            )
        aid = _int(amendment_id)
        if aid not in current:
            raise FloorError(_("That amendment is not on this paragraph."))
        i = current.index(aid)
        j = i - 1 if direction == "up" else i + 1
        if not 0 <= j < len(current):
            raise FloorError(_("It is already at that end of the list."))
        current[i], current[j] = current[j], current[i]
        floor.orders = {**(floor.orders or {}), str(stop_pk): current}
        _save(floor, user, _("Order of discussion changed"))
        bump_room(committee)
    return current


def _int(value) -> int:
    number = inputs.int_or_none(value)
    if number is None:
        raise FloorError(_("The form is incomplete; reload the page."))
    return number


# Words for the record and the screens ------------------------------------------------------


def submitted_by(amendment: Amendment) -> str:
    """ "the Worker members", "the Government members of GRULAC"."""
    from committee import names  # the submitters in the active language

    return _("the %(who)s") % {"who": names.submitters(amendment)}


def describe(decision: Decision) -> str:
    """One sentence for the summary of proceedings and the screens."""
    if decision.amendment_id is None:
        from drafting.references import localise  # stored in the language it was recorded in

        ref = localise(decision.reference)
        if decision.outcome == Outcome.PARAGRAPH_ADOPTED_AS_AMENDED:
            return _("%(ref)s was adopted as amended.") % {"ref": ref}
        return _("%(ref)s was adopted.") % {"ref": ref}
    amendment = decision.amendment
    subject = _("The amendment submitted by %(who)s (%(symbol)s)") % {
        "who": submitted_by(amendment),
        "symbol": amendment.short_symbol,
    }
    if decision.identical_to_id is not None:
        subject = _("%(subject)s, identical to %(lead)s,") % {
            "subject": subject,
            "lead": decision.identical_to.amendment.short_symbol,
        }
    sentence = {
        Outcome.ADOPTED: _("%(subject)s was adopted."),
        Outcome.ADOPTED_SUBAMENDED: _("%(subject)s was adopted as subamended."),
        Outcome.REJECTED: _("%(subject)s was rejected."),
        Outcome.WITHDRAWN: _("%(subject)s was withdrawn."),
        Outcome.TAKEN_UP: _("%(subject)s, withdrawn, was taken up by %(who)s."),
        Outcome.NOT_SECONDED: _("%(subject)s was not seconded."),
        Outcome.FELL: _("%(subject)s fell."),
        Outcome.DEFERRED: _("Discussion of %(subject_lower)s was deferred."),
    }[decision.outcome] % {
        "subject": subject,
        "subject_lower": subject[:1].lower() + subject[1:],
        "who": decision.taken_up_by,
    }
    vote = decision.vote
    if vote:
        sentence = sentence[:-1] + _(
            " by a vote (weighted: %(for)s in favour, %(against)s against, %(abstain)s "
            "abstentions)."
        ) % {"for": vote["for"], "against": vote["against"], "abstain": vote["abstain"]}
    return sentence


# The room screen ---------------------------------------------------------------------------


@dataclass
class RoomFloor:
    reference: str
    units: list[Unit]
    amendment: Amendment | None
    diffs: list[tuple[str, SafeString]]
    last: Decision | None
    last_sentence: str


def room_floor(committee: Committee) -> RoomFloor | None:
    """What the room screen shows of the floor, or None (then it shows the discussion)."""
    floor = Floor.objects.filter(pk=committee.pk).select_related("amendment").first()
    if floor is None or floor.paragraph_id is None or committee.draft_id is None:
        return None
    units = outline(committee.draft, include_deleted=True)
    rows = {u.pk: u.paragraph for u in units}
    if floor.paragraph_id not in rows:
        return None
    ids = set(subtree_ids(rows, floor.paragraph_id))
    shown = [u for u in units if u.pk in ids and (not u.deleted or u.pk == floor.paragraph_id)]
    diffs = []
    if floor.amendment is not None:
        for change in floor.amendment.changes.filter(is_removed=False).order_by("position", "pk"):
            target = rows.get(change.paragraph_id)
            diffs.append((change.reference, change_diff(change, target.text if target else "")))
    last = last_decision(committee)
    return RoomFloor(
        reference=shown[0].reference if shown else "",
        units=shown,
        amendment=floor.amendment,
        diffs=diffs,
        last=last,
        last_sentence=describe(last) if last else "",
    )


__all__ = [
    "FloorError",
    "StaleConsole",
    "console",
    "count_vote",
    "decide",
    "declare_paragraph",
    "describe",
    "diff",
    "group_sizes",
    "move_in_order",
    "room_floor",
    "show_on_floor",
    "stops",
    "undo_last",
    "weights",
]
