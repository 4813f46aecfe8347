"""A neutral document model of a draft's text, built once and rendered to every format.

`build_document(draft, rows=None, compare_to_rows=None, meta=None, language=None)` reads the
rows (the draft's paragraphs as they stand, or any rows such as a historical snapshot) and
returns a `Document`: header data and a tree of `Block`s with their displayed numbers and their
text as diff operations. A clean text has one `(0, text)` operation per block; a text showing
changes has the word diff against `compare_to_rows`, with whole blocks added or deleted.

The renderers (docx, html, pdf, akn) only read this model, so a compilation of amendments can
build its own blocks (or reuse `Block`) and hand them to the same builders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from drafting import inputs
from drafting.compare import ADDED, CHANGED, DELETED, UNCHANGED, redline, rows_as_of
from drafting.models import Draft, Paragraph
from drafting.outline import outline
from drafting.textdiff import word_diff

Kind = Paragraph.Kind
Ops = list[tuple[int, str]]

LANGUAGES = ("en", "fr", "es")
# Numbering level of each numbered kind (Word list levels, AKN list nesting).
LEVELS = {Kind.PARAGRAPH: 0, Kind.CLAUSE: 1, Kind.SUBCLAUSE: 2}


class ExportError(ValueError):
    """Bad export input (unknown format, language, version...): the message is for the user."""


@dataclass
class Block:
    pk: int
    kind: str
    number: str = ""
    ops: Ops = field(default_factory=list)
    status: str = UNCHANGED  # added, deleted, changed, unchanged
    moved: bool = False
    depth: int = 0
    children: list[Block] = field(default_factory=list)
    # In another language than the source: "missing" (the block shows the source text) or
    # "needs_update" (the source has changed since the translation), and `note` says so in
    # words. The note is never part of the text: Word shows it as a comment, HTML and PDF as
    # a note beside the paragraph, Akoma Ntoso as an authorial note.
    fallback: str = ""
    note: str = ""

    @property
    def text(self) -> str:
        """The text as it now reads (deleted blocks: empty)."""
        if self.status == DELETED:
            return ""
        return "".join(t for op, t in self.ops if op >= 0)

    @property
    def old_text(self) -> str:
        if self.status == ADDED:
            return ""
        return "".join(t for op, t in self.ops if op <= 0)

    @property
    def display_text(self) -> str:
        """The words shown, whatever their status (a deleted block's old text)."""
        return self.old_text if self.status == DELETED else self.text

    @property
    def number_op(self) -> int:
        """How the number itself is marked: -1 struck (deleted), 1 inserted, 0 plain."""
        return {ADDED: 1, DELETED: -1}.get(self.status, 0)

    @property
    def level(self) -> int | None:
        return LEVELS.get(self.kind)

    @property
    def is_heading(self) -> bool:
        return self.kind in (Kind.SECTION, Kind.PART)

    @property
    def live_children(self) -> list[Block]:
        return [c for c in self.children if c.status != DELETED]


@dataclass
class Document:
    title: str
    symbol: str
    date: dt.date | None
    language: str
    blocks: list[Block]
    showing_changes: bool = False
    compared_to: str = ""  # how the older version is described ("10 June 2017, 15:00")
    session: str = ""
    committee: str = ""
    author: str = "Committee"  # the author of tracked changes
    draft_id: int | None = None
    meta: dict = field(default_factory=dict)
    untranslated: int = 0  # blocks shown in the source language (translation missing or old)

    def walk(self) -> Iterator[Block]:
        """Every block in document order."""

        def visit(blocks: list[Block]) -> Iterator[Block]:
            for block in blocks:
                yield block
                yield from visit(block.children)

        yield from visit(self.blocks)

    @property
    def heading(self) -> str:
        """What the document is, in the export language (a line under the title)."""
        with translation.override(self.language):
            what = self.meta.get("heading")
            if self.showing_changes and what:
                heading = _("%(text)s, showing changes since %(when)s") % {
                    "text": what,
                    "when": self.compared_to,
                }
            elif self.showing_changes:
                heading = _("Text showing changes since %(when)s") % {"when": self.compared_to}
            else:
                heading = what or _("Text")
            if self.untranslated:
                heading += " · " + ngettext(
                    "%(count)s unit not yet translated is shown in the original language",
                    "%(count)s units not yet translated are shown in the original language",
                    self.untranslated,
                ) % {"count": self.untranslated}
            return heading

    @property
    def filename_stem(self) -> str:
        base = self.symbol or f"draft-{self.draft_id}"
        safe = "".join(c if c.isalnum() or c in ".-_" else "-" for c in base).strip("-.")
        suffix = "changes" if self.showing_changes else "text"
        return f"{safe or 'draft'}-{suffix}"


def check_language(language: str | None, default: str) -> str:
    language = language or default or "en"
    if language not in LANGUAGES:
        raise ExportError(
            _("Unknown language %(language)s: choose one of %(choices)s.")
            % {"language": language, "choices": ", ".join(LANGUAGES)}
        )
    return language


def _tree(flat: list[Block]) -> list[Block]:
    """Nest a flat list of blocks in document order by their depth."""
    roots: list[Block] = []
    stack: list[Block] = []
    for block in flat:
        while stack and stack[-1].depth >= block.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(block)
        stack.append(block)
    return roots


def _clean_blocks(draft: Draft, rows: Iterable) -> list[Block]:
    return [
        Block(
            pk=u.pk,
            kind=u.kind,
            number=u.number,
            ops=[(0, u.paragraph.text)] if u.paragraph.text else [],
            depth=u.depth,
        )
        for u in outline(draft, paragraphs=list(rows))
    ]


def _changed_blocks(draft: Draft, old_rows: Iterable, new_rows: Iterable) -> list[Block]:
    blocks = []
    for row in redline(draft, list(old_rows), list(new_rows)):
        if row.status == ADDED:
            ops: Ops = [(1, row.new_text)] if row.new_text else []
        elif row.status == DELETED:
            ops = [(-1, row.old_text)] if row.old_text else []
        elif row.status == CHANGED:
            ops = word_diff(row.old_text, row.new_text)
        else:
            ops = [(0, row.new_text)] if row.new_text else []
        blocks.append(
            Block(
                pk=row.pk,
                kind=row.kind,
                number=row.number,
                ops=ops,
                status=row.status,
                moved=row.moved,
                depth=row.depth,
            )
        )
    return blocks


# Dates as the Conference writes them: "10 June 2017", "10 juin 2017", "10 de junio de 2017".
DATE_FORMATS = {"en": "j F Y", "fr": "j F Y", "es": r"j \d\e F \d\e Y"}


def format_moment(when: dt.datetime | dt.date, language: str) -> str:
    from django.utils.dateformat import format as date_format

    date_pattern = DATE_FORMATS.get(language, "j F Y")
    with translation.override(language):
        if isinstance(when, dt.datetime):
            return date_format(timezone.localtime(when), date_pattern + ", H:i")
        return date_format(when, date_pattern)


def build_document(
    draft: Draft,
    rows: Iterable | None = None,
    compare_to_rows: Iterable | None = None,
    meta: dict | None = None,
    language: str | None = None,
) -> Document:
    """The draft's text (from `rows`, default: as it stands), showing changes from
    `compare_to_rows` if given.

    `meta` carries what drafting does not know: `session` (the session's name), `committee`,
    `author` (of tracked changes, default "Committee"), `compared_to` (a label for the older
    version), `symbol`, `title`, `date` to override the draft's own.
    """
    meta = dict(meta or {})
    language = check_language(language, draft.language)
    new_rows = list(rows) if rows is not None else list(draft.paragraphs.all())
    fallbacks: dict[int, str] = {}
    if (
        language != draft.language
    ):  # the parallel text in that language (drafting.translation_services)
        from drafting.translation_services import translated_rows

        changes = compare_to_rows is not None
        new_rows, fallbacks = translated_rows(new_rows, language, keep_outdated=changes)
        if changes:
            compare_to_rows, old_fallbacks = translated_rows(
                compare_to_rows, language, keep_outdated=True
            )
            fallbacks = {**old_fallbacks, **fallbacks}
    with translation.override(language):
        if compare_to_rows is None:
            flat = _clean_blocks(draft, new_rows)
        else:
            flat = _changed_blocks(draft, compare_to_rows, new_rows)
        author = meta.get("author") or _("Committee")
        untranslated = _mark_fallbacks(
            flat, fallbacks, draft.language, changes=compare_to_rows is not None
        )
    return Document(
        title=meta.get("title") or draft.title_in(language),
        symbol=meta.get("symbol") or draft.symbol,
        date=meta.get("date") or draft.date,
        language=language,
        blocks=_tree(flat),
        showing_changes=compare_to_rows is not None,
        compared_to=str(meta.get("compared_to", "")),
        session=str(meta.get("session", "")),
        committee=str(meta.get("committee", "")),
        author=str(author),
        draft_id=draft.pk,
        meta=meta,
        untranslated=untranslated,
    )


def _mark_fallbacks(
    blocks: list[Block], fallbacks: dict[int, str], source: str, *, changes: bool = False
) -> int:
    """Note each block not shown in a current translation, saying why (active language)."""
    from drafting.translation_services import language_name

    name = language_name(source)
    count = 0
    for block in blocks:
        reason = fallbacks.get(block.pk)
        if not reason or not block.ops:
            continue
        if reason == "missing":
            note = _("%(language)s text: translation missing.") % {"language": name}
        elif changes:
            note = _(
                "Translation to be updated: the %(language)s text has changed since it was made."
            ) % {"language": name}
        else:
            note = _("%(language)s text: translation to be updated.") % {"language": name}
        block.fallback = reason
        block.note = note[:1].upper() + note[1:]
        count += 1
    return count


# --- Which rows: the extension point for stages ------------------------------------------------

# name -> function(draft) returning rows; the floor work registers stage names here.
ROW_SOURCES: dict[str, object] = {
    "current": lambda draft: list(draft.paragraphs.all()),
}


# name -> function(draft, language) returning what a document of that version is called:
# {"title": ..., "heading": ..., "label": ...} (each optional; see `row_meta`).
ROW_META: dict[str, object] = {}


def register_row_source(name: str, source, meta=None) -> None:
    """Let another module name a version of the text ("first-draft", "adopted"...).

    `meta(draft, language)` may say how a document of that version is titled ("title"), what
    it is ("heading": "Draft conclusions") and how a text "showing changes since" names it
    ("label": "the drafting group's text")."""
    ROW_SOURCES[name] = source
    if meta is not None:
        ROW_META[name] = meta


def row_meta(draft: Draft, name: str, language: str) -> dict:
    """The title, heading and label a named version gives a document (empty if none)."""
    meta = ROW_META.get(name)
    if meta is None:
        return {}
    with translation.override(language):
        return {k: str(v) for k, v in meta(draft, language).items() if v}


def resolve_rows(draft: Draft, spec: str, language: str | None = None) -> tuple[list, str]:
    """The rows a version spec names, and a label for it.

    Understands "current", any registered name, an ISO date or date-time (the text as it stood
    then; a bare date means the end of that day) and a paragraph history id ("h123" or "123":
    the text as it stood right after that change).
    """
    from drafting.models import Paragraph as P

    spec = (spec or "").strip()
    if not spec:
        raise ExportError(_("Say which version of the text to compare with."))
    if spec in ROW_SOURCES:
        label = row_meta(draft, spec, language or translation.get_language() or "en").get("label")
        return list(ROW_SOURCES[spec](draft)), label or spec
    digits = spec[1:] if spec[:1].lower() == "h" else spec
    if digits.isdigit():
        history_id = inputs.int_or_none(digits)
        record = (
            P.history.filter(history_id=history_id, draft_id=draft.pk).first()
            if history_id is not None
            else None
        )
        if record is None:
            raise ExportError(_("No change %(id)s in the history of this draft.") % {"id": digits})
        when = record.history_date
    else:
        try:
            day = parse_date(spec)
            if day is not None:  # a bare date: the end of that day (or now, for today)
                when = dt.datetime.combine(day, dt.time.max)
                when = min(timezone.make_aware(when), timezone.now())
            else:
                when = parse_datetime(spec)
                if when is None:
                    raise ValueError
        except ValueError:
            raise ExportError(
                _(
                    "Not a version of the text: %(spec)s. Give 'current', a date and time "
                    "such as 2017-06-10T15:00, or a history id."
                )
                % {"spec": spec}
            ) from None
        # Before 1900 is a typing mistake (and year 1 cannot even be compared); a date to come
        # is refused below as in the future.
        inputs.check_date(when, latest=dt.date.max, error=ExportError)
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
    if when > timezone.now():
        raise ExportError(_("That moment is in the future: %(spec)s.") % {"spec": spec})
    return rows_as_of(draft, when), format_moment(
        when, language or translation.get_language() or "en"
    )
