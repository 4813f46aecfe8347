"""The draft pages for every role: who reads, who edits, and what each page shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from drafting.models import Paragraph
from tests.conftest import ROLES, login_request
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db
EDITORS = ["secretariat"]
READERS = [r for r in ROLES if r not in EDITORS]
HX = {"HTTP_HX_REQUEST": "true"}


def urls(draft, pk):
    d = draft.pk
    return {
        "draft": f"/drafts/{d}/",
        "deleted": f"/drafts/{d}/?deleted=1",
        "history": f"/drafts/{d}/history/",
        "compare": f"/drafts/{d}/compare/",
        "paragraph_history": f"/drafts/{d}/p/{pk}/history/",
    }


def edit_urls(draft, pk):
    d = draft.pk
    return {
        "edit": f"/drafts/{d}/p/{pk}/edit/",
        "insert": f"/drafts/{d}/insert/?after={pk}",
        "delete": f"/drafts/{d}/p/{pk}/delete/",
        "import": f"/drafts/{d}/import/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_text_and_its_history(login, small_draft, role):
    client = login(role)
    pk = unit(small_draft, "Migration should").pk
    for name, url in urls(small_draft, pk).items():
        response = client.get(url)
        assert response.status_code == 200, name
    page = client.get(f"/drafts/{small_draft.pk}/").content.decode()
    assert "Migration should be safe and orderly." in page
    assert 'class="unit-number">1.</span>' in page


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_unit_fragment_alone(login, small_draft, role):
    pk = unit(small_draft, "Migration should").pk
    response = login(role).get(f"/drafts/{small_draft.pk}/p/{pk}/", **HX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert f'id="p-{pk}"'.encode() in response.content


def test_without_htmx_the_unit_url_goes_to_the_unit_on_the_page(login, small_draft):
    pk = unit(small_draft, "Migration should").pk
    response = login("observer").get(f"/drafts/{small_draft.pk}/p/{pk}/")
    assert response.status_code == 302
    assert response.url.endswith(f"/drafts/{small_draft.pk}/#p-{pk}")


@pytest.mark.parametrize("role", READERS)
def test_readers_get_no_edit_controls_and_403_on_every_edit_url(login, small_draft, role):
    client = login(role)
    pk = unit(small_draft, "Migration should").pk
    page = client.get(f"/drafts/{small_draft.pk}/").content.decode()
    assert f"/p/{pk}/edit/" not in page
    for name, url in edit_urls(small_draft, pk).items():
        assert client.get(url).status_code == 403, name
        assert client.get(url, **HX).status_code == 403, name
    posts = {
        f"/drafts/{small_draft.pk}/p/{pk}/edit/": {"text": "Hacked.", "version": 1},
        f"/drafts/{small_draft.pk}/p/{pk}/move/": {"direction": "down", "draft_version": 2},
        f"/drafts/{small_draft.pk}/p/{pk}/delete/": {"reason": "x", "draft_version": 2},
        f"/drafts/{small_draft.pk}/p/{pk}/undelete/": {"reason": "x", "draft_version": 2},
        f"/drafts/{small_draft.pk}/p/{pk}/restore/": {"reason": "x", "version": 1},
        f"/drafts/{small_draft.pk}/insert/?after={pk}": {"kind": "paragraph", "text": "x"},
        f"/drafts/{small_draft.pk}/import/": {"text": "1. x", "action": "confirm"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    assert unit(small_draft, "Migration should").text == "Migration should be safe and orderly."


@pytest.mark.parametrize("name", ["draft", "history", "compare", "paragraph_history"])
def test_anonymous_visitors_are_sent_to_login(client, small_draft, name):
    pk = unit(small_draft, "Migration should").pk
    response = client.get(urls(small_draft, pk)[name])
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_posts_change_nothing(client, small_draft):
    pk = unit(small_draft, "Migration should").pk
    response = client.post(f"/drafts/{small_draft.pk}/p/{pk}/edit/", {"text": "x", "version": 1})
    assert response.status_code == 302
    assert unit(small_draft, "Migration should").version == 1


def test_someone_outside_the_committee_is_refused(client, small_draft, django_user_model):
    django_user_model.objects.create_user("stranger", password="x-strong-pass-1")
    client.login(request=login_request(), username="stranger", password="x-strong-pass-1")
    assert client.get(f"/drafts/{small_draft.pk}/").status_code == 403


def test_unknown_draft_and_unit_are_404(login, small_draft):
    client = login("secretariat")
    assert client.get("/drafts/99999/").status_code == 404
    assert client.get(f"/drafts/{small_draft.pk}/p/99999/edit/").status_code == 404


def test_a_unit_of_another_draft_is_404_under_this_draft(login, small_draft, secretariat):
    from drafting.services import Node, create_draft_from_outline

    other = create_draft_from_outline(
        title="Other", user=secretariat, nodes=[Node("paragraph", "Elsewhere.")]
    )
    foreign = other.paragraphs.get().pk
    client = login("secretariat")
    assert client.get(f"/drafts/{small_draft.pk}/p/{foreign}/edit/").status_code == 404
    response = client.post(
        f"/drafts/{small_draft.pk}/p/{foreign}/edit/", {"text": "x", "version": 1}
    )
    assert response.status_code == 404
    assert other.paragraphs.get().text == "Elsewhere."


# ------------------------------------------------------------------ editing


def test_the_editor_fragment_is_a_form_that_escape_cancels(login, small_draft):
    pk = unit(small_draft, "Migration should").pk
    response = login("secretariat").get(f"/drafts/{small_draft.pk}/p/{pk}/edit/", **HX)
    body = response.content.decode()
    assert "<html" not in body
    assert "data-escape-cancels" in body and "data-cancel" in body
    assert 'name="version" value="1"' in body


def test_without_js_the_editor_is_a_full_page_and_save_redirects(login, small_draft):
    client = login("secretariat")
    pk = unit(small_draft, "Migration should").pk
    page = client.get(f"/drafts/{small_draft.pk}/p/{pk}/edit/")
    assert b"<html" in page.content and b"<textarea" in page.content
    response = client.post(
        f"/drafts/{small_draft.pk}/p/{pk}/edit/",
        {"text": "Migration should be safe, orderly and regular.", "version": 1, "reason": "R"},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#p-{pk}")
    p = Paragraph.objects.get(pk=pk)
    assert p.text == "Migration should be safe, orderly and regular."
    assert p.history.first().history_user.username == "secretariat"
    assert p.history.first().history_change_reason == "R"


def test_with_htmx_save_returns_only_the_updated_unit(login, small_draft):
    pk = unit(small_draft, "Migration should").pk
    response = login("secretariat").post(
        f"/drafts/{small_draft.pk}/p/{pk}/edit/", {"text": "New text.", "version": 1}, **HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "<textarea" not in body
    assert "New text." in body and 'class="unit-number">1.</span>' in body


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "cannot be empty"), ("x" * 20_001, "too long"), ("a\x01b", "control characters")],
)
def test_bad_text_shows_the_message_and_keeps_what_was_typed(login, small_draft, text, message):
    client = login("secretariat")
    pk = unit(small_draft, "Migration should").pk
    url = f"/drafts/{small_draft.pk}/p/{pk}/edit/"
    plain = client.post(url, {"text": text, "version": 1})
    assert plain.status_code == 400
    assert message in plain.content.decode()
    htmx = client.post(url, {"text": text, "version": 1}, **HX)
    assert htmx.status_code == 200 and message in htmx.content.decode()
    assert Paragraph.objects.get(pk=pk).version == 1


def test_a_missing_or_garbage_version_is_a_clear_400(login, small_draft):
    pk = unit(small_draft, "Migration should").pk
    response = login("secretariat").post(
        f"/drafts/{small_draft.pk}/p/{pk}/edit/", {"text": "x", "version": "abc"}
    )
    assert response.status_code == 400
    assert b"not a number" in response.content


def test_a_stale_save_shows_the_conflict_panel_with_a_clean_merge(login, small_draft):
    client = login("secretariat")
    pk = unit(small_draft, "Members should:").pk
    url = f"/drafts/{small_draft.pk}/p/{pk}/edit/"
    client.post(url, {"text": "Members should, as appropriate:", "version": 1})
    response = client.post(url, {"text": "All Members should:", "version": 1}, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "conflict-panel" in body
    assert "Members should, as appropriate:" in body  # the text now saved
    assert "All Members should:" in body  # theirs, still in the textarea
    assert "<del>" in body or "<ins>" in body
    assert 'value="All Members should, as appropriate:"' in body  # merged, offered for saving
    assert "as version 3" in body
    assert Paragraph.objects.get(pk=pk).text == "Members should, as appropriate:"
    # Saving the merged text works (from the version the panel says).
    saved = client.post(url, {"text": "All Members should, as appropriate:", "version": 2}, **HX)
    assert "conflict-panel" not in saved.content.decode()
    assert Paragraph.objects.get(pk=pk).text == "All Members should, as appropriate:"


def test_a_conflict_on_the_same_words_offers_no_merge(login, small_draft):
    client = login("secretariat")
    pk = unit(small_draft, "Members should:").pk
    url = f"/drafts/{small_draft.pk}/p/{pk}/edit/"
    client.post(url, {"text": "States should:", "version": 1})
    response = client.post(url, {"text": "Governments should:", "version": 1})
    body = response.content.decode()
    assert response.status_code == 409
    assert "cannot be merged" in body
    assert "Governments should:" in body and "States should:" in body
    assert 'name="version" value="2"' in body


# ------------------------------------------------------------------ structure


def test_insert_move_delete_and_restore_through_the_pages(login, small_draft):
    client = login("secretariat")
    d = small_draft.pk
    first = unit(small_draft, "Migration should")
    response = client.post(
        f"/drafts/{d}/insert/",
        {"after": first.pk, "kind": "paragraph", "text": "Inserted.", "draft_version": 2},
    )
    assert response.status_code == 302
    new = unit(small_draft, "Inserted.")
    client.post(f"/drafts/{d}/p/{new.pk}/move/", {"direction": "up", "draft_version": 3})
    page = client.get(f"/drafts/{d}/").content.decode()
    assert page.index("Inserted.") < page.index("Migration should")
    response = client.post(f"/drafts/{d}/p/{new.pk}/delete/", {"reason": "", "draft_version": 4})
    assert response.status_code == 400 and b"reason" in response.content
    client.post(f"/drafts/{d}/p/{new.pk}/delete/", {"reason": "Not agreed", "draft_version": 4})
    assert "Inserted." not in client.get(f"/drafts/{d}/").content.decode()
    shown = client.get(f"/drafts/{d}/?deleted=1").content.decode()
    assert "<del>Inserted.</del>" in shown
    client.post(f"/drafts/{d}/p/{new.pk}/undelete/", {"reason": "Agreed", "draft_version": 5})
    assert "Inserted." in client.get(f"/drafts/{d}/").content.decode()


def test_a_structure_change_from_an_old_page_is_refused(login, small_draft):
    client = login("secretariat")
    pk = unit(small_draft, "The Office").pk
    response = client.post(
        f"/drafts/{small_draft.pk}/p/{pk}/delete/", {"reason": "x", "draft_version": 1}
    )
    assert response.status_code == 409
    assert b"reload" in response.content
    assert not Paragraph.objects.get(pk=pk).is_deleted


def test_a_move_error_is_a_message_not_a_crash(login, small_draft):
    client = login("secretariat")
    pk = unit(small_draft, "Migration should").pk
    response = client.post(
        f"/drafts/{small_draft.pk}/p/{pk}/move/",
        {"direction": "up", "draft_version": 2},
        follow=True,
    )
    assert b"already the first" in response.content


# ------------------------------------------------------------------ history, compare


def test_paragraph_history_shows_who_when_why_and_restores(login, small_draft):
    client = login("secretariat")
    p = unit(small_draft, "Migration should")
    url = f"/drafts/{small_draft.pk}/p/{p.pk}/edit/"
    client.post(url, {"text": "Migration should be safe.", "version": 1, "reason": "Shorter"})
    page = client.get(f"/drafts/{small_draft.pk}/p/{p.pk}/history/").content.decode()
    assert "Shorter" in page and "Sofia Secretariat" in page and "Drafting group text" in page
    assert "<del>" in page
    original = p.history.last()
    response = client.post(
        f"/drafts/{small_draft.pk}/p/{p.pk}/restore/",
        {"history_id": original.history_id, "version": 2, "reason": "Back"},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.text, p.version) == ("Migration should be safe and orderly.", 3)


def test_observer_sees_history_without_restore_buttons(login, small_draft):
    client = login("secretariat")
    p = unit(small_draft, "Migration should")
    client.post(f"/drafts/{small_draft.pk}/p/{p.pk}/edit/", {"text": "Edited.", "version": 1})
    page = login("observer").get(f"/drafts/{small_draft.pk}/p/{p.pk}/history/").content.decode()
    assert "Edited." in page and "restore" not in page.lower().split("history of")[1].split(
        "back to the text"
    )[0].replace("restored", "")


def test_compare_shows_a_redline_of_changes_additions_deletions_and_moves(login, small_draft):
    client = login("secretariat")
    d = small_draft.pk
    history = client.get(f"/drafts/{d}/history/").content.decode()
    assert "Drafting group text" in history
    first = unit(small_draft, "Migration should")
    client.post(
        f"/drafts/{d}/p/{first.pk}/edit/", {"text": "Migration must be safe.", "version": 1}
    )
    client.post(
        f"/drafts/{d}/insert/",
        {"after": first.pk, "kind": "paragraph", "text": "Brand new.", "draft_version": 2},
    )
    office = unit(small_draft, "The Office")
    client.post(f"/drafts/{d}/p/{office.pk}/move/", {"direction": "up", "draft_version": 3})
    clause = unit(small_draft, "promote fair")
    client.post(f"/drafts/{d}/p/{clause.pk}/delete/", {"reason": "Gone", "draft_version": 4})
    page = login("observer").get(f"/drafts/{d}/compare/").content.decode()
    assert "<del>should</del>" in page and "<ins>must</ins>" in page
    assert "<ins>Brand new.</ins>" in page
    assert "<del>promote fair recruitment.</del>" in page
    assert "moved (was" in page
    assert "1 changed, 1 added, 1 deleted" in page


def test_compare_between_two_points_in_history(login, small_draft):
    client = login("secretariat")
    d = small_draft.pk
    p = unit(small_draft, "Migration should")
    client.post(f"/drafts/{d}/p/{p.pk}/edit/", {"text": "Second.", "version": 1})
    client.post(f"/drafts/{d}/p/{p.pk}/edit/", {"text": "Third.", "version": 2})
    records = list(p.history.order_by("history_date"))
    response = client.get(
        f"/drafts/{d}/compare/",
        {"from": records[1].history_date.isoformat(), "to": records[2].history_date.isoformat()},
    )
    page = response.content.decode()
    assert "<del>Second</del><ins>Third</ins>." in page


def test_compare_with_a_bad_point_is_a_400_with_a_message(login, small_draft):
    response = login("observer").get(f"/drafts/{small_draft.pk}/compare/", {"from": "yesterday"})
    assert response.status_code == 400
    assert b"not a point in the history" in response.content


# ------------------------------------------------------------------ import


IMPORT_TEXT = (
    "Conclusions concerning care work\nI. Principles\n1. Care is work.\n2. Members:\n(a) act."
)


def test_import_previews_without_saving_then_confirms(login, small_draft):
    client = login("secretariat")
    d = small_draft.pk
    before = Paragraph.objects.count()
    preview = client.post(
        f"/drafts/{d}/import/", {"text": IMPORT_TEXT, "action": "preview", "draft_version": 2}
    )
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Preview: 5 units" in body and 'value="confirm"' in body
    assert "Care is work." in body
    assert Paragraph.objects.count() == before
    confirm = client.post(
        f"/drafts/{d}/import/",
        {"text": IMPORT_TEXT, "action": "confirm", "draft_version": 2, "replace": "on"},
    )
    assert confirm.status_code == 302
    texts = [p.text for p in Paragraph.objects.filter(draft=small_draft, is_deleted=False)]
    assert "Care is work." in texts and "Members should:" not in texts


def test_an_import_with_errors_cannot_be_confirmed(login, small_draft):
    client = login("secretariat")
    before = Paragraph.objects.count()
    response = client.post(
        f"/drafts/{small_draft.pk}/import/",
        {"text": "(a) orphan", "action": "confirm", "draft_version": 2},
    )
    assert response.status_code == 400
    assert b"no paragraph to belong to" in response.content
    assert b'value="confirm"' not in response.content
    assert Paragraph.objects.count() == before


def test_importing_a_bad_file_is_a_message(login, small_draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login("secretariat").post(
        f"/drafts/{small_draft.pk}/import/",
        {
            "file": SimpleUploadedFile("draft.docx", b"garbage"),
            "action": "preview",
            "draft_version": 2,
        },
    )
    assert response.status_code == 400
    assert b"could not be read" in response.content


def test_the_committee_navigation_links_to_the_text(login, small_draft):
    page = login("observer").get("/c/labour-migration/").content.decode()
    assert f'href="/drafts/{small_draft.pk}/"' in page
