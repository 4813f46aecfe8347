from __future__ import annotations

import pytest
from django.core.management import call_command

from discussion.models import Allocation, Point, Speaker, Speech

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_five_points_with_allocations_and_speakers_once(committee):
    call_command("seed_demo", "--force-with-demo-passwords", stdout=None)
    call_command("seed_demo", "--force-with-demo-passwords", stdout=None)
    points = Point.objects.filter(committee=committee)
    assert points.count() == 5
    assert Allocation.objects.filter(point__committee=committee).count() == 5 * 3 + 1
    assert Speaker.objects.filter(point__committee=committee).count() == 6
    assert Speech.objects.filter(committee=committee, stopped_at__isnull=True).count() == 0
    assert "labour migration" in points.first().text_en
