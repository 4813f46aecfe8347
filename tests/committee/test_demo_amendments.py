from __future__ import annotations

import pytest
from django.core.management import call_command

from committee.demo_amendments import seed_demo_amendments
from committee.models import Amendment, Committee
from committee.services import receipt_text
from tests.committee.amendment_fixtures import access

pytestmark = pytest.mark.django_db
S = Amendment.Status


def test_demo_amendments_on_a_small_draft_are_realistic_and_idempotent(committee, text):
    count = seed_demo_amendments(committee)
    assert count >= 50
    assert seed_demo_amendments(committee) == count
    amendments = Amendment.objects.filter(committee=committee)
    numbers = sorted(amendments.tabled().values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    assert amendments.filter(status=S.DRAFT).count() >= 3
    assert amendments.filter(status=S.WITHDRAWN).count() == 1
    submitters = set(amendments.values_list("submitters", flat=True))
    assert {
        "Employer members",
        "Worker members",
        "Government members of the Africa group",
        "Government members of GRULAC",
    } <= submitters
    for amendment in amendments.tabled():
        assert amendment.receipt_text == receipt_text(
            amendment, list(amendment.changes.filter(is_removed=False))
        )


def test_demo_compilation_shows_identical_and_colliding_amendments(login, committee, text):
    seed_demo_amendments(committee)
    content = login("observer").get("/c/labour-migration/compilation/").content
    assert b"are identical" in content
    assert b"change the same words" in content
    drafts = Amendment.objects.filter(status=S.DRAFT)
    assert (
        not Amendment.objects.visible_to(access(committee, "observer"))
        .filter(pk__in=drafts)
        .exists()
    )


def test_seed_demo_tables_amendments_on_the_demo_draft_once():
    call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
    committee = Committee.objects.get(slug="labour-migration")
    first = Amendment.objects.filter(committee=committee).count()
    assert first >= 50
    call_command("seed_demo", "--force-with-demo-passwords", verbosity=0)
    assert Amendment.objects.filter(committee=committee).count() == first
