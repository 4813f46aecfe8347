"""The demo draft's French and Spanish texts."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from committee.models import Committee
from drafting import translation_services as ts
from drafting.demo_translations import TEXTS, english_texts, seed_demo_translations
from drafting.models import ParagraphTranslation
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db


def test_every_english_unit_has_a_french_and_a_spanish_text_that_ends_alike():
    english = list(english_texts())
    assert len(english) == len(TEXTS)
    for en, (fr, es) in zip(english, TEXTS, strict=True):
        for text in (fr, es):
            assert text.strip() == text and text
            assert text[-1] == en[-1] or en[-1].isalpha() or en[-1] == "”", (en, text)


def test_seeding_is_idempotent(demo_draft, secretariat):
    first = seed_demo_translations(demo_draft, secretariat)
    count = ParagraphTranslation.objects.count()
    history = ParagraphTranslation.history.count()
    assert first == count > 100
    assert seed_demo_translations(demo_draft, secretariat) == 0
    assert ParagraphTranslation.objects.count() == count
    assert ParagraphTranslation.history.count() == history


def test_the_demo_shows_current_outdated_and_missing_translations(demo_draft, secretariat):
    seed_demo_translations(demo_draft, secretariat)
    demo_draft.refresh_from_db()
    french, spanish = ts.awaiting(demo_draft)
    assert french.total == 0
    outdated = unit(demo_draft, "Labour migration policies are often")
    inserted = unit(demo_draft, "take into account the situation")
    assert {(r.pk, r.cells[1].status) for r in spanish.rows} == {
        (outdated.pk, ts.NEEDS_UPDATE),
        (inserted.pk, ts.MISSING),
    }
    assert "up-to-date" in next(r for r in spanish.rows if r.pk == outdated.pk).cells[1].diff
    assert demo_draft.title_in("fr").startswith("Projet de résolution")


def test_seed_demo_gives_the_demo_draft_its_french_and_spanish_texts_once():
    call_command("seed_demo", "--force-with-demo-passwords")
    committee = Committee.objects.get(slug="labour-migration")
    count = ParagraphTranslation.objects.filter(paragraph__draft=committee.draft).count()
    assert count > 100
    call_command("seed_demo", "--force-with-demo-passwords")
    assert ParagraphTranslation.objects.count() == count
    section = committee.draft.paragraphs.get(text__startswith="Conclusions concerning")
    assert section.translations.get(language="es").text.startswith(
        "Conclusiones relativas a una gobernanza equitativa y eficaz de la migración laboral"
    )
