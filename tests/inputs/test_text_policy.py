"""One input policy for every text field: normalised, or refused with a message, never cut."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from committee.models import Amendment, AmendmentChange, AmendmentChangeTranslation
from discussion.models import Point
from drafting import inputs
from tests.committee.amendment_fixtures import make_draft, prepare, table

SLUG = "labour-migration"


def test_word_line_and_page_breaks_become_new_lines():
    assert inputs.clean_text("one\x0btwo\x0cthree\r\nfour\rfive", 100) == (
        "one\ntwo\nthree\nfour\nfive"
    )
    assert inputs.clean_text("a\x0bb\tc", 100, multiline=False) == "a b c"


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ufffe"])
def test_other_control_characters_are_refused(bad):
    with pytest.raises(inputs.InputError, match="control characters"):
        inputs.clean_text(f"a{bad}b", 100)


def test_a_text_over_its_limit_is_refused_not_cut():
    with pytest.raises(inputs.InputError, match="20,001 characters, the limit is 20,000"):
        inputs.clean_text("x" * 20_001, 20_000)


def test_exports_drop_what_xml_cannot_hold():
    assert inputs.xml_text("a\x00b\x07c\x0bd\ufffe") == "abc\nd"


def test_the_model_validators_refuse_what_the_forms_refuse(db):
    field = AmendmentChange._meta.get_field("proposed_text")
    with pytest.raises(ValidationError):
        field.run_validators("a\x07b")
    with pytest.raises(ValidationError):
        field.run_validators("a\x0bb")  # stored text is normalised: a new line
    field.run_validators("a\nb\tc")
    with pytest.raises(ValidationError):
        Point._meta.get_field("text_en").run_validators("Q\x00")


@pytest.fixture
def draft_amendment(committee):
    text = make_draft(committee)
    return prepare(committee, "employers", text["p1"], "Labour migration must be fair.")


def _edit(client, amendment, value):
    change = amendment.changes.get()
    return client.post(
        f"/c/{SLUG}/amendments/{amendment.pk}/changes/{change.pk}/edit/",
        {"proposed_text": value, "version": Amendment.objects.get(pk=amendment.pk).version},
    )


@pytest.mark.django_db
def test_an_amendment_text_with_words_line_break_is_stored_with_a_new_line(login, draft_amendment):
    response = _edit(login("employers"), draft_amendment, "Fair\x0band effective.")
    assert response.status_code in (200, 302)
    assert draft_amendment.changes.get().proposed_text == "Fair\nand effective."


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["A bell\x07 rings.", "A NUL\x00 here.", "x" * 20_001])
def test_an_amendment_text_the_policy_refuses_is_not_saved(login, draft_amendment, value):
    before = draft_amendment.changes.get().proposed_text
    response = _edit(login("employers"), draft_amendment, value)
    assert response.status_code == 400
    body = response.content.decode()
    assert "control characters" in body or "20,001 characters, the limit is 20,000" in body
    assert draft_amendment.changes.get().proposed_text == before


@pytest.mark.django_db
def test_the_text_box_does_not_let_the_browser_cut_a_pasted_text(login, draft_amendment):
    change = draft_amendment.changes.get()
    page = login("employers").get(
        f"/c/{SLUG}/amendments/{draft_amendment.pk}/changes/{change.pk}/edit/"
    )
    assert page.status_code == 200
    assert "maxlength" not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["Un texte\x00 nul.", "Une cloche\x07."])
def test_an_amendment_translation_with_a_control_character_is_refused(committee, login, value):
    text = make_draft(committee)
    tabled = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    change = tabled.changes.get()
    response = login("secretariat").post(
        f"/c/{SLUG}/amendments/{tabled.pk}/translations/fr/",
        {f"text-{change.pk}": value, f"version-{change.pk}": "0", "note_version": "0"},
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert not AmendmentChangeTranslation.objects.filter(change=change).exists()


@pytest.mark.django_db
def test_a_point_for_discussion_with_a_control_character_is_refused(committee, login):
    before = Point.objects.count()
    response = login("secretariat").post(
        f"/c/{SLUG}/discussion/points/new/", {"text_en": "What next?\x07"}
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert Point.objects.count() == before
