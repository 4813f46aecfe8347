"""Word (.docx) export: real Word styles, real list numbering and real tracked changes.

`DocxBuilder` is the reusable part: styles ("Paragraph", "Clause", "Sub-clause", "Preamble",
headings), a three-level list definition (1. / (a) / (i)) with a fresh numbering instance per
section, and paragraphs from diff operations whose insertions and deletions are Word revisions
(`w:ins` / `w:del` with author, date and unique ids) that Word and LibreOffice accept or reject
one by one. `tracked_paragraph(old, new)` is the short way to add a paragraph showing changes;
a compilation of amendments can drive the same builder.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph as DocxParagraph

from drafting.exports.document import Block, Document, Ops
from drafting.inputs import xml_text
from drafting.models import Paragraph
from drafting.textdiff import word_diff

Kind = Paragraph.Kind

INDENT = 720  # twips: half an inch per level
LEVEL_FORMATS = [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
UNIT_STYLES = {
    Kind.PREAMBLE: "Preamble",
    Kind.PARAGRAPH: "Paragraph",
    Kind.CLAUSE: "Clause",
    Kind.SUBCLAUSE: "Sub-clause",
}
WORD_LANGUAGES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}
# Word's document properties (title, subject, author) hold at most 255 characters.
CORE_PROPERTY_LIMIT = 255


class SafeParagraph(DocxParagraph):
    """A paragraph whose runs drop what XML cannot hold: stored text never fails an export."""

    def add_run(self, text=None, style=None):
        return super().add_run(xml_text(text) if text is not None else None, style)


def _stamp(when: dt.datetime) -> str:
    """A revision's w:date: UTC, to the second."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class DocxBuilder:
    def __init__(
        self,
        *,
        author: str = "Committee",
        date: dt.datetime | None = None,
        language: str = "en",
    ) -> None:
        self.document = docx.Document()
        self.author = author
        self.comment_author = "Draftroom"
        self.default_date = self.date = _stamp(date or dt.datetime.now(dt.UTC))
        self.language = language
        self._revision_ids = itertools.count(1)
        # New paragraphs go before the body's final sectPr, kept here: python-docx's
        # add_paragraph finds it by scanning the whole body on every call (quadratic).
        body = self.document.element.body
        self._sect_pr = body.get_or_add_sectPr()
        self._empty_paragraphs: dict[str | None, object] = {}  # style name -> <w:p> to copy
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)  # A4, as the ILO prints
        section.left_margin = section.right_margin = Mm(25)
        self._setup_styles()
        self._abstract_num_id = self._define_list()

    def set_date(self, when: dt.datetime | None) -> None:
        """The date of the revisions that follow (None: the builder's own date)."""
        self.date = _stamp(when) if when else self.default_date

    # --- setup ------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.widow_control = True
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), WORD_LANGUAGES.get(self.language, "en-GB"))
        rpr.append(lang)
        # A sober look: the body font everywhere, black, none of the default template's theme
        # colours, theme fonts or the Title's rule.
        for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
            style = styles[name]
            style.paragraph_format.keep_with_next = True
            style.font.name = "Times New Roman"
            style.font.color.rgb = RGBColor(0, 0, 0)
            style_rpr = style.element.get_or_add_rPr()
            fonts = style_rpr.find(qn("w:rFonts"))
            if fonts is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(attr), None)
                fonts.set(qn("w:eastAsia"), "Times New Roman")
                fonts.set(qn("w:cs"), "Times New Roman")
            color = style_rpr.find(qn("w:color"))
            if color is not None:
                for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    color.attrib.pop(qn(attr), None)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
        styles["Title"].font.size = Pt(16)
        styles["Title"].font.bold = True
        styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styles["Subtitle"].font.size = Pt(12)
        styles["Subtitle"].font.italic = False
        styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styles["Heading 1"].font.size = Pt(14)
        styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styles["Heading 2"].font.size = Pt(12)
        styles["Heading 3"].font.size = Pt(12)
        styles["Heading 3"].font.italic = True
        for level, name in enumerate(["Paragraph", "Clause", "Sub-clause"]):
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.paragraph_format.left_indent = Twips(INDENT * (level + 1))
            style.paragraph_format.first_line_indent = Twips(-INDENT)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        preamble = styles.add_style("Preamble", WD_STYLE_TYPE.PARAGRAPH)
        preamble.base_style = normal
        preamble.paragraph_format.first_line_indent = Twips(INDENT)
        preamble.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        symbol = styles.add_style("Document symbol", WD_STYLE_TYPE.PARAGRAPH)
        symbol.base_style = normal
        symbol.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        symbol.font.bold = True

    def _define_list(self) -> int:
        """One abstract list: 1. / (a) / (i), each level a hanging indent."""
        numbering = self.document.part.numbering_part.element
        used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(used, default=0) + 1
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (i + 1)}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(LEVEL_FORMATS)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        return abstract_id

    def new_numbering(self) -> int:
        """A numbering instance that starts again at 1 (one per section of the text)."""
        numbering = self.document.part.numbering_part.element
        num = numbering.add_num(self._abstract_num_id)
        override = parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
        num.append(override)
        return num.numId

    def header_footer(self, left: str, right: str, page_label: str) -> None:
        """Running header (e.g. symbol and title) and a "Page n of N" footer with fields.

        `page_label` contains "{page}" and "{pages}" where the fields go.
        """
        section = self.document.sections[0]
        header = section.header.paragraphs[0]
        # One right-aligned tab stop at the right margin, and the Header style's own stops
        # (set for US Letter, beyond the margin of an A4 page) cleared, so the title never
        # wraps to a second line.
        width = section.page_width - section.left_margin - section.right_margin
        stops = header.paragraph_format.tab_stops
        for position in (Twips(4680), Twips(9360)):
            stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        header.text = xml_text(f"{left}\t{right}" if right else left)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rest = page_label
        while rest:
            head, brace, tail = rest.partition("{")
            if head:
                footer.add_run(head)
            if not brace:
                break
            name, _close, rest = tail.partition("}")
            if name in ("page", "pages"):
                self._field(footer, "PAGE" if name == "page" else "NUMPAGES")
            else:
                footer.add_run("{" + name + "}")

    @staticmethod
    def _field(paragraph, instruction: str) -> None:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), f" {instruction} ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    # --- content ----------------------------------------------------------------------------

    def new_paragraph(self, style: str | None = None) -> DocxParagraph:
        """An empty paragraph at the end of the body, in the paragraph style named `style`.

        Same result as python-docx's `document.add_paragraph(style=style)`, in constant time:
        the style is resolved once per name (python-docx scans every style on each call), and
        the paragraph is inserted before the sectPr kept at construction (python-docx scans
        every paragraph of the body for it on each call).
        """
        empty = self._empty_paragraphs.get(style)
        if empty is None:
            empty = OxmlElement("w:p")
            style_id = (
                self.document.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH) if style else None
            )
            if style_id is not None:
                empty.get_or_add_pPr().style = style_id
            self._empty_paragraphs[style] = empty
        p = copy.deepcopy(empty)
        self._sect_pr.addprevious(p)
        return SafeParagraph(p, self.document._body)

    def text(self, text: str, style: str = "Normal"):
        paragraph = self.new_paragraph(style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def page_break(self) -> None:
        self.new_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _revision(self, tag: str):
        mark = OxmlElement(tag)
        mark.set(qn("w:id"), str(next(self._revision_ids)))
        mark.set(qn("w:author"), xml_text(self.author)[:CORE_PROPERTY_LIMIT])
        mark.set(qn("w:date"), self.date)
        return mark

    def _run(self, text: str, deleted: bool = False):
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = xml_text(text)
        run.append(t)
        return run

    def add_ops(self, paragraph, ops: Ops) -> None:
        """Append diff operations to a paragraph: equal text plain, the rest as revisions."""
        for op, text in ops:
            if not text:
                continue
            if op == 0:
                paragraph._p.append(self._run(text))
                continue
            mark = self._revision("w:ins" if op > 0 else "w:del")
            mark.append(self._run(text, deleted=op < 0))
            paragraph._p.append(mark)

    def paragraph(
        self,
        ops: Ops,
        *,
        style: str = "Paragraph",
        num_id: int | None = None,
        level: int | None = None,
        label: str = "",
        mark: int = 0,
    ):
        """A paragraph from diff operations.

        `num_id`/`level`: Word list numbering. `label`: a number written as text instead
        (with a tab), e.g. for part headings. `mark`: 1 if the whole paragraph is inserted,
        -1 if deleted (its paragraph mark is then a revision too, so accepting removes it).
        """
        para = self.new_paragraph(style)
        ppr = para._p.get_or_add_pPr()
        if num_id is not None and level is not None:
            num_pr = ppr.get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num_id
        if label:
            self.add_ops(para, [(mark, label + "\t")])
        self.add_ops(para, ops)
        if mark:
            rpr = OxmlElement("w:rPr")
            rpr.append(self._revision("w:ins" if mark > 0 else "w:del"))
            ppr.append(rpr)
        return para

    def comment(self, paragraph, text: str) -> None:
        """A Word comment on the paragraph: seen in the margin, never part of the text, so
        "Accept all" and "Reject all" leave it out of both texts."""
        run = paragraph.add_run()
        self.document.add_comment(run, text=text, author=self.comment_author, initials="DR")

    def tracked_paragraph(self, old: str, new: str, **kwargs):
        """A paragraph showing the changes from `old` to `new` as Word revisions."""
        return self.paragraph(word_diff(old, new), **kwargs)

    def properties(
        self,
        *,
        title: str,
        subject: str = "",
        author: str = "",
        when: dt.datetime | None = None,
        language: str | None = None,
    ) -> None:
        """The document's own properties: its title, the committee, the date of the text
        (not python-docx's template, created in 2013 and "generated by python-docx"), cut to
        what Word allows (the text itself is whole)."""
        core = self.document.core_properties
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        core.title = xml_text(title)[:CORE_PROPERTY_LIMIT]
        core.subject = xml_text(subject)[:CORE_PROPERTY_LIMIT]
        core.author = xml_text(author)[:CORE_PROPERTY_LIMIT]
        core.last_modified_by = core.author
        core.comments = ""
        core.keywords = ""
        core.category = ""
        core.language = language or self.language
        core.revision = 1
        core.created = (when or now).replace(tzinfo=None) if when else now.replace(tzinfo=None)
        core.modified = now.replace(tzinfo=None)

    def to_bytes(self) -> bytes:
        # Word keeps the body's last paragraph mark, so a deleted unit left last would survive
        # "Accept all" as a bare number ("30."): an empty paragraph then closes the body.
        last = self._sect_pr.getprevious()
        if last is not None and last.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None:
            self.new_paragraph()
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def render_docx(document: Document) -> bytes:
    with translation.override(document.language):
        when = (
            dt.datetime.combine(document.date, dt.time(12), tzinfo=dt.UTC)
            if document.date
            else None
        )
        builder = DocxBuilder(author=document.author, date=when, language=document.language)
        builder.properties(
            title=f"{document.symbol} {document.title}".strip(),
            subject=document.committee or document.heading,
            author=document.committee or document.author,
            when=when,
            language=document.language,
        )
        builder.header_footer(
            document.symbol,
            document.title,
            _("Page %(page)s of %(pages)s") % {"page": "{page}", "pages": "{pages}"},
        )
        if document.symbol:
            builder.text(document.symbol, "Document symbol")
        if document.session:
            builder.text(document.session, "Subtitle")
        builder.text(document.title, "Title")
        builder.text(document.heading, "Subtitle")
        if document.date:
            from drafting.exports.document import format_moment

            builder.text(format_moment(document.date, document.language))

        num_id = builder.new_numbering()

        def emit(block: Block) -> None:
            nonlocal num_id
            if block.kind == Kind.SECTION:
                num_id = builder.new_numbering()
                para = builder.paragraph(block.ops, style="Heading 1", mark=block.number_op)
            elif block.kind == Kind.PART:
                para = builder.paragraph(
                    block.ops, style="Heading 2", label=block.number, mark=block.number_op
                )
            elif block.kind in (Kind.PARAGRAPH, Kind.CLAUSE, Kind.SUBCLAUSE):
                para = builder.paragraph(
                    block.ops,
                    style=UNIT_STYLES[block.kind],
                    num_id=num_id,
                    level=block.level,
                    mark=block.number_op,
                )
            else:
                para = builder.paragraph(
                    block.ops, style=UNIT_STYLES.get(block.kind, "Normal"), mark=block.number_op
                )
            if block.note:
                builder.comment(para, block.note)
            for child in block.children:
                emit(child)

        for block in document.blocks:
            emit(block)
        return builder.to_bytes()
