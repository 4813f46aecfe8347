"""Every write on amendments: one transaction each, locking what it changes, checking the
version the user started from, recording who and why in the history.

Services take the caller's `Access` and check it again (views check first, for the page);
bad input raises `AmendmentError` with a message for the user, and nothing is changed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.access import Access
from committee.models import (
    Amendment,
    AmendmentChange,
    Committee,
    Country,
    Group,
    RegionalGroup,
    Subamendment,
)
from committee.submitters import (
    countries_label,
    government_countries,  # noqa: F401 (the bench and exports read them here)
    own_countries,
    own_regional_groups,
    regional_group_label,  # noqa: F401
    regional_group_submitters,
    subamendment_submitters,
)
from drafting import inputs
from drafting.models import MAX_TEXT_LENGTH, Paragraph
from drafting.outline import Unit, chapeau_reference, new_unit_reference, outline

Status = Amendment.Status
Action = AmendmentChange.Action
MAX_REASON = 5000
MAX_NOTE = 5000
MAX_NAME = 500
MAX_SUBMITTERS = 1000


class AmendmentError(Exception):
    """Bad input or a state that forbids the action; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AlreadyTabled(AmendmentError):
    """Tabling what is already tabled (a double click): the receipt stands as it was."""

    def __init__(self, amendment: Amendment) -> None:
        super().__init__(
            _("%(symbol)s was already tabled; this is its receipt.")
            % {"symbol": amendment.short_symbol}
        )
        self.amendment = amendment


class UnknownParagraph(AmendmentError):
    """The paragraph is not in this committee's draft (a 404: nothing to reveal)."""


def normalise(text: str) -> str:
    """Plain text as stored (drafting.inputs): never raises, for previews and comparisons."""
    return inputs.normalise(text)


def clean(text: str, limit: int, *, multiline: bool = True) -> str:
    """Text typed by a user, under the input policy: AmendmentError if it refuses it."""
    return inputs.clean_text(text, limit, multiline=multiline, error=AmendmentError)


# Submitters -------------------------------------------------------------------------------


def submitters_text(
    group: Group, countries: Iterable[Country] = (), regional_group: RegionalGroup | None = None
) -> str:
    if group.kind != Group.Kind.GOVERNMENT:
        return str(group.members_label)
    if regional_group is not None:
        return regional_group_submitters(regional_group)
    if not list(countries):
        raise AmendmentError(_("Choose the countries or the regional group submitting it."))
    return countries_label(countries)


def _check_submitters(
    access: Access,
    group: Group,
    countries: list[Country],
    regional_group: RegionalGroup | None,
) -> str:
    """The submitters as written, if the coordinator may speak for them (committee.submitters)."""
    committee = access.committee
    if group.kind == Group.Kind.GOVERNMENT:
        if countries and regional_group is not None:
            raise AmendmentError(_("Choose either countries or a regional group, not both."))
        if regional_group is not None and regional_group.committee_id != committee.pk:
            raise AmendmentError(_("That regional group is not on this committee."))
        if regional_group is not None and not own_regional_groups(access).filter(
            pk=regional_group.pk
        ):
            raise AmendmentError(
                _("You may submit on behalf of your own regional group only, not %(group)s.")
                % {"group": regional_group.name}
            )
        allowed = set(government_countries(committee).values_list("pk", flat=True))
        stranger = [c.name for c in countries if c.pk not in allowed]
        if stranger:
            raise AmendmentError(
                _("Not a Government member of this committee: %(countries)s")
                % {"countries": ", ".join(sorted(stranger))}
            )
        own = set(own_countries(access).values_list("pk", flat=True))
        others = [c.name for c in countries if c.pk not in own]
        if others:
            raise AmendmentError(
                _(
                    "You may submit on behalf of your own country and the countries of your "
                    "regional group only, not %(countries)s."
                )
                % {"countries": ", ".join(sorted(others))}
            )
    return submitters_text(group, countries, regional_group)


# Targets ----------------------------------------------------------------------------------


