"""Translations of amendments: each change's proposed words and the explanatory note in the
draft's other languages (committee.models.AmendmentChangeTranslation, AmendmentNoteTranslation).

The model. `AmendmentChange.proposed_text` is always in the draft's working language: the floor
merges and adopts it and nothing here changes that. The secretariat adds the text in each other
language of the draft (`Draft.translation_languages`). An amendment tabled in French against an
English text keeps its French words as the "fr" row, marked `is_original`; its English
`proposed_text` is the working-language rendering. A change that deletes a unit has no words to
translate. An amendment is "missing" in a language while one of its other changes, or its
explanatory note, has no text in that language.

Writes: only the secretariat (`access.can_translate`), on amendments it may see
(`Amendment.objects.visible_to`), one transaction locking the amendment then its rows, every row
checked against the version the translator started from: one stale row and nothing is saved.
Reads serve the amendment page, the queue and the compilation in another language; each reads a
fixed number of queries whatever the number of amendments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from committee import services
from committee.access import Access
from committee.models import (
    Amendment,
    AmendmentChange,
    AmendmentChangeTranslation,
    AmendmentNoteTranslation,
    Committee,
)
from drafting import inputs
from drafting.models import ParagraphTranslation

Action = AmendmentChange.Action
MAX_TEXT = 20_000
MAX_NOTE = 5000


def language_name(code: str) -> str:
    """The language's name as written inside a sentence ("texte anglais", "texto en inglés")."""
    name = str(dict(settings.LANGUAGES).get(code, code))
    if (get_language() or "en")[:2] in ("fr", "es"):
        return name[:1].lower() + name[1:]
    return name


def working_language(committee: Committee) -> str:
    return committee.draft.language if committee.draft_id else settings.LANGUAGE_CODE[:2]


def translation_languages(committee: Committee) -> list[str]:
    """The languages amendments are translated into: the draft's other languages."""
    return committee.draft.translation_languages if committee.draft_id else []


def check_language(committee: Committee, language: str | None) -> str:
    languages = translation_languages(committee)
    if language not in languages:
        raise services.AmendmentError(
            _("Amendments are not translated into “%(language)s”: choose one of %(choices)s.")
            % {"language": language or "", "choices": ", ".join(languages) or "-"}
        )
    return language


def needs_words(change: AmendmentChange) -> bool:
    """A change with words to translate (a deletion has none)."""
    return change.action != Action.DELETE


class StaleTranslation(services.AmendmentError):
    """Someone saved a translation of this amendment since the translator opened it."""

    def __init__(self, amendment: Amendment, language: str, current: dict) -> None:
        self.current = current  # {"change <pk>" | "note": (text, version)} as saved now
        super().__init__(
            _(
                "Someone else saved the %(language)s translation of %(amendment)s since you "
                "opened it. Nothing was saved: your text is kept below, next to what is saved "
                "now."
            )
            % {"language": language_name(language), "amendment": amendment}
        )


# ---------------------------------------------------------------------------- writes


def _version(value) -> int:
    number = inputs.int_or_none(value)
    if number is None:
        raise services.AmendmentError(_("The form is incomplete; reload the page."))
    return number


def _text(value, limit: int, what: str) -> str:
    """Under the input policy (drafting.inputs), naming the field when it is too long."""
    text = services.normalise(value)
    if len(text) > limit:
        raise services.AmendmentError(
            _("The %(what)s is too long: %(length)s characters, the limit is %(limit)s.")
            % {"what": what, "length": f"{len(text):,}", "limit": f"{limit:,}"}
        )
    return services.clean(text, limit)


def save_translation(
    access: Access,
    user,
    amendment_id,
    language: str,
    *,
    texts: Mapping,
    versions: Mapping,
    note: str | None = None,
    note_version=None,
    reason: str = "",
) -> Amendment:
    """Save an amendment's text in `language`: `texts` {change id: proposed words}, `versions`
    {change id: the row's version the translator started from, 0 for none}; `note` the
    explanatory note (None: left as it is). All or nothing."""
    if not access.can_translate:
        raise PermissionDenied
    committee = access.committee
    language = check_language(committee, language)
    with transaction.atomic():
        amendment = services._locked_amendment(access, amendment_id)
        # The row in the language the amendment was tabled in holds its original words.
        is_original = amendment.language == language
        changes = {
            c.pk: c
            for c in amendment.changes.filter(is_removed=False).select_related("paragraph")
            if needs_words(c)
        }
        wanted: dict[int, tuple[str, int]] = {}
        for key, value in texts.items():
            pk = _version(key)
            if pk not in changes:
                raise services.AmendmentError(_("That change is not part of this amendment."))
            wanted[pk] = (
                _text(value, MAX_TEXT, _("proposed text")),
                _version(versions.get(key, versions.get(pk))),
            )
        rows = {
            r.change_id: r
            for r in AmendmentChangeTranslation.objects.select_for_update().filter(
                change_id__in=list(changes), language=language
            )
        }
        note_row = None
        if note is not None:
            note_text = _text(note, MAX_NOTE, _("explanatory note"))
            note_base = _version(note_version)
            note_row = (
                AmendmentNoteTranslation.objects.select_for_update()
                .filter(amendment=amendment, language=language)
                .first()
            )
        # Every row against the version the translator started from, before anything is saved.
        stale = {
            f"change {pk}": (rows[pk].proposed_text if pk in rows else "", _row_version(rows, pk))
            for pk, (_t, base) in wanted.items()
            if _row_version(rows, pk) != base
        }
        if note is not None and (note_row.version if note_row else 0) != note_base:
            stale["note"] = (note_row.text, note_row.version) if note_row else ("", 0)
        if stale:
            raise StaleTranslation(amendment, language, stale)
        bases = {
            t.paragraph_id: t.text
            for t in ParagraphTranslation.objects.filter(
                paragraph_id__in={c.paragraph_id for c in changes.values()}, language=language
            )
        }
        reason = services.clean(reason, 1000, multiline=False) or _(
            "Translated into %(language)s"
        ) % {"language": language_name(language)}
        saved = 0
        for pk, (text, _base) in wanted.items():
            change = changes[pk]
            row = rows.get(pk)
            if row is None:
                if not text:
                    continue
                row = AmendmentChangeTranslation(change=change, language=language, version=0)
            base_text = "" if change.action == Action.INSERT else bases.get(change.paragraph_id)
            if row.pk and row.proposed_text == text and row.is_original == is_original:
                continue
            row.proposed_text = text
            row.base_text = base_text or ""
            row.is_original = is_original
            row.translated_by = user
            row.version += 1
            services._save(row, user, reason)
            saved += 1
        if note is not None:
            if note_row is None and note_text:
                note_row = AmendmentNoteTranslation(amendment=amendment, language=language)
                note_row.version = 0
            if note_row is not None and (
                note_row.text != note_text or note_row.is_original != is_original
            ):
                note_row.text = note_text
                note_row.is_original = is_original
                note_row.translated_by = user
                note_row.version += 1
                services._save(note_row, user, reason)
                saved += 1
    return amendment


