"""The compilation of amendments: every tabled amendment, paragraph by paragraph.

Built from a fixed number of queries whatever the number of amendments; diffs are memoised
on their two texts, so a change is diffed once per process until the paragraph or the
amendment changes (the key is the texts themselves, so a cached diff is never stale).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from committee import names
from committee.models import Amendment, AmendmentChange, Subamendment
from drafting import inputs, textdiff
from drafting.outline import Unit, chapeau_reference, new_unit_reference, outline
from drafting.references import localise as localise_reference

Action = AmendmentChange.Action


@lru_cache(maxsize=8192)
def cached_diff_html(old: str, new: str) -> str:
    return textdiff.diff_html(old, new)


@lru_cache(maxsize=8192)
def cached_changed_ranges(old: str, new: str) -> tuple[tuple[int, int], ...]:
    return tuple(textdiff.changed_ranges(old, new))


def diff(old: str, new: str) -> SafeString:
    # diff_html escapes every piece of text it is given.
    return mark_safe(cached_diff_html(old, new))  # noqa: S308


def change_diff(change: AmendmentChange, current_text: str) -> SafeString:
    """The change as track changes against `current_text` (its own base, for a draft)."""
    if change.action == Action.INSERT:
        return diff("", change.proposed_text)
    if change.action == Action.DELETE:
        return diff(current_text, "")
    return diff(current_text, change.proposed_text)


def tabled_base(change: AmendmentChange) -> str:
    """The text of the unit the change was tabled to (kept when the floor re-bases it)."""
    return change.original_base_text or change.base_text


def tabled_proposal(change: AmendmentChange) -> str:
    """The words the change proposed as tabled (kept when the floor re-bases it)."""
    return change.original_proposed_text or change.proposed_text


def as_tabled(change: AmendmentChange) -> tuple[str, str]:
    """The two texts of the change as tabled: a Group is shown only its own changes, however
    the paragraph changed since (an edit, another amendment adopted)."""
    return _texts(change, tabled_base(change), tabled_proposal(change))


@lru_cache(maxsize=8192)
def _applied_now(base: str, proposed: str, current: str) -> str | None:
    """The change re-applied to today's text (None: it touches words changed since)."""
    if base == current:
        return proposed
    return textdiff.merge3(base, proposed, current).text


@dataclass
class Entry:
    change: AmendmentChange
    diff: SafeString
    subamendments: list[tuple[Subamendment, SafeString]]
    # The two texts the diff is between, in the language shown (see `localise`).
    current_text: str = ""
    proposed_text: str = ""
    language: str = ""
    # Shown in the working language for want of a translation: why, in words.
    marker: str = ""
    # The proposed words in the chosen language when the diff could not be shown in it.
    translated_text: str = ""
    # The translation was made against an earlier text of the paragraph in that language.
    notice: str = ""
    is_original: bool = False
    explanatory_note: str = ""
    # Worked out once per amendment for the page (see `_page_parts`), not once per entry.
    url: str = ""
    status: SafeString = field(default_factory=SafeString)
    # "tabled as …" when the unit was numbered otherwise when the change was tabled.
    tabled_as: SafeString = field(default_factory=SafeString)
    submitters: str = ""  # in the active language (committee.names)
    # The unit's text the change was tabled to; whether the unit has changed since, and when
    # that text was saved ("Tabled to the text of 10 June 2017").
    tabled_text: str = ""
    changed_since: bool = False
    tabled_note: str = ""
    # For the secretariat: the change as it would apply to the current text (`now_text` is
    # None when it touches words changed since and no longer applies cleanly).
    now_text: str | None = None
    now_diff: SafeString = field(default_factory=SafeString)

    @property
    def amendment(self) -> Amendment:
        return self.change.amendment


def _and_list(symbols: list[str]) -> str:
    if len(symbols) == 1:
        return symbols[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(symbols[:-1]), "last": symbols[-1]}


@dataclass
class Cluster:
    """Amendments shown together: identical ones, or ones changing the same words."""

    kind: str  # "identical" or "collision"
    entries: list[Entry]
    identical: list[list[Entry]] = field(default_factory=list)  # identical sets inside

    @property
    def label(self) -> str:
        listed = _and_list([e.amendment.short_symbol for e in self.entries])
        if self.kind == "identical":
            return _("%(list)s are identical") % {"list": listed}
        return _("%(list)s change the same words") % {"list": listed}

    @property
    def identical_labels(self) -> list[str]:
        return [
            _("%(list)s are identical")
            % {"list": _and_list([e.amendment.short_symbol for e in same])}
            for same in self.identical
        ]


