"""Stages of the text: drafting group → committee → adopted by the committee → plenary →
adopted by the Conference.

The stage lives on the committee's `Floor` row. Moving on asks for confirmation, is recorded
(`StageTransition`: who, when, the date of adoption, why) and takes a labelled snapshot of the
text (`TextSnapshot`: every row of the draft as JSON), so that any two stages can be compared
as a redline and exported (the snapshot names are registered as row sources for the exports:
``export_text --stage adopted_by_committee --changes-from drafting_group``). Only the
secretariat reopens a stage, with a reason; the Conference's adoption is final.

Lock order for every write here and in committee.floor: the committee row, then the floor row,
then the draft, amendments, changes and paragraphs, and last the room screen's state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.access import Access
from committee.models import Amendment, Committee, Floor, Stage, StageTransition, TextSnapshot
from committee.signals import room_changed
from drafting import inputs
from drafting.compare import redline
from drafting.models import Draft, Paragraph

ORDER = [
    Stage.DRAFTING_GROUP,
    Stage.COMMITTEE,
    Stage.ADOPTED_BY_COMMITTEE,
    Stage.PLENARY,
    Stage.ADOPTED_BY_CONFERENCE,
]
FROZEN = {Stage.ADOPTED_BY_COMMITTEE, Stage.PLENARY, Stage.ADOPTED_BY_CONFERENCE}
TABLING_OPEN = {Stage.DRAFTING_GROUP, Stage.COMMITTEE}
FINAL = Stage.ADOPTED_BY_CONFERENCE

# The snapshot taken on entering a stage: its name (a row source for the exports) and label.
SNAPSHOT_ON_ENTRY = {
    Stage.COMMITTEE: ("drafting_group", gettext_lazy("Drafting group text")),
    Stage.ADOPTED_BY_COMMITTEE: (
        "adopted_by_committee",
        gettext_lazy("Text adopted by the committee"),
    ),
    Stage.PLENARY: ("plenary", gettext_lazy("Text submitted to the plenary")),
    Stage.ADOPTED_BY_CONFERENCE: (
        "adopted_by_conference",
        gettext_lazy("Text adopted by the Conference"),
    ),
}
SNAPSHOT_NAMES = {name: label for name, label in SNAPSHOT_ON_ENTRY.values()}

# What a move to each stage is called in the interface and the record.
ADVANCE_LABELS = {
    Stage.COMMITTEE: gettext_lazy("Hand the text to the committee"),
    Stage.ADOPTED_BY_COMMITTEE: gettext_lazy("The committee adopts the conclusions as a whole"),
    Stage.PLENARY: gettext_lazy("Submit the text to the plenary"),
    Stage.ADOPTED_BY_CONFERENCE: gettext_lazy("The Conference adopts the text"),
}


def _reason(text: str) -> str:
    return inputs.clean_text(text, 5000, error=StageError)


PENDING = (Amendment.Status.TABLED, Amendment.Status.CLARIFICATION, Amendment.Status.DEFERRED)


class StageError(Exception):
    """A refused stage action; the message is for the user and nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Reading -----------------------------------------------------------------------------------


def floor_for(committee: Committee) -> Floor:
    floor, _created = Floor.objects.get_or_create(committee=committee)
    return floor


def lock_floor(committee: Committee) -> Floor:
    Floor.objects.get_or_create(committee=committee)
    return Floor.objects.select_for_update().get(pk=committee.pk)


def current_stage(committee: Committee) -> str:
    stage = Floor.objects.filter(pk=committee.pk).values_list("stage", flat=True).first()
    return stage or Stage.DRAFTING_GROUP


def stage_label(stage: str) -> str:
    return str(Stage(stage).label)


def edit_mode(stage: str) -> str | None:
    """How the secretariat may edit the text directly at this stage."""
    if stage == Stage.DRAFTING_GROUP:
        return "free"
    if stage == Stage.COMMITTEE:
        return "editorial"
    return None


def next_stage(stage: str) -> str | None:
    index = ORDER.index(stage)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def previous_stage(stage: str) -> str | None:
    index = ORDER.index(stage)
    return ORDER[index - 1] if index > 0 else None


def may_advance(access: Access, stage: str) -> bool:
    """The secretariat moves the text on; a plenary clerk records the Conference's adoption."""
    if stage == FINAL:
        return False
    return access.is_secretariat or (access.is_clerk and stage == Stage.PLENARY)


