"""Parallel texts in a real browser: a source edit flags the French, the secretariat updates it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from committee.demo import seed_committee
from drafting import translation_services as ts
from drafting.models import Paragraph, ParagraphTranslation
from drafting.services import Node, create_draft_from_outline
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
K = Paragraph.Kind
TEXT = "Migration should be safe and orderly."


@pytest.fixture
def translated_unit():
    committee = seed_committee()
    user = get_user_model().objects.get(username="secretariat")
    draft = create_draft_from_outline(
        title="Draft conclusions",
        user=user,
        nodes=[Node(K.SECTION, "Conclusions concerning migration", [Node(K.PARAGRAPH, TEXT)])],
    )
    committee.draft = draft
    committee.save(update_fields=["draft"])
    unit = draft.paragraphs.get(text=TEXT)
    ts.save_translation(
        draft, unit.pk, "fr", text="La migration devrait être sûre et ordonnée.",
        base_version=0, source_version=1, user=user,
    )  # fmt: skip
    return draft, unit


def test_an_english_edit_flags_the_french_which_the_secretariat_updates(page, translated_unit):
    draft, unit = translated_unit
    log_in(page, "secretariat")
    page.goto(f"/drafts/{draft.pk}/")
    page.click(f"#p-{unit.pk} .edit-link")
    page.fill(f"#p-{unit.pk} textarea[name=text]", "Migration should be safe, orderly and regular.")
    page.click(f"#p-{unit.pk} button[type=submit]:has-text('Save')")
    expect(page.locator(f"#p-{unit.pk} .unit-text")).to_contain_text("regular")

    page.click("a:has-text('Parallel texts')")
    french = page.locator(f"#t-{unit.pk}-fr")
    expect(french).to_contain_text("Needs update")
    expect(french.locator(".source-changes ins").last).to_have_text("regular")
    page.evaluate("window.notReloaded = true")

    french.locator(".edit-link").click()
    textarea = page.locator(f"#t-{unit.pk}-fr textarea[name=text]")
    expect(textarea).to_be_focused()
    textarea.fill("La migration devrait être sûre, ordonnée et régulière.")
    page.click(f"#t-{unit.pk}-fr button[type=submit]:has-text('Save')")

    expect(french.locator(".cell-text")).to_have_text(
        "La migration devrait être sûre, ordonnée et régulière."
    )
    expect(french).not_to_contain_text("Needs update")
    expect(french.locator("textarea")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True  # only the cell was swapped
    row = ParagraphTranslation.objects.get(paragraph=unit, language="fr")
    assert row.needs_update is False and row.source_version == 2

    page.goto(f"/drafts/{draft.pk}/translations/queue/")
    expect(page.locator("#queue-fr .queue-missing")).to_have_text("1 missing")  # the heading
    expect(page.locator(f"#queue-fr-{unit.pk}")).to_have_count(0)
    expect(page.locator(f"#queue-es-{unit.pk}")).to_be_visible()
