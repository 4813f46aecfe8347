"""A Word document that would unpack to far more than a draft is refused before it is read."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from drafting import importer
from drafting.importer import docx_to_text


def _real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("1. Migration should be safe and orderly.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_extra(entries: dict[str, bytes], *, replace_body: bytes | None = None) -> bytes:
    """A real .docx with more entries (or a padded body), deflated as Word would."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_real_docx())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml" and replace_body is not None:
                data = replace_body
            target.writestr(item.filename, data)
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    """Like the file of the report: a body padded with 60 MB of white space inside the XML."""
    body = zipfile.ZipFile(io.BytesIO(_real_docx())).read("word/document.xml")
    padded = body.replace(b"<w:body>", b"<w:body>" + b" " * (60 * 1024 * 1024), 1)
    return _with_extra({}, replace_body=padded)


def test_a_docx_that_unpacks_to_60_mb_is_refused_with_a_message():
    data = _bomb()
    assert len(data) < 400 * 1024  # small on the wire
    with pytest.raises(ValueError, match="too large once unpacked"):
        docx_to_text(data)


def test_a_docx_compressed_to_an_unusual_degree_is_refused():
    data = _with_extra({"word/media/padding.bin": b"\0" * (5 * 1024 * 1024)})
    with pytest.raises(ValueError, match="compressed to an unusual degree"):
        docx_to_text(data)


def test_a_docx_with_too_many_parts_is_refused():
    extra = {f"extra/part{n}.xml": b"<a/>" for n in range(importer.MAX_DOCX_ENTRIES)}
    with pytest.raises(ValueError, match="too many parts"):
        docx_to_text(_with_extra(extra))


def test_an_ordinary_docx_is_still_read():
    assert "Migration should be safe" in docx_to_text(_real_docx())


@pytest.mark.django_db
def test_the_import_page_shows_the_message_and_saves_nothing(small_draft, login):
    client = login("secretariat")
    before = small_draft.paragraphs.count()
    upload = SimpleUploadedFile("bomb.docx", _bomb())
    response = client.post(
        f"/drafts/{small_draft.pk}/import/",
        {"file": upload, "action": "preview", "draft_version": small_draft.version},
    )
    assert response.status_code == 400
    assert "too large once unpacked" in response.content.decode()
    assert small_draft.paragraphs.count() == before