@dataclass
class Slot:
    """One place in the text: a unit (changes to it) or the gap after it (insertions)."""

    unit: Unit | None
    reference: str
    current_text: str
    is_insertion: bool
    entries: list[Entry] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    singles: list[Entry] = field(default_factory=list)
    # The current text is shown in the working language for want of a translation: why.
    marker: str = ""

    @property
    def count(self) -> int:
        return len({e.amendment.pk for e in self.entries})


def _clusters(slot: Slot) -> None:
    """Split the slot's entries into identical groups, collision groups and the rest."""
    entries = slot.entries
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    # Identical: the same change (action, kind of unit, text) from different amendments.
    by_text: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        by_text[(e.change.action, e.change.insert_kind, e.change.proposed_text)].append(i)
    for ids in by_text.values():
        for i in ids[1:]:
            union(ids[0], i)

    # Collisions: edits of overlapping or touching words of the current text. Insertions of
    # new units are alternatives, not collisions.
    if not slot.is_insertion:
        ranges = []
        everything = ((0, len(textdiff.tokenize(slot.current_text))),)
        for e in entries:
            if e.change.action == Action.DELETE or e.now_text is None:
                # A change that no longer applies to today's text collides with every other.
                ranges.append(everything)
            else:
                ranges.append(cached_changed_ranges(slot.current_text, e.now_text))
        for i in range(len(entries)):
            for j in range(i + 1, len(entries)):
                if find(i) != find(j) and any(
                    textdiff.ranges_collide(a, b) for a in ranges[i] for b in ranges[j]
                ):
                    union(i, j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        groups[find(i)].append(i)
    for ids in groups.values():
        if len(ids) == 1:
            slot.singles.append(entries[ids[0]])
            continue
        members = [entries[i] for i in ids]
        same = [
            [entries[i] for i in same_ids]
            for same_ids in by_text.values()
            if len(same_ids) > 1 and same_ids[0] in ids
        ]
        if len(same) == 1 and len(same[0]) == len(ids):
            slot.clusters.append(Cluster("identical", members))
        else:
            slot.clusters.append(Cluster("collision", members, same))


@dataclass
class Compilation:
    slots: list[Slot]
    amendments: list[Amendment]
    language: str = ""  # the language shown ("": the working language)
    working_language: str = ""
    untranslated: int = 0  # amendments shown, wholly or partly, in the working language

    @property
    def total(self) -> int:
        return len(self.amendments)


def tabled_amendments(access, params) -> list[Amendment]:
    """The tabled amendments `access` may see, filtered by the GET parameters."""
    qs = Amendment.objects.visible_to(access).tabled().select_related("group")
    # Ids from the query are whole numbers a column can hold, or no filter (never an error).
    group = inputs.int_or_none(params.get("group"))
    if group is not None:
        qs = qs.filter(group_id=group)
    status = params.get("status", "")
    if status in Amendment.Status.values:
        qs = qs.filter(status=status)
    paragraph = inputs.int_or_none(params.get("paragraph"))
    if paragraph is not None:
        qs = qs.filter(changes__paragraph_id=paragraph, changes__is_removed=False)
    q = inputs.query_text(params.get("q"))
    if q:
        qs = qs.filter(
            Q(changes__proposed_text__icontains=q)
            | Q(submitters__icontains=q)
            | Q(explanatory_note__icontains=q)
        )
    return list(qs.distinct().order_by("number"))


_URL_PLACEHOLDER = 918273645546372819  # stands in for each amendment's id in its URL


def _page_parts(committee, amendments: list[Amendment]) -> dict[int, tuple[str, SafeString]]:
    """Each amendment's link and status badges, for the ~2,000 entries of a large compilation:
    one `reverse` in all, and `_status.html` rendered once per distinct status, not per entry."""
    base = reverse("committee:amendment", args=[committee.slug, _URL_PLACEHOLDER])
    head, _sep, tail = base.rpartition(str(_URL_PLACEHOLDER))
    status_template = get_template("committee/amendments/_status.html")
    badges: dict[tuple, SafeString] = {}
    parts = {}
    for a in amendments:
        # Every field _status.html reads.
        key = (a.status, a.is_late, a.taken_up_by, a.seconded, a.seconded_by)
        if key not in badges:
            badges[key] = mark_safe(status_template.render({"a": a}))  # noqa: S308
        parts[a.pk] = (f"{head}{a.pk}{tail}", badges[key])
    return parts


def current_reference(change: AmendmentChange, unit: Unit | None) -> str:
    """The reference the change would be given today, in the active language."""
    if unit is None or unit.deleted or not unit.reference:
        return ""
    if change.action == Action.INSERT:
        return new_unit_reference(unit, change.insert_kind or unit.kind)
    if change.action == Action.REPLACE and unit.has_children:
        return chapeau_reference(unit)
    return unit.reference


def _tabled_as(change: AmendmentChange, unit: Unit | None, message: str) -> SafeString:
    """ "tabled as Paragraph 4" when the unit was numbered otherwise when the change was tabled.

    The stored reference is in the language of whoever drafted it: both are compared in the
    active language. `message` is _("tabled as %(ref)s"), looked up once per build."""
    reference = localise_reference(change.reference)
    now = current_reference(change, unit)
    if not now or reference == now:
        return SafeString()
    # As {% blocktranslate %} renders it: the reference escaped, the translation as it is.
    return mark_safe(message % {"ref": escape(reference)})  # noqa: S308


def build(committee, amendments: list[Amendment], params) -> Compilation:
    """Group the amendments' changes by place in the text, in the order of the text."""
    units = outline(committee.draft, include_deleted=True) if committee.draft_id else []
    order = {u.pk: i for i, u in enumerate(units)}
    by_pk = {u.pk: u for u in units}
    only = inputs.int_or_none(params.get("paragraph"))

    subs = Prefetch("subamendments", queryset=Subamendment.objects.order_by("created_at", "pk"))
    changes = (
        AmendmentChange.objects.filter(amendment__in=[a.pk for a in amendments], is_removed=False)
        .prefetch_related(subs)
        .order_by("amendment__number", "position", "pk")
    )
    by_amendment = {a.pk: a for a in amendments}
    prefetch_related_objects(amendments, "submitter_countries", "submitter_regional_group")
    who = {a.pk: names.submitters(a) for a in amendments}
    page_parts = _page_parts(committee, amendments)
    tabled_as_message = _("tabled as %(ref)s")
    outdated: list[Entry] = []
    slots: dict[tuple[int, int, str], Slot] = {}
    for change in changes:
        if only is not None and change.paragraph_id != only:
            continue
        change.amendment = by_amendment[change.amendment_id]
        unit = by_pk.get(change.paragraph_id)
        current = unit.paragraph.text if unit else change.base_text
        insertion = change.action == Action.INSERT
        key = (change.paragraph_id, 1 if insertion else 0, change.insert_kind)
        slot = slots.get(key)
        if slot is None:
            if insertion:
                reference = (
                    new_unit_reference(unit, change.insert_kind)
                    if unit is not None and not unit.deleted
                    else localise_reference(change.reference)
                )
            elif unit is not None and unit.reference:
                reference = unit.reference
            else:
                reference = localise_reference(change.reference)
            if unit is not None and unit.deleted:
                reference = _("%(reference)s (deleted since)") % {
                    "reference": localise_reference(change.reference)
                }
            slot = slots[key] = Slot(unit, reference, current, insertion)
        old_text, new_text = as_tabled(change)
        for sub in change.subamendments.all():
            sub.submitters_shown = names.typed_submitters(sub.submitters)
        changed = not insertion and unit is not None and old_text != current
        entry = Entry(
            change,
            diff(old_text, new_text),
            [(s, diff(change.proposed_text, s.proposed_text)) for s in change.subamendments.all()],
            current_text=old_text,
            proposed_text=new_text,
            language=committee.draft.language if committee.draft_id else "",
            explanatory_note=change.amendment.explanatory_note,
            url=page_parts[change.amendment_id][0],
            status=page_parts[change.amendment_id][1],
            tabled_as=_tabled_as(change, unit, tabled_as_message),
            submitters=who[change.amendment_id],
            tabled_text=old_text,
            changed_since=changed,
            now_text=new_text,
        )
        if changed:
            outdated.append(entry)
            if change.action == Action.REPLACE:
                entry.now_text = _applied_now(old_text, new_text, current)
                if entry.now_text is not None:
                    entry.now_diff = diff(current, entry.now_text)
            else:
                entry.now_text = ""
                entry.now_diff = diff(current, "")
        slot.entries.append(entry)
    _date_outdated(outdated, committee.zone)
    ordered = sorted(
        slots.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0][1], item[0][2])
    )
    result = [slot for _key, slot in ordered]
    for slot in result:
        _clusters(slot)
    return Compilation(result, amendments)


