"""Setting up a committee in the browser: session, committee, Groups, officers, members, draft.

Every write here is one transaction that checks the caller's right first (a superuser creates
sessions and committees and appoints their secretariat; the committee's secretariat does the
rest). Bad input raises SetupError with a message for the user, and nothing is saved.
`missing(committee)` lists what is still to do before the first sitting.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pycountry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from committee.composition import composition_in_force, counted_members
from committee.models import Committee, Country, Group, Membership, RegionalGroup, Session
from drafting.models import Draft

# Words the URLs use after /c/: a committee may not be called so.
RESERVED_SLUGS = {"setup", "propose", "paragraph"}
DEFAULT_GROUP_NAMES = {
    Group.Kind.GOVERNMENT: "Government group",
    Group.Kind.EMPLOYERS: "Employers' group",
    Group.Kind.WORKERS: "Workers' group",
}
Role = Membership.Role
Officer = Membership.Officer


class SetupError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _require_superuser(user) -> None:
    if not user.is_superuser:
        raise PermissionDenied


def _require_secretariat(access) -> None:
    if not access.is_secretariat:
        raise PermissionDenied


def ensure_countries() -> None:
    """Every ISO 3166 country, so that member lists and regional groups can name any of them."""
    have = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create(
        [
            Country(code=c.alpha_3, name=getattr(c, "common_name", None) or c.name)
            for c in pycountry.countries
            if c.alpha_3 not in have
        ],
        ignore_conflicts=True,
    )


def account_for(email: str, name: str):
    """The account with this e-mail, or a new one without a password (the invitation sets it)."""
    User = get_user_model()
    email = email.strip().lower()
    first, _sep, last = " ".join(name.split()).partition(" ")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        username, n = email[:150], 1
        while User.objects.filter(username__iexact=username).exists():
            n += 1
            username = f"{email[:140]}-{n}"
        user = User(username=username, email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.save()
    elif name and user.get_full_name() != " ".join(name.split()):
        user.first_name, user.last_name = first[:150], last[:150]
        user.save(update_fields=["first_name", "last_name"])
    return user


# Session and committee (superuser) ----------------------------------------------------------


def create_session(user, **fields) -> Session:
    _require_superuser(user)
    with transaction.atomic():
        if Session.objects.filter(number=fields["number"]).exists():
            raise SetupError(_("A session with this number already exists."))
        return Session.objects.create(**fields)


def create_committee(
    user, *, session: Session, name: str, acronym: str, slug: str, kind: str,
    secretariat_name: str, secretariat_email: str,
) -> tuple[Committee, Membership]:  # fmt: skip
    _require_superuser(user)
    slug = slugify(slug or acronym or name)[:50]
    if not slug or slug in RESERVED_SLUGS:
        raise SetupError(_("Choose another short name for the address."))
    with transaction.atomic():
        if Committee.objects.filter(slug=slug).exists():
            raise SetupError(_("A committee with this short name already exists."))
        committee = Committee.objects.create(
            session=session,
            name=name,
            acronym=acronym,
            slug=slug,
            kind=kind,
            time_zone=session.time_zone,
        )
        for kind_, label in DEFAULT_GROUP_NAMES.items():
            Group.objects.create(committee=committee, kind=kind_, name=label)
        ensure_countries()
        if secretariat_email:
            account = account_for(secretariat_email, secretariat_name)
        else:
            account = user
        membership = Membership.objects.create(
            committee=committee, user=account, role=Role.SECRETARIAT
        )
    return committee, membership


# The committee's own settings (secretariat) ------------------------------------------------


def update_committee(access, user, **fields) -> Committee:
    _require_secretariat(access)
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        for name, value in fields.items():
            setattr(committee, name, value)
        committee.save()
        if committee.draft_id:
            # The draft's languages follow the committee's (drafting reads them from the draft).
            Draft.objects.filter(pk=committee.draft_id).update(
                languages=committee.languages, language=committee.original_language
            )
    return committee


def rename_groups(access, names: dict[str, str]) -> None:
    _require_secretariat(access)
    with transaction.atomic():
        for group in Group.objects.select_for_update().filter(committee=access.committee):
            if names.get(group.kind) and names[group.kind] != group.name:
                group.name = names[group.kind]
                group.save(update_fields=["name"])


def save_regional_group(access, regional: RegionalGroup | None, *, name: str, codes: list[str]):
    _require_secretariat(access)
    with transaction.atomic():
        clash = RegionalGroup.objects.filter(committee=access.committee, name__iexact=name)
        if regional is not None:
            clash = clash.exclude(pk=regional.pk)
        if clash.exists():
            raise SetupError(_("A regional group with this name already exists."))
        if regional is None:
            regional = RegionalGroup.objects.create(committee=access.committee, name=name)
        else:
            regional.name = name
            regional.save(update_fields=["name"])
        regional.countries.set(Country.objects.filter(code__in=codes))
    return regional


def appoint_officers(access, user, holders: dict[str, Membership | None]) -> None:
    """Each officer position to one member (or nobody); a member holds at most one."""
    _require_secretariat(access)
    chosen = [m.pk for m in holders.values() if m is not None]
    if len(chosen) != len(set(chosen)):
        raise SetupError(_("One member cannot hold two officer positions."))
    from committee.members_import import OFFICER_GROUP

    for position, membership in holders.items():
        needed = OFFICER_GROUP.get(position)
        if membership is not None and needed and membership.group.kind != needed:
            raise SetupError(
                _("The %(officer)s must be a member of the %(group)s.")
                % {
                    "officer": Officer(position).label,
                    "group": access.committee.groups.get(kind=needed).name,
                }
            )
    with transaction.atomic():
        current = Membership.objects.select_for_update().filter(committee=access.committee)
        for membership in current.exclude(officer=""):
            if holders.get(membership.officer, membership) != membership:
                _save(membership, user, _("Officers appointed"), officer="")
        for position, membership in holders.items():
            if membership is not None:
                fresh = current.get(pk=membership.pk)
                if fresh.officer != position:
                    _save(fresh, user, _("Officers appointed"), officer=position)


def _save(membership: Membership, user, reason: str, **values) -> None:
    for name, value in values.items():
        setattr(membership, name, value)
    membership._history_user = user
    membership._change_reason = reason
    membership.save()


# Members (secretariat) -----------------------------------------------------------------------


def member_state(membership: Membership) -> str:
    """A token of what the edit form showed: a save from an older page is refused."""
    values = (
        membership.group_id,
        membership.role,
        membership.country_id,
        membership.regional_group_id,
        membership.seat,
        membership.officer,
        membership.is_active,
        membership.user.get_full_name(),
    )
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


def _locked_member(access, pk: int, state: str) -> Membership:
    membership = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(committee=access.committee, pk=pk)
        .first()
    )
    if membership is None:
        raise SetupError(_("This member is not on the committee."))
    if state != member_state(membership):
        raise SetupError(_("Someone else changed this member meanwhile: check and try again."))
    return membership


def save_member_row(access, user, row, *, state: str = ""):
    """Add the member a checked row describes, or (with row.existing) change them."""
    from committee.members_import import check, save_member

    _require_secretariat(access)
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=access.committee.pk)
        if row.existing is not None:
            membership = _locked_member(access, row.existing.pk, state)
            rows = check(access.committee, [{"line": 1, "cells": row.cells}], membership=membership)
        else:
            rows = check(access.committee, [{"line": 1, "cells": row.cells}])
            if rows[0].existing is not None:
                raise SetupError(_("This person is already a member of the committee."))
        if rows[0].errors:
            raise SetupError(" ".join(rows[0].errors))
        return save_member(access.committee, rows[0], changed_by=user)


def set_active(access, user, pk: int, *, active: bool, reason: str, state: str) -> Membership:
    _require_secretariat(access)
    with transaction.atomic():
        membership = _locked_member(access, pk, state)
        if membership.role == Role.SECRETARIAT and not active:
            others = Membership.objects.filter(
                committee=access.committee, role=Role.SECRETARIAT, is_active=True
            ).exclude(pk=pk)
            if not others.exists():
                raise SetupError(_("The committee must keep at least one active secretariat."))
        values = {"is_active": active}
        if not active:
            values["officer"] = ""  # an officer who leaves leaves the position vacant
        _save(membership, user, reason, **values)
    return membership


def create_draft(access, user, *, symbol: str, title: str) -> Draft:
    _require_secretariat(access)
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=access.committee.pk)
        if committee.draft_id is not None:
            raise SetupError(_("The committee already has a draft: replace its text instead."))
        draft = Draft.objects.create(
            symbol=symbol,
            title=title,
            language=committee.original_language,
            languages=committee.languages,
        )
        committee.draft = draft
        committee.save(update_fields=["draft"])
    return draft


# What is still missing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    message: str
    url_name: str  # a committee: URL taking the committee's slug


def missing(committee: Committee) -> list[Missing]:
    out: list[Missing] = []
    session = committee.session
    if not (session.start_date and session.end_date):
        # The session is the superuser's to change (several committees share it): no link.
        out.append(Missing(_("The dates of the session are not set."), ""))
    active = Membership.objects.filter(committee=committee, is_active=True)
    held = set(active.exclude(officer="").values_list("officer", flat=True))
    for position in (
        Officer.CHAIRPERSON,
        Officer.EMPLOYER_VICE_CHAIR,
        Officer.WORKER_VICE_CHAIR,
        Officer.REPORTER,
    ):
        if position not in held:
            out.append(
                Missing(
                    _("No %(officer)s appointed.") % {"officer": position.label},
                    "committee:setup_officers",
                )
            )
    sizes = counted_members(committee)
    coordinated = set(active.filter(role=Role.COORDINATOR).values_list("group__kind", flat=True))
    for group in committee.groups.all():
        if not sizes.get(group.kind):
            out.append(
                Missing(
                    _("The %(group)s has no members.") % {"group": group.name},
                    "committee:members_import",
                )
            )
        if group.kind not in coordinated:
            out.append(
                Missing(
                    _("The %(group)s has no coordinator.") % {"group": group.name},
                    "committee:members",
                )
            )
    if not committee.regional_groups.exists():
        out.append(Missing(_("No regional groups are set up."), "committee:setup_groups"))
    uninvited = active.filter(invitations__isnull=True, user__password__startswith="!").count()
    if uninvited:
        out.append(
            Missing(
                _("%(n)s members have not been invited to set a password.") % {"n": uninvited},
                "committee:members",
            )
        )
    if committee.draft_id is None:
        out.append(Missing(_("The committee has no draft."), "committee:setup_draft"))
    elif not committee.draft.paragraphs.exists():
        out.append(Missing(_("The draft has no text yet: import it."), "committee:setup_draft"))
    if committee.amendment_deadline is None:
        out.append(Missing(_("No deadline for tabling amendments."), "committee:setup_settings"))
    if composition_in_force(committee, timezone.now()) is None:
        out.append(
            Missing(
                _("No composition recorded: votes are weighted from the list of members."),
                "committee:composition",
            )
        )
    return out
