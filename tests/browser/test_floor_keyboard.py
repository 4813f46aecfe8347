"""The sitting console from the keyboard alone (issue 14): a paragraph of ten amendments is
decided with the shortcuts shown on screen; they never fire inside a text field."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from committee import floor
from committee.demo import seed_committee
from committee.models import Amendment, Decision, Stage
from tests.browser.conftest import log_in
from tests.committee.amendment_fixtures import make_draft, table
from tests.committee.floor_fixtures import to_stage

pytestmark = pytest.mark.django_db(transaction=True)

CONSOLE = "/c/labour-migration/floor/"
GROUPS = ["workers", "employers", "government", "africa"]


def test_ten_amendments_are_decided_from_the_keyboard(new_page):
    committee = seed_committee()
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    p1 = text["p1"]
    for i in range(10):
        words = f"Labour migration should be fair and effective ({i + 1})."
        table(committee, GROUPS[i % 4], p1, words)
    order = [e.amendment for e in floor.console(committee, p1.pk).entries]
    assert len(order) == 10

    page = new_page()
    log_in(page, "secretariat")
    page.goto(f"{CONSOLE}?p={p1.pk}")
    expect(page.locator("#floor-keys")).to_contain_text("A adopt")
    first = page.locator(f"#entry-{order[0].pk}")
    expect(first).to_have_class(re.compile("in-focus"))

    # Inside a text field the letters are text, not shortcuts.
    note = first.locator("input[name=note]")
    note.focus()
    page.keyboard.type("ar")
    expect(note).to_have_value("ar")
    assert Decision.objects.count() == 0
    page.goto(f"{CONSOLE}?p={p1.pk}")

    # n / p move the focus.
    page.keyboard.press("n")
    expect(page.locator(f"#entry-{order[1].pk}")).to_have_class(re.compile("in-focus"))
    page.keyboard.press("p")
    expect(first).to_have_class(re.compile("in-focus"))

    # The page is never reloaded: a mark set now survives every decision.
    page.evaluate("window.sameConsole = true")
    keys = ["a"] + ["r"] * 8 + ["w"]
    sentences = {"a": "was adopted.", "r": "was rejected.", "w": "was withdrawn."}
    for amendment, key in zip(order, keys, strict=True):
        # After each decision the next amendment is in focus, without the mouse.
        expect(page.locator(f"#entry-{amendment.pk}")).to_have_class(re.compile("in-focus"))
        page.keyboard.press(key)
        expect(page.locator(".messages")).to_contain_text(
            f"({amendment.short_symbol}) {sentences[key]}"
        )
    assert page.evaluate("window.sameConsole === true")
    statuses = [Amendment.objects.get(pk=a.pk).status for a in order]
    assert statuses == ["adopted"] + ["rejected"] * 8 + ["withdrawn"]

    # u goes to the undo of the last decision; its reason, then Enter.
    page.keyboard.press("u")
    page.keyboard.type("Recorded by mistake")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Undone")
    assert Amendment.objects.get(pk=order[-1].pk).status == "tabled"
