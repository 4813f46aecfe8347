"""Every document in French and in Spanish: no English word of the interface left in it.

The demo goes to the committee stage and decisions are recorded; then the text (as it stands
and showing changes since the drafting group), the compilation and the record of decisions are
rendered in every format they have, read back as plain text, and searched for the English
words that used to leak into them: references, Group names, insertion headings, statuses,
notes. Words the demo's legal text may hold in English (an amendment not yet translated is
shown in the working language) are not on the list.
"""

from __future__ import annotations

import io
import re

import docx
import pypdf
import pytest
from django.contrib.auth import get_user_model
from lxml import etree

from committee import floor
from committee.demo_amendments import seed_demo_amendments
from committee.exports import build_compilation, render
from committee.exports import record as record_exports
from committee.models import Amendment, Stage
from drafting.demo import create_demo_draft
from drafting.demo_translations import seed_demo_translations
from drafting.exports import build_document, export_meta, resolve_rows
from drafting.exports import render as render_text
from tests.committee.amendment_fixtures import access, user
from tests.committee.floor_fixtures import to_stage

pytestmark = pytest.mark.django_db

LEAKS = [
    r"\bParagraph \d",
    r"\bchapeau of\b",
    r"\bnew clause\b",
    r"\bnew paragraph\b",
    r"\bnew sub-clause\b",
    r"\bEmployer members\b",
    r"\bWorker members\b",
    r"\bGovernment members?\b",
    r"\bResolution, ",
    r"\bpreambular paragraph\b",
    r"\bwas adopted\b",
    r"\bAdopted\b",
    r"\bRejected\b",
    r"\bWithdrawn\b",
    r"\bNot seconded\b",
    r"\b[Tt]abled\b",
    r"\bAmendment D\.",
    r"\bEditorial correction\b",
    r"\bEnglish text\b",
    r"\bCompilation of amendments\b",
    r"\bRecord of decisions\b",
    r"\bSubamendment\b",
    r"\bExplanatory note\b",
    r"\bCollision\b",
    r"\bare identical\b",
    r"\bCurrent text\b",
    r"\bProposed text\b",
    r"\bSummary of proceedings\b",
    r"\bsubmitted by\b",
    r"\bRe-based\b",
    r"\bTranslation missing\b",
    r"\bFinal text\b",
    r"\bPage \d+ of\b",
    r"\bPart [IVX]+\b",
    r"\bText showing changes\b",
    r"\btexte Anglais\b",
    r"\btexto en Inglés\b",
    r"\bDraft resolution\b",
]


def _docx(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    parts += [c.text for c in document.comments]
    return "\n".join(parts)


def _pdf(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def _html(content: bytes) -> str:
    text = re.sub(r"(?s)<style.*?</style>", "", content.decode())
    return re.sub(r"<[^>]+>", " ", text)


def _akn(content: bytes) -> str:
    return " ".join(etree.fromstring(content).itertext())


READ = {"docx": _docx, "pdf": _pdf, "html": _html, "akn": _akn}


@pytest.fixture
def decided(committee):
    """The demo with its translations, at the committee stage, with decisions recorded."""
    secretariat = get_user_model().objects.get(username="secretariat")
    committee.draft = create_demo_draft(secretariat)
    committee.save(update_fields=["draft"])
    seed_demo_translations(committee.draft, secretariat)
    seed_demo_amendments(committee)
    to_stage(committee, Stage.COMMITTEE)
    who, staff = user("secretariat"), access(committee, "secretariat")
    pending = Amendment.objects.filter(committee=committee, status__in=floor.DECIDABLE)
    for i, amendment in enumerate(list(pending.order_by("number"))[:12]):
        amendment.refresh_from_db()
        if amendment.status not in floor.DECIDABLE:
            continue
        outcome = ["adopted", "rejected", "withdrawn", "not_seconded"][i % 4]
        try:
            floor.decide(staff, who, amendment.pk, outcome=outcome)
        except floor.FloorError:
            floor.decide(staff, who, amendment.pk, outcome="fell")
    for stop in floor.stops(committee)[:8]:
        if stop.unit.kind == "paragraph":
            try:
                floor.declare_paragraph(staff, who, stop.pk)
            except floor.FloorError:
                pass  # amendments to it still pending: it is declared later
    committee.refresh_from_db()
    return committee


def documents(committee, language: str) -> dict[str, str]:
    draft = committee.draft
    meta = export_meta(draft)
    old_rows, label = resolve_rows(draft, "drafting_group", language)
    text = build_document(draft, meta=meta, language=language)
    changes = build_document(
        draft, compare_to_rows=old_rows, meta=dict(meta, compared_to=label), language=language
    )
    compilation = build_compilation(committee, language=language)
    out = {}
    for fmt in ("docx", "pdf", "html", "akn"):
        out[f"text.{fmt}"] = READ[fmt](render_text(text, fmt).content)
        out[f"changes.{fmt}"] = READ[fmt](render_text(changes, fmt).content)
        out[f"compilation.{fmt}"] = READ[fmt](render(compilation, fmt).content)
    out["record.docx"] = _docx(record_exports.record_docx(committee, language))
    out["record.html"] = _html(record_exports.record_html(committee, language).encode())
    out["record.pdf"] = _pdf(record_exports.record_pdf(committee, language))
    return out


def test_french_and_spanish_documents_hold_no_english_interface_words(decided):
    found = []
    for language in ("fr", "es"):
        for name, text in documents(decided, language).items():
            for leak in LEAKS:
                for match in re.finditer(leak, text):
                    context = text[max(0, match.start() - 40) : match.end() + 40]
                    found.append(f"{language} {name}: {' '.join(context.split())}")
    assert not found, "\n".join(found[:40])


def test_the_english_documents_still_say_it_in_english(decided):
    texts = documents(decided, "en")
    assert re.search(r"Paragraph \d", texts["compilation.docx"])
    assert "Worker members" in texts["record.html"]


def test_tabled_as_notes_are_as_many_in_french_as_in_english(decided):
    """A French compilation compares references in French: no spurious "tabled as" notes."""
    from committee.models import AmendmentChange
    from drafting import services as drafting_services

    change = AmendmentChange.objects.filter(
        amendment__committee=decided, amendment__number__isnull=False, paragraph__kind="paragraph"
    ).first()
    decided.draft.refresh_from_db()
    drafting_services.insert_unit(
        decided.draft,
        kind="paragraph",
        text="A new first paragraph.",
        base_version=decided.draft.version,
        user=user("secretariat"),
        parent_id=change.paragraph.parent_id,
    )  # fmt: skip: every paragraph of that part is renumbered

    def notes(language: str, message: str) -> int:
        html = render(build_compilation(decided, language=language), "html").content.decode()
        return html.count(message)

    english = notes("en", "Tabled as:")
    assert english > 0
    assert notes("fr", "Référence lors du dépôt") == english
    assert notes("es", "Referencia al presentarse") == english
