"""Parallel texts pages: side by side, the queue, the in-place editor; who may do what."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from drafting import services
from drafting import translation_services as ts
from drafting.models import ParagraphTranslation
from tests.conftest import ROLES, login_request
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db
TRANSLATORS = {"secretariat"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def para(small_draft, secretariat):
    p = unit(small_draft, "Migration should be safe")
    ts.save_translation(
        small_draft, p.pk, "fr", text="La migration devrait être sûre et ordonnée.",
        base_version=0, source_version=1, user=secretariat,
    )  # fmt: skip
    return p


def urls(draft, p) -> dict[str, str]:
    args = [draft.pk, p.pk, "fr"]
    return {
        "parallel": reverse("drafting_translations:parallel", args=[draft.pk]),
        "queue": reverse("drafting_translations:queue", args=[draft.pk]),
        "cell": reverse("drafting_translations:cell", args=args),
        "history": reverse("drafting_translations:history", args=args),
        "edit": reverse("drafting_translations:edit", args=args),
        "title": reverse("drafting_translations:title", args=[draft.pk, "fr"]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_everyone_on_the_committee_reads_the_parallel_texts(login, small_draft, para, role):
    client = login(role)
    u = urls(small_draft, para)
    page = client.get(u["parallel"])
    assert page.status_code == 200
    assert "La migration devrait être sûre et ordonnée." in page.content.decode()
    assert client.get(u["queue"]).status_code == 200
    assert client.get(u["history"]).status_code == 200
    fragment = client.get(u["cell"], **HTMX)
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content and f'id="t-{para.pk}-fr"'.encode() in fragment.content
    assert client.get(u["cell"]).status_code == 302  # without htmx: the page, at that cell
    edit_links = f'href="{u["edit"]}"'.encode() in page.content
    assert edit_links is (role in TRANSLATORS)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_edits_translations(login, small_draft, para, role):
    client = login(role)
    u = urls(small_draft, para)
    editor = client.get(u["edit"], **HTMX)
    saved = client.post(
        u["edit"], {"text": "Changé.", "version": 1, "source_version": 1, "reason": ""}, **HTMX
    )
    title = client.post(u["title"], {"title": "Projet", "base_title": ""})
    row = ParagraphTranslation.objects.get(paragraph=para, language="fr")
    small_draft.refresh_from_db()
    if role in TRANSLATORS:
        assert editor.status_code == saved.status_code == 200
        assert b"<textarea" in editor.content
        assert row.text == "Changé." and row.version == 2
        assert title.status_code == 302 and small_draft.title_in("fr") == "Projet"
    else:
        assert editor.status_code == saved.status_code == title.status_code == 403
        assert row.text.startswith("La migration") and row.version == 1
        assert small_draft.title_translations == {}


def test_anonymous_visitors_are_sent_to_log_in(client, small_draft, para):
    for name, url in urls(small_draft, para).items():
        response = client.post(url) if name == "title" else client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_someone_outside_the_committee_gets_403(client, small_draft, para):
    get_user_model().objects.create_user("stranger", password="draftroom-demo")
    client.login(request=login_request(), username="stranger", password="draftroom-demo")
    for name, url in urls(small_draft, para).items():
        response = client.post(url) if name == "title" else client.get(url, **HTMX)
        assert response.status_code == 403, name


def test_unknown_language_unit_or_draft_is_404(login, small_draft, para):
    client = login("secretariat")
    base = f"/drafts/{small_draft.pk}/translations"
    assert client.get(f"{base}/p/{para.pk}/de/edit/").status_code == 404
    assert client.get(f"{base}/p/{para.pk}/en/edit/").status_code == 404  # the source
    assert client.get(f"{base}/p/999999/fr/edit/").status_code == 404
    assert client.get(f"{base}/queue/?language=de").status_code == 404
    assert client.get(f"/drafts/{small_draft.pk + 999}/translations/").status_code == 404


def test_the_side_by_side_view_aligns_units_and_chooses_languages(login, small_draft, para):
    client = login("observer")
    url = reverse("drafting_translations:parallel", args=[small_draft.pk])
    html = client.get(url).content.decode()
    order = [p.pk for p in [unit(small_draft, t) for t in ("Migration", "Members", "The Office")]]
    positions = [html.index(f'id="row-{pk}"') for pk in order]
    assert positions == sorted(positions)
    for pk in order:  # one cell per language in each row
        for language in ("en", "fr", "es"):
            assert f'id="t-{pk}-{language}"' in html
    assert html.count("Missing") >= 2 * (small_draft.paragraphs.count() - 1)
    two = client.get(url, {"lang": ["en", "es"]}).content.decode()
    assert "cols-2" in two and f'id="t-{para.pk}-fr"' not in two
    bad = client.get(url, {"lang": "de"})
    assert bad.status_code == 400 and "Unknown language de" in bad.content.decode()


def test_a_flagged_cell_shows_needs_update_with_the_source_diff(
    login, small_draft, para, secretariat
):
    services.edit_text(
        small_draft, para.pk, text="Migration should be safe, orderly and regular.",
        base_version=1, user=secretariat,
    )  # fmt: skip
    client = login("chair")
    u = urls(small_draft, para)
    html = client.get(u["cell"], **HTMX).content.decode()
    assert "Needs update" in html and "<ins>" in html and "regular" in html
    queue = client.get(u["queue"]).content.decode()
    assert f'id="queue-fr-{para.pk}"' in queue and f'id="queue-es-{para.pk}"' in queue


def test_saving_in_place_returns_the_cell_and_clears_the_flag(
    login, small_draft, para, secretariat
):
    services.edit_text(small_draft, para.pk, text="Safe.", base_version=1, user=secretariat)
    client = login("secretariat")
    u = urls(small_draft, para)
    editor = client.get(u["edit"], **HTMX).content.decode()
    assert 'name="source_version" value="2"' in editor and "<del>" in editor
    response = client.post(
        u["edit"], {"text": "Sûre.", "version": 1, "source_version": 2, "reason": "D.3"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Sûre." in html and "Needs update" not in html
    assert 'class="parallel-cell status-current"' in html


def test_without_javascript_saving_redirects_to_the_cell(login, small_draft, para):
    client = login("secretariat")
    u = urls(small_draft, para)
    page = client.get(u["edit"])
    assert page.status_code == 200 and b"Source text" in page.content
    response = client.post(u["edit"], {"text": "Autre.", "version": 1, "source_version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#t-{para.pk}-fr")


def test_a_stale_edit_shows_the_conflict_and_keeps_what_was_typed(login, small_draft, para):
    client = login("secretariat")
    u = urls(small_draft, para)
    client.post(u["edit"], {"text": "Version de Sofia.", "version": 1, "source_version": 1})
    response = client.post(u["edit"], {"text": "Ma version.", "version": 1, "source_version": 1})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this translation" in html
    assert "Ma version.</textarea>" in html and 'name="version" value="2"' in html
    assert ParagraphTranslation.objects.get(paragraph=para, language="fr").text == (
        "Version de Sofia."
    )
    in_place = client.post(
        u["edit"], {"text": "Ma version.", "version": 1, "source_version": 1}, **HTMX
    )
    assert in_place.status_code == 200 and b"conflict-panel" in in_place.content


def test_bad_input_is_a_400_with_the_message_and_nothing_saved(login, small_draft, para):
    client = login("secretariat")
    u = urls(small_draft, para)
    response = client.post(u["edit"], {"text": "", "version": 1, "source_version": 1})
    assert response.status_code == 400 and b"cannot be empty" in response.content
    response = client.post(u["edit"], {"text": "x", "version": "a", "source_version": 1})
    assert response.status_code == 400 and b"not a number" in response.content
    assert client.get(u["edit"]).status_code == 200
    assert ParagraphTranslation.objects.get(paragraph=para, language="fr").version == 1


def test_the_queue_counts_per_language(login, small_draft, para):
    html = login("observer").get(urls(small_draft, para)["queue"] + "?language=es").content
    html = html.decode()
    total = small_draft.paragraphs.count()
    assert f"{total} missing" in html and "queue-fr" not in html.replace("queue-tab-fr", "")
    html = login("observer").get(urls(small_draft, para)["queue"]).content.decode()
    assert f"{total - 1} missing" in html and f"{total} missing" in html


def test_the_draft_page_links_to_the_parallel_texts_and_the_queue(login, small_draft):
    html = login("observer").get(reverse("drafting:draft", args=[small_draft.pk])).content
    assert reverse("drafting_translations:parallel", args=[small_draft.pk]).encode() in html
    assert reverse("drafting_translations:queue", args=[small_draft.pk]).encode() in html


def test_the_history_of_a_translation_lists_its_versions(login, small_draft, para, secretariat):
    services.edit_text(small_draft, para.pk, text="Safe.", base_version=1, user=secretariat)
    html = login("observer").get(urls(small_draft, para)["history"]).content.decode()
    assert "flagged: the source changed" in html and "Version 1" in html
