"""Parallel texts: each unit's text in the draft's other languages, with its own history.

The working language (`Draft.language`) is the source: `Paragraph.text`. Each other language
(`Draft.translation_languages`) has at most one `ParagraphTranslation` per unit. Its state is

- "missing": no translation (or an empty one);
- "needs_update": the source changed since the version it was translated from (flagged by
  drafting.services on every edit, restore or adopted amendment);
- "current": translated from the source as it stands.

Writes follow drafting.services: one transaction, the rows locked (the paragraph first, as the
source editor does, then its translation), the version the translator started from checked, the
user and reason in the history. Reads (`parallel_rows`, `awaiting`, `translated_rows`) serve the
side-by-side view, the translation queue and the exports.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drafting import access, services
from drafting.history import Kind as HistoryKind
from drafting.history import records
from drafting.models import Draft, Paragraph, ParagraphTranslation
from drafting.outline import Unit, outline
from drafting.textdiff import diff_html

MISSING, NEEDS_UPDATE, CURRENT, SOURCE = "missing", "needs_update", "current", "source"


def language_name(code: str) -> str:
    """The language's name as written inside a sentence ("texte anglais", "texto en inglés")."""
    name = str(dict(settings.LANGUAGES).get(code, code))
    if (get_language() or "en")[:2] in ("fr", "es"):
        return name[:1].lower() + name[1:]
    return name


def can_translate(user, draft: Draft) -> bool:
    """Who may edit the other language versions: the policy's `can_translate`, else can_edit."""
    if not user.is_authenticated:
        return False
    hook = getattr(access.policy(), "can_translate", None)
    if hook is None:
        return access.can_edit(user, draft)
    return bool(hook(user, draft))


class UnknownLanguage(services.DraftingError):
    pass


class StaleTranslation(services.DraftingError):
    """The translation changed since the translator opened it: carries what is saved now."""

    def __init__(self, translation: ParagraphTranslation | None, base_version: int) -> None:
        last = (
            translation.history.order_by("-history_date", "-history_id").first()
            if translation is not None
            else None
        )
        self.translation = translation
        self.base_version = base_version
        self.current_text = translation.text if translation else ""
        self.current_version = translation.version if translation else 0
        self.changed_by = last.history_user if last else None
        self.changed_at = last.history_date if last else None
        self.change_reason = (last.history_change_reason or "") if last else ""
        super().__init__(
            _(
                "Someone else saved this translation since you opened it (now version "
                "%(current)s, you started from version %(base)s). Nothing was saved."
            )
            % {"current": self.current_version, "base": base_version}
        )


def check_language(draft: Draft, language: str | None) -> str:
    """A language the draft is translated into, or UnknownLanguage."""
    if language not in draft.translation_languages:
        raise UnknownLanguage(
            _("This text is not translated into “%(language)s”: choose one of %(choices)s.")
            % {
                "language": language or "",
                "choices": ", ".join(draft.translation_languages) or "-",
            }
        )
    return language


# ---------------------------------------------------------------------------- writes


@records(HistoryKind.TRANSLATED)
@transaction.atomic
def save_translation(
    draft: Draft,
    paragraph_id,
    language: str,
    *,
    text: str,
    base_version,
    source_version,
    user,
    reason: str = "",
) -> ParagraphTranslation:
    """Save a unit's text in `language`, if nobody saved another since `base_version`.

    `base_version` is the translation's version the translator started from (0: there was no
    translation yet); `source_version` the version of the source text they translated. The
    "needs update" flag clears when that is the current source version; saving the same text
    against the current source confirms it (the source change did not affect it).
    """
    language = check_language(draft, language)
    base = services._as_int(base_version, _("The version you started from"))
    seen = services._as_int(source_version, _("The version of the source text"))
    text = services.clean_text(text)
    reason = services.clean_reason(reason)
    unit = services._lock_unit(draft, paragraph_id)  # the paragraph first, as edit_text does
    if unit.is_deleted:
        raise services.InvalidStructure(
            _("This unit has been deleted; restore it before translating it.")
        )
    if not 1 <= seen <= unit.version:
        raise services.DraftingError(_("That version of the source text does not exist."))
    row = (
        ParagraphTranslation.objects.select_for_update()
        .filter(paragraph=unit, language=language)
        .first()
    )
    if (row.version if row else 0) != base:
        raise StaleTranslation(row, base)
    if row is None:
        row = ParagraphTranslation(paragraph=unit, language=language, version=0)
    needs_update = seen != unit.version
    if (
        row.pk
        and row.text == text
        and row.source_version == seen
        and row.needs_update == needs_update
    ):
        return row
    row.text = text
    row.version += 1
    row.source_version = seen
    row.needs_update = needs_update
    services._save(row, user=user, reason=reason or _("Translation updated"), when=timezone.now())
    return row


@records(HistoryKind.TRANSLATED)
@transaction.atomic
def save_title(draft: Draft, language: str, *, title: str, base_title: str, user) -> Draft:
    """Set the draft's title in `language`, if nobody changed it since the form was loaded."""
    language = check_language(draft, language)
    title = services.clean_text(title)
    if len(title) > 500:
        raise services.InvalidText(_("The title is too long (at most 500 characters)."))
    draft = services._lock_draft(draft)
    titles = dict(draft.title_translations or {})
    if titles.get(language, "") != (base_title or "").strip():
        raise services.DraftingError(
            _("Someone else changed this title since you loaded the page. Nothing was saved.")
        )
    if titles.get(language) == title:
        return draft
    titles[language] = title
    draft.title_translations = titles
    services._save(
        draft,
        user=user,
        reason=_("Title in %(language)s updated") % {"language": language_name(language)},
        when=timezone.now(),
    )
    return draft


