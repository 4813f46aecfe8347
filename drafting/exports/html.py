"""HTML export: a standalone, printable page (no application chrome), also the source of the PDF.

Every piece of text is escaped; deletions are `<del>`, insertions `<ins>`. The print stylesheet
(static/css/print.css) is embedded so the file stands alone once downloaded (a downloaded file
is not served by the application, so the site's Content Security Policy does not apply to it).
"""

from __future__ import annotations

import html
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


def lines(document: Document) -> list[Line]:
    out = []
    for block in document.walk():
        number = ops_html([(block.number_op, block.number)]) if block.number else mark_safe("")
        out.append(Line(block, number, ops_html(block.ops)))
    return out


def render_html(document: Document, *, for_pdf: bool = False) -> str:
    with translation.override(document.language):
        page_label = html.escape(_("Page %(page)s of %(pages)s"), quote=False) % {
            "page": '<span class="page-number"></span>',
            "pages": '<span class="page-count"></span>',
        }
        context = {
            "document": document,
            "lines": lines(document),
            "date": format_moment(document.date, document.language) if document.date else "",
            "css": mark_safe(print_css()),  # noqa: S308 - our own static file
            "page_label": mark_safe(page_label),  # noqa: S308 - escaped above
            "for_pdf": for_pdf,
        }
        return render_to_string("drafting/export/text.html", context)
