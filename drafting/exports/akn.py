"""Akoma Ntoso 3.0 (OASIS LegalDocML) export of the text.

A draft with sections (a resolution, then conclusions) becomes a `documentCollection` whose
components are a `statement name="resolution"` (its preambular paragraphs in `preamble`) and a
`doc name="conclusions"`; a draft without sections is one `doc name="conclusions"`. Parts are
`part` (num, heading), paragraphs `paragraph`, and a paragraph's clauses a `list` whose `intro`
is the chapeau and whose items are `point`s (sub-clauses nest the same way). Every eId comes from
the unit's stable identity (`para_<id>`, `point_<id>`, `part_<id>`, `prmbl_<id>`), so it does not
change when the text is renumbered. Changes are shown with the inline `ins` and `del` elements.

`AknBuilder` is reusable (metadata, the text of one unit, a hierarchy of blocks) for other
documents such as a compilation of amendments.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from lxml import etree

from drafting.exports.document import Block, Document, Ops
from drafting.inputs import xml_text
from drafting.models import Paragraph

Kind = Paragraph.Kind
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
COUNTRY = "un"  # the FRBR "country" of the ILO's documents: the UN system
LANGUAGES3 = {"en": "eng", "fr": "fra", "es": "spa"}
ORGANIZATION = ("ilo", "/ontology/organization/un/ilo", "International Labour Organization")


def el(tag: str, parent=None, text: str | None = None, **attrs):
    attrs = {k.rstrip("_"): xml_text(str(v)) for k, v in attrs.items() if v is not None}
    node = (
        etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        if parent is not None
        else etree.Element(f"{{{NS}}}{tag}", attrs, nsmap={None: NS})
    )
    if text:
        node.text = xml_text(text)
    return node


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "draft"


class AknBuilder:
    def __init__(self, *, language: str = "en", date: dt.date | None = None) -> None:
        self.language = language
        self.lang3 = LANGUAGES3.get(language, "eng")
        self.date = (date or timezone.localdate()).isoformat()
        self.today = timezone.localdate().isoformat()

    # --- inline text ------------------------------------------------------------------------

    @staticmethod
    def add_ops(parent, ops: Ops) -> None:
        """Diff operations as mixed content: plain text, <del> and <ins>."""
        last = None
        for op, text in ops:
            if not text:
                continue
            if op == 0:
                if last is None:
                    parent.text = (parent.text or "") + xml_text(text)
                else:
                    last.tail = (last.tail or "") + xml_text(text)
                continue
            last = el("del" if op < 0 else "ins", parent, text)

    def p(self, parent, ops: Ops, **attrs):
        node = el("p", parent, **attrs)
        self.add_ops(node, ops)
        return node

    def block_p(self, parent, block: Block, **attrs):
        """A block's words; a note on its translation goes in an authorialNote, not the text."""
        node = self.p(parent, block.ops, **attrs)
        if block.note:
            note = el("authorialNote", node, marker="*", placement="side",
                      class_="translationNote")  # fmt: skip
            el("p", note, block.note)
        return node

    def num(self, parent, block: Block) -> None:
        if block.number:
            self.add_ops(el("num", parent), [(block.number_op, block.number)])

    # --- metadata ---------------------------------------------------------------------------

    def meta(self, parent, *, work: str, component: str, references=()) -> None:
        meta = el("meta", parent)
        ident = el("identification", meta, source="#draftroom")
        expression = f"{work}/{self.lang3}@{self.date}"
        for tag, this, uri, date, extra in (
            ("FRBRWork", f"{work}/!{component}", work, self.date, None),
            ("FRBRExpression", f"{expression}/!{component}", expression, self.date, "lang"),
            ("FRBRManifestation", f"{expression}/!{component}.xml", f"{expression}.akn",
             self.today, None),
        ):  # fmt: skip
            frbr = el(tag, ident)
            el("FRBRthis", frbr, value=this)
            el("FRBRuri", frbr, value=uri)
            el("FRBRdate", frbr, date=date, name="generation" if tag[4] == "M" else "draft")
            el("FRBRauthor", frbr, href="#draftroom" if tag[4] == "M" else "#ilo")
            if tag == "FRBRWork":
                el("FRBRcountry", frbr, value=COUNTRY)
            if extra:
                el("FRBRlanguage", frbr, language=self.lang3)
        if references:
            refs = el("references", meta, source="#draftroom")
            for eid, href, show in references:
                el("TLCOrganization", refs, eId=eid, href=href, showAs=show)

    # --- hierarchy --------------------------------------------------------------------------

    def unit(self, parent, block: Block) -> None:
        """One block and its children as Akoma Ntoso hierarchy."""
        kind = block.kind
        if kind == Kind.PART:
            node = el("part", parent, eId=f"part_{block.pk}")
            self.num(node, block)
            self.add_ops(el("heading", node), block.ops)
            for child in block.children:
                self.unit(node, child)
            return
        if kind == Kind.PREAMBLE or kind == Kind.SECTION:
            node = el("hcontainer", parent, eId=f"prmbl_{block.pk}", name=kind)
            self.block_p(el("content", node), block)
            for child in block.children:
                self.unit(parent, child)
            return
        tag = "paragraph" if kind == Kind.PARAGRAPH else "point"
        node = el(tag, parent, eId=f"{'para' if tag == 'paragraph' else 'point'}_{block.pk}")
        self.num(node, block)
        if not block.children:
            self.block_p(el("content", node), block)
            return
        items = el("list", node, eId=f"list_{block.pk}")
        if block.ops:
            self.block_p(el("intro", items), block)
        for child in block.children:
            self.unit(items, child)

    def body(self, document_node, blocks: list[Block]) -> None:
        """preamble (preambular paragraphs before the first other unit), then mainBody."""
        index = 0
        while index < len(blocks) and blocks[index].kind == Kind.PREAMBLE:
            index += 1
        if index:
            preamble = el("preamble", document_node)
            for block in blocks[:index]:
                self.block_p(preamble, block, eId=f"prmbl_{block.pk}")
        main = el("mainBody", document_node)
        for block in blocks[index:]:
            self.unit(main, block)
        if not len(main):
            el("p", main)

    @staticmethod
    def preface(parent, *, title: str, symbol: str = "", session: str = "") -> None:
        preface = el("preface", parent)
        if symbol:
            el("docNumber", el("p", preface, class_="symbol"), symbol)
        if session:
            el("session", el("p", preface, class_="session"), session, value=session)
        el("docTitle", el("p", preface, class_="title"), title)

    @staticmethod
    def serialize(root) -> bytes:
        # No pretty printing: it would add white space inside mixed content (num, p).
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _section_name(block: Block) -> str:
    first = (block.display_text.split() or ["section"])[0]
    return re.sub(r"[^a-z]", "", first.lower()) or "section"


