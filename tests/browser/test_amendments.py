"""A coordinator writes an amendment with the live preview, tables it, gets the receipt; another
Group's coordinator sees nothing of it before it is tabled, and sees it afterwards."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from committee.models import Amendment
from tests.browser.conftest import log_in
from tests.committee.amendment_fixtures import make_draft

pytestmark = pytest.mark.django_db(transaction=True)
B = "/c/labour-migration/"


def test_a_coordinator_tables_with_live_preview_and_others_see_it_only_after(committee, new_page):
    text = make_draft(committee)
    employers = new_page()
    log_in(employers, "employers")
    employers.goto(B + f"amendments/new/?paragraph={text['p1'].pk}")
    editor = employers.locator("textarea[name=proposed_text]")
    expect(editor).to_have_value("Labour migration should be fair and effective.")
    editor.fill("Labour migration should be fair, orderly and effective.")
    expect(employers.locator("#preview ins")).to_have_text(", orderly")
    editor.fill("Labour migration must be fair and effective.")
    expect(employers.locator("#preview del")).to_have_text("should")
    expect(employers.locator("#preview ins")).to_have_text("must")
    employers.click("button[name=save]")
    expect(employers.locator("h1")).to_contain_text("Draft amendment")
    amendment = Amendment.objects.get()
    detail_url = B + f"amendments/{amendment.pk}/"

    workers = new_page()
    log_in(workers, "workers")
    workers.goto(B + "compilation/")
    expect(workers.locator("#results")).to_contain_text("0 amendments")
    expect(workers.locator("body")).not_to_contain_text("must be fair")
    response = workers.goto(detail_url)
    assert response.status == 404

    employers.on("dialog", lambda dialog: dialog.accept())
    employers.click("button:has-text('Table the amendment')")
    expect(employers).to_have_url(re.compile(r"/receipt/$"))
    expect(employers.locator(".receipt-number")).to_have_text("C.G.D.Mig/D.1")
    amendment.refresh_from_db()
    expect(employers.locator(".sha")).to_have_text(amendment.receipt_sha256)

    workers.goto(B + "compilation/")
    expect(workers.locator("#results")).to_contain_text("D.1")
    expect(workers.locator("#results del")).to_have_text("should")
    assert workers.goto(detail_url).status == 200


def test_the_draft_page_offers_propose_amendment_to_a_coordinator(committee, page):
    text = make_draft(committee)
    log_in(page, "workers")
    page.goto(f"/drafts/{text['draft'].pk}/")
    page.locator(f"a[href='/c/propose/{text['p3'].pk}/']").first.click()
    expect(page.locator("textarea[name=proposed_text]")).to_have_value(text["p3"].text)
