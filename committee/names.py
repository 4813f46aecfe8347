"""Submitters, countries and regional groups in the language of a page or document.

`Amendment.submitters` is written once, in the language of whoever tabled it ("Employer
members"); a French or Spanish document must say "Membres employeurs" / "Miembros empleadores".
`submitters(amendment)` writes it again from what it is made of (the Group, the countries, the
regional group) in the active language. Country names come from the ISO 3166 catalogues that
pycountry ships; the usual regional groups of the Conference are in our own catalogues.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from committee.models import Amendment, Country, Group, RegionalGroup

# Regional groups and groups of countries the Conference's records name, as "of ..." phrases
# (French and Spanish need the article: "du groupe de l'Afrique", "del GRULAC").
REGIONAL_GROUPS = {
    "Africa group": gettext_noop("of the Africa group"),
    "Asia and Pacific group": gettext_noop("of the Asia and Pacific group"),
    "ASPAG": gettext_noop("of ASPAG"),
    "EU Member States": gettext_noop("of the EU Member States"),
    "GRULAC": gettext_noop("of GRULAC"),
    "Group of Latin American and Caribbean Countries": gettext_noop(
        "of the Group of Latin American and Caribbean Countries"
    ),
    "IMEC": gettext_noop("of IMEC"),
}

MEMBER_LABELS = {
    Group.Kind.GOVERNMENT: gettext_noop("Government members"),
    Group.Kind.EMPLOYERS: gettext_noop("Employer members"),
    Group.Kind.WORKERS: gettext_noop("Worker members"),
}


@lru_cache(maxsize=4)
def _iso_catalogue(language: str):
    import pycountry

    try:
        return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def country_name(country: Country) -> str:
    """The country's name in the active language (as written in the database in English)."""
    language = (translation.get_language() or "en")[:2]
    if language == "en":
        return country.name
    import pycountry

    found = pycountry.countries.get(alpha_3=country.code.upper())
    catalogue = _iso_catalogue(language)
    if found is None or catalogue is None:
        return country.name
    return catalogue.gettext(getattr(found, "common_name", None) or found.name)


def of_regional_group(regional_group: RegionalGroup) -> str:
    """ "of the Africa group", "du groupe de l'Afrique", "del grupo de África"."""
    msgid = REGIONAL_GROUPS.get(regional_group.name)
    if msgid:
        return _(msgid)
    return pgettext("of a regional group", "of %(name)s") % {"name": regional_group.name}


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def submitters(amendment: Amendment) -> str:
    """Who tabled the amendment, in the active language.

    Reads `amendment.group`, `submitter_regional_group` and `submitter_countries` (prefetch
    them for a list of amendments)."""
    group = amendment.group
    if group.kind != Group.Kind.GOVERNMENT:
        return _(MEMBER_LABELS[group.kind])
    if amendment.submitter_regional_group_id:
        return _("Government members %(of_group)s") % {
            "of_group": of_regional_group(amendment.submitter_regional_group)
        }
    names = sorted(country_name(c) for c in amendment.submitter_countries.all())
    if not names:
        return amendment.submitters
    if len(names) == 1:
        return _("Government member of %(country)s") % {"country": names[0]}
    return _("Government members of %(countries)s") % {"countries": _join(names)}


@lru_cache(maxsize=16)
def _known_labels() -> dict[str, str]:
    from django.conf import settings

    known = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for kind, msgid in MEMBER_LABELS.items():
                known[_(msgid).lower()] = kind
    return known


def typed_submitters(text: str) -> str:
    """Who proposed a subamendment, as typed; a Group's members in the active language."""
    kind = _known_labels().get((text or "").strip().lower())
    return _(MEMBER_LABELS[kind]) if kind else text
