from __future__ import annotations

import pytest
from django.core.management import call_command

from committee.models import Committee, Country, Group, Membership, RegionalGroup

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Committee, Group, Country, RegionalGroup, Membership))


def test_seed_demo_twice_adds_nothing_the_second_time():
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first[1] == 3


def test_seed_demo_gives_each_role_a_login(committee):
    roles = set(Membership.objects.filter(committee=committee).values_list("role", flat=True))
    assert roles == {r.value for r in Membership.Role}
    assert RegionalGroup.objects.get(name="Africa group").countries.filter(code="KEN").exists()
