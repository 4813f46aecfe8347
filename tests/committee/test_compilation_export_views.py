"""The export panel and the compilation downloads, per role; the export_compilation command."""

from __future__ import annotations

import io
import os
from html import escape
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.committee import test_compilation_export as fx
from tests.committee.test_compilation_export import (
    SAFE,
    SECRET_DRAFT,
    SECRET_LATE,
    assert_valid,
    docx_text,
    pdf_text,
    revisions,
)
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
EXPORTERS = {"secretariat", "clerk"}
SLUG = "labour-migration"
# The same amendments as the format tests (fixtures shared by name).
scenario = fx.scenario
akn_schema = fx.akn_schema
MAGIC = {"docx": b"PK", "pdf": b"%PDF", "html": b"<!doctype html>", "akn": b"<?xml"}


def url(name="committee:compilation_export", **params):
    base = reverse(name, args=[SLUG])
    return f"{base}?{urlencode(params)}" if params else base


def readable(fmt: str, content: bytes) -> str:
    if fmt == "docx":
        return docx_text(content) + "".join(r[2] for r in revisions(content))
    if fmt == "pdf":
        return pdf_text(content)[1]
    return content.decode()


# --- who may export ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_secretariat_and_clerks_reach_the_panel_and_the_downloads(login, scenario, role):
    client = login(role)
    responses = [
        client.get(url("committee:exports")),
        client.get(url()),
        client.get(url(format="html")),
        client.get(url(format="akn", pending="1")),
    ]
    if role in EXPORTERS:
        assert [r.status_code for r in responses] == [200, 200, 200, 200]
        assert b'name="format"' in responses[0].content
    else:
        assert [r.status_code for r in responses] == [403, 403, 403, 403]


@pytest.mark.parametrize("role", ROLES)
def test_the_compilation_page_offers_downloads_to_exporters_only(login, scenario, role):
    client = login(role)
    page = client.get(reverse("committee:compilation", args=[SLUG]))
    fragment = client.get(
        reverse("committee:compilation", args=[SLUG]) + "?status=tabled",
        headers={"HX-Request": "true"},
    )
    nav_link = f'href="{url("committee:exports")}"'.encode()
    export_link = url().encode()
    assert page.status_code == fragment.status_code == 200
    assert (export_link in page.content) == (role in EXPORTERS)
    assert (nav_link in page.content) == (role in EXPORTERS)
    # The links inside the results fragment keep the filters the user chose.
    assert (b"?status=tabled&amp;format=docx" in fragment.content) == (role in EXPORTERS)


@pytest.mark.parametrize("path", ["committee:exports", "committee:compilation_export"])
def test_anonymous_visitors_are_sent_to_log_in(client, scenario, path):
    response = client.get(url(path, format="pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "akn"])
def test_no_download_for_any_role_holds_an_untabled_amendment(login, scenario, role, fmt):
    response = login(role).get(url(format=fmt))
    if role not in EXPORTERS:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    text = readable(fmt, response.content)
    assert "C.G.D.Mig/D.1" in text
    assert SECRET_DRAFT not in text and SECRET_LATE not in text


# --- the download ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, content_type, extension",
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("pdf", "application/pdf", "pdf"),
        ("html", "text/html; charset=utf-8", "html"),
        ("akn", "application/akn+xml", "akn.xml"),
    ],
)
def test_each_format_downloads_as_an_attachment(login, scenario, fmt, content_type, extension):
    response = login("clerk").get(url(format=fmt, language="en"))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="C.G.D.Mig-compilation.{extension}"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(MAGIC[fmt])


def test_pending_only_leaves_out_decided_and_withdrawn_amendments(login, scenario, akn_schema):
    client = login("secretariat")
    everything = client.get(url(format="html")).content.decode()
    pending = client.get(url(format="html", pending="1"))
    assert pending["Content-Disposition"].endswith('compilation-pending.html"')
    assert "C.G.D.Mig/D.6" in everything and "C.G.D.Mig/D.6" not in pending.content.decode()
    assert "C.G.D.Mig/D.5" in pending.content.decode()
    assert "Amendments pending for the next sitting" in pending.content.decode()
    assert_valid(akn_schema, client.get(url(format="akn", pending="on")).content)


