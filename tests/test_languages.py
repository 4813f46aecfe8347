"""The interface in French and Spanish: pages, messages, errors, export headings and dates.

The language comes from the switcher's cookie (or, without one, the browser's Accept-Language);
every page then speaks that language, with the ILC's own words, and writes dates its way.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.conf import settings
from django.utils import translation

from committee import stages
from discussion.demo import seed_discussion
from tests.committee.amendment_fixtures import access, make_draft, table, user
from tests.committee.floor_fixtures import decide

SLUG = "labour-migration"
SUBMITTED_ON = dt.date(2026, 11, 27)

# The committee navigation, in English and as it must read in French and Spanish.
ENGLISH_NAV = {
    "Committee",
    "Text",
    "Amendments",
    "General discussion",
    "Room screen",
    "Sitting console",
    "Stages",
    "Record",
    "Exports",
    "Members",
}
NAV = {
    "fr": {"Commission", "Amendements", "Discussion générale", "Console de séance", "Compte rendu"},
    "es": {"Comisión", "Enmiendas", "Discusión general", "Consola de sesión", "Actas"},
}

# page -> {language: words that must appear}
PAGES = {
    "committee": {
        "fr": ["Lire le texte du projet", "Bureau", "Président(e)", "Vice-président(e) employeur"],
        "es": [
            "Leer el texto del proyecto",
            "Mesa",
            "Presidente/a",
            "Vicepresidente/a empleador/a",
        ],
    },
    "draft": {
        "fr": ["Textes parallèles", "Comparer des versions", "Ajouter un alinéa au début"],
        "es": ["Textos paralelos", "Comparar versiones", "Añadir un apartado al principio"],
    },
    "compilation": {
        "fr": ["Compilation des amendements", "Paragraphe 1", "Paragraphe 2(a)", "Déposé"],
        "es": ["Compilación de enmiendas", "Párrafo 1", "Párrafo 2(a)", "Presentada"],
    },
    "amendments": {
        "fr": ["Amendements déposés", "Compilation, paragraphe par paragraphe"],
        "es": ["Enmiendas presentadas", "Compilación, párrafo por párrafo"],
    },
    "console": {
        "fr": ["Console de séance", "Amendements dans l'ordre d'examen", "Dernière décision"],
        "es": ["Consola de sesión", "Enmiendas en orden de discusión", "Última decisión"],
    },
    "record": {
        "fr": ["Résumé des travaux", "a été adopté", "Texte final"],
        "es": ["Resumen de las labores", "fue adoptada", "Texto final"],
    },
    "stages": {
        "fr": ["Stades du texte", "Groupe de rédaction", "Plénière", "Adopté par la Conférence"],
        "es": ["Etapas del texto", "Grupo de redacción", "Plenaria", "Adoptado por la Conferencia"],
    },
    "discussion": {
        "fr": ["Discussion générale", "Points pour la discussion", "Temps attribué"],
        "es": ["Discusión general", "Puntos para la discusión", "Tiempo asignado"],
    },
    "room": {
        "fr": ["Écran de salle", "En discussion"],
        "es": ["Pantalla de la sala", "En discusión"],
    },
    "exports": {
        "fr": [
            "Compilation des amendements",
            "Seulement ceux en attente, pour la prochaine séance",
        ],
        "es": ["Compilación de enmiendas", "Solo las pendientes, para la próxima sesión"],
    },
    "draft_export": {
        "fr": ["Exporter le texte", "Le texte tel qu'il se présente"],
        "es": ["Exportar el texto", "El texto en su forma actual"],
    },
}


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request leaves its language active in this thread: later tests must not inherit it."""
    yield
    translation.deactivate()


@pytest.fixture
def sitting(committee):
    """A text before the committee (handed over on 27 November 2026), two amendments tabled,
    one adopted; the demo's points for the general discussion."""
    text = make_draft(committee)
    seed_discussion(committee)
    stages.advance(
        access(committee, "secretariat"), user("secretariat"), confirm=True, date=SUBMITTED_ON
    )
    adopted = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    table(committee, "employers", text["p3"], "The Office should help constituents.")
    decide(committee, adopted)
    return text


def url_of(page: str, text) -> str:
    draft = text["draft"].pk
    return {
        "committee": f"/c/{SLUG}/",
        "draft": f"/drafts/{draft}/",
        "compilation": f"/c/{SLUG}/compilation/",
        "amendments": f"/c/{SLUG}/amendments/",
        "console": f"/c/{SLUG}/floor/",
        "record": f"/c/{SLUG}/record/",
        "stages": f"/c/{SLUG}/stages/",
        "discussion": f"/c/{SLUG}/discussion/",
        "room": f"/c/{SLUG}/room/",
        "exports": f"/c/{SLUG}/exports/",
        "draft_export": f"/drafts/{draft}/export/",
    }[page]


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def html_lang(content: str) -> str:
    match = re.search(r'<html lang="([^"]*)"', content)
    assert match, "no <html lang> attribute"
    return match.group(1)


def nav_links(content: str) -> set[str]:
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', content, flags=re.S)
    assert nav, "no committee navigation"
    return {text.strip() for text in re.findall(r">([^<>]+)</a>", nav.group(1))}


