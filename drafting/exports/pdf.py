"""PDF export: the HTML export typeset by WeasyPrint with the print stylesheet.

Needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0) and a font
(fonts-dejavu-core). The stylesheet puts the document symbol and title in the page header and
"Page n of N" in the footer, keeps headings with what follows and sets widows and orphans to 2.
"""

from __future__ import annotations

from drafting.exports.document import Document
from drafting.exports.html import render_html


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only PDF needs

    html = render_html(document, for_pdf=True)
    # The title and language come from the page's <title> and <html lang>.
    return HTML(string=html).write_pdf()
