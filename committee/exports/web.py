"""The compilation as a standalone printable HTML page, and as PDF typeset from it.

Every piece of text is escaped (the template escapes; diffs go through drafting's `ops_html`),
changes are `<del>` / `<ins>`, and the print stylesheet (static/css/print.css) is embedded so
the file stands alone once downloaded. The PDF is WeasyPrint on the same HTML: the symbol and
the title run in the page header, "Page n of N" in the footer.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from committee.exports import CompilationDocument, Item, Place
from drafting.exports.document import format_moment
from drafting.exports.html import ops_html, page_number_css, print_css


def _item(item: Item) -> dict:
    return {
        "item": item,
        "diff": ops_html(item.ops),
        "subamendments": [(sub, ops_html(sub.ops)) for sub in item.subamendments],
    }


def _place(place: Place) -> dict:
    return {
        "place": place,
        "clusters": [{"cluster": c, "items": [_item(i) for i in c.items]} for c in place.clusters],
        "singles": [_item(i) for i in place.singles],
    }


def render_html(document: CompilationDocument, *, for_pdf: bool = False) -> str:
    with translation.override(document.language):
        context = {
            "document": document,
            "places": [_place(p) for p in document.places],
            "date": format_moment(document.generated, document.language),
            "css": mark_safe(print_css()),  # noqa: S308 - our own static file
            "page_css": page_number_css(),
            "for_pdf": for_pdf,
        }
        return render_to_string("committee/export/compilation.html", context)


def render_pdf(document: CompilationDocument) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only PDF needs

    return HTML(string=render_html(document, for_pdf=True)).write_pdf()
