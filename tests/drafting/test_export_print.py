"""Print quality: PDF lines and the HTML export's page numbers when printed from a browser."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from drafting.demo_translations import seed_demo_translations
from drafting.exports import build_document, render

pytestmark = pytest.mark.django_db

NUMBER_ALONE = re.compile(r"\s*(\d+\.|\([a-z]+\)|[IVX]+\.)\s*")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_paragraph_number_is_left_alone_on_its_line(demo_draft, secretariat, language):
    seed_demo_translations(demo_draft, secretariat)
    content = render(build_document(demo_draft, language=language), "pdf").content
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    lonely = [line for line in text.splitlines() if NUMBER_ALONE.fullmatch(line)]
    assert lonely == []
    assert re.search(r"^\s*1\.\s*\S", text, re.M)  # numbers still there, beside their text
