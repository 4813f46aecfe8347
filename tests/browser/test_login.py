from __future__ import annotations

import pytest
from playwright.sync_api import expect

from committee.demo import seed_committee
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_demo_user_logs_in_and_sees_the_committee(page):
    seed_committee()
    log_in(page, "employers")
    expect(page.locator("h1")).to_have_text(
        "Committee for the General Discussion on Labour Migration"
    )
    expect(page.locator(".roles")).to_contain_text("Group coordinator")
    expect(page.locator(".roles")).to_contain_text("Employers' group")


def test_a_wrong_password_shows_an_error_and_stays_on_login(page):
    seed_committee()
    log_in(page, "employers", "not-the-password")
    expect(page.locator("[role=alert]")).to_contain_text("did not match")
    assert "/accounts/login/" in page.url


def test_the_language_switcher_changes_the_interface_language(page):
    seed_committee()
    log_in(page, "observer")
    page.click(".langswitch button[value=fr]")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
