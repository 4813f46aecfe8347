"""Time used against time allocated, computed from the clock's events (never ticked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from discussion.models import Allocation, Point, Speaker


def mmss(seconds: int | None) -> str:
    """12:05, -0:30 for an overrun; an em dash when there is no value."""
    if seconds is None:
        return "—"
    sign = "−" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


@dataclass
class SpeakerTime:
    speaker: Speaker
    slot_key: str
    completed: int = 0  # seconds of stopped speeches
    running_since: datetime | None = None
    now: datetime | None = None

    @property
    def seconds(self) -> int:
        if self.running_since is None:
            return self.completed
        return self.completed + max(0, int((self.now - self.running_since).total_seconds()))


@dataclass
class Slot:
    key: str
    label: str
    allocated: int | None
    completed: int = 0
    running_since: datetime | None = None
    now: datetime | None = None
    speakers: list[SpeakerTime] = field(default_factory=list)

    @property
    def used(self) -> int:
        return sum(s.seconds for s in self.speakers)

    @property
    def remaining(self) -> int | None:
        return None if self.allocated is None else self.allocated - self.used

    @property
    def remaining_before_running(self) -> int | None:
        """Remaining time not counting the running stretch: the client counts down from it."""
        return None if self.allocated is None else self.allocated - self.completed

    @property
    def overrun(self) -> bool:
        return self.remaining is not None and self.remaining < 0

    @property
    def running(self) -> bool:
        return self.running_since is not None


@dataclass
class Tally:
    point: Point
    slots: list[Slot]
    called: list[SpeakerTime]  # speakers who had the floor, in the order they were called
    waiting: list[Speaker]
    withdrawn: list[Speaker]
    current: SpeakerTime | None
    now: datetime

    @property
    def allocated(self) -> int:
        return sum(s.allocated or 0 for s in self.slots)

    @property
    def used(self) -> int:
        return sum(s.used for s in self.slots)

    @property
    def remaining(self) -> int:
        return self.allocated - self.used

    @property
    def running(self) -> SpeakerTime | None:
        return next((t for t in self.called if t.running_since is not None), None)

    def slot_for(self, speaker_time: SpeakerTime | None) -> Slot | None:
        if speaker_time is None:
            return None
        return next(s for s in self.slots if s.key == speaker_time.slot_key)


def slot_key(speaker: Speaker, allocations: dict[str, Allocation]) -> str:
    """A regional group with its own allocation speaks on it; others on their Group's time."""
    if speaker.regional_group_id:
        own = allocations.get(f"r{speaker.regional_group_id}")
        if own is not None and own.seconds is not None:
            return own.key
    if speaker.group_id:
        return f"g{speaker.group_id}"
    return "obs"


def tally(point: Point, now: datetime | None = None) -> Tally:
    now = now or timezone.now()
    committee = point.committee
    allocations = {
        a.key: a for a in point.allocations.select_related("group", "regional_group").all()
    }
    slots: dict[str, Slot] = {}
    for group in committee.groups.all():
        a = allocations.get(f"g{group.pk}")
        slots[f"g{group.pk}"] = Slot(f"g{group.pk}", group.name, a.seconds if a else None, now=now)
    for rg in committee.regional_groups.all():
        a = allocations.get(f"r{rg.pk}")
        if a is not None and a.seconds is not None:
            slots[f"r{rg.pk}"] = Slot(f"r{rg.pk}", rg.name, a.seconds, now=now)
    obs = allocations.get("obs")
    slots["obs"] = Slot("obs", _("Observers"), obs.seconds if obs else None, now=now)

    speakers = list(
        point.speakers.select_related("group", "country", "regional_group").prefetch_related(
            "speeches"
        )
    )
    called, waiting, withdrawn, current = [], [], [], None
    for speaker in speakers:
        if speaker.status == Speaker.Status.WAITING:
            waiting.append(speaker)
            continue
        if speaker.status == Speaker.Status.WITHDRAWN:
            withdrawn.append(speaker)
            continue
        st = SpeakerTime(speaker, slot_key(speaker, allocations), now=now)
        for speech in speaker.speeches.all():
            if speech.stopped_at is None:
                st.running_since = speech.started_at
            else:
                st.completed += speech.seconds()
        slot = slots[st.slot_key]
        slot.speakers.append(st)
        slot.completed += st.completed
        if st.running_since is not None:
            slot.running_since = st.running_since
        called.append(st)
        if speaker.status == Speaker.Status.SPEAKING:
            current = st
    called.sort(key=lambda t: (t.speaker.called_at or t.speaker.added_at, t.speaker.position))
    visible = [s for s in slots.values() if s.key.startswith("g") or s.allocated or s.speakers]
    return Tally(point, visible, called, waiting, withdrawn, current, now)
