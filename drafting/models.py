"""The text: a Draft and the tree of its units.

A Draft is one tree of Paragraph nodes of several kinds (section, part heading, preambular
paragraph, paragraph, clause, sub-clause). Identity is the primary key; displayed numbers
(1, 2, (a), (i), I., II.) are computed from order by `drafting.numbering` and never stored.
A paragraph's `text` is in the draft's working language; other languages attach to the
paragraph by id, so no language is baked into the tree.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from drafting.history import KindedHistory
from drafting.inputs import DateBounds, TextPolicy

MAX_TEXT_LENGTH = 20_000
DEFAULT_TEXT_LANGUAGES = "en,fr,es"


class Draft(models.Model):
    title = models.CharField(_("title"), max_length=500, validators=[TextPolicy()])
    symbol = models.CharField(
        _("document symbol"), max_length=100, blank=True, validators=[TextPolicy()]
    )
    language = models.CharField(
        _("working language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    date = models.DateField(_("date"), null=True, blank=True, validators=[DateBounds()])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every structural change (insert, move, delete) so two editors of the
    # structure cannot silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    # The languages of the parallel texts ("en,fr,es"); the working language is the source.
    languages = models.CharField(
        _("languages of the text"),
        max_length=64,
        default=DEFAULT_TEXT_LANGUAGES,
        help_text=_("Language codes separated by commas, e.g. en,fr,es."),
        validators=[TextPolicy()],
    )
    # The title in the other languages: {"fr": "...", "es": "..."}.
    title_translations = models.JSONField(_("title in other languages"), default=dict, blank=True)
    history = HistoricalRecords(bases=[KindedHistory])

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()

    @property
    def text_languages(self) -> list[str]:
        """The languages of the text, the working language first, known languages only."""
        known = [code for code, _name in settings.LANGUAGES]
        listed = [c.strip() for c in (self.languages or "").split(",") if c.strip() in known]
        return [self.language, *[c for c in dict.fromkeys(listed) if c != self.language]]

    @property
    def translation_languages(self) -> list[str]:
        """The languages the source text is translated into."""
        return self.text_languages[1:]

    def title_in(self, language: str) -> str:
        """The title in that language, or the working language's title."""
        if language == self.language:
            return self.title
        return (self.title_translations or {}).get(language) or self.title


class Paragraph(models.Model):
    class Kind(models.TextChoices):
        SECTION = "section", _("Section")
        PART = "part", _("Part")
        PREAMBLE = "preamble", _("Preambular paragraph")
        PARAGRAPH = "paragraph", _("Paragraph")
        CLAUSE = "clause", _("Clause")
        SUBCLAUSE = "subclause", _("Sub-clause")

    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="paragraphs")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PARAGRAPH)
    position = models.PositiveIntegerField(default=0)
    # For a paragraph or clause that has clauses, `text` is its chapeau.
    text = models.TextField(
        _("text"), blank=True, max_length=MAX_TEXT_LENGTH, validators=[TextPolicy()]
    )
    version = models.PositiveIntegerField(default=1)
    is_deleted = models.BooleanField(default=False)
    history = HistoricalRecords(bases=[KindedHistory])

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["draft", "parent", "position"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class ParagraphTranslation(models.Model):
    """A unit's text in one of the draft's other languages, with its own versions and history.

    `source_version` is the `Paragraph.version` it was translated from; `needs_update` is set by
    drafting.services whenever the source text changes, and cleared when the translation is
    saved again against the current source. A unit with no translation row (or an empty text)
    is "missing" in that language.
    """

    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(
        _("text"), blank=True, max_length=MAX_TEXT_LENGTH, validators=[TextPolicy()]
    )
    version = models.PositiveIntegerField(default=1)
    source_version = models.PositiveIntegerField(_("translated from version"), default=1)
    needs_update = models.BooleanField(_("needs update"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[KindedHistory])

    class Meta:
        verbose_name = _("paragraph translation")
        verbose_name_plural = _("paragraph translations")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "language"], name="unique_paragraph_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} [{self.language}]"

    @property
    def is_missing(self) -> bool:
        return not self.text.strip()

    @property
    def is_stale(self) -> bool:
        return bool(self.needs_update or self.source_version != self.paragraph.version)