# ---------------------------------------------------------------------------- reads


@dataclass
class Cell:
    """One unit in one language, as the side-by-side view and the queue show it."""

    language: str
    status: str  # source, current, needs_update, missing
    text: str = ""
    version: int = 0  # the translation's version (0: none yet)
    source_version: int = 0  # the source version it was translated from
    diff: str = ""  # HTML: the source changes since then (needs_update only)

    @property
    def is_source(self) -> bool:
        return self.status == SOURCE

    @property
    def needs_update(self) -> bool:
        return self.status == NEEDS_UPDATE

    @property
    def missing(self) -> bool:
        return self.status == MISSING


@dataclass
class Row:
    unit: Unit
    cells: list[Cell] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.unit.pk


def _source_texts(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """{(paragraph id, version): the source text at that version}, read from the history."""
    pairs = set(pairs)
    if not pairs:
        return {}
    records = (
        Paragraph.history.filter(id__in={pk for pk, _v in pairs})
        .order_by("history_date", "history_id")
        .values_list("id", "version", "text")
    )
    return {(pk, v): text for pk, v, text in records if (pk, v) in pairs}


def cell_for(
    paragraph: Paragraph,
    language: str,
    row: ParagraphTranslation | None,
    old_sources: dict | None = None,
) -> Cell:
    if row is None or row.is_missing:
        return Cell(language, MISSING, version=row.version if row else 0)
    stale = row.needs_update or row.source_version != paragraph.version
    cell = Cell(
        language,
        NEEDS_UPDATE if stale else CURRENT,
        text=row.text,
        version=row.version,
        source_version=row.source_version,
    )
    if stale:
        if old_sources is None:
            old_sources = _source_texts([(paragraph.pk, row.source_version)])
        old = old_sources.get((paragraph.pk, row.source_version))
        cell.diff = diff_html(old, paragraph.text) if old is not None else ""
    return cell


def parallel_rows(draft: Draft, languages: Sequence[str], *, units=None) -> list[Row]:
    """The units of the draft in order, each with a cell per language (the source as it is)."""
    units = list(units if units is not None else outline(draft))
    pks = [u.pk for u in units]
    others = [lang for lang in languages if lang != draft.language]
    found = {
        (t.paragraph_id, t.language): t
        for t in ParagraphTranslation.objects.filter(paragraph_id__in=pks, language__in=others)
    }
    by_pk = {u.pk: u.paragraph for u in units}
    old_sources = _source_texts(
        (t.paragraph_id, t.source_version)
        for t in found.values()
        if t.needs_update or t.source_version != by_pk[t.paragraph_id].version
    )
    rows = []
    for unit in units:
        cells = []
        for language in languages:
            if language == draft.language:
                cells.append(
                    Cell(
                        language,
                        SOURCE,
                        text=unit.paragraph.text,
                        version=unit.paragraph.version,
                        source_version=unit.paragraph.version,
                    )
                )
            else:
                row = found.get((unit.pk, language))
                cells.append(cell_for(unit.paragraph, language, row, old_sources))
        rows.append(Row(unit, cells))
    return rows


@dataclass
class Queue:
    language: str
    rows: list[Row]

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r.cells[-1].missing)

    @property
    def needs_update(self) -> int:
        return sum(1 for r in self.rows if r.cells[-1].needs_update)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def name(self) -> str:
        return language_name(self.language)


def awaiting(draft: Draft, languages: Sequence[str] | None = None) -> list[Queue]:
    """Per language: the live units whose translation is missing or needs update."""
    languages = list(languages if languages is not None else draft.translation_languages)
    units = [u for u in outline(draft) if u.paragraph.text.strip()]
    queues = []
    for language in languages:
        rows = parallel_rows(draft, [draft.language, language], units=units)
        queues.append(
            Queue(language, [r for r in rows if r.cells[-1].status in (MISSING, NEEDS_UPDATE)])
        )
    return queues


def translated_rows(
    rows: Iterable, language: str, *, keep_outdated: bool = False
) -> tuple[list, dict[int, str]]:
    """Copies of paragraph rows (live or historical) with their text in `language`.

    A row takes the latest translation made from exactly its source version; where there is
    none it keeps the source text, and `fallbacks` says why: {pk: "missing" | "needs_update"}.
    With `keep_outdated`, a row whose translation is only out of date takes the latest
    translation made from an earlier source version instead (still flagged "needs_update"):
    a text showing changes then compares the translation with itself, not with the source.
    """
    rows = list(rows)
    pks = {r.pk for r in rows}
    texts: dict[tuple[int, int], str] = {}
    earlier: dict[int, list[tuple[int, str]]] = {}
    records = (
        ParagraphTranslation.history.filter(paragraph_id__in=pks, language=language)
        .order_by("history_date", "history_id")
        .values_list("paragraph_id", "source_version", "text")
    )
    for pk, source_version, text in records:
        if text.strip():
            texts[(pk, source_version)] = text
            earlier.setdefault(pk, []).append((source_version, text))
    out, fallbacks = [], {}
    for row in rows:
        text = texts.get((row.pk, row.version))
        if text is None:
            if row.text.strip():
                fallbacks[row.pk] = NEEDS_UPDATE if row.pk in earlier else MISSING
            older = [t for version, t in earlier.get(row.pk, []) if version <= row.version]
            if not (keep_outdated and older):
                out.append(row)
                continue
            text = older[-1]
        clone = copy.copy(row)
        clone.text = text
        out.append(clone)
    return out, fallbacks
