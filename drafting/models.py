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

MAX_TEXT_LENGTH = 20_000


class Draft(models.Model):
    title = models.CharField(_("title"), max_length=500)
    symbol = models.CharField(_("document symbol"), max_length=100, blank=True)
    language = models.CharField(
        _("working language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    date = models.DateField(_("date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every structural change (insert, move, delete) so two editors of the
    # structure cannot silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.symbol} {self.title}".strip()


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
    text = models.TextField(_("text"), blank=True, max_length=MAX_TEXT_LENGTH)
    version = models.PositiveIntegerField(default=1)
    is_deleted = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["draft", "parent", "position"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"
