"""Translations of amendments: the service, the model's rules and confidentiality."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.html import escape

from committee import services
from committee import translation_services as tr
from committee.demo_amendments import seed_demo_amendment_translations, seed_demo_amendments
from committee.models import Amendment, AmendmentChangeTranslation, AmendmentNoteTranslation
from drafting.demo import create_demo_draft
from drafting.demo_translations import seed_demo_translations
from drafting.models import ParagraphTranslation
from tests.committee.amendment_fixtures import access, prepare, table, user

pytestmark = pytest.mark.django_db

P1_FR = "La migration de main-d'œuvre devrait être équitable et efficace."
D1_EN = "Labour migration should be fair, effective and orderly."
D1_FR = "La migration de main-d'œuvre devrait être équitable, efficace et ordonnée."


def french_paragraph(paragraph, text=P1_FR):
    paragraph.refresh_from_db()
    return ParagraphTranslation.objects.create(
        paragraph=paragraph, language="fr", text=text, source_version=paragraph.version
    )


def translate(
    committee, amendment, language, words, *, versions=None, note=None, who="secretariat"
):
    changes = list(amendment.changes.filter(is_removed=False).exclude(action="delete"))
    texts = {c.pk: w for c, w in zip(changes, words, strict=True)}
    return tr.save_translation(
        access(committee, who),
        user(who),
        amendment.pk,
        language,
        texts=texts,
        versions=versions if versions is not None else dict.fromkeys(texts, 0),
        note=note,
        note_version=0,
        reason="First French text",
    )


def test_the_secretariat_saves_a_translation_against_the_paragraphs_french_text(committee, text):
    french_paragraph(text["p1"])
    amendment = table(committee, "workers", text["p1"], D1_EN, explanatory_note="Order matters.")
    translate(committee, amendment, "fr", [D1_FR], note="L'ordre compte.")
    row = AmendmentChangeTranslation.objects.get()
    assert (row.language, row.proposed_text, row.base_text) == ("fr", D1_FR, P1_FR)
    assert row.version == 1 and row.translated_by.username == "secretariat"
    assert not row.is_original
    record = row.history.get()
    assert record.history_user.username == "secretariat"
    assert record.history_change_reason == "First French text"
    assert AmendmentNoteTranslation.objects.get().text == "L'ordre compte."
    # The floor's text stays the working language's.
    assert amendment.changes.get().proposed_text == D1_EN


def test_it_updates_from_the_current_version_and_refuses_a_stale_one(committee, text):
    amendment = table(committee, "workers", text["p1"], D1_EN)
    translate(committee, amendment, "fr", [D1_FR])
    change = amendment.changes.get()
    translate(committee, amendment, "fr", ["Version deux."], versions={change.pk: 1})
    assert AmendmentChangeTranslation.objects.get().version == 2
    with pytest.raises(tr.StaleTranslation) as stale:
        translate(committee, amendment, "fr", ["Version trois."], versions={change.pk: 1})
    assert "Nothing was saved" in stale.value.message
    assert stale.value.current == {f"change {change.pk}": ("Version deux.", 2)}
    row = AmendmentChangeTranslation.objects.get()
    assert (row.proposed_text, row.version) == ("Version deux.", 2)


def test_a_stale_note_saves_nothing_at_all(committee, text):
    amendment = table(committee, "workers", text["p1"], D1_EN, explanatory_note="Why.")
    translate(committee, amendment, "fr", [D1_FR], note="Pourquoi.")
    change = amendment.changes.get()
    with pytest.raises(tr.StaleTranslation):
        tr.save_translation(
            access(committee, "secretariat"),
            user("secretariat"),
            amendment.pk,
            "fr",
            texts={change.pk: "Autre."},
            versions={change.pk: 1},
            note="Autre note.",
            note_version=0,
        )
    assert AmendmentChangeTranslation.objects.get().proposed_text == D1_FR
    assert AmendmentNoteTranslation.objects.get().text == "Pourquoi."


@pytest.mark.parametrize("language", ["de", "en", "", None])
def test_a_language_the_text_is_not_translated_into_is_refused(committee, text, language):
    amendment = table(committee, "workers", text["p1"], D1_EN)
    with pytest.raises(services.AmendmentError, match="not translated into"):
        translate(committee, amendment, language, [D1_FR])
    assert not AmendmentChangeTranslation.objects.exists()


def test_bad_input_is_refused_with_a_message(committee, text):
    amendment = table(committee, "workers", text["p1"], D1_EN)
    change = amendment.changes.get()
    sec = access(committee, "secretariat")
    with pytest.raises(services.AmendmentError, match="too long"):
        translate(committee, amendment, "fr", ["x" * 20_001])
    with pytest.raises(services.AmendmentError, match="incomplete"):
        tr.save_translation(
            sec, user("secretariat"), amendment.pk, "fr", texts={change.pk: "a"}, versions={}
        )
    with pytest.raises(services.AmendmentError, match="not part of this amendment"):
        tr.save_translation(
            sec, user("secretariat"), amendment.pk, "fr", texts={12345: "a"}, versions={12345: 0}
        )
    assert not AmendmentChangeTranslation.objects.exists()


@pytest.mark.parametrize("who", ["employers", "workers", "government", "chair", "clerk"])
def test_only_the_secretariat_translates(committee, text, who):
    amendment = table(committee, "workers", text["p1"], D1_EN)
    with pytest.raises(PermissionDenied):
        translate(committee, amendment, "fr", [D1_FR], who=who)
    assert not AmendmentChangeTranslation.objects.exists()


def test_the_text_in_the_tabled_language_is_kept_as_the_original(committee, text):
    amendment = table(committee, "government", text["p1"], D1_EN, language="es")
    translate(committee, amendment, "es", ["La migración laboral debería ser ordenada."])
    translate(committee, amendment, "fr", [D1_FR])
    rows = dict(AmendmentChangeTranslation.objects.values_list("language", "is_original"))
    assert rows == {"es": True, "fr": False}
    state = tr.states([amendment], ["fr", "es"])[amendment.pk]
    assert state["es"].is_original and state["es"].complete
    assert amendment.changes.get().proposed_text == D1_EN


def test_a_deletion_has_no_words_to_translate(committee, text):
    amendment = table(committee, "employers", text["p3"], action="delete")
    state = tr.states([amendment], ["fr"])[amendment.pk]["fr"]
    assert state.total == 0 and state.complete


def test_the_queue_counts_what_is_missing_per_language(committee, text):
    one = table(committee, "workers", text["p1"], D1_EN, explanatory_note="Why.")
    two = table(committee, "employers", text["p3"], "The Office should help.")
    translate(committee, one, "fr", [D1_FR], note="Pourquoi.")
    queues = {q.language: q for q in tr.awaiting(access(committee, "secretariat"))}
    assert [a.pk for a, _state in queues["fr"].items] == [two.pk]
    assert [a.pk for a, _state in queues["es"].items] == [one.pk, two.pk]
    assert queues["es"].items[0][1].missing == 2  # the change and the note


def test_a_group_draft_and_its_translations_stay_with_the_group(committee, text, login):
    """A late amendment the secretariat translated, then declined: a draft again."""
    amendment = prepare(committee, "workers", text["p1"], D1_EN)
    amendment.status = Amendment.Status.LATE
    amendment.save()
    translate(committee, amendment, "fr", [D1_FR])
    services.decline_late(
        access(committee, "secretariat"), user("secretariat"), amendment.pk, reason="No."
    )
    base = f"/c/{committee.slug}/amendments/{amendment.pk}/"
    for role in ["secretariat", "employers", "government", "africa", "chair", "clerk", "observer"]:
        client = login(role)
        assert client.get(base).status_code == 404, role
        assert client.get(base + "translations/fr/").status_code in (403, 404), role
        for url in [
            f"/c/{committee.slug}/compilation/?language=fr",
            f"/c/{committee.slug}/amendments/translations/",
        ]:
            response = client.get(url)
            assert escape(D1_FR) not in response.content.decode(), (role, url)
    with pytest.raises(services.AmendmentError):
        translate(committee, amendment, "fr", ["Encore."], versions={})
    owner = login("workers").get(base)
    assert owner.status_code == 200 and escape(D1_FR) in owner.content.decode()


def test_demo_translations_are_idempotent_and_leave_some_waiting(committee):
    secretariat = user("secretariat")
    committee.draft = create_demo_draft(secretariat)
    committee.save(update_fields=["draft"])
    seed_demo_translations(committee.draft, secretariat)
    seed_demo_amendments(committee)
    count = AmendmentChangeTranslation.objects.count()
    assert count > 0
    assert seed_demo_amendment_translations(committee) == 0
    assert seed_demo_amendments(committee) and AmendmentChangeTranslation.objects.count() == count
    queues = {q.language: q for q in tr.awaiting(access(committee, "secretariat"))}
    assert 0 < queues["fr"].count < queues["fr"].total
    assert queues["es"].count > queues["fr"].count
