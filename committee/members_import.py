"""Importing the committee's list of members from CSV or XLSX: parse, preview, then save.

committee.members_file turns the upload into rows of cell texts; `check(committee, rows)`
resolves every row against the committee and says per row what would happen (new, changed,
unchanged) or what is wrong; `apply(access, user, rows)` checks again inside a transaction and
saves only when no row has an error.

A person is known by e-mail: importing the same file twice adds nobody twice, and a row whose
member already exists updates that member (the change is in the membership's history).
Deactivated members stay deactivated; reactivating them is a decision taken on their page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pycountry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from committee.models import Committee, Country, Group, Membership, RegionalGroup

# Cells that a spreadsheet would run as a formula (CSV injection): refused, never stored.
FORMULA_STARTS = ("=", "+", "@")

Role = Membership.Role
Officer = Membership.Officer
Seat = Membership.Seat
Kind = Group.Kind


def _key(text: object) -> str:
    """Lower case, no accents, single spaces: how headers and choices are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("’", "'").lower().split())


def _table(entries: dict[str, list[str]]) -> dict[str, str]:
    return {_key(alias): value for value, aliases in entries.items() for alias in aliases}


# The column headers and the words for each choice, in English, French and Spanish.
HEADERS = _table(
    {
        "name": ["name", "full name", "nom", "nombre"],
        "email": ["email", "e-mail", "courriel", "correo", "correo electronico", "mail"],
        "group": ["group", "groupe", "grupo"],
        "country": ["country", "pays", "pais"],
        "regional_group": ["regional group", "groupe regional", "grupo regional", "region"],
        "seat": ["seat", "titular or deputy", "titulaire ou suppleant", "titular o suplente"],
        "officer": ["officer", "officer position", "bureau", "mesa", "cargo"],
        "role": ["role", "rol"],
    }
)
GROUPS = _table(
    {
        Kind.GOVERNMENT: ["government", "governments", "gouvernement", "gobierno", "gov"],
        Kind.EMPLOYERS: ["employers", "employer", "employeurs", "employeur", "empleadores"],
        Kind.WORKERS: ["workers", "worker", "travailleurs", "travailleur", "trabajadores"],
    }
)
SEATS = _table(
    {
        Seat.TITULAR: ["titular", "titulaire", "member", "t", ""],
        Seat.DEPUTY: ["deputy", "suppleant", "suplente", "substitute", "d"],
    }
)
OFFICERS = _table(
    {
        Officer.NONE: ["", "none", "aucun", "ninguno", "-"],
        Officer.CHAIRPERSON: ["chairperson", "chair", "president", "presidente", "presidenta"],
        Officer.EMPLOYER_VICE_CHAIR: [
            "employer vice-chairperson",
            "employer vice chairperson",
            "vice-president employeur",
            "vicepresidente empleador",
            "employer_vice",
        ],
        Officer.WORKER_VICE_CHAIR: [
            "worker vice-chairperson",
            "worker vice chairperson",
            "vice-president travailleur",
            "vicepresidente trabajador",
            "worker_vice",
        ],
        Officer.REPORTER: ["reporter", "rapporteur", "ponente"],
    }
)
ROLES = _table(
    {
        Role.MEMBER: ["", "member", "membre", "miembro"],
        Role.COORDINATOR: [
            "coordinator",
            "group coordinator",
            "coordonnateur",
            "coordinateur",
            "coordinador",
        ],
    }
)
# Officer positions held by a member of one Group only.
OFFICER_GROUP = {
    Officer.EMPLOYER_VICE_CHAIR: Kind.EMPLOYERS,
    Officer.WORKER_VICE_CHAIR: Kind.WORKERS,
}


# Checking the rows ---------------------------------------------------------------------------


@dataclass
class Row:
    line: int
    cells: dict
    name: str = ""
    email: str = ""
    group: Group | None = None
    country: str = ""  # alpha-3
    country_name: str = ""
    regional_group: RegionalGroup | None = None
    seat: str = Seat.TITULAR
    officer: str = Officer.NONE
    role: str = Role.MEMBER
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    existing: Membership | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.errors:
            return "error"
        if self.existing is None:
            return "new"
        return "changed" if self.changes else "unchanged"


