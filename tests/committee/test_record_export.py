"""The record of decisions as a DOCX, PDF and HTML export, and who may download it."""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from django.urls import reverse

from committee.exports.record import record_docx, record_html, record_pdf
from committee.models import Stage
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage, undo
from tests.conftest import ROLES

SLUG = "labour-migration"
EXPORTERS = {"secretariat", "clerk"}
SUMMARY = "The amendment submitted by the Worker members ({symbol}) was adopted as subamended."


@pytest.fixture
def decided(committee, text):
    """A sitting where D.1 was adopted as subamended and a rejection of D.2 was undone."""
    to_stage(committee, Stage.COMMITTEE)
    d1 = table(committee, "workers", text["p1"], "Labour migration must be fair and effective.")
    d2 = table(committee, "employers", text["p3"], "The Office should support constituents.")
    decide(committee, d1, "adopted_subamended", subamendment_text="Labour migration is fair.")
    decide(committee, d2, "rejected")
    undo(committee, reason="Wrong amendment")
    committee.refresh_from_db()
    return {"d1": d1, "d2": d2, "text": text}


def url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("committee:record_export", args=[SLUG]) + (f"?{query}" if query else "")


def test_the_docx_holds_the_summary_and_the_final_text(committee, decided):
    document = docx.Document(io.BytesIO(record_docx(committee, "en")))
    body = "\n".join(p.text for p in document.paragraphs)
    assert SUMMARY.format(symbol=decided["d1"].short_symbol) in body
    assert "Labour migration is fair." in body
    assert "Record of decisions" in body
    assert "Wrong amendment" in body  # the undone decision is marked, with its reason
    assert f"({decided['d2'].short_symbol}) was rejected." not in body


def test_the_docx_is_in_the_language_asked_for(committee, decided):
    document = docx.Document(io.BytesIO(record_docx(committee, "fr")))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Relevé des décisions" in body
    assert "Record of decisions" not in body


def test_the_pdf_has_the_symbol_the_title_and_page_numbers(committee, decided):
    reader = pypdf.PdfReader(io.BytesIO(record_pdf(committee, "en")))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())
    assert "D.0" in text
    assert "Record of decisions" in text
    assert "Labour migration is fair." in text
    assert f"Page 1 of {len(pages)}" in text


def test_the_html_escapes_what_people_wrote(committee, decided):
    d3 = table(committee, "government", decided["text"]["p3"], "Fair <script>alert(1)</script>.")
    decide(committee, d3, "adopted")
    page = record_html(committee, "en")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert SUMMARY.format(symbol=decided["d1"].short_symbol) in page


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_secretariat_downloads_each_format_as_an_attachment(login, decided, fmt):
    response = login("secretariat").get(url(format=fmt, language="en"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"record-of-decisions.{fmt}" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_and_clerks_may_download_the_record(login, decided, role):
    response = login(role).get(url(format="html", language="en"))
    assert response.status_code == (200 if role in EXPORTERS else 403)
    record_page = login(role).get(reverse("committee:record", args=[SLUG])).content.decode()
    assert (reverse("committee:exports", args=[SLUG]) in record_page) == (role in EXPORTERS)


def test_anonymous_visitors_are_sent_to_log_in(client, decided):
    response = client.get(url(format="html"))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": "odt"}, "Choose a format."),
        ({"format": "pdf", "language": "de"}, "Unknown language de"),
    ],
)
def test_bad_parameters_get_a_message(login, decided, params, message):
    response = login("clerk").get(url(**params))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_export_panel_offers_the_record(login, decided):
    page = login("clerk").get(reverse("committee:exports", args=[SLUG])).content.decode()
    assert reverse("committee:record_export", args=[SLUG]) in page
    assert "Record of decisions" in page


def test_every_format_states_the_composition_and_its_weights(committee, decided):
    from django.utils import timezone

    from committee.models import Composition
    from tests.committee.amendment_fixtures import user

    Composition.objects.create(
        committee=committee, effective_from=timezone.now(), government=75, employers=39,
        workers=60, created_by=user("secretariat"),
    )  # fmt: skip
    docx_body = "\n".join(
        p.text for p in docx.Document(io.BytesIO(record_docx(committee, "en"))).paragraphs
    )
    html = record_html(committee, "en")
    html = html if isinstance(html, str) else html.decode()
    for body in (docx_body, html):
        assert "Composition of the committee" in body
        assert "52 votes" in body and "100 votes" in body and "65 votes" in body
    french = "\n".join(
        p.text for p in docx.Document(io.BytesIO(record_docx(committee, "fr"))).paragraphs
    )
    assert "Composition de la commission" in french and "52" in french
