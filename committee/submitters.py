"""On whose behalf a coordinator may speak: their own Group, regional group and its countries.

Forms offer only these choices and the services refuse anything else, so that no coordinator
tables an amendment or a subamendment in another Group's name. An oral subamendment for
anyone is recorded by the secretariat (committee.services.add_subamendment).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from committee.access import Access
from committee.models import Country, Group, RegionalGroup


def government_countries(committee) -> QuerySet[Country]:
    """The countries whose Government members sit on the committee."""
    return Country.objects.filter(
        membership__committee=committee, membership__group__kind=Group.Kind.GOVERNMENT
    ).distinct()


def own_regional_groups(access: Access) -> QuerySet[RegionalGroup]:
    return access.committee.regional_groups.filter(pk__in=access.coordinated_regional_group_ids)


def own_countries(access: Access) -> QuerySet[Country]:
    """The coordinator's own country and the countries of their regional group, on the committee."""
    rule = Q(pk__in=access.coordinated_country_ids) | Q(
        regional_groups__in=own_regional_groups(access)
    )
    on_committee = government_countries(access.committee).values("pk")
    return Country.objects.filter(rule, pk__in=on_committee).distinct()


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def regional_group_label(regional_group: RegionalGroup) -> str:
    name = regional_group.name
    # "the Africa group", "the EU Member States", but "GRULAC" and "ASPAG" stand alone.
    return name if name.isupper() else _("the %(name)s") % {"name": name}


def countries_label(countries) -> str:
    names = sorted(c.name for c in countries)
    if len(names) == 1:
        return _("Government member of %(country)s") % {"country": names[0]}
    return _("Government members of %(countries)s") % {"countries": _join(names)}


def regional_group_submitters(regional_group: RegionalGroup) -> str:
    return _("Government members of %(group)s") % {"group": regional_group_label(regional_group)}


def subamendment_submitters(access: Access, group: Group) -> list[str]:
    """The names a coordinator may table a written subamendment under, the usual one first."""
    if group.kind != Group.Kind.GOVERNMENT:
        return [str(group.members_label)]
    names = [regional_group_submitters(rg) for rg in own_regional_groups(access)]
    names += [
        countries_label([c])
        for c in Country.objects.filter(pk__in=access.coordinated_country_ids).order_by("name")
    ]
    return names or [str(group.members_label)]