def resolve_country(text: str) -> tuple[str, str] | None:
    """(alpha-3, name) for a code or a name, from the committee's countries or ISO 3166."""
    if not text:
        return None
    known = (
        Country.objects.filter(code__iexact=text).first()
        or Country.objects.filter(name__iexact=text).first()
    )
    if known:
        return known.code, known.name
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return found.alpha_3, getattr(found, "common_name", None) or found.name


def check(committee: Committee, raw: list[dict], *, membership=None) -> list[Row]:
    """Each row resolved and checked. With `membership`, the one row edits that member (who
    keeps their account and e-mail)."""
    groups = {g.kind: g for g in committee.groups.all()}
    by_name = {_key(g.name): g for g in groups.values()}
    regional = {_key(r.name): r for r in committee.regional_groups.prefetch_related("countries")}
    User = get_user_model()
    rows = [Row(line=r["line"], cells=r["cells"]) for r in raw]
    countries: dict[str, tuple[str, str] | None] = {}
    # Accounts and memberships of everyone in the file, in two queries rather than per row.
    emails = {str(r["cells"].get("email", "")).strip().lower() for r in raw}
    accounts: dict[str, list] = {}
    for account in User.objects.annotate(lower_email=Lower("email")).filter(lower_email__in=emails):
        accounts.setdefault(account.lower_email, []).append(account)
    held = {
        m.user_id: m
        for m in Membership.objects.filter(
            committee=committee,
            user__in=[a for found in accounts.values() for a in found],
            role__in=[Role.MEMBER, Role.COORDINATOR],
        ).select_related("user", "group", "country", "regional_group")
    }
    seen_emails: dict[str, int] = {}
    seen_officers: dict[str, int] = {}
    for row in rows:
        c = row.cells
        for column, text in c.items():
            if text.startswith(FORMULA_STARTS):
                row.errors.append(
                    _("The cell “%(column)s” holds a formula (%(text)s): type the value itself.")
                    % {"column": column, "text": text[:40]}
                )
        if row.errors:
            continue
        row.name = " ".join(c["name"].split())[:300]
        if not row.name:
            row.errors.append(_("The name is missing."))
        row.email = c["email"].strip().lower()
        try:
            if membership is None:
                validate_email(row.email)
        except ValidationError:
            row.errors.append(_("“%(email)s” is not an e-mail address.") % {"email": c["email"]})
        else:
            if row.email in seen_emails:
                row.errors.append(
                    _("The e-mail %(email)s is already on line %(line)s.")
                    % {"email": row.email, "line": seen_emails[row.email]}
                )
            seen_emails.setdefault(row.email, row.line)
        kind = GROUPS.get(_key(c["group"]))
        row.group = groups.get(kind) if kind else by_name.get(_key(c["group"]))
        if row.group is None:
            row.errors.append(
                _("Unknown Group “%(group)s”: Government, Employers or Workers.")
                % {"group": c["group"]}
            )
        row.role = ROLES.get(_key(c["role"]), "")
        if not row.role:
            row.errors.append(
                _("Unknown role “%(role)s”: member or coordinator.") % {"role": c["role"]}
            )
        row.seat = SEATS.get(_key(c["seat"]), "")
        if not row.seat:
            row.errors.append(
                _("Unknown seat “%(seat)s”: titular or deputy.") % {"seat": c["seat"]}
            )
        officer = OFFICERS.get(_key(c["officer"]))
        if officer is None:
            row.errors.append(
                _("Unknown officer position “%(officer)s”.") % {"officer": c["officer"]}
            )
        else:
            row.officer = officer
        _check_country(row, c, countries)
        if c["regional_group"]:
            row.regional_group = regional.get(_key(c["regional_group"]))
            if row.regional_group is None:
                row.errors.append(
                    _("Unknown regional group “%(name)s”: set it up first.")
                    % {"name": c["regional_group"]}
                )
        _check_government(row)
        if row.officer:
            if row.officer in seen_officers:
                row.errors.append(
                    _("%(officer)s is already given on line %(line)s.")
                    % {"officer": Officer(row.officer).label, "line": seen_officers[row.officer]}
                )
            seen_officers.setdefault(row.officer, row.line)
            needed = OFFICER_GROUP.get(row.officer)
            if needed and row.group and row.group.kind != needed:
                row.errors.append(
                    _("The %(officer)s must be a member of the %(group)s.")
                    % {"officer": Officer(row.officer).label, "group": groups[needed].name}
                )
        if row.errors:
            continue
        if membership is None:
            _match(committee, row, accounts.get(row.email, []), held)
        else:
            row.existing = membership
            _check_officer_free(committee, row, membership.user)
            _compare(row, membership)
    return rows


