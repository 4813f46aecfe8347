"""The record of decisions as a document for clerks and the secretariat: DOCX, PDF and HTML.

Reads what the record page shows (`committee.record.build`): the summary of proceedings, one
sentence per decision standing, then for every paragraph what was tabled (as track changes),
each decision on it (undone ones marked) and its final text. The formats reuse the compilation's
builders: drafting's `DocxBuilder` (header, "Page n of N" footer, tracked changes) and the print
stylesheet, embedded in a standalone HTML page that WeasyPrint typesets as the PDF.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from committee import record
from committee.composition import report_paragraph
from committee.models import Committee
from drafting.exports.document import Ops, check_language, format_moment
from drafting.exports.docx import UNIT_STYLES, DocxBuilder
from drafting.exports.html import page_number_css, print_css
from drafting.messages import localise as localise_message

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def filename(committee: Committee, format_key: str) -> str:
    base = committee.acronym or committee.slug or "committee"
    safe = "".join(c if c.isalnum() or c in ".-_" else "-" for c in base).strip("-.")
    return f"{safe or 'committee'}-record-of-decisions.{format_key}"


def _context(committee: Committee, language: str) -> dict:
    """Everything the three formats show, built in `language` (call inside an override)."""
    draft = committee.draft
    now = timezone.localtime(timezone.now(), committee.zone)
    return {
        "committee": committee,
        "language": language,
        "title": _("Record of decisions"),
        "symbol": draft.symbol if draft else "",
        "draft_title": draft.title_in(language) if draft else "",
        "session": committee.session.name,
        "date": format_moment(now, language),
        "generated": now,
        "record": _in_language(committee, record.build(committee), language),
        # As committee reports state it: the composition and the weights of its votes.
        "composition": report_paragraph(committee),
    }


def _in_language(committee: Committee, rec, language: str):
    """Give each unit of the final texts its words in `language` (`shown_text`), and a note
    (`note`) where the translation is missing or out of date: never inside the text."""
    draft = committee.draft
    texts, notes = {}, {}
    if draft is not None and language != draft.language:
        from drafting.translation_services import MISSING, language_name, translated_rows

        rows, fallbacks = translated_rows(draft.paragraphs.all(), language)
        texts = {r.pk: r.text for r in rows}
        name = language_name(draft.language)
        for pk, why in fallbacks.items():
            note = (
                _("%(language)s text: translation missing.")
                if why == MISSING
                else _("%(language)s text: translation to be updated.")
            ) % {"language": name}
            notes[pk] = note[:1].upper() + note[1:]
    for p in rec.paragraphs:
        for u in p.units:
            u.shown_text = texts.get(u.pk, u.paragraph.text)
            u.note = notes.get(u.pk, "")
    return rec


def decision_line(d, zone) -> str:
    """One decision as a line of text: outcome, subamendment, vote, time, note."""
    when = date_format(timezone.localtime(d.decided_at, zone), "DATETIME_FORMAT")
    text = d.outcome_text
    if d.subamendment_text:
        text += " — " + d.subamendment_text
    if isinstance(d.vote, dict):
        text += " ({})".format(
            _("vote: %(for)s in favour, %(against)s against, %(abstain)s abstentions")
            % {
                "for": d.vote.get("for", 0),
                "against": d.vote.get("against", 0),
                "abstain": d.vote.get("abstain", 0),
            }
        )
    text += f", {when}"
    if d.note:
        text += " — " + d.note
    if d.undone:
        text = _("Undone: %(decision)s (%(reason)s)") % {
            "decision": text,
            "reason": d.undo_reason,
        }
    return text


# --- HTML and PDF -------------------------------------------------------------------------------


def record_html(committee: Committee, language: str | None = None, *, for_pdf: bool = False) -> str:
    language = check_language(language, committee.draft.language if committee.draft_id else "en")
    with translation.override(language):
        context = _context(committee, language)
        context |= {
            "css": mark_safe(print_css()),  # noqa: S308 - our own static file
            "page_css": page_number_css(),
            "for_pdf": for_pdf,
            "paragraphs": [
                {
                    "p": p,
                    "amendments": [
                        {
                            "a": a,
                            "decisions": [decision_line(d, committee.zone) for d in a.decisions],
                        }
                        for a in p.amendments
                    ],
                    "undone": [
                        decision_line(d, committee.zone) for d in p.declarations if d.undone
                    ],
                }
                for p in context["record"].paragraphs
            ],
        }
        return render_to_string("committee/export/record.html", context)


def record_pdf(committee: Committee, language: str | None = None) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which only PDF needs

    return HTML(string=record_html(committee, language, for_pdf=True)).write_pdf()


# --- DOCX -----------------------------------------------------------------------------------------


class _DiffOps(HTMLParser):
    """The record's tabled diffs (`<del>` / `<ins>` HTML, escaped) back as diff operations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ops: list[tuple[int, str]] = []
        self.mode = 0

    def handle_starttag(self, tag, attrs):
        self.mode = {"del": -1, "ins": 1}.get(tag, self.mode)

    def handle_endtag(self, tag):
        if tag in ("del", "ins"):
            self.mode = 0

    def handle_data(self, data):
        self.ops.append((self.mode, data))


