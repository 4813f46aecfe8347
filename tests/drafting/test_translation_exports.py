"""Exports of the text in each language: translations, French headings, visible fallbacks."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from drafting import services
from drafting.demo_translations import seed_demo_translations
from drafting.exports import build_document, render
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def french(demo_draft, secretariat):
    seed_demo_translations(demo_draft, secretariat)
    demo_draft.refresh_from_db()
    return demo_draft


def test_export_text_in_french_has_the_french_text_and_headings(french, tmp_path):
    out = tmp_path / "fr.html"
    call_command("export_text", french.symbol, "--format", "html", "--language", "fr", "-o", out)
    html = out.read_text()
    assert '<html lang="fr">' in html
    assert "Projet de résolution et de conclusions concernant une gouvernance équitable" in html
    assert "Conclusions concernant une gouvernance équitable et efficace des migrations" in html
    assert "Contexte et défis" in html and "Principes directeurs" in html
    assert "Labour migration has become" not in html
    assert "Texte" in html or "Text" in html  # the heading (from the .po catalogue once made)


def test_a_missing_or_outdated_translation_falls_back_to_the_source_and_says_so(french):
    # Demo: the Spanish of one edited paragraph is outdated, the inserted clause missing.
    document = build_document(french, language="es")
    blocks = {b.pk: b for b in document.walk()}
    outdated = unit(french, "Labour migration policies are often")
    inserted = unit(french, "take into account the situation of migrant workers")
    assert blocks[outdated.pk].fallback == "needs_update"
    # The note is beside the text, never in it.
    assert blocks[outdated.pk].text.startswith("Labour migration policies")
    assert "up-to-date labour market information" in blocks[outdated.pk].text
    assert "inglés" in blocks[outdated.pk].note and "actualizar" in blocks[outdated.pk].note
    assert blocks[inserted.pk].fallback == "missing"
    assert "falta la traducción" in blocks[inserted.pk].note
    assert "[" not in blocks[inserted.pk].text
    assert document.untranslated == 2
    assert "2 unidades aún no traducidas" in document.heading
    translated = unit(french, "Members should strengthen labour inspection")
    assert blocks[translated.pk].text.startswith("Los Miembros deberían fortalecer")
    assert document.title.startswith("Proyecto de resolución")


def test_the_english_export_is_unchanged_by_the_translations(french):
    document = build_document(french, language="en")
    assert document.untranslated == 0
    assert all(not b.fallback for b in document.walk())
    assert document.title == french.title


def test_each_format_renders_the_french_text(french):
    document = build_document(french, language="fr")
    for fmt in ("docx", "akn", "html"):
        assert render(document, fmt).content


def test_the_french_text_showing_changes_compares_french_with_french(french, secretariat):
    from django.utils import timezone

    from drafting.exports import resolve_rows

    moment = timezone.now().isoformat()
    p = unit(french, "Members should strengthen labour inspection")
    services.edit_text(
        french, p.pk, text=p.text.replace("strengthen", "reinforce"), base_version=p.version,
        user=secretariat,
    )  # fmt: skip
    old_rows, _label = resolve_rows(french, moment, "fr")
    document = build_document(french, compare_to_rows=old_rows, language="fr")
    block = next(b for b in document.walk() if b.pk == p.pk)
    assert block.fallback == "needs_update"
    # The French was not changed: nothing struck, no English inserted, a note beside it.
    assert [op for op, _text in block.ops] == [0]
    assert block.text.startswith("Les Membres devraient renforcer")
    assert "anglais" in block.note


def _accept_or_reject(content: bytes, accept: bool) -> list[str]:
    """The paragraphs' text after Word's "Accept all" (or "Reject all")."""
    import io

    import docx

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = docx.Document(io.BytesIO(content)).element.body
    out = []
    for p in body.iter(f"{W}p"):
        words = []
        for node in p.iter(f"{W}t", f"{W}delText"):
            inside = {a.tag for a in node.iterancestors()}
            if (f"{W}del" in inside and accept) or (f"{W}ins" in inside and not accept):
                continue
            words.append(node.text or "")
        out.append("".join(words))
    return out


def test_accept_all_and_reject_all_give_the_two_french_texts_and_no_marker(french, secretariat):
    import io

    import docx
    from django.utils import timezone

    from drafting.exports import resolve_rows

    moment = timezone.now().isoformat()
    p = unit(french, "Members should strengthen labour inspection")
    services.edit_text(
        french, p.pk, text=p.text.replace("strengthen", "reinforce"), base_version=p.version,
        user=secretariat,
    )  # fmt: skip
    old_rows, _label = resolve_rows(french, moment, "fr")
    content = render(build_document(french, compare_to_rows=old_rows, language="fr"), "docx")
    content = content.content
    for accept in (True, False):
        texts = _accept_or_reject(content, accept)
        assert not [t for t in texts if "texte anglais" in t.lower() or "[" in t]
        assert any(t.startswith("Les Membres devraient renforcer") for t in texts)
    comments = docx.Document(io.BytesIO(content)).comments
    assert any("anglais" in c.text for c in comments)


def test_the_export_panel_downloads_the_french_text(login, french, committee):
    committee.draft = french
    committee.save()
    response = login("clerk").get(
        reverse("drafting_export:panel", args=[french.pk]),
        {"document": "text", "format": "html", "language": "fr"},
    )
    assert response.status_code == 200
    assert "Contexte et défis".encode() in response.content
