"""The projector end to end: opened with the screen key and no login, it fits 1280x720 and
1920x1080 without scrolling with the amendment on the floor in view, gives the screen to a
speaker called in the general discussion, and recovers by itself when the network drops."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from committee import floor
from committee.demo import seed_committee
from committee.models import Group, Stage
from discussion import services
from tests.committee.amendment_fixtures import K, access, add, make_draft, table, user
from tests.committee.floor_fixtures import to_stage

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(1280, 720), (1920, 1080)]
CLAUSE = (
    "promote fair recruitment practices, including the elimination of recruitment fees and "
    "related costs charged to workers, in consultation with the most representative "
    "organizations of employers and workers and with due regard to national circumstances;"
)


def projector_url(committee) -> str:
    key = services.room_state(committee).screen_key
    return reverse("discussion:projector", args=[committee.slug, key])


def a_long_paragraph_on_the_floor():
    """A paragraph of twelve long clauses with sub-clauses, amended in its last clause."""
    committee = seed_committee()
    text = make_draft(committee)
    p2, draft = text["p2"], text["draft"]
    last = None
    for n in range(2, 12):
        last = add(draft, K.CLAUSE, f"{CLAUSE} ({n})", p2, n)
        if n % 3 == 0:
            add(draft, K.SUBCLAUSE, f"in particular {CLAUSE}", last, 0)
    to_stage(committee, Stage.COMMITTEE)
    words = last.text.split()
    amended = " ".join([*words[:20], "and regularly review", *words[20:]])
    amendment = table(committee, "workers", last, amended)
    floor.show_on_floor(
        access(committee, "secretariat"),
        user("secretariat"),
        paragraph_id=p2.pk,
        amendment_id=amendment.pk,
    )
    return committee, amendment


def assert_fits_without_scrolling(page) -> None:
    size = page.evaluate(
        """() => {
          const frame = document.querySelector('[data-fit]');
          return {
            docHeight: document.documentElement.scrollHeight,
            docWidth: document.documentElement.scrollWidth,
            frameHeight: frame.scrollHeight, frameClient: frame.clientHeight,
            frameWidth: frame.scrollWidth, frameClientWidth: frame.clientWidth,
            innerHeight: window.innerHeight, innerWidth: window.innerWidth,
            font: parseFloat(getComputedStyle(frame).fontSize),
          };
        }"""
    )
    assert size["docHeight"] <= size["innerHeight"], size
    assert size["docWidth"] <= size["innerWidth"], size
    assert size["frameHeight"] <= size["frameClient"] + 1, size  # nothing cut off either
    assert size["frameWidth"] <= size["frameClientWidth"] + 1, size
    assert size["font"] >= 9, size


def assert_inside_viewport(page, selector: str, width: int, height: int) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, box


@pytest.mark.parametrize("width, height", SIZES, ids=["720p", "1080p"])
def test_the_projector_fits_the_screen_with_the_amendment_in_view(new_page, width, height):
    committee, amendment = a_long_paragraph_on_the_floor()
    page = new_page()  # no login
    page.set_viewport_size({"width": width, "height": height})
    page.goto(projector_url(committee))
    expect(page.locator("#room-amendment")).to_contain_text(amendment.short_symbol)
    expect(page.locator("#room-amendment ins")).to_contain_text("and regularly review")
    expect(page.locator("#projector-frame")).to_have_attribute("data-fitted", "true")
    assert_fits_without_scrolling(page)
    assert_inside_viewport(page, "#room-amendment", width, height)
    assert_inside_viewport(page, "#room-amendment ins", width, height)
    # Sub-clauses sit further in than clauses, clauses further in than the paragraph.
    x = {
        level: page.locator(f"#room-text .level-{level} .number").first.bounding_box()["x"]
        for level in (0, 1, 2)
    }
    assert x[0] < x[1] < x[2], x
    assert page.locator(".mainnav, .username, .topbar").count() == 0

    # A speaker called in the general discussion takes the screen, with the clock.
    secretariat = user("secretariat")
    point = services.create_point(committee, secretariat, text_en="How should we govern?")
    gov = committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    services.call_next(point.pk, secretariat, None)
    services.start_clock(committee, secretariat, None)
    expect(page.locator("#room-speaker")).to_have_text("Government member of Ghana")
    expect(page.locator("#room-floor")).to_have_count(0)
    expect(page.locator("#room-elapsed")).to_contain_text(re.compile(r"\d+:\d\d"))
    assert_fits_without_scrolling(page)
    assert_inside_viewport(page, "#room-elapsed", width, height)


def test_the_projector_recovers_by_itself_after_the_network_drops(new_page):
    committee = seed_committee()
    secretariat = user("secretariat")
    point = services.create_point(committee, secretariat, text_en="How should we govern?")
    services.open_point(point.pk, secretariat)
    page = new_page()
    page.goto(projector_url(committee))
    expect(page.locator(".room-question")).to_have_text("How should we govern?")
    notice = page.locator("#room-reconnecting")
    expect(notice).to_be_hidden()
    page.evaluate("window.notReloaded = true")

    # The network drops: every poll fails; the screen says so, discreetly, and keeps its text.
    page.route(re.compile(r".*/room/projector/.*/screen/.*"), lambda route: route.abort())
    expect(notice).to_be_visible()
    expect(notice).to_have_text("Reconnecting…")
    expect(page.locator(".room-question")).to_have_text("How should we govern?")

    # Meanwhile the sitting goes on; then the network comes back.
    gov = committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    services.call_next(point.pk, secretariat, None)
    page.unroute(re.compile(r".*/room/projector/.*/screen/.*"))
    # The retries back off to at most about 9 s apart: wait for the state, not for a time.
    expect(page.locator("#room-speaker")).to_have_text("Government member of Ghana", timeout=30_000)
    expect(notice).to_be_hidden()
    # And it keeps following, every second again.
    services.add_speaker(point, secretariat, label="Employer Vice-Chairperson", group=gov)
    expect(page.locator("#room-next")).to_contain_text("Employer Vice-Chairperson")
    assert page.evaluate("window.notReloaded") is True
