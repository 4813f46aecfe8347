"""HTML export: a standalone, printable page (no application chrome), also the source of the PDF.

Every piece of text is escaped; deletions are `<del>`, insertions `<ins>`. The print stylesheet
(static/css/print.css) is embedded so the file stands alone once downloaded (a downloaded file
is not served by the application, so the site's Content Security Policy does not apply to it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from drafting.exports.document import Block, Document, Ops, format_moment
from drafting.models import Paragraph

Kind = Paragraph.Kind
TAGS = {-1: "del", 1: "ins"}


def ops_html(ops: Ops) -> SafeString:
    """Diff operations as escaped HTML with <del> and <ins>."""
    out = []
    for op, text in ops:
        escaped = html.escape(text, quote=False)
        out.append(f"<{TAGS[op]}>{escaped}</{TAGS[op]}>" if op in TAGS else escaped)
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


@dataclass
class Line:
    block: Block
    number: SafeString
    text: SafeString

    @property
    def css_class(self) -> str:
        classes = [f"unit unit-{self.block.kind}"]
        if self.block.status not in ("", "unchanged"):
            classes.append(f"unit-{self.block.status}")
        if self.block.children and self.block.kind != Kind.SECTION:
            classes.append("has-children")
        return " ".join(classes)


@cache
def print_css() -> str:
    path = finders.find("css/print.css")
    if not path:  # pragma: no cover - a broken installation
        return ""
    with open(path, encoding="utf-8") as f:
        return f.read()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_number_css() -> SafeString:
    """ "Page n of N" at the foot of every printed page, in the active language.

    In a page margin box, where both WeasyPrint (the PDF) and the browsers that print the HTML
    export count pages; a counter in the page body reads "Page 0 of 0" in a browser."""
    label = _("Page %(page)s of %(pages)s")
    parts = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", label):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    css = (
        "@page { @bottom-center { content: " + " ".join(parts) + "; "
        'font: 9pt "DejaVu Serif", "Times New Roman", serif; } }'
    )
    return mark_safe(css)  # noqa: S308 - every piece of text quoted as a CSS string above


def lines(document: Document) -> list[Line]:
    out = []
    for block in document.walk():
        number = ops_html([(block.number_op, block.number)]) if block.number else mark_safe("")
        out.append(Line(block, number, ops_html(block.ops)))
    return out


def render_html(document: Document, *, for_pdf: bool = False) -> str:
    with translation.override(document.language):
        context = {
            "document": document,
            "lines": lines(document),
            "date": format_moment(document.date, document.language) if document.date else "",
            "css": mark_safe(print_css()),  # noqa: S308 - our own static file
            "page_css": page_number_css(),
            "for_pdf": for_pdf,
        }
        return render_to_string("drafting/export/text.html", context)