def _unit(committee: Committee, paragraph_id) -> Unit:
    """The live unit of the committee's draft with that id, or a clear refusal."""
    if committee.draft_id is None:
        raise AmendmentError(_("This committee has no draft to amend yet."))
    paragraph_id = inputs.int_or_none(paragraph_id)
    if paragraph_id is None:
        raise AmendmentError(_("Choose the paragraph to amend."))
    paragraph = Paragraph.objects.filter(pk=paragraph_id, draft_id=committee.draft_id).first()
    if paragraph is None:
        raise UnknownParagraph(_("That paragraph is not in this committee's draft."))
    if paragraph.is_deleted:
        raise AmendmentError(_("That paragraph has been deleted from the draft."))
    for unit in outline(committee.draft):
        if unit.pk == paragraph.pk:
            return unit
    raise AmendmentError(_("That paragraph has been deleted from the draft."))


def reference_for(unit: Unit, action: str, insert_kind: str = "") -> str:
    if action == Action.INSERT:
        return new_unit_reference(unit, insert_kind or unit.kind)
    if action == Action.REPLACE and unit.has_children and unit.reference:
        return chapeau_reference(unit)
    return unit.reference or unit.paragraph.get_kind_display()


def _checked_change(
    unit: Unit, *, action: str, insert_kind: str, proposed_text: str, base_version
) -> dict:
    """The fields of a valid change to `unit`, or AmendmentError."""
    paragraph = unit.paragraph
    if action not in Action.values:
        raise AmendmentError(_("Choose what the change does."))
    try:
        base_version = int(base_version)
    except (TypeError, ValueError):
        raise AmendmentError(_("The form is incomplete; open the paragraph again.")) from None
    if base_version != paragraph.version:
        raise AmendmentError(
            _(
                "%(reference)s has changed since you opened it. Its current text is shown; "
                "redo your change on it."
            )
            % {"reference": unit.reference or _("The paragraph")}
        )
    text = clean(proposed_text, MAX_TEXT_LENGTH)
    if action == Action.DELETE:
        text = ""
    elif not text:
        raise AmendmentError(_("Write the proposed text."))
    elif action == Action.REPLACE and text == normalise(paragraph.text):
        raise AmendmentError(_("The proposed text is identical to the current text."))
    if action == Action.INSERT:
        insert_kind = insert_kind or unit.kind
        if insert_kind not in AmendmentChange.INSERT_KINDS:
            raise AmendmentError(_("Choose what kind of unit to insert."))
    else:
        insert_kind = ""
    return {
        "action": action,
        "paragraph": paragraph,
        "insert_kind": insert_kind,
        "base_version": paragraph.version,
        "base_text": paragraph.text,
        "proposed_text": text,
        "reference": reference_for(unit, action, insert_kind),
    }