def test_the_download_follows_the_pages_filters(login, committee, scenario):
    employers = committee.groups.get(kind="employers")
    html = login("clerk").get(url(format="html", group=employers.pk)).content.decode()
    assert "C.G.D.Mig/D.2<" in html and "C.G.D.Mig/D.1<" not in html
    assert escape(f"Group: {employers.name}") in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": "odt"}, b"Choose a format."),
        ({"format": "pdf", "language": "de"}, b"Unknown language de"),
        ({"format": "pdf", "status": "maybe"}, b"Unknown status: maybe."),
        ({"format": "pdf", "group": "x"}, b"Unknown Group: x."),
        ({"format": "pdf", "paragraph": "p1"}, b"Unknown paragraph: p1."),
    ],
)
def test_bad_parameters_get_the_panel_with_a_message(login, scenario, params, message):
    response = login("secretariat").get(url(**params))
    assert response.status_code == 400
    assert message in response.content
    assert b'name="format"' in response.content


def test_the_panel_only_answers_get(login, scenario):
    assert login("secretariat").post(url(format="pdf")).status_code == 405


# --- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "akn"])
def test_the_command_writes_each_format(committee, scenario, tmp_path, fmt, akn_schema):
    path = tmp_path / f"out.{fmt}"
    out = io.StringIO()
    call_command("export_compilation", SLUG, "--format", fmt, "-o", str(path), stdout=out)
    content = path.read_bytes()
    assert content.startswith(MAGIC[fmt])
    assert f"Wrote {path}: 6 amendments" in out.getvalue()
    text = readable(fmt, content)
    assert "C.G.D.Mig/D.1" in text
    assert SECRET_DRAFT not in text and SECRET_LATE not in text
    if fmt == "akn":
        assert_valid(akn_schema, content)
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


def test_the_command_finds_the_committee_by_its_drafts_symbol_or_id(committee, scenario, tmp_path):
    draft = scenario["text"]["draft"]
    for spec in (draft.symbol, str(draft.pk)):
        path = tmp_path / "c.html"
        call_command("export_compilation", spec, "--format", "html", "-o", str(path))
        assert SAFE.split(",")[0] in path.read_text()


def test_the_command_exports_the_pending_ones_in_french(committee, scenario, tmp_path):
    path = tmp_path / "pending.html"
    call_command(
        "export_compilation",
        SLUG,
        "--format=html",
        "--pending-only",
        "--language=fr",
        "-o",
        str(path),
        stdout=io.StringIO(),
    )
    html = path.read_text()
    assert 'lang="fr"' in html
    assert "C.G.D.Mig/D.6" not in html and "C.G.D.Mig/D.1" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["nowhere", "--format", "pdf", "-o", "{tmp}/x.pdf"], "No committee with the slug"),
        ([SLUG, "-o", "{tmp}/x.pdf"], "Say which format"),
        ([SLUG, "--format", "odt", "-o", "{tmp}/x.odt"], "Unknown format 'odt'"),
        ([SLUG, "--format", "pdf"], "Say where to write"),
        ([SLUG, "--format", "pdf", "-o", "{tmp}"], "is a directory"),
        ([SLUG, "--format", "pdf", "-o", "{tmp}/no/such/x.pdf"], "folder does not exist"),
        ([SLUG, "--format", "pdf", "--language", "de", "-o", "{tmp}/x.pdf"], "Unknown language"),
        ([SLUG, "--format", "pdf", "--group", "bankers", "-o", "{tmp}/x.pdf"], "Unknown Group"),
        ([SLUG, "--format", "pdf", "--status", "draft", "-o", "{tmp}/x.pdf"], "Unknown status"),
    ],
)
def test_the_command_refuses_bad_arguments_in_one_line(scenario, tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    with pytest.raises(CommandError) as error:
        call_command("export_compilation", *args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "akn"])
def test_a_committee_without_a_draft_exports_an_empty_compilation(
    login, committee, fmt, akn_schema
):
    response = login("secretariat").get(url(format=fmt))
    assert response.status_code == 200
    assert "No tabled amendment matches." in readable(fmt, response.content)
    if fmt == "akn":
        assert_valid(akn_schema, response.content)
