"""The demo committee: the 106th Session's (2017) committee on labour migration.

Every function here is idempotent: running `seed_demo` again finds what exists and adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from committee.models import Committee, Country, Group, Membership, RegionalGroup, Session

DEMO_PASSWORD = "draftroom-demo"
DEMO_SLUG = "labour-migration"

COUNTRIES = [
    ("ARG", "Argentina"),
    ("BRA", "Brazil"),
    ("CAN", "Canada"),
    ("CHL", "Chile"),
    ("COL", "Colombia"),
    ("EGY", "Egypt"),
    ("ETH", "Ethiopia"),
    ("FRA", "France"),
    ("DEU", "Germany"),
    ("GHA", "Ghana"),
    ("IND", "India"),
    ("IDN", "Indonesia"),
    ("ITA", "Italy"),
    ("JPN", "Japan"),
    ("KEN", "Kenya"),
    ("MEX", "Mexico"),
    ("MAR", "Morocco"),
    ("NGA", "Nigeria"),
    ("PHL", "Philippines"),
    ("SEN", "Senegal"),
    ("ZAF", "South Africa"),
    ("ESP", "Spain"),
    ("SWE", "Sweden"),
    ("CHE", "Switzerland"),
    ("USA", "United States"),
    ("URY", "Uruguay"),
]

REGIONAL_GROUPS = {
    "Africa group": ["EGY", "ETH", "GHA", "KEN", "MAR", "NGA", "SEN", "ZAF"],
    "EU Member States": ["FRA", "DEU", "ITA", "ESP", "SWE"],
    "GRULAC": ["ARG", "BRA", "CHL", "COL", "MEX", "URY"],
    "ASPAG": ["IND", "IDN", "JPN", "PHL"],
}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    role: str
    group: str | None = None
    officer: str = ""
    country: str | None = None
    regional_group: str | None = None


R = Membership.Role
Off = Membership.Officer
DEMO_LOGINS = [
    DemoLogin("secretariat", "Sofia Secretariat", R.SECRETARIAT),
    DemoLogin("employers", "Erik Employers", R.COORDINATOR, Group.Kind.EMPLOYERS),
    DemoLogin("workers", "Wanjiru Workers", R.COORDINATOR, Group.Kind.WORKERS),
    DemoLogin(
        "government",
        "Gabriela Government",
        R.COORDINATOR,
        Group.Kind.GOVERNMENT,
        country="MEX",
        regional_group="GRULAC",
    ),
    DemoLogin(
        "africa",
        "Amara Africa",
        R.COORDINATOR,
        Group.Kind.GOVERNMENT,
        country="KEN",
        regional_group="Africa group",
    ),
    DemoLogin(
        "chair", "Claude Chairperson", R.MEMBER, Group.Kind.GOVERNMENT, Off.CHAIRPERSON, "CHE"
    ),
    DemoLogin("clerk", "Paul Plenary-Clerk", R.CLERK),
    DemoLogin("observer", "Olga Observer", R.OBSERVER),
]

# Further members without logins, so that the Groups have realistic sizes for vote weights.
EXTRA_MEMBERS = {Group.Kind.EMPLOYERS: 9, Group.Kind.WORKERS: 11}


@transaction.atomic
def seed_committee() -> Committee:
    User = get_user_model()
    session, _ = Session.objects.get_or_create(
        number=106,
        defaults={
            "year": 2017,
            "name": "106th Session of the International Labour Conference (2017)",
        },
    )
    committee, _ = Committee.objects.get_or_create(
        slug=DEMO_SLUG,
        defaults={
            "session": session,
            "name": "Committee for the General Discussion on Labour Migration",
            "acronym": "C.G.D.Mig",
            "kind": Committee.Kind.GENERAL_DISCUSSION,
        },
    )
    groups = {
        kind: Group.objects.get_or_create(committee=committee, kind=kind, defaults={"name": label})[
            0
        ]
        for kind, label in [
            (Group.Kind.GOVERNMENT, "Government group"),
            (Group.Kind.EMPLOYERS, "Employers' group"),
            (Group.Kind.WORKERS, "Workers' group"),
        ]
    }
    countries = {
        code: Country.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in COUNTRIES
    }
    regional = {}
    for name, codes in REGIONAL_GROUPS.items():
        rg, _ = RegionalGroup.objects.get_or_create(committee=committee, name=name)
        rg.countries.add(*(countries[c] for c in codes))
        regional[name] = rg

    for login in DEMO_LOGINS:
        first, last = login.name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=login.username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            committee=committee,
            user=user,
            role=login.role,
            defaults={
                "group": groups.get(login.group) if login.group else None,
                "officer": login.officer,
                "country": countries.get(login.country) if login.country else None,
                "regional_group": regional.get(login.regional_group)
                if login.regional_group
                else None,
            },
        )
    # Every Government country on the committee is a member; employers and workers get members.
    for code, country in countries.items():
        _member(
            committee,
            f"gov-{code.lower()}",
            f"Delegate {country.name}",
            groups[Group.Kind.GOVERNMENT],
            country,
        )
    for kind, count in EXTRA_MEMBERS.items():
        for i in range(1, count + 1):
            _member(
                committee,
                f"{kind[:3]}-{i:02d}",
                f"{groups[kind].members_label} {i}",
                groups[kind],
                None,
            )
    if not Membership.objects.filter(committee=committee, officer=Off.EMPLOYER_VICE_CHAIR).exists():
        Membership.objects.filter(committee=committee, user__username="emp-01").update(
            officer=Off.EMPLOYER_VICE_CHAIR
        )
        Membership.objects.filter(committee=committee, user__username="wor-01").update(
            officer=Off.WORKER_VICE_CHAIR
        )
        Membership.objects.filter(committee=committee, user__username="gov-phl").update(
            officer=Off.REPORTER
        )
    return committee


def _member(committee, username, name, group, country) -> None:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"last_name": name})
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        committee=committee,
        user=user,
        role=Membership.Role.MEMBER,
        defaults={"group": group, "country": country},
    )