def _save(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def _locked_amendment(access: Access, amendment_id) -> Amendment:
    amendment = (
        Amendment.objects.visible_to(access).select_for_update().filter(pk=amendment_id).first()
    )
    if amendment is None:
        raise AmendmentError(_("No such amendment."))
    return amendment


def _check_version(amendment: Amendment, version) -> None:
    if version is None:
        return
    version = inputs.int_or_none(version)
    if version is None:
        raise AmendmentError(_("The form is incomplete; reload the page."))
    if version != amendment.version:
        raise AmendmentError(
            _("Someone else changed this amendment since you opened it. Reload and try again.")
        )


def _editable(access: Access, amendment_id, version) -> Amendment:
    amendment = _locked_amendment(access, amendment_id)
    if not access.coordinates(amendment.group_id):
        raise PermissionDenied
    if not amendment.is_draft:
        raise AmendmentError(
            _("%(amendment)s has been submitted; its text can no longer be changed.")
            % {"amendment": amendment}
        )
    _check_version(amendment, version)
    return amendment


def _bump(amendment: Amendment, user, reason: str) -> None:
    amendment.version += 1
    _save(amendment, user, reason)


def _fresh_version(amendment: Amendment) -> int:
    """The version an amendment starts from when it leaves its Group (tabled, or submitted
    late): counting on from the drafts would tell others how often the Group rewrote it, and
    restarting at a fixed number would let a form from an earlier submission pass as current."""
    version = amendment.version
    while version == amendment.version:
        version = secrets.randbelow(2**30) + 2**20
    return version


def _mark_submitted(amendment: Amendment, changes: list[AmendmentChange], user, when, reason):
    """Record every change as it stands at submission, at the submission's own time: the start
    of what others may see of its history (committee.amendment_history)."""
    for change in changes:
        change._history_date = when
        _save(change, user, reason)
    amendment._history_date = when


# Preparing --------------------------------------------------------------------------------


def coordinated_group(access: Access) -> Group:
    if not access.can_prepare_amendments:
        raise PermissionDenied
    return Group.objects.get(pk=min(access.coordinated_group_ids))


def create_amendment(
    access: Access,
    user,
    *,
    paragraph_id,
    action: str,
    proposed_text: str,
    base_version,
    insert_kind: str = "",
    countries: Iterable[Country] = (),
    regional_group: RegionalGroup | None = None,
    language: str = "en",
    explanatory_note: str = "",
    form_token: str = "",
) -> Amendment:
    """A new draft. The same `form_token` twice (a double click) gives the same draft back."""
    group = coordinated_group(access)
    committee = access.committee
    form_token = (form_token or "")[:64]
    with transaction.atomic():
        if form_token:
            earlier = Amendment.objects.filter(group=group, form_token=form_token).first()
            if earlier is not None:
                return earlier
        unit = _unit(committee, paragraph_id)
        change = _checked_change(
            unit,
            action=action,
            insert_kind=insert_kind,
            proposed_text=proposed_text,
            base_version=base_version,
        )
        countries = list(countries)
        submitters = _check_submitters(access, group, countries, regional_group)
        if language not in Amendment.Language.values:
            raise AmendmentError(_("Choose English, French or Spanish."))
        amendment = Amendment(
            committee=committee,
            draft_id=committee.draft_id,
            group=group,
            submitters=submitters,
            submitter_regional_group=regional_group,
            language=language,
            explanatory_note=clean(explanatory_note, MAX_NOTE),
            created_by=user,
            form_token=form_token,
        )
        try:
            with transaction.atomic():
                _save(amendment, user, _("Draft amendment prepared"))
        except IntegrityError:
            # The other click of the pair saved it first (the token is unique per Group).
            earlier = Amendment.objects.filter(group=group, form_token=form_token).first()
            if not form_token or earlier is None:
                raise
            return earlier
        amendment.submitter_countries.set(countries)
        _save(AmendmentChange(amendment=amendment, position=1, **change), user, _("Drafted"))
    return amendment


def update_amendment(
    access: Access,
    user,
    amendment_id,
    *,
    version,
    countries: Iterable[Country] = (),
    regional_group: RegionalGroup | None = None,
    language: str = "en",
    explanatory_note: str = "",
) -> Amendment:
    with transaction.atomic():
        amendment = _editable(access, amendment_id, version)
        countries = list(countries)
        amendment.submitters = _check_submitters(access, amendment.group, countries, regional_group)
        if language not in Amendment.Language.values:
            raise AmendmentError(_("Choose English, French or Spanish."))
        amendment.submitter_regional_group = regional_group
        amendment.language = language
        amendment.explanatory_note = clean(explanatory_note, MAX_NOTE)
        _bump(amendment, user, _("Draft amendment edited"))
        amendment.submitter_countries.set(countries)
    return amendment


def add_change(
    access: Access,
    user,
    amendment_id,
    *,
    version,
    paragraph_id,
    action: str,
    proposed_text: str,
    base_version,
    insert_kind: str = "",
) -> AmendmentChange:
    with transaction.atomic():
        amendment = _editable(access, amendment_id, version)
        unit = _unit(access.committee, paragraph_id)
        fields = _checked_change(
            unit,
            action=action,
            insert_kind=insert_kind,
            proposed_text=proposed_text,
            base_version=base_version,
        )
        last = amendment.changes.order_by("-position").values_list("position", flat=True).first()
        change = AmendmentChange(amendment=amendment, position=(last or 0) + 1, **fields)
        _save(change, user, _("Change added"))
        _bump(amendment, user, _("Change added"))
    return change


def update_change(
    access: Access, user, amendment_id, change_id, *, version, proposed_text: str
) -> AmendmentChange:
    """Edit the proposed text of a draft's change; it stays drafted against the same base."""
    with transaction.atomic():
        amendment = _editable(access, amendment_id, version)
        change = (
            AmendmentChange.objects.select_for_update()
            .filter(pk=change_id, amendment=amendment, is_removed=False)
            .first()
        )
        if change is None:
            raise AmendmentError(_("No such change."))
        text = clean(proposed_text, MAX_TEXT_LENGTH)
        if change.action == Action.DELETE:
            text = ""
        elif not text:
            raise AmendmentError(_("Write the proposed text."))
        elif change.action == Action.REPLACE and text == normalise(change.base_text):
            raise AmendmentError(_("The proposed text is identical to the current text."))
        change.proposed_text = text
        _save(change, user, _("Change edited"))
        _bump(amendment, user, _("Change edited"))
    return change


def remove_change(access: Access, user, amendment_id, change_id, *, version) -> None:
    """Take a change out of a draft (kept in the record, never deleted)."""
    with transaction.atomic():
        amendment = _editable(access, amendment_id, version)
        live = list(amendment.changes.select_for_update().filter(is_removed=False))
        change = next((c for c in live if str(c.pk) == str(change_id)), None)
        if change is None:
            raise AmendmentError(_("No such change."))
        if len(live) == 1:
            raise AmendmentError(_("An amendment needs at least one change."))
        change.is_removed = True
        _save(change, user, _("Change removed from the draft"))
        _bump(amendment, user, _("Change removed"))


# Tabling ----------------------------------------------------------------------------------


def receipt_text(amendment: Amendment, changes: list[AmendmentChange]) -> str:
    """The canonical serialisation of what was tabled: its SHA-256 is the receipt.

    Labels are fixed English so that anyone can recompute the hash from the same data.
    """
    lines = [
        f"Committee: {amendment.committee.name}",
        f"Amendment: {amendment.symbol}",
        f"Submitted by: {amendment.submitters}",
        f"Language: {amendment.language}",
    ]
    for i, change in enumerate(changes, 1):
        lines += ["", f"Change {i}: {change.reference}", f"Action: {change.action}"]
        if change.action != Action.DELETE:
            lines += ["Text:", change.proposed_text]
    if amendment.explanatory_note:
        lines += ["", "Explanatory note:", amendment.explanatory_note]
    return "\n".join(lines) + "\n"


def _freeze_and_number(committee: Committee, amendment: Amendment, user, *, late: bool) -> None:
    """Give the next number (the committee row is locked by the caller) and freeze the text."""
    from committee.stages import TABLING_OPEN, current_stage, stage_label

    stage = current_stage(committee)
    if stage not in TABLING_OPEN:
        raise AmendmentError(
            _("Amendments can no longer be tabled: the text is at the stage “%(stage)s”.")
            % {"stage": stage_label(stage)}
        )
    changes = list(amendment.changes.select_for_update().filter(is_removed=False))
    if not changes:
        raise AmendmentError(_("An amendment needs at least one change."))
    units = {u.pk: u for u in outline(committee.draft)} if committee.draft_id else {}
    now = timezone.now()
    for change in changes:
        unit = units.get(change.paragraph_id)
        if unit is None:
            raise AmendmentError(
                _("%(reference)s is no longer in the draft; change or remove that change.")
                % {"reference": change.reference}
            )
        # The reference as it reads now is kept, whatever the numbers become later.
        change.reference = reference_for(unit, change.action, change.insert_kind)
    _mark_submitted(amendment, changes, user, now, _("Tabled"))
    committee.last_amendment_number += 1
    committee.save(update_fields=["last_amendment_number"])
    amendment.committee = committee
    amendment.number = committee.last_amendment_number
    amendment.status = Status.TABLED
    amendment.is_late = late
    amendment.tabled_at = now
    amendment.tabled_by = user
    amendment.receipt_text = receipt_text(amendment, changes)
    amendment.receipt_sha256 = hashlib.sha256(amendment.receipt_text.encode()).hexdigest()
    amendment.version = _fresh_version(amendment)


def table_amendment(access: Access, user, amendment_id, *, version=None) -> Amendment:
    """Table a Group's draft: number it, freeze it, give its receipt.

    After the deadline the draft is not tabled but submitted to the secretariat, who may
    accept it late; the caller is told so by an AmendmentError.
    """
    with transaction.atomic():
        # Lock order everywhere: the committee (the number counter), then the amendment.
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        amendment = _locked_amendment(access, amendment_id)
        if not access.coordinates(amendment.group_id):
            raise PermissionDenied
        if amendment.is_tabled:
            raise AlreadyTabled(amendment)
        if amendment.status == Status.LATE:
            raise AmendmentError(
                _("This amendment is already with the secretariat, waiting to be accepted late.")
            )
        if amendment.status == Status.DISCARDED:
            raise AmendmentError(_("This draft was discarded: take it back before tabling it."))
        _check_version(amendment, version)
        if committee.deadline_passed():
            raise AmendmentError(
                _(
                    "The deadline for tabling amendments has passed. You may submit it to the "
                    "secretariat, who may accept it late."
                )
            )
        _freeze_and_number(committee, amendment, user, late=False)
        _save(amendment, user, _("Tabled"))
    return amendment


def submit_late(access: Access, user, amendment_id, *, version=None, reason: str = "") -> Amendment:
    """After the deadline: hand a draft to the secretariat to accept late (no number yet)."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        amendment = _editable(access, amendment_id, version)
        if not committee.deadline_passed():
            raise AmendmentError(_("The deadline has not passed: table the amendment instead."))
        changes = list(amendment.changes.select_for_update().filter(is_removed=False))
        if not changes:
            raise AmendmentError(_("An amendment needs at least one change."))
        amendment.status = Status.LATE
        amendment.status_message = clean(reason, MAX_REASON)
        amendment.version = _fresh_version(amendment)
        _mark_submitted(amendment, changes, user, timezone.now(), _("Submitted after the deadline"))
        _save(amendment, user, _("Submitted after the deadline"))
    return amendment


def _secretariat_locked(access: Access, amendment_id, version) -> Amendment:
    if not access.can_manage_amendments:
        raise PermissionDenied
    amendment = _locked_amendment(access, amendment_id)
    _check_version(amendment, version)
    return amendment


def _required(reason: str, message: str, limit: int = MAX_REASON, multiline=True) -> str:
    reason = clean(reason, limit, multiline=multiline)
    if not reason:
        raise AmendmentError(message)
    return reason


def accept_late(access: Access, user, amendment_id, *, version=None, reason: str = "") -> Amendment:
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        amendment = _secretariat_locked(access, amendment_id, version)
        if amendment.status != Status.LATE:
            if amendment.is_tabled:
                raise AlreadyTabled(amendment)
            raise AmendmentError(_("Only an amendment submitted late can be accepted late."))
        _freeze_and_number(committee, amendment, user, late=True)
        amendment.status_message = ""
        _save(amendment, user, clean(reason, MAX_REASON) or _("Accepted late by the secretariat"))
    return amendment


def decline_late(
    access: Access, user, amendment_id, *, version=None, reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if amendment.status != Status.LATE:
            raise AmendmentError(_("Only an amendment submitted late can be declined."))
        amendment.status = Status.DRAFT
        amendment.status_message = _required(reason, _("Say why it is not accepted."))
        _bump(amendment, user, amendment.status_message)
    return amendment


# After tabling ----------------------------------------------------------------------------


def withdraw(access: Access, user, amendment_id, *, version=None, reason: str = "") -> Amendment:
    with transaction.atomic():
        amendment = _locked_amendment(access, amendment_id)
        if not access.coordinates(amendment.group_id):
            raise PermissionDenied
        _check_version(amendment, version)
        if not amendment.is_pending:
            raise AmendmentError(
                _("Only a tabled amendment not yet decided can be withdrawn (it is %(status)s).")
                % {"status": amendment.get_status_display().lower()}
            )
        amendment.status = Status.WITHDRAWN
        amendment.status_message = _required(reason, _("Give the reason for withdrawing it."))
        _bump(amendment, user, amendment.status_message)
    return amendment


def take_up(
    access: Access, user, amendment_id, *, version=None, taken_up_by: str = "", reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if amendment.status != Status.WITHDRAWN:
            raise AmendmentError(_("Only a withdrawn amendment can be taken up."))
        amendment.taken_up_by = _required(
            taken_up_by, _("Say who took it up."), MAX_NAME, multiline=False
        )
        amendment.status = Status.TABLED
        amendment.status_message = ""
        _bump(
            amendment,
            user,
            clean(reason, MAX_REASON) or _("Taken up by %(who)s") % {"who": amendment.taken_up_by},
        )
    return amendment


def mark_inadmissible(
    access: Access, user, amendment_id, *, version=None, reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if not amendment.is_pending:
            raise AmendmentError(_("Only a tabled amendment not yet decided can be ruled on."))
        amendment.status = Status.INADMISSIBLE
        amendment.status_message = _required(reason, _("Give the reason it is inadmissible."))
        _bump(amendment, user, amendment.status_message)
    return amendment


def request_clarification(
    access: Access, user, amendment_id, *, version=None, reason: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if amendment.status != Status.TABLED:
            raise AmendmentError(_("Clarification can be asked only on a tabled amendment."))
        amendment.status = Status.CLARIFICATION
        amendment.status_message = _required(reason, _("Write what needs clarifying."))
        _bump(amendment, user, amendment.status_message)
    return amendment


def reinstate(access: Access, user, amendment_id, *, version=None, reason: str = "") -> Amendment:
    """Back to tabled: the clarification was given, or the ruling on admissibility reversed."""
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if amendment.status not in (Status.CLARIFICATION, Status.INADMISSIBLE):
            raise AmendmentError(
                _(
                    "Only an amendment awaiting clarification or ruled "
                    "inadmissible can be reinstated."
                )
            )
        amendment.status = Status.TABLED
        amendment.status_message = ""
        _bump(amendment, user, _required(reason, _("Give the reason for reinstating it.")))
    return amendment


def record_seconding(
    access: Access, user, amendment_id, *, version=None, seconded_by: str = ""
) -> Amendment:
    with transaction.atomic():
        amendment = _secretariat_locked(access, amendment_id, version)
        if not amendment.is_pending:
            raise AmendmentError(_("Only a tabled amendment not yet decided can be seconded."))
        amendment.seconded = True
        amendment.seconded_by = _required(
            seconded_by, _("Say who seconded it."), MAX_NAME, multiline=False
        )
        _bump(amendment, user, _("Seconded by %(who)s") % {"who": amendment.seconded_by})
    return amendment


def add_subamendment(
    access: Access,
    user,
    change_id,
    *,
    proposed_text: str,
    submitters: str = "",
    reason: str = "",
) -> Subamendment:
    """The secretariat records an oral subamendment; a coordinator tables a written one."""
    if not access.can_propose_subamendments:
        raise PermissionDenied
    with transaction.atomic():
        change = (
            AmendmentChange.objects.select_for_update()
            .filter(
                pk=change_id,
                is_removed=False,
                amendment__in=Amendment.objects.visible_to(access).tabled(),
            )
            .select_related("amendment")
            .first()
        )
        if change is None:
            raise AmendmentError(_("No such tabled amendment."))
        if not change.amendment.is_pending:
            raise AmendmentError(_("Only a tabled amendment not yet decided can be subamended."))
        if change.action == Action.DELETE:
            raise AmendmentError(_("A deletion has no text to subamend."))
        text = clean(proposed_text, MAX_TEXT_LENGTH)
        if not text:
            raise AmendmentError(_("Write the subamended text."))
        if text == change.proposed_text:
            raise AmendmentError(_("The subamended text is identical to the amendment's."))
        if access.is_secretariat:
            origin, group = Subamendment.Origin.ORAL, None
            who = _required(
                submitters, _("Say who proposed the subamendment."), MAX_SUBMITTERS, False
            )
        else:
            # In writing, a coordinator speaks for their own Group only (committee.submitters).
            origin, group = Subamendment.Origin.WRITTEN, coordinated_group(access)
            allowed = subamendment_submitters(access, group)
            who = clean(submitters, MAX_SUBMITTERS, multiline=False) or allowed[0]
            if who not in allowed:
                raise AmendmentError(
                    _("You may propose a subamendment on behalf of %(allowed)s only.")
                    % {"allowed": "; ".join(allowed)}
                )
        sub = Subamendment(
            change=change,
            origin=origin,
            group=group,
            submitters=who[:1000],
            proposed_text=text,
            created_by=user,
        )
        _save(sub, user, clean(reason, MAX_REASON) or _("Subamendment proposed"))
    return sub


def set_deadline(access: Access, user, deadline: datetime | None, *, reason: str = "") -> None:
    if not access.can_manage_amendments:
        raise PermissionDenied
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        committee.amendment_deadline = deadline
        committee.save(update_fields=["amendment_deadline"])
