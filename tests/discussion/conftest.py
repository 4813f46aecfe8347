from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from committee.models import Group
from discussion import services
from discussion.demo import seed_discussion
from discussion.models import Point


@pytest.fixture
def secretariat(committee):
    return get_user_model().objects.get(username="secretariat")


@pytest.fixture
def groups(committee) -> dict[str, Group]:
    return {g.kind: g for g in committee.groups.all()}


@pytest.fixture
def demo(committee) -> list[Point]:
    """The demo's five points (point 1 has speakers who spoke and speakers waiting)."""
    seed_discussion(committee)
    return list(Point.objects.filter(committee=committee))


@pytest.fixture
def point(committee, secretariat, groups) -> Point:
    """A fresh point with 10:00 for each Group and nobody on the list."""
    p = services.create_point(committee, secretariat, text_en="How should we govern migration?")
    services.set_allocations(
        p.pk,
        secretariat,
        version=p.version,
        values={f"g{g.pk}": 600 for g in groups.values()},
    )
    p.refresh_from_db()
    return p
