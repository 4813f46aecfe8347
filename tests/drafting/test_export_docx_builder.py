"""DocxBuilder adds paragraphs in constant time and with the same XML as python-docx."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from drafting.exports.docx import DocxBuilder


def test_paragraphs_go_in_order_before_the_section_properties_with_their_styles():
    builder = DocxBuilder()
    builder.text("first", "Paragraph")
    builder.text("second")
    builder.tracked_paragraph("old words", "new words", style="Clause")
    builder.page_break()
    body = docx.Document(io.BytesIO(builder.to_bytes())).element.body
    children = list(body)
    assert children[-1].tag == qn("w:sectPr")
    paragraphs = [c for c in children if c.tag == qn("w:p")]
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    assert texts[:3] == ["first", "second", "new words"]
    styles = [p.pPr.style if p.pPr is not None else None for p in paragraphs]
    assert styles[:3] == [
        builder.document.styles["Paragraph"].style_id,
        None,  # the default style is not written, as python-docx does
        builder.document.styles["Clause"].style_id,
    ]


def test_each_paragraph_is_its_own_element():
    builder = DocxBuilder()
    one = builder.text("one", "Paragraph")
    two = builder.text("two", "Paragraph")
    one.add_run(" more")
    assert one.text == "one more"
    assert two.text == "two"
