"""The general discussion: points for discussion, time per Group, speakers' list and the clock.

The clock is stored as events: each `Speech` is one stretch of the clock for one speaker,
with server times `started_at` and `stopped_at`. Elapsed time is always computed from them,
never ticked. At most one clock runs per committee (a partial unique constraint).

`RoomState` is one row per committee: what the room screen shows (the point and speaker) and a
counter that every write bumps, so that hundreds of room screens can ask "changed?" cheaply.
It also holds the screen key: the secret in the projector's address (no login on that screen).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from committee.models import Committee, Country, Group, RegionalGroup
from drafting.inputs import TextPolicy

# Allocations above this are refused as absurd (ten hours for one Group on one point).
MAX_ALLOCATION_SECONDS = 10 * 60 * 60
LANGUAGES = ("en", "fr", "es")
WORKING_LANGUAGE = "en"


class Point(models.Model):
    """A point for discussion. Its number is its place in the committee's list (1, 2, ...)."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="discussion_points"
    )
    number = models.PositiveIntegerField(_("number"))
    # The committee's languages: English is the working language and required.
    text_en = models.TextField(_("question (English)"), validators=[TextPolicy()])
    text_fr = models.TextField(
        _("question (French)"), blank=True, default="", validators=[TextPolicy()]
    )
    text_es = models.TextField(
        _("question (Spanish)"), blank=True, default="", validators=[TextPolicy()]
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="one_point_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text_en[:60]}"

    @property
    def text(self) -> str:
        """The question in the interface language, else in the working language."""
        lang = (get_language() or WORKING_LANGUAGE)[:2]
        return getattr(self, f"text_{lang}", "") or self.text_en


class Allocation(models.Model):
    """Time allocated on one point to a Group, a regional group, or the observers.

    `seconds` is None when the slot has no allocation of its own (regional groups and observers
    are optional; a regional group without one speaks on the Government group's time).
    """

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="allocations")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, null=True, blank=True
    )
    observers = models.BooleanField(default=False)
    seconds = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(group__isnull=False, regional_group__isnull=True, observers=False)
                    | Q(group__isnull=True, regional_group__isnull=False, observers=False)
                    | Q(group__isnull=True, regional_group__isnull=True, observers=True)
                ),
                name="allocation_has_one_holder",
            ),
            models.UniqueConstraint(
                fields=["point", "group"], condition=Q(group__isnull=False), name="one_per_group"
            ),
            models.UniqueConstraint(
                fields=["point", "regional_group"],
                condition=Q(regional_group__isnull=False),
                name="one_per_regional_group",
            ),
            models.UniqueConstraint(
                fields=["point"], condition=Q(observers=True), name="one_for_observers"
            ),
            models.CheckConstraint(
                condition=Q(seconds__lte=MAX_ALLOCATION_SECONDS), name="allocation_not_absurd"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.seconds}s"

    @property
    def key(self) -> str:
        if self.group_id:
            return f"g{self.group_id}"
        if self.regional_group_id:
            return f"r{self.regional_group_id}"
        return "obs"


class Speaker(models.Model):
    """One entry on a point's speakers' list."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Has the floor")
        DONE = "done", _("Spoke")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="speakers")
    position = models.PositiveIntegerField()
    label = models.CharField(_("speaker"), max_length=300, validators=[TextPolicy()])
    # None: an observer.
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup, on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    called_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["point", "position"]
        constraints = [
            models.UniqueConstraint(fields=["point", "position"], name="one_speaker_per_place")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def group_label(self) -> str:
        return str(self.group) if self.group_id else str(_("Observers"))


class Speech(models.Model):
    """One stretch of the clock for one speaker, in server time. Open while stopped_at is null."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="speeches")
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(stopped_at__isnull=True),
                name="one_running_clock_per_committee",
            ),
            models.CheckConstraint(
                condition=Q(stopped_at__isnull=True) | Q(stopped_at__gte=models.F("started_at")),
                name="speech_stops_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.started_at:%H:%M:%S}–{self.stopped_at or '…'}"

    @property
    def running(self) -> bool:
        return self.stopped_at is None

    def seconds(self, now: datetime | None = None) -> int:
        """Whole seconds on the clock (a running speech counts up to `now`)."""
        end = self.stopped_at or now or timezone.now()
        return max(0, int((end - self.started_at).total_seconds()))


def new_screen_key() -> str:
    """A fresh secret for the projector's address (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class RoomState(models.Model):
    """What the room screen shows, and a counter bumped by every write (its ETag)."""

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, primary_key=True, related_name="room_state"
    )
    # A fresh token per row: an ETag from another database can never match.
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveBigIntegerField(default=1)
    point = models.ForeignKey(Point, on_delete=models.SET_NULL, null=True, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.SET_NULL, null=True, related_name="+")
    # The projector's address carries it instead of a login; renewing it closes the old address.
    screen_key = models.CharField(max_length=64, default=new_screen_key, editable=False)

    def __str__(self) -> str:
        return f"{self.committee} (v{self.version})"