def _date_outdated(entries: list[Entry], zone) -> None:
    """Date the text each outdated change was tabled to: the last version of the unit with that
    text saved before the amendment was tabled. One query, whatever the number of changes, and
    asked even when none is outdated, so that a page's cost does not depend on what happened to
    its paragraphs (the query-count tests compare committees at different points)."""
    from drafting.exports.document import format_moment
    from drafting.models import Paragraph

    pids = {e.change.paragraph_id for e in entries} or {0}
    saved: dict[tuple[int, str], list] = defaultdict(list)
    for pid, text, when in (
        Paragraph.history.filter(id__in=pids)
        .order_by("history_date")
        .values_list("id", "text", "history_date")
    ):
        saved[(pid, text)].append(when)
    language = get_language() or "en"
    message = _("Tabled to the text of %(date)s; the paragraph has changed since.")
    for entry in entries:
        tabled = entry.amendment.tabled_at
        times = saved.get((entry.change.paragraph_id, entry.tabled_text), [])
        before = [t for t in times if tabled is None or t <= tabled]
        when = (before or times or [tabled])[-1]
        date = format_moment(timezone.localtime(when, zone).date(), language) if when else ""
        entry.tabled_note = message % {"date": date}


# The compilation in another language ----------------------------------------------------------


def _texts(change: AmendmentChange, current: str, proposed: str) -> tuple[str, str]:
    """The two texts a change's track changes are between."""
    if change.action == Action.INSERT:
        return "", proposed
    if change.action == Action.DELETE:
        return current, ""
    return current, proposed


