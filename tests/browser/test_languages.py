"""Choosing French in the switcher: the interface speaks French on every page, and stays so."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from committee.demo import seed_committee
from tests.browser.conftest import log_in
from tests.committee.amendment_fixtures import make_draft, table

pytestmark = pytest.mark.django_db(transaction=True)

COMMITTEE = "/c/labour-migration/"


def test_a_member_picks_french_and_the_interface_stays_in_french(page):
    committee = seed_committee()
    text = make_draft(committee)
    table(committee, "workers", text["p1"], "Labour migration must be fair and effective.")

    log_in(page, "observer")
    page.goto(COMMITTEE)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.locator(".langswitch").get_by_role("button", name="FR").click()
    expect(page).to_have_url(re.compile(rf".*{COMMITTEE}$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Principal")
    expect(nav.get_by_role("link", name="Amendements")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Lire le texte du projet")
    expect(page.locator(".langswitch .current")).to_have_text("FR")

    # The choice sticks: following links, the draft and the compilation are in French too.
    nav.get_by_role("link", name="Texte").click()
    expect(page).to_have_url(re.compile(rf".*/drafts/{text['draft'].pk}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("main")).to_contain_text("Comparer des versions")
    expect(page.locator("main")).to_contain_text("Lecture seule")

    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Compilation").click()
    expect(page.locator("h1")).to_contain_text("Compilation des amendements")
    expect(page.locator("main")).to_contain_text("Paragraphe 1")

    # And back to English with the same switcher.
    page.locator(".langswitch").get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Compilation of amendments")
