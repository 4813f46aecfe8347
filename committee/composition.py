"""The composition of the committee and the weights of its votes (the ILC formula).

A vote gives each Group equal strength: each member's weight is L / size of the Group, L the
least common multiple of the three Group sizes, counting only the members entitled to vote.
The sizes are those of the composition in force when the vote is taken: the Selection
Committee changes the composition during the session, so the secretariat records each one
with its date of effect. Before any is recorded, the active titular members are counted.

- `sizes_in_force(committee, when)`, `composition_in_force(committee, when)`;
- `counted_members(committee)`: the sizes the membership list gives now (to prefill the form);
- `ilc_weights(sizes)`: the weights, or None while a Group has nobody;
- `record_composition(access, user, ...)`: a new composition (secretariat, one transaction);
- `voting_strength_sentence(sizes)`, `report_paragraph(committee)`: the words of the committee
  reports on the composition and the weights, in the current language.
"""

from __future__ import annotations

from datetime import datetime
from math import lcm

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from committee.models import Committee, Composition, Group, Membership

KINDS = (Group.Kind.GOVERNMENT, Group.Kind.EMPLOYERS, Group.Kind.WORKERS)
# No real committee comes near this; it keeps a typing slip from producing absurd weights.
MAX_GROUP_SIZE = 10_000


class CompositionError(Exception):
    """A refused composition; the message is for the user and nothing was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def counted_members(committee: Committee) -> dict[str, int]:
    """Active titular members and coordinators of each Group (Government: entitled to vote)."""
    sizes = dict.fromkeys(KINDS, 0)
    rows = (
        Membership.objects.filter(
            committee=committee,
            is_active=True,
            seat=Membership.Seat.TITULAR,
            group__isnull=False,
            role__in=[Membership.Role.MEMBER, Membership.Role.COORDINATOR],
        )
        .exclude(group__kind=Group.Kind.GOVERNMENT, entitled_to_vote=False)
        .values_list("group__kind", "user_id")
        .distinct()
    )
    # One person holding two roles in one Group (member and coordinator) counts once.
    for kind, _user in set(rows):
        sizes[kind] += 1
    return sizes


def composition_in_force(committee: Committee, when: datetime | None = None) -> Composition | None:
    return (
        Composition.objects.filter(committee=committee, effective_from__lte=when or timezone.now())
        .order_by("-effective_from", "-pk")
        .first()
    )


def sizes_in_force(committee: Committee, when: datetime | None = None) -> dict[str, int]:
    composition = composition_in_force(committee, when)
    return composition.sizes if composition else counted_members(committee)


def ilc_weights(sizes: dict[str, int]) -> dict[str, int] | None:
    """L / size of each Group, L = lcm of the three sizes; None while a Group is empty."""
    if any(sizes.get(k, 0) <= 0 for k in KINDS):
        return None
    common = lcm(*(sizes[k] for k in KINDS))
    return {k: common // sizes[k] for k in KINDS}


def voting_strength_sentence(sizes: dict[str, int], *, originally: bool = False) -> str:
    """As committee reports put it; empty while a Group has nobody."""
    weight = ilc_weights(sizes)
    if weight is None:
        return ""
    if originally:
        text = _(
            "The Committee originally consisted of %(total)s members (%(g)s Government members, "
            "%(e)s Employer members and %(w)s Worker members). To achieve equality of voting "
            "strength, each Government member entitled to vote was allotted %(x)s votes, each "
            "Employer member %(y)s votes and each Worker member %(z)s votes."
        )
    else:
        text = _(
            "The Committee consisted of %(total)s members (%(g)s Government members, %(e)s "
            "Employer members and %(w)s Worker members). To achieve equality of voting strength, "
            "each Government member entitled to vote was allotted %(x)s votes, each Employer "
            "member %(y)s votes and each Worker member %(z)s votes."
        )
    return text % {
        "total": sum(sizes[k] for k in KINDS),
        "g": sizes[Group.Kind.GOVERNMENT],
        "e": sizes[Group.Kind.EMPLOYERS],
        "w": sizes[Group.Kind.WORKERS],
        "x": weight[Group.Kind.GOVERNMENT],
        "y": weight[Group.Kind.EMPLOYERS],
        "z": weight[Group.Kind.WORKERS],
    }


def record_composition(
    access,
    user,
    *,
    effective_from: datetime,
    government: int,
    employers: int,
    workers: int,
    note: str = "",
) -> Composition:
    if not access.is_secretariat:
        raise PermissionDenied
    sizes = {"government": government, "employers": employers, "workers": workers}
    for kind, size in sizes.items():
        if not 1 <= size <= MAX_GROUP_SIZE:
            raise CompositionError(
                _("%(group)s: the number of members must be between 1 and %(max)s.")
                % {"group": Group.Kind(kind).label, "max": MAX_GROUP_SIZE}
            )
    session = access.committee.session
    local_day = timezone.localtime(effective_from, access.committee.zone).date()
    if (session.start_date and local_day < session.start_date) or (
        session.end_date and local_day > session.end_date
    ):
        raise CompositionError(_("The date of effect must fall within the session."))
    with transaction.atomic():
        # Locking the committee serialises two secretaries recording at the same moment.
        Committee.objects.select_for_update().get(pk=access.committee.pk)
        if Composition.objects.filter(
            committee=access.committee, effective_from=effective_from
        ).exists():
            raise CompositionError(_("A composition with this date of effect already exists."))
        return Composition.objects.create(
            committee=access.committee,
            effective_from=effective_from,
            note=note,
            created_by=user,
            **sizes,
        )


def report_paragraph(committee: Committee) -> str:
    """The composition paragraph of the committee's report, from the compositions recorded (or,
    before any, from the list of members)."""
    recorded = list(
        Composition.objects.filter(committee=committee).order_by("effective_from", "pk")
    )
    if not recorded:
        return voting_strength_sentence(counted_members(committee))
    if len(recorded) == 1:
        return voting_strength_sentence(recorded[0].sizes)
    changes = len(recorded) - 1
    return " ".join(
        [
            voting_strength_sentence(recorded[0].sizes, originally=True),
            ngettext(
                "The composition of the Committee was modified %(n)s time during the session, "
                "and the number of votes attributed to each member was adjusted accordingly.",
                "The composition of the Committee was modified %(n)s times during the session, "
                "and the number of votes attributed to each member was adjusted accordingly.",
                changes,
            )
            % {"n": changes},
        ]
    )
