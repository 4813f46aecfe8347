"""The export panel: who may export, download headers, bad parameters."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROLES
from tests.drafting.test_export_formats import ADDED, make_draft, modify

pytestmark = pytest.mark.django_db
EXPORTERS = {"secretariat", "clerk"}


@pytest.fixture
def draft(committee):
    d = make_draft()
    committee.draft = d
    committee.save()
    return d


def url(draft, **params):
    from urllib.parse import urlencode

    base = reverse("drafting_export:panel", args=[draft.pk])
    return f"{base}?{urlencode(params)}" if params else base


@pytest.mark.parametrize("role", ROLES)
def test_only_secretariat_and_clerks_may_export(login, draft, role):
    client = login(role)
    panel = client.get(url(draft))
    download = client.get(url(draft, format="html"))
    if role in EXPORTERS:
        assert panel.status_code == 200
        assert b'name="format"' in panel.content
        assert download.status_code == 200
    else:
        assert panel.status_code == download.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    response = client.get(url(draft, format="pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_draft_is_404(login, draft):
    assert login("secretariat").get(f"/drafts/{draft.pk + 1000}/export/").status_code == 404


@pytest.mark.parametrize(
    "fmt, content_type, magic",
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
        ("html", "text/html; charset=utf-8", b"<!doctype html>"),
        ("akn", "application/akn+xml", b"<?xml"),
    ],
)
def test_download_headers(login, draft, fmt, content_type, magic):
    response = login("clerk").get(url(draft, document="text", format=fmt, language="en"))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    ext = "akn.xml" if fmt == "akn" else fmt
    assert response["Content-Disposition"] == f'attachment; filename="C.G.D.Mig-D.1-text.{ext}"'
    assert response.content.startswith(magic)


def test_text_showing_changes_since_a_moment(login, draft):
    since = timezone.localtime().strftime("%Y-%m-%dT%H:%M:%S.%f")
    modify(draft)
    response = login("secretariat").get(
        url(draft, document="changes", since=since, format="html", language="fr")
    )
    assert response.status_code == 200
    assert "C.G.D.Mig-D.1-changes.html" in response["Content-Disposition"]
    assert f"<ins>{ADDED}</ins>".encode() in response.content
    assert b'<html lang="fr">' in response.content


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": "odt"}, "Choose a format."),
        ({"format": "pdf", "document": "minutes"}, "Choose the text or the text showing changes."),
        ({"format": "pdf", "language": "de"}, "Unknown language de"),
        ({"format": "pdf", "document": "changes"}, "Say since when the changes are shown."),
        ({"format": "pdf", "document": "changes", "since": "last week"}, "Not a version"),
        ({"format": "pdf", "document": "changes", "since": "2999-01-01T10:00"}, "in the future"),
    ],
)
def test_bad_parameters_are_400_with_a_message(login, draft, params, message):
    response = login("secretariat").get(url(draft, **params))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Content-Disposition" not in response


def test_panel_works_without_javascript_and_inline_code(login, draft):
    html = login("clerk").get(url(draft)).content.decode()
    assert '<form method="get"' in html
    assert "style=" not in html and "<script>" not in html


@pytest.mark.parametrize("role", ROLES)
def test_the_draft_page_links_to_the_export_panel_only_for_exporters(login, draft, role):
    page = login(role).get(reverse("drafting:draft", args=[draft.pk])).content.decode()
    assert (url(draft) in page) == (role in EXPORTERS)