def diff_ops(diff_html: str) -> Ops:
    parser = _DiffOps()
    parser.feed(str(diff_html))
    parser.close()
    return tuple(parser.ops)


def record_docx(committee: Committee, language: str | None = None) -> bytes:
    language = check_language(language, committee.draft.language if committee.draft_id else "en")
    with translation.override(language):
        c = _context(committee, language)
        builder = DocxBuilder(
            author=committee.name or "Committee",
            date=c["generated"].astimezone(dt.UTC),
            language=language,
        )
        builder.properties(
            title=f"{c['title']} — {c['symbol']}" if c["symbol"] else c["title"],
            subject=committee.name,
            author=committee.name,
            when=c["generated"],
            language=language,
        )
        builder.header_footer(
            c["symbol"] or committee.acronym,
            c["title"],
            _("Page %(page)s of %(pages)s") % {"page": "{page}", "pages": "{pages}"},
        )
        if c["symbol"]:
            builder.text(c["symbol"], "Document symbol")
        if c["session"]:
            builder.text(c["session"], "Subtitle")
        builder.text(committee.name, "Subtitle")
        builder.text(c["title"], "Title")
        if c["draft_title"]:
            builder.text(c["draft_title"], "Subtitle")
        builder.text(c["date"])
        rec = c["record"]
        builder.text(_("Summary of proceedings"), "Heading 1")
        if not rec.summary:
            builder.text(_("No decision has been recorded yet."))
        for sentence in rec.summary:
            builder.text(sentence)
        if c["composition"]:
            builder.text(_("Composition of the committee"), "Heading 1")
            builder.text(c["composition"])
        for p in rec.paragraphs:
            heading = p.reference
            if p.unit.deleted:
                heading += f" ({_('deleted')})"
            if p.adopted:
                heading += " — " + p.adopted.get_outcome_display()
            builder.text(heading, "Heading 2")
            for a in p.amendments:
                head = builder.new_paragraph()
                head.add_run(a.amendment.short_symbol).bold = True
                head.add_run(
                    f"  {a.submitters}  [{a.amendment.get_status_display()}]"
                ).italic = True
                builder.author = a.submitters or committee.name
                if a.mark:
                    builder.text(a.mark)
                for change in a.changes:
                    builder.text(f"{change.reference} · {change.action}")
                    para = builder.new_paragraph()
                    builder.add_ops(para, diff_ops(change.diff))
                for d in a.decisions:
                    builder.text(decision_line(d, committee.zone), "List Bullet")
            for d in p.declarations:
                if d.undone:
                    builder.text(decision_line(d, committee.zone), "List Bullet")
            if p.corrections:
                builder.text(_("Editorial corrections"), "Heading 3")
                for h in p.corrections:
                    builder.text(localise_message(h.history_change_reason), "List Bullet")
            builder.text(_("Final text"), "Heading 3")
            if p.unit.deleted:
                builder.text(_("Deleted."))
            for u in p.units:
                if not u.deleted:
                    # Indented like the text: the text's own styles, the number as a label.
                    style = UNIT_STYLES.get(u.kind, "Normal")
                    para = builder.paragraph(
                        [(0, u.shown_text)], style=style, label=u.number if u.number else ""
                    )
                    if u.note:
                        builder.comment(para, u.note)
        return builder.to_bytes()
