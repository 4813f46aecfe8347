"""The general discussion end to end: the secretariat's console and the room screen."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from committee.demo import seed_committee
from committee.models import Group
from discussion import services
from discussion.models import Speech
from discussion.tally import mmss
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

ROOM = "/c/labour-migration/room/"


def test_the_room_screen_follows_the_secretariat_running_the_clock(new_page):
    committee = seed_committee()
    secretariat = get_user_model().objects.get(username="secretariat")
    point = services.create_point(
        committee, secretariat, text_en="What are the challenges of labour migration governance?"
    )
    groups = {g.kind: g for g in committee.groups.all()}
    services.add_speaker(
        point, secretariat, label="Worker Vice-Chairperson", group=groups[Group.Kind.WORKERS]
    )
    console_url = f"/c/labour-migration/discussion/points/{point.pk}/"

    # The observer's room screen, in its own browser context.
    room = new_page()
    log_in(room, "observer")
    room.goto(ROOM)
    expect(room.locator("body")).to_have_class(re.compile("room-screen"))
    expect(room.locator(".room-idle").first).to_contain_text("has not started")
    room.evaluate("window.notReloaded = true")
    csp_errors = []
    room.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    statuses = []
    room.on("response", lambda r: statuses.append(r.status) if "/room/screen/" in r.url else None)

    # The secretariat sets the allocations in minutes:seconds.
    console = new_page()
    log_in(console, "secretariat")
    console.goto(f"{console_url}allocations/")
    console.get_by_label("Employers' group").fill("0:03")
    console.get_by_label("Workers' group").fill("10:00")
    console.get_by_label("Government group").fill("20:00")
    console.get_by_role("button", name="Save the allocations").click()
    expect(console.locator("[data-slot] th", has_text="Employers' group")).to_be_visible()

    # ... adds a speaker to the list through the form ...
    console.get_by_label("Speaker", exact=True).fill("Employer Vice-Chairperson")
    console.locator("#id_group").select_option(label="Employers' group")
    console.get_by_role("button", name="Add to the speakers' list").click()
    expect(console.locator(".speakers-list .speaker")).to_have_count(2)
    # ... moves the Employer Vice-Chairperson up and calls the next speaker.
    console.get_by_role("button", name="Move Employer Vice-Chairperson up").click()
    expect(console.locator(".speakers-list .speaker").first).to_contain_text("Employer")
    console.get_by_role("button", name="Call the next speaker").click()
    expect(room.locator("#room-speaker")).to_have_text("Employer Vice-Chairperson", timeout=2000)
    expect(room.locator("#room-group")).to_have_text("Employers' group")
    expect(room.locator("#room-next")).to_contain_text("Worker Vice-Chairperson")
    expect(room.locator("#room-remaining")).to_have_text("0:03")

    # The clock runs: the room counts the Employers' time down, then shows the overrun.
    console.get_by_role("button", name="Start the clock").click()
    expect(console.locator(".clock-state")).to_contain_text("Clock running")
    expect(room.locator("#room-elapsed")).not_to_have_text("0:00")
    expect(room.locator("#room-overrun")).to_be_visible()
    expect(room.locator("#room-overrun")).to_have_text("Overrun")
    expect(room.locator("#room-remaining")).to_have_text(re.compile(r"^−0:0\d$"))
    console.get_by_role("button", name="Stop the clock").click()
    expect(console.locator(".clock-state")).to_contain_text("Clock stopped")

    # The next speaker; the room follows within 2 seconds.
    console.get_by_role("button", name="Call the next speaker").click()
    expect(room.locator("#room-speaker")).to_have_text("Worker Vice-Chairperson", timeout=2000)
    expect(room.locator("#room-remaining")).to_have_text("10:00")
    console.get_by_role("button", name="Start the clock").click()
    expect(room.locator("#room-remaining")).to_have_text(re.compile(r"^9:5\d$"))
    console.get_by_role("button", name="End the speech").click()
    expect(room.locator(".room-idle").first).to_contain_text(
        "Waiting for the next speaker", timeout=2000
    )

    # Nothing was reloaded, and unchanged polls were answered 304.
    assert room.evaluate("window.notReloaded") is True
    assert 304 in statuses
    assert csp_errors == []

    # The summary's totals equal the recorded times.
    speeches = list(Speech.objects.filter(committee=committee).select_related("speaker"))
    assert len(speeches) == 2
    assert all(s.stopped_at is not None for s in speeches)
    by_label = {s.speaker.label: s.seconds() for s in speeches}
    console.goto(f"{console_url}summary/")
    rows = console.locator(".speakers-summary tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Employer Vice-Chairperson")
    expect(rows.nth(0).locator(".speaker-time")).to_have_text(
        mmss(by_label["Employer Vice-Chairperson"])
    )
    expect(rows.nth(1).locator(".speaker-time")).to_have_text(
        mmss(by_label["Worker Vice-Chairperson"])
    )
    expect(console.locator(".total-used")).to_have_text(mmss(sum(by_label.values())))
    employers = console.locator("[data-slot]", has_text="Employers' group")
    expect(employers.locator(".used")).to_have_text(mmss(by_label["Employer Vice-Chairperson"]))
    expect(employers.locator("[data-overrun-marker]")).to_be_visible()


def test_a_coordinator_adds_a_speaker_of_their_own_group_only(page):
    committee = seed_committee()
    secretariat = get_user_model().objects.get(username="secretariat")
    point = services.create_point(committee, secretariat, text_en="Question")
    log_in(page, "africa")
    page.goto(f"/c/labour-migration/discussion/points/{point.pk}/")
    expect(page.locator("#id_group option")).to_have_count(1)
    expect(page.locator("#id_group option")).to_have_text("Government group")
    page.locator("#id_country").select_option(label="Kenya")
    page.locator("#id_regional_group").select_option(label="Africa group")
    page.get_by_role("button", name="Add to the speakers' list").click()
    expect(page.locator(".speakers-list")).to_contain_text(
        "Government member of Kenya, on behalf of the Africa group"
    )
    expect(page.get_by_role("button", name="Call the next speaker")).to_have_count(0)