def may_reopen(access: Access, stage: str) -> bool:
    return access.is_secretariat and stage not in (Stage.DRAFTING_GROUP, FINAL)


def bump_room(committee: Committee) -> None:
    """Tell the room screens something changed (the discussion app owns their state)."""
    room_changed.send(sender=Committee, committee=committee)


# Snapshots ---------------------------------------------------------------------------------


@dataclass
class SnapshotRow:
    """A paragraph-like row rebuilt from a snapshot, for outline, redline and the exports."""

    pk: int
    parent_id: int | None
    kind: str
    position: int
    text: str
    is_deleted: bool
    version: int

    @property
    def id(self) -> int:
        return self.pk

    def get_kind_display(self) -> str:
        return str(Paragraph.Kind(self.kind).label)


def rows_json(draft: Draft) -> list[dict]:
    return [
        {
            "id": p.pk,
            "parent_id": p.parent_id,
            "kind": p.kind,
            "position": p.position,
            "text": p.text,
            "is_deleted": p.is_deleted,
            "version": p.version,
        }
        for p in Paragraph.objects.filter(draft=draft).order_by("pk")
    ]


def snapshot_rows(snapshot: TextSnapshot) -> list[SnapshotRow]:
    return [
        SnapshotRow(
            pk=r["id"],
            parent_id=r["parent_id"],
            kind=r["kind"],
            position=r["position"],
            text=r["text"],
            is_deleted=r["is_deleted"],
            version=r.get("version", 1),
        )
        for r in snapshot.rows
    ]


def latest_snapshot(committee: Committee, name: str) -> TextSnapshot | None:
    return (
        TextSnapshot.objects.filter(committee=committee, name=name)
        .order_by("-created_at", "-pk")
        .first()
    )


def version_choices(committee: Committee) -> list[tuple[str, str]]:
    """The versions of the text that can be compared: each stage's snapshot taken, and now."""
    taken = set(TextSnapshot.objects.filter(committee=committee).values_list("name", flat=True))
    choices = [(name, str(label)) for name, label in SNAPSHOT_NAMES.items() if name in taken]
    return [*choices, ("current", _("The text as it stands now"))]


def rows_for(committee: Committee, name: str) -> tuple[list, str]:
    """The rows of a named version of the committee's text, and its label."""
    if committee.draft_id is None:
        raise StageError(_("This committee has no text yet."))
    if name == "current":
        return list(Paragraph.objects.filter(draft_id=committee.draft_id)), _(
            "The text as it stands now"
        )
    if name not in SNAPSHOT_NAMES:
        raise StageError(_("Unknown version of the text: %(name)s.") % {"name": name})
    snapshot = latest_snapshot(committee, name)
    if snapshot is None:
        raise StageError(
            _("The text has not reached that stage yet: %(label)s.")
            % {"label": SNAPSHOT_NAMES[name]}
        )
    return snapshot_rows(snapshot), snapshot.label


def compare(committee: Committee, old: str, new: str):
    """A redline between two named versions of the committee's text."""
    old_rows, old_label = rows_for(committee, old)
    new_rows, new_label = rows_for(committee, new)
    return redline(committee.draft, old_rows, new_rows), old_label, new_label


def _row_source(name: str):
    def source(draft: Draft) -> list:
        from drafting.exports import ExportError

        committee = Committee.objects.filter(draft=draft).first()
        if committee is None:
            raise ExportError(_("No committee works on this draft: it has no stages."))
        from committee.stage_exports import StageTextError, committee_rows

        try:
            if name == "committee":
                return committee_rows(committee)
            return rows_for(committee, name)[0]
        except StageError as error:
            raise ExportError(error.message) from None
        except StageTextError as error:
            raise ExportError(str(error)) from None

    return source


def register_row_sources() -> None:
    """Name each stage's text for the exports (called from CommitteeConfig.ready), with the
    title and heading its documents carry (committee.stage_exports)."""
    from committee.stage_exports import NAMES, stage_meta
    from drafting.exports import register_row_source

    for name in NAMES:
        register_row_source(
            name,
            _row_source(name),
            meta=lambda draft, language, n=name: stage_meta(draft, n, language),
        )


# Writing -----------------------------------------------------------------------------------


