"""The HTML export printed from the browser: real page numbers in the page footer."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from drafting.exports import build_document, render

pytestmark = pytest.mark.django_db


def test_printing_the_html_export_numbers_the_pages(browser, committee):
    from django.contrib.auth import get_user_model

    from drafting.demo import create_demo_draft

    draft = create_demo_draft(get_user_model().objects.get(username="secretariat"))
    html = render(build_document(draft, language="en"), "html").content.decode()
    page = browser.new_page()
    try:
        page.set_content(html)
        pdf = page.pdf(format="A4", display_header_footer=False)
    finally:
        page.close()
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    assert "Page 0 of 0" not in " ".join(pages)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of {len(pages)}", text), text[-200:]
