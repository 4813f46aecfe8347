"""The Word exports look like the Conference's documents, not python-docx's template."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from drafting import services
from drafting.exports import build_document, render, resolve_rows

pytestmark = pytest.mark.django_db


def _document(draft):
    return docx.Document(io.BytesIO(render(build_document(draft), "docx").content))


def test_headings_are_black_in_the_body_font_without_theme_colours(small_draft):
    styles = _document(small_draft).styles
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        rpr = styles[name].element.rPr
        color = rpr.find(qn("w:color"))
        assert color is not None and color.get(qn("w:val")) == "000000", name
        assert color.get(qn("w:themeColor")) is None, name
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:ascii")) == (
            "Times New Roman"
        ), name


def test_the_header_title_stays_within_the_margins(small_draft):
    section = _document(small_draft).sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    header = section.header.paragraphs[0]
    assert header.text.count("\t") == 1
    stops = [
        s.position
        for s in header.paragraph_format.tab_stops
        if s.alignment != docx.enum.text.WD_TAB_ALIGNMENT.CLEAR
    ]
    assert stops and max(stops) <= width


def test_the_document_properties_are_the_texts_own(small_draft):
    small_draft.date = __import__("datetime").date(2017, 6, 16)
    small_draft.save()
    core = _document(small_draft).core_properties
    assert core.title.startswith(small_draft.symbol)
    assert "python-docx" not in (core.comments or "")
    assert core.created.date().isoformat() == "2017-06-16"


def test_accept_all_leaves_no_number_of_a_deleted_last_paragraph(small_draft, secretariat):
    from django.utils import timezone

    moment = timezone.now().isoformat()
    last = small_draft.paragraphs.filter(kind="paragraph").order_by("-position", "-pk").first()
    small_draft.refresh_from_db()
    services.delete_unit(
        small_draft, last.pk, base_version=small_draft.version, user=secretariat, reason="x"
    )
    old_rows, _label = resolve_rows(small_draft, moment)
    content = render(build_document(small_draft, compare_to_rows=old_rows), "docx").content
    body = docx.Document(io.BytesIO(content)).element.body
    paragraphs = body.findall(qn("w:p"))
    last_mark = paragraphs[-1].find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}")
    assert last_mark is None  # the body's last paragraph is never one Word must delete