def _check_country(row: Row, c: dict, cache: dict) -> None:
    if not c["country"]:
        return
    key = _key(c["country"])
    if key not in cache:
        cache[key] = resolve_country(c["country"])
    found = cache[key]
    if found is None:
        row.errors.append(_("Unknown country “%(country)s”.") % {"country": c["country"]})
    else:
        row.country, row.country_name = found


def _check_government(row: Row) -> None:
    if row.group is None:
        return
    # An unknown country has its own error already.
    if row.group.kind == Kind.GOVERNMENT and not row.cells["country"]:
        row.errors.append(_("A Government member needs a country."))
    if row.regional_group and row.group.kind != Kind.GOVERNMENT:
        row.errors.append(_("Only Government members belong to a regional group."))
    elif row.regional_group and row.country:
        codes = {country.code for country in row.regional_group.countries.all()}
        if codes and row.country not in codes:
            row.warnings.append(
                _("%(country)s is not listed in %(group)s.")
                % {"country": row.country_name, "group": row.regional_group.name}
            )


def _match(committee: Committee, row: Row, users: list, held: dict) -> None:
    if len(users) > 1:
        row.errors.append(_("Several accounts share the e-mail %(email)s.") % {"email": row.email})
        return
    if not users:
        _check_officer_free(committee, row, None)
        return
    user = users[0]
    existing = held.get(user.pk)
    row.existing = existing
    _check_officer_free(committee, row, user)
    if existing is None:
        return
    if not existing.is_active:
        row.warnings.append(_("This member is deactivated and stays so."))
    _compare(row, existing)


def _compare(row: Row, existing: Membership) -> None:
    if existing.user.get_full_name() != row.name:
        row.changes.append(_("name"))
    compared = [
        (_("Group"), existing.group_id, row.group.pk),
        (_("role"), existing.role, row.role),
        (_("country"), existing.country.code if existing.country else "", row.country),
        (_("regional group"), existing.regional_group_id, getattr(row.regional_group, "pk", None)),
        (_("seat"), existing.seat, row.seat),
        (_("officer position"), existing.officer, row.officer),
    ]
    row.changes += [label for label, old, new in compared if old != new]


def _check_officer_free(committee: Committee, row: Row, user) -> None:
    if not row.officer:
        return
    holder = (
        Membership.objects.filter(committee=committee, officer=row.officer, is_active=True)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    if holder:
        row.errors.append(
            _("%(officer)s is already held by %(name)s.")
            % {
                "officer": Officer(row.officer).label,
                "name": holder.user.get_full_name() or holder.user.username,
            }
        )


# Saving -------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    memberships: list[Membership] = field(default_factory=list)


def apply(access, user, raw: list[dict]) -> tuple[ImportResult | None, list[Row]]:
    """Save every row, or nothing: (result, rows) or (None, rows with their errors)."""
    if not access.is_secretariat:
        raise PermissionDenied
    committee = access.committee
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        rows = check(committee, raw)
        if any(r.errors for r in rows):
            transaction.set_rollback(True)
            return None, rows
        result = ImportResult()
        for row in rows:
            if row.status == "unchanged":
                result.unchanged += 1
                continue
            membership = save_member(committee, row, changed_by=user)
            result.memberships.append(membership)
            if row.status == "new":
                result.added += 1
            else:
                result.changed += 1
    return result, rows


def save_member(committee: Committee, row: Row, *, changed_by) -> Membership:
    """Create or update the account and the membership a checked row describes."""
    from committee.setup import account_for

    account = account_for(row.email, row.name)
    country = None
    if row.country:
        country, _created = Country.objects.get_or_create(
            code=row.country, defaults={"name": row.country_name}
        )
    values = {
        "group": row.group,
        "role": row.role,
        "country": country,
        "regional_group": row.regional_group,
        "seat": row.seat,
        "officer": row.officer,
    }
    membership = row.existing or Membership(committee=committee, user=account)
    for name, value in values.items():
        setattr(membership, name, value)
    membership._history_user = changed_by
    membership._change_reason = _("Imported from the list of members")
    membership.save()
    return membership
