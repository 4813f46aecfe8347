"""Translations of amendments on the pages: the editor, the queue, the compilation in each
language and its exports; every new URL for every role."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from committee import translation_services as tr
from committee.models import AmendmentChangeTranslation
from tests.committee.amendment_fixtures import access, table, user
from tests.committee.test_amendment_translation import D1_EN, D1_FR, P1_FR, french_paragraph
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "/c/labour-migration/"
D3_EN = "The Office should support constituents."


@pytest.fixture
def scene(committee, text):
    """D.1 on Paragraph 1, translated into French; D.2 on Paragraph 3, not translated."""
    french_paragraph(text["p1"])
    one = table(committee, "workers", text["p1"], D1_EN)
    two = table(committee, "employers", text["p3"], D3_EN)
    change = one.changes.get()
    tr.save_translation(
        access(committee, "secretariat"),
        user("secretariat"),
        one.pk,
        "fr",
        texts={change.pk: D1_FR},
        versions={change.pk: 0},
    )
    return {"one": one, "two": two}


def html_text(content: bytes) -> str:
    return content.decode()


def test_the_compilation_in_french_diffs_the_french_texts_and_marks_what_is_missing(login, scene):
    page = html_text(login("observer").get(C + "compilation/", {"language": "fr"}).content)
    one = page.split(f'id="c{scene["one"].changes.get().pk}"')[1].split("</article>")[0]
    assert "<ins>" in one and escape("ordonnée") in one and "orderly" not in one
    assert escape("La migration de main-d'œuvre devrait être équitable") in one
    assert "Translation missing" not in one
    two = page.split(f'id="c{scene["two"].changes.get().pk}"')[1].split("</article>")[0]
    assert "Translation missing — shown in English." in two
    assert "constituents" in two
    assert "1 amendment not yet translated is shown in English." in page
    # Paragraph 3 has no French text: its current text stays in English, marked.
    assert "No current French text of this paragraph: shown in English." in page


def test_the_compilation_in_the_working_language_is_unchanged(login, scene):
    page = html_text(login("observer").get(C + "compilation/").content)
    assert "orderly" in page and escape("ordonnée") not in page
    assert "Translation missing" not in page and 'option value="fr"' in page


def test_a_stale_paragraph_translation_is_not_used(login, scene, text):
    from drafting.models import ParagraphTranslation

    ParagraphTranslation.objects.filter(paragraph=text["p1"]).update(needs_update=True)
    page = html_text(login("observer").get(C + "compilation/", {"language": "fr"}).content)
    one = page.split(f'id="c{scene["one"].changes.get().pk}"')[1].split("</article>")[0]
    assert "No current French text of this paragraph: shown in English." in one
    assert "orderly" in one and escape(D1_FR) in one  # the French words, shown beside


def test_an_unknown_language_is_a_clear_400(login, scene):
    response = login("observer").get(C + "compilation/", {"language": "de"})
    assert response.status_code == 400
    assert b"Unknown language de" in response.content


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(C + "compilation/", params)
    assert response.status_code == 200
    return len(captured)


def _table_many(committee, text, n: int, start: int = 0) -> None:
    targets = [text["p1"], text["a"], text["b"], text["p3"]]
    for i in range(start, start + n):
        amendment = table(
            committee, ["employers", "workers", "africa"][i % 3], targets[i % 4], f"Wording {i}."
        )
        if i % 2:
            change = amendment.changes.get()
            tr.save_translation(
                access(committee, "secretariat"),
                user("secretariat"),
                amendment.pk,
                "fr",
                texts={change.pk: f"Libellé {i}."},
                versions={change.pk: 0},
            )


def test_the_language_view_query_count_does_not_grow_with_the_amendments(
    login, committee, text, django_assert_max_num_queries
):
    french_paragraph(text["p1"])
    client = login("observer")
    _table_many(committee, text, 5)
    with_five = _queries(client, {"language": "fr"})
    _table_many(committee, text, 45, start=5)
    with django_assert_max_num_queries(with_five):
        response = client.get(C + "compilation/", {"language": "fr"})
    assert response.content.count(b'class="compiled-amendment"') == 50
    assert _queries(client, {"language": "fr"}) == with_five


def docx_words(content: bytes) -> str:
    body = docx.Document(io.BytesIO(content)).element.body
    return "".join(t.text or "" for t in body.iter(f"{W}t", f"{W}delText"))


def test_the_french_docx_holds_the_french_words_and_marks_the_missing(committee, scene, tmp_path):
    path = tmp_path / "fr.docx"
    call_command(
        "export_compilation", committee.slug, "--format", "docx", "--language", "fr",
        "-o", str(path), stdout=io.StringIO(),
    )  # fmt: skip
    words = docx_words(path.read_bytes())
    assert "ordonnée" in words and P1_FR.split(" efficace")[0] in words
    with translation.override("fr"):
        english = tr.language_name("en")
        marker = gettext("Translation missing — shown in %(working)s.") % {"working": english}
        note = ngettext(
            "%(count)s amendment not yet translated is shown in the original language "
            "(%(working)s).",
            "%(count)s amendments not yet translated are shown in the original language "
            "(%(working)s).",
            1,
        ) % {"count": 1, "working": english}
    assert marker in words and note in words
    assert "The Office should support constituents" in words  # D.2, shown in English


def test_the_export_view_in_french_uses_the_translations(login, scene):
    response = login("clerk").get(C + "exports/compilation/", {"format": "html", "language": "fr"})
    assert response.status_code == 200
    page = b"".join(response).decode() if response.streaming else response.content.decode()
    assert escape("ordonnée") in page and 'class="amendment-note translation-missing"' in page
    akn = login("clerk").get(C + "exports/compilation/", {"format": "akn", "language": "fr"})
    assert "ordonnée" in akn.content.decode() and b"translationMissing" in akn.content


def test_the_editor_saves_and_shows_the_translation_on_the_amendment(login, scene):
    two = scene["two"]
    change = two.changes.get()
    client = login("secretariat")
    url = C + f"amendments/{two.pk}/translations/fr/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {f"text-{change.pk}": "Le Bureau devrait aider.", f"version-{change.pk}": "0"}
    )
    assert response.status_code == 302
    page = login("observer").get(C + f"amendments/{two.pk}/").content.decode()
    assert "Le Bureau devrait aider." in page


def test_the_editor_refuses_a_stale_save_and_keeps_the_users_text(login, scene):
    one = scene["one"]
    change = one.changes.get()
    client = login("secretariat")
    url = C + f"amendments/{one.pk}/translations/fr/"
    response = client.post(url, {f"text-{change.pk}": "Mon texte.", f"version-{change.pk}": "0"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nothing was saved" in page and "Mon texte." in page and escape(D1_FR) in page
    assert AmendmentChangeTranslation.objects.get(change=change).proposed_text == D1_FR
    # The form now carries the current version: saving again overwrites knowingly.
    assert f'name="version-{change.pk}" value="1"' in page
    again = client.post(url, {f"text-{change.pk}": "Mon texte.", f"version-{change.pk}": "1"})
    assert again.status_code == 302
    assert AmendmentChangeTranslation.objects.get(change=change).proposed_text == "Mon texte."


def test_the_editor_refuses_an_unknown_language_and_bad_versions(login, scene):
    one = scene["one"]
    change = one.changes.get()
    client = login("secretariat")
    assert client.get(C + f"amendments/{one.pk}/translations/de/").status_code == 404
    response = client.post(
        C + f"amendments/{one.pk}/translations/es/",
        {f"text-{change.pk}": "Texto.", f"version-{change.pk}": "x"},
    )
    assert response.status_code == 400 and b"incomplete" in response.content
    assert not AmendmentChangeTranslation.objects.filter(language="es").exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_each_new_page(login, scene, role):
    client = login(role)
    one = scene["one"]
    secretariat = role == "secretariat"
    queue = client.get(C + "amendments/translations/")
    assert queue.status_code == (200 if secretariat else 403)
    editor = client.get(C + f"amendments/{one.pk}/translations/fr/")
    assert editor.status_code == (200 if secretariat else 403)
    post = client.post(
        C + f"amendments/{scene['two'].pk}/translations/fr/",
        {f"text-{scene['two'].changes.get().pk}": "Texte.", "version": "0"},
    )
    assert post.status_code in ((302, 400) if secretariat else (403,))
    compilation = client.get(C + "compilation/", {"language": "fr"})
    assert compilation.status_code == 200 and escape("ordonnée") in compilation.content.decode()
    detail = client.get(C + f"amendments/{one.pk}/")
    assert detail.status_code == 200 and escape(D1_FR) in detail.content.decode()
    assert ("Amendments awaiting translation" in queue.content.decode()) == secretariat


def test_anonymous_visitors_are_sent_to_log_in(client, scene):
    one = scene["one"]
    for url in [
        C + "amendments/translations/",
        C + f"amendments/{one.pk}/translations/fr/",
        C + "compilation/?language=fr",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_queue_lists_what_awaits_translation_with_counts(login, scene):
    page = login("secretariat").get(C + "amendments/translations/").content.decode()
    french = page.split('id="queue-fr"')[1].split("</section>")[0]
    spanish = page.split('id="queue-es"')[1].split("</section>")[0]
    assert "D.2" in french and "D.1" not in french
    assert "D.1" in spanish and "D.2" in spanish
    assert '<span class="badge count">1</span>' in french
    assert '<span class="badge count">2</span>' in spanish
