"""Parallel texts: flagging when the source changes, saving translations, the queue."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from drafting import services
from drafting import translation_services as ts
from drafting.models import Paragraph, ParagraphTranslation
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db
K = Paragraph.Kind


def translate(draft, paragraph, language, text, user, *, base=None, source=None):
    row = ParagraphTranslation.objects.filter(paragraph=paragraph, language=language).first()
    paragraph.refresh_from_db()
    return ts.save_translation(
        draft,
        paragraph.pk,
        language,
        text=text,
        base_version=(row.version if row else 0) if base is None else base,
        source_version=paragraph.version if source is None else source,
        user=user,
    )


def status(draft, paragraph, language):
    rows = ts.parallel_rows(draft, [draft.language, language])
    return next(r for r in rows if r.pk == paragraph.pk).cells[1]


@pytest.fixture
def translated(small_draft, secretariat):
    """Paragraph 1 translated into French and Spanish."""
    p = unit(small_draft, "Migration should be safe")
    translate(small_draft, p, "fr", "La migration devrait être sûre et ordonnée.", secretariat)
    translate(small_draft, p, "es", "La migración debería ser segura y ordenada.", secretariat)
    p.refresh_from_db()
    return p


def test_a_draft_has_english_french_and_spanish_with_the_working_language_first(small_draft):
    assert small_draft.text_languages == ["en", "fr", "es"]
    assert small_draft.translation_languages == ["fr", "es"]
    small_draft.language, small_draft.languages = "fr", "en,fr,es,de"
    assert small_draft.text_languages == ["fr", "en", "es"]


def test_a_saved_translation_is_current_and_keeps_the_source_version(translated, small_draft):
    row = translated.translations.get(language="fr")
    assert (row.version, row.source_version, row.needs_update) == (1, translated.version, False)
    assert status(small_draft, translated, "fr").status == ts.CURRENT
    assert row.history.first().history_user.username == "secretariat"


def test_editing_the_source_flags_every_other_language_with_the_diff(
    translated, small_draft, secretariat
):
    services.edit_text(
        small_draft,
        translated.pk,
        text="Migration should be safe, orderly and regular.",
        base_version=translated.version,
        user=secretariat,
        reason="Amendment D.3 adopted",
    )
    for language in ("fr", "es"):
        row = translated.translations.get(language=language)
        assert row.needs_update is True
        assert row.source_version == 1
        assert "Amendment D.3 adopted" in row.history.first().history_change_reason
        cell = status(small_draft, translated, language)
        assert cell.status == ts.NEEDS_UPDATE
        assert "<del>and</del>" in cell.diff.replace(" ", "") or "<ins>" in cell.diff
        assert "regular" in cell.diff


def test_restoring_an_earlier_source_version_flags_the_translations(
    translated, small_draft, secretariat
):
    first = translated.history.order_by("history_date").first()
    services.edit_text(
        small_draft, translated.pk, text="Changed.", base_version=1, user=secretariat
    )
    # The secretariat confirms the French against version 2, then restores version 1.
    p = Paragraph.objects.get(pk=translated.pk)
    translate(small_draft, p, "fr", "Modifié.", secretariat)
    assert translated.translations.get(language="fr").needs_update is False
    services.restore_version(
        small_draft,
        p.pk,
        history_id=first.history_id,
        base_version=p.version,
        user=secretariat,
        reason="Back to the drafting group's text",
    )
    row = translated.translations.get(language="fr")
    assert row.needs_update is True and row.source_version == 2
    assert status(small_draft, translated, "fr").diff.count("<ins>") == 1


def test_an_inserted_unit_is_missing_in_every_other_language(small_draft, secretariat):
    after = unit(small_draft, "Migration should be safe")
    new = services.insert_unit(
        small_draft,
        kind=K.PARAGRAPH,
        text="Members should cooperate.",
        after_id=after.pk,
        base_version=small_draft.version,
        user=secretariat,
    )
    queues = {q.language: q for q in ts.awaiting(small_draft)}
    for language in ("fr", "es"):
        assert status(small_draft, new, language).status == ts.MISSING
        assert new.pk in [r.pk for r in queues[language].rows]


def test_a_deleted_unit_leaves_the_queue_and_keeps_its_translations(
    translated, small_draft, secretariat
):
    services.edit_text(small_draft, translated.pk, text="New.", base_version=1, user=secretariat)
    small_draft.refresh_from_db()
    assert translated.pk in [r.pk for r in ts.awaiting(small_draft)[0].rows]
    services.delete_unit(
        small_draft,
        translated.pk,
        base_version=small_draft.version,
        user=secretariat,
        reason="Merged into paragraph 2",
    )
    assert translated.pk not in [r.pk for q in ts.awaiting(small_draft) for r in q.rows]
    assert translated.translations.count() == 2  # nothing is erased
    small_draft.refresh_from_db()
    services.undelete_unit(
        small_draft, translated.pk, base_version=small_draft.version, user=secretariat, reason="x"
    )
    assert translated.pk in [r.pk for r in ts.awaiting(small_draft)[0].rows]


def test_updating_the_translation_clears_the_flag(translated, small_draft, secretariat):
    services.edit_text(
        small_draft,
        translated.pk,
        text="Migration should be safe.",
        base_version=1,
        user=secretariat,
    )
    p = Paragraph.objects.get(pk=translated.pk)
    row = translate(small_draft, p, "fr", "La migration devrait être sûre.", secretariat)
    assert (row.needs_update, row.source_version, row.version) == (False, 2, 2)
    assert status(small_draft, p, "fr").status == ts.CURRENT
    assert status(small_draft, p, "es").status == ts.NEEDS_UPDATE


def test_saving_the_same_text_against_the_new_source_confirms_it(
    translated, small_draft, secretariat
):
    services.edit_text(
        small_draft, translated.pk, text="Migration should be safe and orderly!", base_version=1,
        user=secretariat,
    )  # fmt: skip
    p = Paragraph.objects.get(pk=translated.pk)
    same = translated.translations.get(language="fr").text
    row = translate(small_draft, p, "fr", same, secretariat)
    assert row.needs_update is False and row.version == 2


def test_a_translation_made_from_an_older_source_stays_flagged(
    translated, small_draft, secretariat
):
    services.edit_text(small_draft, translated.pk, text="Two.", base_version=1, user=secretariat)
    p = Paragraph.objects.get(pk=translated.pk)
    # The translator opened the editor at version 1 and saves after the source moved on.
    row = translate(small_draft, p, "fr", "Un.", secretariat, source=1)
    assert row.needs_update is True and row.source_version == 1


def test_a_stale_translation_edit_is_refused_and_nothing_changes(
    translated, small_draft, secretariat
):
    translate(small_draft, translated, "fr", "Première correction.", secretariat)
    with pytest.raises(ts.StaleTranslation) as caught:
        translate(small_draft, translated, "fr", "Autre correction.", secretariat, base=1)
    assert caught.value.current_text == "Première correction."
    assert caught.value.current_version == 2
    assert translated.translations.get(language="fr").text == "Première correction."


def test_two_people_creating_the_first_translation_do_not_both_succeed(small_draft, secretariat):
    p = unit(small_draft, "The Office should report.")
    translate(small_draft, p, "fr", "Le Bureau devrait faire rapport.", secretariat)
    with pytest.raises(ts.StaleTranslation):
        translate(small_draft, p, "fr", "Le Bureau fait rapport.", secretariat, base=0)
    assert p.translations.get(language="fr").text == "Le Bureau devrait faire rapport."


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"language": "en"}, "not translated into"),
        ({"language": "de"}, "not translated into"),
        ({"text": "  "}, "cannot be empty"),
        ({"text": "a\x00b"}, "control characters"),
        ({"source_version": 9}, "does not exist"),
        ({"source_version": "x"}, "not a number"),
        ({"base_version": ""}, "not a number"),
    ],
)
def test_bad_input_is_refused_with_a_message(small_draft, secretariat, kwargs, message):
    p = unit(small_draft, "The Office should report.")
    args = {"language": "fr", "text": "Texte.", "base_version": 0, "source_version": 1}
    args.update(kwargs)
    language = args.pop("language")
    with pytest.raises(services.DraftingError, match=message):
        ts.save_translation(small_draft, p.pk, language, user=secretariat, **args)
    assert not ParagraphTranslation.objects.exists()


def test_a_deleted_unit_cannot_be_translated(small_draft, secretariat):
    p = unit(small_draft, "The Office should report.")
    services.delete_unit(
        small_draft, p.pk, base_version=small_draft.version, user=secretariat, reason="x"
    )
    with pytest.raises(services.InvalidStructure):
        translate(small_draft, p, "fr", "Texte.", secretariat)


def test_the_queue_lists_exactly_the_missing_and_flagged_units(
    translated, small_draft, secretariat
):
    others = [p for p in small_draft.paragraphs.all() if p.pk != translated.pk]
    for p in others:
        translate(small_draft, p, "fr", f"FR {p.pk}", secretariat)
    assert [q.total for q in ts.awaiting(small_draft)] == [0, len(others)]
    chapeau = unit(small_draft, "Members should:")
    services.edit_text(
        small_draft, chapeau.pk, text="Members should, as appropriate:", base_version=1,
        user=secretariat,
    )  # fmt: skip
    french, spanish = ts.awaiting(small_draft)
    assert [(r.pk, r.cells[1].status) for r in french.rows] == [(chapeau.pk, ts.NEEDS_UPDATE)]
    assert (french.missing, french.needs_update) == (0, 1)
    assert {r.pk for r in spanish.rows} == {p.pk for p in others}
    assert (spanish.missing, spanish.needs_update) == (len(others), 0)


def test_the_side_by_side_rows_follow_the_outline(translated, small_draft):
    rows = ts.parallel_rows(small_draft, ["en", "fr", "es"])
    assert [r.unit.number for r in rows] == ["", "I.", "1.", "2.", "(a)", "(b)", "3."]
    first = next(r for r in rows if r.pk == translated.pk)
    assert [c.status for c in first.cells] == [ts.SOURCE, ts.CURRENT, ts.CURRENT]
    assert first.cells[1].text.startswith("La migration")
    assert all(c.status == ts.MISSING for r in rows if r.pk != translated.pk for c in r.cells[1:])


def test_the_title_is_saved_per_language_with_a_check(small_draft, secretariat):
    ts.save_title(small_draft, "fr", title="Projet de conclusions", base_title="", user=secretariat)
    small_draft.refresh_from_db()
    assert small_draft.title_in("fr") == "Projet de conclusions"
    assert small_draft.title_in("es") == small_draft.title
    with pytest.raises(services.DraftingError, match="changed this title"):
        ts.save_title(small_draft, "fr", title="Autre", base_title="", user=secretariat)
    small_draft.refresh_from_db()
    assert small_draft.title_in("fr") == "Projet de conclusions"


@pytest.mark.django_db(transaction=True)
def test_an_edit_and_a_translation_at_the_same_time_never_lose_the_flag(committee):
    """The source edit and the translation save lock the paragraph in the same order."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    from django.contrib.auth import get_user_model

    from drafting.services import Node, create_draft_from_outline

    user = get_user_model().objects.get(username="secretariat")
    draft = create_draft_from_outline(
        title="T", user=user, nodes=[Node(K.SECTION, "S", [Node(K.PARAGRAPH, "One.")])]
    )
    p = draft.paragraphs.get(text="One.")
    ts.save_translation(draft, p.pk, "fr", text="Un.", base_version=0, source_version=1, user=user)
    barrier = threading.Barrier(2)
    errors = []

    def edit():
        try:
            barrier.wait()
            services.edit_text(draft, p.pk, text="Two.", base_version=1, user=user)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    def retranslate():
        try:
            barrier.wait()
            ts.save_translation(
                draft, p.pk, "fr", text="Un !", base_version=1, source_version=1, user=user
            )
        except Exception as exc:  # pragma: no cover
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit), threading.Thread(target=retranslate)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    row = ParagraphTranslation.objects.get(paragraph=p, language="fr")
    # Whichever ran first, the French was made from version 1 and the source is now version 2.
    assert row.source_version == 1 and row.needs_update is True