def render_akn(document: Document) -> bytes:
    with translation.override(document.language):
        builder = AknBuilder(language=document.language, date=document.date)
        name = "conclusions"
        work = f"/akn/{COUNTRY}/doc/{name}/{builder.date}/{slug(document.symbol or document.title)}"
        references = [
            ORGANIZATION[:2] + (_("International Labour Organization"),),
            ("draftroom", "/ontology/organization/un/ilo.draftroom", "Draftroom"),
        ]
        if document.committee:
            references.append(
                ("committee", f"/ontology/organization/un/ilo.{slug(document.committee)}",
                 document.committee)
            )  # fmt: skip
        root = el("akomaNtoso")
        sections = [b for b in document.blocks if b.kind == Kind.SECTION]
        if not sections:
            doc = el("doc", root, name=name)
            builder.meta(doc, work=work, component="main", references=references)
            builder.preface(
                doc, title=document.title, symbol=document.symbol, session=document.session
            )
            builder.body(doc, document.blocks)
            return builder.serialize(root)

        collection = el("documentCollection", root, name="resolutionAndConclusions")
        builder.meta(collection, work=work, component="main", references=references)
        builder.preface(
            collection, title=document.title, symbol=document.symbol, session=document.session
        )
        body = el("collectionBody", collection)
        loose = [b for b in document.blocks if b.kind != Kind.SECTION]
        for number, section in enumerate(sections, start=1):
            component = el("component", body, eId=f"cmp_{number}")
            section_name = _section_name(section)
            has_preamble = any(c.kind == Kind.PREAMBLE for c in section.children)
            tag = "statement" if has_preamble else "doc"
            sub = el(tag, component, name=section_name)
            builder.meta(sub, work=work, component=f"{section_name}_{number}")
            preface = el("preface", sub)
            builder.add_ops(el("docTitle", el("p", preface, class_="title")), section.ops)
            children = section.children + (loose if number == len(sections) else [])
            builder.body(sub, children)
        return builder.serialize(root)