def _parse_day(value, committee: Committee) -> dt.date:
    if value in (None, ""):
        return timezone.localtime(timezone.now(), committee.zone).date()
    if isinstance(value, dt.date):
        return value
    try:
        day = parse_date(str(value).strip()) if str(value).strip() else None
    except ValueError:
        day = None
    if day is None:
        raise StageError(_("Give the date as YYYY-MM-DD."))
    return inputs.check_date(day, error=StageError)


def _check_from(floor: Floor, from_stage) -> None:
    if from_stage not in (None, "") and from_stage != floor.stage:
        raise StageError(
            _(
                "The text has moved to another stage meanwhile (it is now: %(stage)s). "
                "Nothing was changed."
            )
            % {"stage": stage_label(floor.stage)}
        )


def _take_snapshot(committee: Committee, floor_stage: str, user) -> TextSnapshot | None:
    entry = SNAPSHOT_ON_ENTRY.get(floor_stage)
    if entry is None or committee.draft_id is None:
        return None
    name, label = entry
    draft = Draft.objects.select_for_update().get(pk=committee.draft_id)
    return TextSnapshot.objects.create(
        committee=committee, draft=draft, name=name, label=str(label), rows=rows_json(draft),
        created_by=user,
    )  # fmt: skip


def advance(
    access: Access, user, *, from_stage=None, confirm: bool = False, reason: str = "", date=None
) -> StageTransition:
    """Move the text on to the next stage (asks for confirmation), with a snapshot."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        floor = lock_floor(committee)
        if not may_advance(access, floor.stage):
            if floor.stage == FINAL:
                raise StageError(_("The text was adopted by the Conference: it is final."))
            raise PermissionDenied
        _check_from(floor, from_stage)
        if not confirm:
            raise StageError(_("Confirm that the text moves on to the next stage."))
        if committee.draft_id is None:
            raise StageError(_("This committee has no text yet."))
        target = next_stage(floor.stage)
        if target == Stage.ADOPTED_BY_COMMITTEE:
            pending = list(
                Amendment.objects.filter(committee=committee, status__in=PENDING)
                .order_by("number")
                .values_list("number", flat=True)[:11]
            )
            if pending:
                symbols = ", ".join(f"D.{n}" for n in pending[:10])
                raise StageError(
                    _(
                        "Amendments are still before the committee (%(symbols)s): decide them "
                        "before the committee adopts the conclusions as a whole."
                    )
                    % {"symbols": symbols + (" …" if len(pending) > 10 else "")}
                )
        day = _parse_day(date, committee)
        snapshot = _take_snapshot(committee, target, user)
        transition = StageTransition(
            committee=committee,
            from_stage=floor.stage,
            to_stage=target,
            reason=" ".join(_reason(reason).split()),
            date=day,
            user=user,
            snapshot=snapshot,
        )
        transition._history_user = user
        transition._change_reason = str(ADVANCE_LABELS[target])
        transition.save()
        floor.stage = target
        floor.paragraph = None
        floor.amendment = None
        floor.version += 1
        floor._history_user = user
        floor._change_reason = str(ADVANCE_LABELS[target])
        floor.save()
        bump_room(committee)
    return transition


def reopen(access: Access, user, *, from_stage=None, reason: str = "") -> StageTransition:
    """Take the text back one stage: the secretariat only, with a reason, recorded."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        floor = lock_floor(committee)
        if not access.is_secretariat:
            raise PermissionDenied
        _check_from(floor, from_stage)
        if floor.stage == FINAL:
            raise StageError(_("The text was adopted by the Conference: it cannot be reopened."))
        target = previous_stage(floor.stage)
        if target is None:
            raise StageError(_("The text is at its first stage: there is nothing to reopen."))
        reason = " ".join(_reason(reason).split())
        if not reason:
            raise StageError(_("Give the reason for reopening the stage."))
        transition = StageTransition(
            committee=committee,
            from_stage=floor.stage,
            to_stage=target,
            is_reopening=True,
            reason=reason,
            date=_parse_day(None, committee),
            user=user,
        )
        transition._history_user = user
        transition._change_reason = reason
        transition.save()
        floor.stage = target
        floor.version += 1
        floor._history_user = user
        floor._change_reason = _("Reopened: %(reason)s") % {"reason": reason}
        floor.save()
        bump_room(committee)
    return transition