def localise(committee, compilation: Compilation, language: str | None) -> Compilation:
    """Show the compilation in `language`: each change as track changes between the unit's text
    in that language (drafting's translation, when current) and the amendment's proposed words
    in that language (committee.translation_services). Where either is missing the change stays
    in the working language, marked. Three queries whatever the number of amendments."""
    from committee.models import AmendmentChangeTranslation, AmendmentNoteTranslation
    from committee.translation_services import language_name
    from drafting.models import ParagraphTranslation

    working = committee.draft.language if committee.draft_id else ""
    compilation.working_language = working
    if not language or language == working:
        compilation.language = working
        return compilation
    compilation.language = language
    names = {"language": language_name(language), "working": language_name(working)}
    entries = [e for slot in compilation.slots for e in slot.entries]
    units = {slot.unit.pk: slot.unit for slot in compilation.slots if slot.unit is not None}
    paragraph_texts = {}
    for t in ParagraphTranslation.objects.filter(paragraph_id__in=list(units), language=language):
        unit = units[t.paragraph_id]
        current = not t.needs_update and t.source_version == unit.paragraph.version
        if t.text.strip() and current:
            paragraph_texts[t.paragraph_id] = t.text
    rows = {
        r.change_id: r
        for r in AmendmentChangeTranslation.objects.filter(
            change_id__in=[e.change.pk for e in entries], language=language
        )
    }
    notes = {
        n.amendment_id: n.text
        for n in AmendmentNoteTranslation.objects.filter(
            amendment_id__in=[a.pk for a in compilation.amendments], language=language
        )
        if n.text.strip()
    }
    missing_unit = _("No current %(language)s text of this paragraph: shown in %(working)s.")
    missing_change = _("Translation missing — shown in %(working)s.")
    untranslated: set[int] = set()
    for slot in compilation.slots:
        unit_text = paragraph_texts.get(slot.unit.pk) if slot.unit is not None else None
        if not slot.is_insertion:
            if unit_text is None:
                slot.marker = missing_unit % names
            else:
                slot.current_text = unit_text
        for entry in slot.entries:
            change = entry.change
            row = rows.get(change.pk)
            words = row.proposed_text if row and row.proposed_text.strip() else None
            if entry.amendment.pk in notes:
                entry.explanatory_note = notes[entry.amendment.pk]
            needs_unit = change.action != Action.INSERT
            needs_words = change.action != Action.DELETE
            # Changed since tabling: the unit's text in that language as the translator had it.
            base_text = unit_text
            if entry.changed_since:
                base_text = row.base_text if row and row.base_text.strip() else None
            if needs_words and words is None:
                entry.marker = missing_change % names
            elif needs_unit and base_text is None:
                entry.marker = missing_unit % names
                entry.translated_text = words or ""
            if entry.marker:
                untranslated.add(entry.amendment.pk)
                continue
            entry.language = language
            entry.is_original = bool(row and row.is_original)
            entry.current_text, entry.proposed_text = _texts(change, base_text or "", words or "")
            entry.diff = diff(entry.current_text, entry.proposed_text)
            if entry.changed_since:
                continue
            if row and row.base_text and unit_text and change.action == Action.REPLACE:
                if row.base_text != unit_text:
                    entry.notice = (
                        _("Translated against an earlier %(language)s text of the paragraph.")
                        % names
                    )
    compilation.untranslated = len(untranslated)
    return compilation
