"""Exports cannot fail on stored text: what XML cannot hold is dropped when writing.

The rows here are written straight to the database, bypassing every form and service, as text
stored before the input policy (or by other means) would be."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse
from lxml import etree

from committee.models import Amendment, AmendmentChange, Stage, Subamendment
from drafting.models import Draft, Paragraph
from tests.committee.amendment_fixtures import make_draft, table
from tests.committee.floor_fixtures import decide, to_stage

pytestmark = pytest.mark.django_db
BAD = "Word's line\x0bbreak, a page\x0cbreak, a bell\x07 and a NUL-less escape\x1b."
SLUG = "labour-migration"


@pytest.fixture
def stored(committee):
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    d1 = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    d2 = table(committee, "employers", text["p3"], "The Office should support them.")
    decide(committee, d2, "rejected")
    # As if pasted before the policy: straight into the rows.
    AmendmentChange.objects.filter(amendment=d1).update(proposed_text=BAD)
    Amendment.objects.filter(pk=d1.pk).update(explanatory_note=BAD, submitters="Worker\x0bmembers")
    Subamendment.objects.create(
        change=d1.changes.get(),
        origin=Subamendment.Origin.ORAL,
        submitters="Employer\x0cmembers",
        proposed_text=BAD,
        created_by=d1.created_by,
    )
    Paragraph.objects.filter(pk=text["p1"].pk).update(text="A paragraph\x0bwith a break.")
    Draft.objects.filter(pk=text["draft"].pk).update(title="Conclusions\x0b" + "x" * 400)
    return text


def _docx_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


@pytest.mark.parametrize("fmt", ["docx", "akn", "html", "pdf"])
def test_the_compilation_exports_whatever_the_stored_text(login, stored, fmt):
    response = login("secretariat").get(
        reverse("committee:compilation_export", args=[SLUG]) + f"?format={fmt}"
    )
    assert response.status_code == 200
    if fmt == "docx":
        xml = _docx_xml(response.content)
        assert "\x0b" not in xml and "\x07" not in xml
        assert "Word's line" in xml and "break, a page" in xml
    if fmt == "akn":
        root = etree.fromstring(response.content)
        assert "Word's line" in "".join(root.itertext())


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_the_record_exports_whatever_the_stored_text(login, stored, fmt):
    response = login("clerk").get(
        reverse("committee:record_export", args=[SLUG]) + f"?format={fmt}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("fmt", ["docx", "akn", "html", "pdf"])
def test_the_text_exports_with_a_title_of_500_characters(login, stored, fmt):
    draft = stored["draft"]
    Draft.objects.filter(pk=draft.pk).update(title="T" * 500)
    response = login("secretariat").get(f"/drafts/{draft.pk}/export/?format={fmt}&document=text")
    assert response.status_code == 200
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            core = archive.read("docProps/core.xml").decode()
        title = re.search(r"<dc:title>(.*?)</dc:title>", core).group(1)
        assert len(title) == 255 and title.endswith("T" * 200)
        assert "T" * 500 in _docx_xml(response.content)  # the document itself has it whole


@pytest.mark.parametrize("fmt", ["docx", "akn"])
def test_the_text_exports_with_control_characters_stored(login, stored, fmt):
    draft = stored["draft"]
    response = login("secretariat").get(f"/drafts/{draft.pk}/export/?format={fmt}&document=text")
    assert response.status_code == 200