def visible_text(content: str) -> str:
    """The page without its tags and scripts: what a reader sees (titles and labels aside)."""
    content = re.sub(r"<script.*?</script>", " ", content, flags=re.S)
    return re.sub(r"<[^>]+>", " ", content)


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_main_page_speaks_the_chosen_language(login, sitting, page, lang):
    client = login("secretariat")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    content = page_text(client.get(url_of(page, sitting)))
    assert html_lang(content) == lang
    for words in PAGES[page][lang]:
        assert words in content, f"{words!r} missing from the {page} page in {lang}"
    nav = nav_links(content)
    assert NAV[lang] <= nav, f"navigation of the {page} page in {lang}: {sorted(nav)}"
    assert not nav & ENGLISH_NAV, f"English left in the navigation: {sorted(nav & ENGLISH_NAV)}"
    assert "Log out" not in visible_text(content)


def test_english_stays_the_default(login, sitting):
    content = page_text(login("secretariat").get(url_of("compilation", sitting)))
    assert html_lang(content) == "en"
    assert "Compilation of amendments" in content and "Log out" in content
    assert "Compilation des amendements" not in content


def test_the_browser_language_is_used_when_nobody_chose_one(login, sitting):
    client = login("observer")
    content = page_text(client.get(f"/c/{SLUG}/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9"))
    assert html_lang(content) == "es"
    assert "Cerrar sesión" in content and "Log out" not in content


def test_the_switcher_sets_the_language_for_the_following_pages(login, sitting):
    client = login("observer")
    response = client.post("/i18n/setlang/", {"language": "fr", "next": f"/c/{SLUG}/amendments/"})
    assert response.status_code == 302 and response["Location"] == f"/c/{SLUG}/amendments/"
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and int(cookie["max-age"]) >= 30 * 24 * 60 * 60
    for url in (f"/c/{SLUG}/amendments/", f"/drafts/{sitting['draft'].pk}/"):
        content = page_text(client.get(url))
        assert html_lang(content) == "fr" and "Se déconnecter" in content


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Se connecter", "Nom d'utilisateur", "Mot de passe"]),
        ("es", ["Iniciar sesión", "Contraseña"]),
    ],
)
def test_the_login_page_and_its_error_are_translated(client, committee, lang, words):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    content = page_text(client.get("/accounts/login/"))
    assert html_lang(content) == lang
    for word in words:
        assert word in content
    failed = page_text(
        client.post("/accounts/login/", {"username": "observer", "password": "wrong"})
    )
    expected = {
        "fr": "Votre nom d'utilisateur et votre mot de passe ne correspondent pas.",
        "es": "Su nombre de usuario y su contraseña no coinciden.",
    }[lang]
    assert expected in failed


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fr", "Indiquez la raison de l'annulation de la décision."), ("es", "Indique el motivo")],
)
def test_an_error_from_the_server_is_in_the_chosen_language(login, sitting, lang, message):
    client = login("secretariat")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    console = page_text(client.get(f"/c/{SLUG}/floor/"))
    decision = re.search(r'name="decision" value="(\d+)"', console)
    data = {"reason": ""}
    if decision:
        data["decision"] = decision.group(1)
    response = client.post(f"/c/{SLUG}/floor/undo/", data, follow=True)
    content = html.unescape(response.content.decode())
    assert message in content
    assert "Give the reason" not in content


def test_a_message_after_an_action_is_in_the_chosen_language(login, sitting):
    client = login("workers")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.post(
        f"/c/{SLUG}/amendments/new/",
        {
            "paragraph": sitting["p2"].pk,
            "action": "replace",
            "proposed_text": "Members shall:",
            "base_version": sitting["p2"].version,
            "language": "en",
            "save": "1",
        },
        follow=True,
    )
    content = page_text(response)
    assert "Proyecto de enmienda guardado. Solo su Grupo puede verlo." in content


@pytest.mark.parametrize(
    ("lang", "heading", "outcome"),
    [
        ("fr", "Compilation des amendements", "Adopté"),
        ("es", "Compilación de enmiendas", "Adoptada"),
    ],
)
def test_the_compilation_export_has_headings_in_the_chosen_language(
    login, sitting, lang, heading, outcome
):
    client = login("clerk")
    response = client.get(f"/c/{SLUG}/exports/compilation/", {"format": "html", "language": lang})
    assert response.status_code == 200
    content = html.unescape(
        b"".join(response).decode() if response.streaming else response.content.decode()
    )
    assert heading in content and outcome in content
    assert "Compilation of amendments" not in content


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("en", "On 27 November 2026 the drafting group's text was submitted to the committee."),
        (
            "fr",
            "Le 27 novembre 2026, le texte du groupe de rédaction a été soumis à la commission.",
        ),
        (
            "es",
            "El 27 de noviembre de 2026, el texto del grupo de redacción se sometió a la comisión.",
        ),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(login, sitting, lang, written):
    client = login("observer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    assert written in page_text(client.get(f"/c/{SLUG}/record/"))
    stage_page = page_text(client.get(f"/c/{SLUG}/stages/"))
    day = {"en": "27 November 2026", "fr": "27 novembre 2026", "es": "27 de noviembre de 2026"}
    assert day[lang] in stage_page
    assert "2026-11-27" not in visible_text(stage_page)
