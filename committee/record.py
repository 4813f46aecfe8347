"""The record of the committee's work on its text, built from what was recorded.

For every paragraph: what was tabled (each amendment as tabled, with its track changes), what
happened to each amendment (every decision, undone ones marked), the editorial corrections
made while the text was before the committee, whether the paragraph was adopted (as amended),
and its final text. A generated summary of proceedings, one sentence per decision standing
("The amendment submitted by the Worker members (D.12) was adopted as subamended."), and the
stage transitions: the committee's adoption of the conclusions as a whole, the plenary's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from committee import floor, names, spanning
from committee.compilation import diff
from committee.models import (
    AmendmentChange,
    Committee,
    Decision,
    Stage,
    StageTransition,
)
from drafting.history import Kind as HistoryKind
from drafting.models import Paragraph
from drafting.outline import Unit, outline
from drafting.references import localise

Action = AmendmentChange.Action


@dataclass
class TabledChange:
    reference: str
    action: str
    diff: SafeString
    rebased: bool
    collides: bool


@dataclass
class AmendmentRecord:
    amendment: object
    changes: list[TabledChange]
    decisions: list[Decision]
    submitters: str = ""  # in the active language (committee.names)
    mark: str = ""  # an amendment to several paragraphs: where it was decided


@dataclass
class ParagraphRecord:
    unit: Unit
    units: list[Unit]
    amendments: list[AmendmentRecord] = field(default_factory=list)
    declarations: list[Decision] = field(default_factory=list)
    corrections: list = field(default_factory=list)

    @property
    def reference(self) -> str:
        return self.unit.reference or self.unit.paragraph.get_kind_display()

    @property
    def adopted(self) -> Decision | None:
        return next((d for d in reversed(self.declarations) if not d.undone), None)


@dataclass
class Record:
    paragraphs: list[ParagraphRecord]
    summary: list[str]
    transitions: list[tuple[StageTransition, str]]


def _tabled_diff(change: AmendmentChange) -> SafeString:
    base = change.original_base_text or change.base_text
    proposed = change.original_proposed_text or change.proposed_text
    if change.action == Action.INSERT:
        return diff("", proposed)
    if change.action == Action.DELETE:
        return diff(base, "")
    return diff(base, proposed)


def transition_sentence(t: StageTransition) -> str:
    day = date_format(t.date, "DATE_FORMAT")
    if t.is_reopening:
        return _("On %(date)s the stage “%(from)s” was reopened (back to “%(to)s”): %(reason)s") % {
            "date": day,
            "from": t.get_from_stage_display(),
            "to": t.get_to_stage_display(),
            "reason": t.reason,
        }
    return {
        Stage.COMMITTEE: _("On %(date)s the drafting group's text was submitted to the committee."),
        Stage.ADOPTED_BY_COMMITTEE: _(
            "On %(date)s the committee adopted the conclusions as a whole."
        ),
        Stage.PLENARY: _("On %(date)s the text was submitted to the plenary."),
        Stage.ADOPTED_BY_CONFERENCE: _("On %(date)s the Conference adopted the text in plenary."),
    }.get(t.to_stage, "%(date)s") % {"date": day}


def build(committee: Committee) -> Record:
    if committee.draft_id is None:
        return Record([], [], [])
    units = outline(committee.draft, include_deleted=True)
    rows = {u.pk: u.paragraph for u in units}
    records: dict[int, ParagraphRecord] = {}
    order: list[int] = []
    for unit in units:
        stop = floor.stop_id_of(rows, unit.pk)
        if stop not in records:
            head = next(u for u in units if u.pk == stop)
            records[stop] = ParagraphRecord(head, [])
            order.append(stop)
        records[stop].units.append(unit)

    changes = list(
        AmendmentChange.objects.filter(
            amendment__committee=committee, amendment__number__isnull=False, is_removed=False
        )
        .select_related("amendment", "amendment__group")
        .order_by("amendment__number", "position", "pk")
    )
    decisions = list(
        Decision.objects.filter(committee=committee)
        .select_related(
            "amendment",
            "amendment__group",
            "amendment__submitter_regional_group",
            "decided_by",
            "undone_by",
            "identical_to__amendment",
        )
        .prefetch_related("amendment__submitter_countries")  # names.submitters, per sentence
        .order_by("sequence")
    )
    by_amendment: dict[int, list[Decision]] = {}
    for d in decisions:
        if d.amendment_id:
            by_amendment.setdefault(d.amendment_id, []).append(d)
        elif d.paragraph_id in records:
            records[d.paragraph_id].declarations.append(d)
    amendments = list({c.amendment_id: c.amendment for c in changes}.values())
    prefetch_related_objects(amendments, "submitter_countries", "submitter_regional_group")
    who = {a.pk: names.submitters(a) for a in amendments}
    seen: dict[tuple[int, int], AmendmentRecord] = {}
    for change in changes:
        stop = floor.stop_id_of(rows, change.paragraph_id)
        if stop not in records:
            continue
        key = (stop, change.amendment_id)
        if key not in seen:
            seen[key] = AmendmentRecord(
                change.amendment,
                [],
                by_amendment.get(change.amendment_id, []),
                who[change.amendment_id],
            )
            records[stop].amendments.append(seen[key])
        seen[key].changes.append(
            TabledChange(
                localise(change.reference),
                change.get_action_display(),
                _tabled_diff(change),
                change.is_rebased,
                change.collides,
            )
        )

    places = {pk: i for i, pk in enumerate(order)}
    references = {pk: records[pk].reference for pk in order}
    stops_of: dict[int, dict[int, int]] = {}
    for change in changes:
        stops_of.setdefault(change.amendment_id, {})[change.pk] = floor.stop_id_of(
            rows, change.paragraph_id
        )
    for (stop, aid), entry in seen.items():
        entry.mark = spanning.mark(stop, spanning.touched(stops_of[aid], places), references)

    for h in (
        Paragraph.history.filter(draft_id=committee.draft_id, history_kind=HistoryKind.EDITORIAL)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        stop = floor.stop_id_of(rows, h.id)
        if stop in records:
            records[stop].corrections.append(h)

    summary = [floor.describe(d) for d in decisions if not d.undone]
    transitions = [
        (t, transition_sentence(t))
        for t in StageTransition.objects.filter(committee=committee).select_related("user")
    ]
    summary += [sentence for t, sentence in transitions if t.to_stage != Stage.COMMITTEE]
    shown = [
        records[pk]
        for pk in order
        if records[pk].amendments
        or records[pk].declarations
        or records[pk].corrections
        or (not records[pk].unit.deleted and records[pk].unit.kind not in floor.INNER)
    ]
    return Record(shown, summary, transitions)
