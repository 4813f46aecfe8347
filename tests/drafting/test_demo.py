from __future__ import annotations

import pytest
from django.core.management import call_command

from committee.models import Committee
from drafting.demo import DEMO_SYMBOL
from drafting.models import Draft, Paragraph

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_committee_its_draft_once(capsys):
    call_command("seed_demo", "--force-with-demo-passwords")
    call_command("seed_demo", "--force-with-demo-passwords")
    committee = Committee.objects.get(slug="labour-migration")
    assert committee.draft is not None and committee.draft.symbol == DEMO_SYMBOL
    assert Draft.objects.count() == 1
    edits = Paragraph.history.filter(
        draft_id=committee.draft_id, history_user__username="secretariat"
    )
    assert edits.exclude(history_change_reason__startswith="Draft conclusions").exists()
