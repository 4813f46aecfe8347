"""In-place editing of the draft and the conflict panel, in a real browser."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from committee.demo import seed_committee
from drafting.models import Paragraph
from drafting.services import Node, create_draft_from_outline
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
K = Paragraph.Kind
TEXT = "Migration should be safe and orderly."


@pytest.fixture
def draft_unit():
    committee = seed_committee()
    user = get_user_model().objects.get(username="secretariat")
    draft = create_draft_from_outline(
        title="Draft conclusions",
        user=user,
        nodes=[
            Node(
                K.SECTION,
                "Conclusions concerning migration",
                [Node(K.PARAGRAPH, TEXT), Node(K.PARAGRAPH, "The Office should report.")],
            )
        ],
    )
    committee.draft = draft
    committee.save(update_fields=["draft"])
    return draft, draft.paragraphs.get(text=TEXT)


def open_editor(page, draft, unit):
    page.goto(f"/drafts/{draft.pk}/")
    page.click(f"#p-{unit.pk} .edit-link")
    textarea = page.locator(f"#p-{unit.pk} textarea[name=text]")
    expect(textarea).to_be_visible()
    return textarea


def test_the_secretariat_edits_a_paragraph_in_place(page, draft_unit):
    draft, unit = draft_unit
    log_in(page, "secretariat")
    page.goto(f"/drafts/{draft.pk}/")
    page.evaluate("window.notReloaded = true")
    textarea = open_editor_in_place(page, unit)
    expect(textarea).to_be_focused()
    textarea.fill("Migration should be safe, orderly and regular.")
    page.click(f"#p-{unit.pk} button[type=submit]:has-text('Save')")
    expect(page.locator(f"#p-{unit.pk} .unit-text")).to_have_text(
        "Migration should be safe, orderly and regular."
    )
    expect(page.locator(f"#p-{unit.pk} textarea")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True  # only the fragment was swapped
    page.reload()
    expect(page.locator(f"#p-{unit.pk} .unit-text")).to_have_text(
        "Migration should be safe, orderly and regular."
    )
    assert Paragraph.objects.get(pk=unit.pk).version == 2


def open_editor_in_place(page, unit):
    page.click(f"#p-{unit.pk} .edit-link")
    textarea = page.locator(f"#p-{unit.pk} textarea[name=text]")
    expect(textarea).to_be_visible()
    return textarea


def test_escape_cancels_the_edit(page, draft_unit):
    draft, unit = draft_unit
    log_in(page, "secretariat")
    textarea = open_editor(page, draft, unit)
    textarea.fill("Something I do not want.")
    textarea.press("Escape")
    expect(page.locator(f"#p-{unit.pk} textarea")).to_have_count(0)
    expect(page.locator(f"#p-{unit.pk} .unit-text")).to_have_text(TEXT)
    assert Paragraph.objects.get(pk=unit.pk).text == TEXT


def test_observer_sees_no_edit_link(page, draft_unit):
    draft, unit = draft_unit
    log_in(page, "observer")
    page.goto(f"/drafts/{draft.pk}/")
    expect(page.locator(f"#p-{unit.pk} .unit-text")).to_have_text(TEXT)
    expect(page.locator(".edit-link")).to_have_count(0)


def test_two_editors_at_once_get_a_conflict_panel_and_a_merged_text(new_page, draft_unit):
    draft, unit = draft_unit
    first, second = new_page(), new_page()
    log_in(first, "secretariat")
    log_in(second, "secretariat")
    mine_first = open_editor(first, draft, unit)
    mine_second = open_editor(second, draft, unit)

    mine_first.fill("Labour migration should be safe and orderly.")
    first.click(f"#p-{unit.pk} button[type=submit]:has-text('Save')")
    expect(first.locator(f"#p-{unit.pk} .unit-text")).to_have_text(
        "Labour migration should be safe and orderly."
    )

    mine_second.fill("Migration should be safe, regular and orderly.")
    second.click(f"#p-{unit.pk} button[type=submit]:has-text('Save')")
    panel = second.locator(f"#p-{unit.pk} .conflict-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".conflict-current")).to_have_text(
        "Labour migration should be safe and orderly."
    )
    expect(panel.locator(".conflict-mine")).to_have_text(
        "Migration should be safe, regular and orderly."
    )
    expect(panel).to_contain_text("Sofia Secretariat")
    expect(panel.locator(".conflict-diff ins").first).to_be_visible()
    # What the second editor typed is still in the box.
    expect(second.locator(f"#p-{unit.pk} textarea[name=text]")).to_have_value(
        "Migration should be safe, regular and orderly."
    )
    expect(panel.locator(".conflict-merged")).to_have_text(
        "Labour migration should be safe, regular and orderly."
    )
    assert Paragraph.objects.get(pk=unit.pk).text == "Labour migration should be safe and orderly."

    panel.locator("button.save-merged").click()
    expect(second.locator(f"#p-{unit.pk} .unit-text")).to_have_text(
        "Labour migration should be safe, regular and orderly."
    )
    saved = Paragraph.objects.get(pk=unit.pk)
    assert (saved.text, saved.version) == (
        "Labour migration should be safe, regular and orderly.",
        3,
    )