def _row_version(rows: dict, pk: int) -> int:
    return rows[pk].version if pk in rows else 0


# ---------------------------------------------------------------------------- reads


@dataclass
class ChangeText:
    """One change in one language, as the amendment page and the editor show it."""

    change: AmendmentChange
    language: str
    text: str = ""
    version: int = 0
    base_text: str = ""
    is_original: bool = False
    translated_by: object = None
    updated_at: object = None

    @property
    def needs_words(self) -> bool:
        return needs_words(self.change)

    @property
    def missing(self) -> bool:
        return self.needs_words and not self.text.strip()


@dataclass
class LanguageState:
    """An amendment in one language: its changes' texts and its note, present or missing."""

    language: str
    changes: list[ChangeText] = field(default_factory=list)
    note: str = ""
    note_version: int = 0
    note_needed: bool = False
    is_original: bool = False

    @property
    def name(self) -> str:
        return language_name(self.language)

    @property
    def missing(self) -> int:
        return sum(1 for c in self.changes if c.missing) + (
            1 if self.note_needed and not self.note.strip() else 0
        )

    @property
    def total(self) -> int:
        return sum(1 for c in self.changes if c.needs_words) + (1 if self.note_needed else 0)

    @property
    def complete(self) -> bool:
        return self.missing == 0


def states(
    amendments: Iterable[Amendment],
    languages: Iterable[str],
    changes: Iterable[AmendmentChange] | None = None,
) -> dict[int, dict[str, LanguageState]]:
    """{amendment pk: {language: LanguageState}} in three queries (two if `changes` given)."""
    amendments = list(amendments)
    languages = list(languages)
    pks = [a.pk for a in amendments]
    if changes is None:
        changes = AmendmentChange.objects.filter(amendment_id__in=pks, is_removed=False)
    changes = list(changes)
    rows = {
        (r.change_id, r.language): r
        for r in AmendmentChangeTranslation.objects.filter(
            change_id__in=[c.pk for c in changes], language__in=languages
        ).select_related("translated_by")
    }
    notes = {
        (n.amendment_id, n.language): n
        for n in AmendmentNoteTranslation.objects.filter(
            amendment_id__in=pks, language__in=languages
        )
    }
    by_amendment: dict[int, list[AmendmentChange]] = {}
    for change in changes:
        by_amendment.setdefault(change.amendment_id, []).append(change)
    out: dict[int, dict[str, LanguageState]] = {}
    for amendment in amendments:
        per = out[amendment.pk] = {}
        for language in languages:
            note = notes.get((amendment.pk, language))
            state = per[language] = LanguageState(
                language,
                note=note.text if note else "",
                note_version=note.version if note else 0,
                note_needed=bool(amendment.explanatory_note.strip()),
                is_original=amendment.language == language,
            )
            for change in by_amendment.get(amendment.pk, []):
                row = rows.get((change.pk, language))
                state.changes.append(
                    ChangeText(
                        change,
                        language,
                        text=row.proposed_text if row else "",
                        version=row.version if row else 0,
                        base_text=row.base_text if row else "",
                        is_original=row.is_original if row else False,
                        translated_by=row.translated_by if row else None,
                        updated_at=row.updated_at if row else None,
                    )
                )
    return out


@dataclass
class Queue:
    language: str
    items: list[tuple[Amendment, LanguageState]]
    total: int  # amendments considered

    @property
    def name(self) -> str:
        return language_name(self.language)

    @property
    def count(self) -> int:
        return len(self.items)


def awaiting(access: Access) -> list[Queue]:
    """Per language: the amendments the user sees (tabled, or late for the secretariat) whose
    text or note is not yet in that language, in the order of their numbers."""
    committee = access.committee
    languages = translation_languages(committee)
    amendments = list(
        Amendment.objects.visible_to(access)
        .exclude(status__in=[Amendment.Status.DRAFT, Amendment.Status.DISCARDED])
        .select_related("group")
        .order_by("number", "created_at", "pk")
    )
    found = states(amendments, languages)
    return [
        Queue(
            language,
            [(a, found[a.pk][language]) for a in amendments if not found[a.pk][language].complete],
            len(amendments),
        )
        for language in languages
    ]
