"""The floor end to end: the secretariat adopts an amendment in the sitting console; the room
screen open in another browser (an observer) follows without reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from committee.demo import seed_committee
from committee.models import Amendment, Stage
from tests.browser.conftest import log_in
from tests.committee.amendment_fixtures import make_draft, table
from tests.committee.floor_fixtures import to_stage

pytestmark = pytest.mark.django_db(transaction=True)

ROOM = "/c/labour-migration/room/"
CONSOLE = "/c/labour-migration/floor/"


def test_the_room_screen_follows_an_adoption_and_the_console_proposes_the_collision_as_fallen(
    new_page,
):
    committee = seed_committee()
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    p1 = text["p1"]
    adopted = table(committee, "workers", p1, "Labour migration must be fair and effective.")
    colliding = table(committee, "employers", p1, "Labour migration could be fair and effective.")

    console = new_page()
    log_in(console, "secretariat")
    console.goto(f"{CONSOLE}?p={p1.pk}")
    entry = console.locator(f"#entry-{adopted.pk}")
    expect(entry.locator(".diff")).to_contain_text("must")
    entry.get_by_role("button", name="Show on the room screen").click()
    expect(console.locator(f"#entry-{adopted.pk} .badge.count")).to_contain_text("room screen")

    room = new_page()
    log_in(room, "observer")
    room.goto(ROOM)
    expect(room.locator("#room-amendment")).to_contain_text(adopted.short_symbol)
    expect(room.locator("#room-text")).to_contain_text("should be fair and effective")

    # No outcome is chosen in advance: recording without one is stopped by the browser.
    decided = console.locator(f"#entry-{adopted.pk}")
    expect(decided.locator("select[name=outcome]")).to_have_value("")
    decided.locator("select[name=outcome]").select_option("adopted")
    decided.get_by_role("button", name=f"Record the decision on {adopted.short_symbol}").click()
    expect(console.locator(".messages").filter(has_text="was adopted.")).to_be_visible()

    expect(room.locator("#room-text")).to_contain_text(
        "Labour migration must be fair and effective.", timeout=2000
    )
    expect(room.locator("#room-decision")).to_contain_text(
        f"({adopted.short_symbol}) was adopted.", timeout=2000
    )

    fell = console.locator(f"#entry-{colliding.pk}")
    expect(fell.locator(".floor-suggestion")).to_contain_text("Proposed: fell")
    expect(fell.locator("select[name=outcome]")).to_have_value("")
    expect(fell.locator("option[value=fell]")).to_contain_text("(proposed)")
    fell.locator("select[name=outcome]").select_option("fell")
    fell.get_by_role("button", name=f"Record the decision on {colliding.short_symbol}").click()
    expect(console.locator(".messages").filter(has_text="fell.")).to_be_visible()
    colliding.refresh_from_db()
    assert colliding.status == Amendment.Status.FELL
