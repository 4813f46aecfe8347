"""Identical amendments are decided together.

In the practice of the International Labour Conference, amendments with the same text from
different Groups are taken together: the decision on one is the decision on each of them. The
record then says of each that it was adopted (rejected, ...) "identical to D.n", never that a
Group's amendment fell although its very words were adopted.

Two tabled amendments are identical when they make the same changes: the same units, the same
action, the same kind of new unit and the same words (the compilation names identical changes
the same way). Only the committee's decisions on the text are taken together (adopted, adopted
as subamended, rejected, fell, deferred); withdrawing, taking up and seconding concern one
amendment's sponsors.

Used by committee.floor (deciding, undoing) and the console (the mark "identical to").
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from committee.models import Amendment, AmendmentChange, Decision

Outcome = Decision.Outcome
Status = Amendment.Status

TOGETHER = (
    Outcome.ADOPTED,
    Outcome.ADOPTED_SUBAMENDED,
    Outcome.REJECTED,
    Outcome.FELL,
    Outcome.DEFERRED,
)
PENDING = (Status.TABLED, Status.CLARIFICATION, Status.DEFERRED)


def _key(paragraph_id, action, insert_kind, proposed_text) -> tuple:
    return (paragraph_id, action, insert_kind or "", " ".join((proposed_text or "").split()))


def signature(changes) -> tuple:
    """What an amendment does, independent of who tabled it: sorted (unit, action, words)."""
    return tuple(
        sorted(_key(c.paragraph_id, c.action, c.insert_kind, c.proposed_text) for c in changes)
    )


def _live_changes(committee):
    return AmendmentChange.objects.filter(
        amendment__committee=committee, amendment__number__isnull=False, is_removed=False
    )


def identical_sets(committee, amendment_ids) -> dict[int, list[tuple[int, int]]]:
    """For each of `amendment_ids`, the other tabled amendments identical to it: (id, number)
    by number. Two queries, however many amendments: the console calls it once per page."""
    amendment_ids = set(amendment_ids)
    if not amendment_ids:
        return {}
    fields = ("amendment_id", "paragraph_id", "action", "insert_kind", "proposed_text")
    mine: dict[int, list[tuple]] = defaultdict(list)
    for aid, pid, action, kind, text in (
        _live_changes(committee).filter(amendment_id__in=amendment_ids).values_list(*fields)
    ):
        mine[aid].append(_key(pid, action, kind, text))
    paragraphs = {k[0] for keys in mine.values() for k in keys}
    # Candidates: every amendment with a change to one of those units, with all its changes.
    theirs: dict[int, list[tuple]] = defaultdict(list)
    candidates = _live_changes(committee).filter(paragraph_id__in=paragraphs).values("amendment_id")
    numbers: dict[int, int] = {}
    for aid, pid, action, kind, text, number in (
        _live_changes(committee)
        .filter(amendment_id__in=candidates)
        .values_list(*fields, "amendment__number")
    ):
        theirs[aid].append(_key(pid, action, kind, text))
        numbers[aid] = number
    by_signature: dict[tuple, list[int]] = defaultdict(list)
    for aid, keys in theirs.items():
        by_signature[tuple(sorted(keys))].append(aid)
    out = {}
    for aid in amendment_ids:
        same = by_signature.get(tuple(sorted(mine.get(aid, []))), [])
        out[aid] = sorted(((a, numbers[a]) for a in same if a != aid), key=lambda a: a[1])
    return out


def pending_identical(committee, amendment: Amendment, changes) -> list[Amendment]:
    """The other amendments still before the committee identical to `amendment`, locked."""
    others = [pk for pk, _number in identical_sets(committee, [amendment.pk])[amendment.pk]]
    if not others:
        return []
    return list(
        Amendment.objects.select_for_update()
        .filter(pk__in=others, status__in=PENDING)
        .select_related("group")
        .order_by("number")
    )


def standing_group(last: Decision) -> list[Decision]:
    """The decisions undone together with `last`: the decision taken and those on the
    identical amendments taken with it (all standing), the one taken first."""
    lead = last.identical_to if last.identical_to_id else last
    followers = list(
        Decision.objects.select_for_update(of=("self",))
        .filter(identical_to=lead, undone=False)
        .select_related("amendment")
        .order_by("sequence")
    )
    return [lead, *followers]


def _save(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save()


def mark_decided(others: list[Amendment], status: str, lead: Amendment, user) -> list[dict]:
    """Give the identical amendments the status of the one decided, before its text is
    applied (so that re-basing leaves them alone); returns what undo needs for each."""
    effects = []
    for other in others:
        effects.append({"status": other.status, "taken_up_by": other.taken_up_by})
        other.status = status
        other.version += 1
        _save(other, user, _reason(other, lead))
    return effects


def record_together(lead: Decision, others: list[Amendment], effects: list[dict], user) -> None:
    """One decision per identical amendment, right after the one taken, pointing to it."""
    for i, (other, effect) in enumerate(zip(others, effects, strict=True), start=1):
        decision = Decision(
            committee_id=lead.committee_id,
            sequence=lead.sequence + i,
            paragraph_id=lead.paragraph_id,
            reference=lead.reference,
            amendment=other,
            outcome=lead.outcome,
            subamendment_text=lead.subamendment_text,
            vote=lead.vote,
            note=lead.note,
            effects={**effect, "texts": [], "rebased": []},
            decided_by=user,
            identical_to=lead,
        )
        _save(decision, user, _reason(other, lead.amendment))


def _reason(other: Amendment, lead: Amendment) -> str:
    return _("Amendment %(symbol)s, identical to %(lead)s, decided with it") % {
        "symbol": other.short_symbol,
        "lead": lead.short_symbol,
    }
