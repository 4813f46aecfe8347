"""Every write of the general discussion, each in one transaction.

Each service locks the committee's `RoomState` row first (one lock order for everything, so two
secretariat consoles acting at once are serialised), then what it changes, checks that what the
user saw is still true (stale state is refused, never overwritten), records who did it, and
bumps the room's version so that the room screens pick the change up.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.models import Committee, Country, Floor, Group, RegionalGroup
from discussion.models import (
    MAX_ALLOCATION_SECONDS,
    Allocation,
    Point,
    RoomState,
    Speaker,
    Speech,
    new_screen_key,
)
from drafting import inputs


class DiscussionError(Exception):
    """A refused action: the message says why; nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleError(DiscussionError):
    pass


def _lock_room(committee: Committee) -> RoomState:
    RoomState.objects.get_or_create(committee=committee)
    return RoomState.objects.select_for_update().get(pk=committee.pk)


def _bump(room: RoomState, **changes) -> None:
    for name, value in changes.items():
        setattr(room, name, value)
    room.version += 1
    room.save()


def _take_screen_from_floor(committee: Committee, user) -> bool:
    """The general discussion takes the room screen back from a paragraph on the floor.

    Locks in the floor's own order (committee, floor, then the room), so that a decision being
    recorded at the same moment waits instead of deadlocking.
    """
    Committee.objects.select_for_update().filter(pk=committee.pk).first()
    floor = Floor.objects.select_for_update().filter(pk=committee.pk).first()
    if floor is None or (floor.paragraph_id is None and floor.amendment_id is None):
        return False
    floor.paragraph = None
    floor.amendment = None
    _save(floor, user, "The general discussion took the room screen")
    return True


def room_state(committee: Committee) -> RoomState:
    """The committee's room row (made on first use), with its screen key."""
    room, _created = RoomState.objects.get_or_create(committee=committee)
    return room


def key_fingerprint(key: str) -> str:
    """A short digest of a screen key: a form names the key it renews without holding it."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@transaction.atomic
def renew_screen_key(committee: Committee, user, *, expected: str | None = None) -> str:
    """A new secret for the projector's address: the old address stops working at once.

    `expected` is the fingerprint of the key the secretariat saw; if a colleague renewed it
    since, nothing is changed.
    """
    room = _lock_room(committee)
    if expected is not None and not secrets.compare_digest(
        expected.encode(), key_fingerprint(room.screen_key).encode()
    ):
        raise StaleError(
            _(
                "The screen key was renewed by someone else meanwhile; nothing was changed. "
                "Here is the current address."
            )
        )
    room.screen_key = new_screen_key()
    room.save(update_fields=["screen_key"])
    return room.screen_key


def bump_room(committee: Committee) -> None:
    """For other apps that add to the room screen: tell the screens something changed."""
    with transaction.atomic():
        _bump(_lock_room(committee))


def on_room_changed(sender, committee: Committee, **kwargs) -> None:
    """The committee's `room_changed` signal: its floor or its text's stage moved on."""
    bump_room(committee)


def _save(obj, user, reason: str, **kwargs) -> None:
    obj._history_user = user
    obj._change_reason = reason
    obj.save(**kwargs)


def _check_order(actual: Sequence[int], expected: Sequence[int] | None) -> None:
    if expected is not None and list(actual) != list(expected):
        raise StaleError(
            _("The list changed since you loaded it; nothing was moved. Here is the current list.")
        )


# Points for discussion ------------------------------------------------------------------


MAX_POINT_TEXT = 4000
MAX_LABEL = 300


def _point_texts(*texts: str) -> list[str]:
    return [inputs.clean_text(t, MAX_POINT_TEXT, error=DiscussionError) for t in texts]


@transaction.atomic
def create_point(committee: Committee, user, *, text_en: str, text_fr="", text_es="") -> Point:
    text_en, text_fr, text_es = _point_texts(text_en, text_fr, text_es)
    room = _lock_room(committee)
    last = Point.objects.filter(committee=committee).aggregate(n=Max("number"))["n"] or 0
    point = Point(
        committee=committee, number=last + 1, text_en=text_en, text_fr=text_fr, text_es=text_es
    )
    _save(point, user, "Point for discussion created")
    _bump(room)
    return point


@transaction.atomic
def update_point(point_id: int, user, *, version: int, text_en: str, text_fr="", text_es=""):
    text_en, text_fr, text_es = _point_texts(text_en, text_fr, text_es)
    point = Point.objects.select_related("committee").get(pk=point_id)
    room = _lock_room(point.committee)
    point = Point.objects.select_for_update().get(pk=point_id)
    if point.version != version:
        raise StaleError(
            _("Someone changed this point since you opened it; nothing was saved. Check it again.")
        )
    point.text_en, point.text_fr, point.text_es = text_en, text_fr, text_es
    point.version += 1
    _save(point, user, "Point for discussion edited")
    _bump(room)
    return point


@transaction.atomic
def move_point(point_id: int, user, direction: str, expected_order: Sequence[int] | None):
    point = Point.objects.select_related("committee").get(pk=point_id)
    room = _lock_room(point.committee)
    points = list(Point.objects.select_for_update().filter(committee=point.committee))
    _check_order([p.pk for p in points], expected_order)
    index = next(i for i, p in enumerate(points) if p.pk == point_id)
    other_index = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other_index < len(points):
        raise DiscussionError(_("This point cannot move further."))
    a, b = points[index], points[other_index]
    a_number, b_number = a.number, b.number
    a.number = 0  # out of the way of the unique number while the two swap
    a.save(update_fields=["number"])
    b.number = a_number
    _save(b, user, "Points reordered", update_fields=["number"])
    a.number = b_number
    _save(a, user, "Points reordered", update_fields=["number"])
    _bump(room)


def parse_mmss(value: str) -> int | None:
    """'12:30' or '12' (minutes) -> seconds; '' -> None. ValueError with a message otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    minutes, sep, seconds = value.partition(":")
    if not minutes.isdigit() or (sep and not (seconds.isdigit() and len(seconds) == 2)):
        raise ValueError(_("Enter the time as minutes:seconds, for example 12:30."))
    total = int(minutes) * 60 + (int(seconds) if sep else 0)
    if sep and int(seconds) > 59:
        raise ValueError(_("Seconds go from 00 to 59."))
    if total > MAX_ALLOCATION_SECONDS:
        raise ValueError(_("No more than 10 hours (600:00) can be allocated."))
    return total


@transaction.atomic
def set_allocations(point_id: int, user, *, version: int, values: dict[str, int | None]) -> None:
    """values: {"g<id>"|"r<id>"|"obs": seconds or None}, for the point's committee only."""
    point = Point.objects.select_related("committee").get(pk=point_id)
    room = _lock_room(point.committee)
    point = Point.objects.select_for_update().get(pk=point_id)
    if point.version != version:
        raise StaleError(
            _("Someone changed this point since you opened it; nothing was saved. Check it again.")
        )
    groups = {f"g{g.pk}": g for g in point.committee.groups.all()}
    regional = {f"r{r.pk}": r for r in point.committee.regional_groups.all()}
    existing = {a.key: a for a in Allocation.objects.select_for_update().filter(point=point)}
    for key, seconds in values.items():
        if key not in groups and key not in regional and key != "obs":
            raise DiscussionError(_("That Group is not on this committee."))
        if seconds is not None and not 0 <= seconds <= MAX_ALLOCATION_SECONDS:
            raise DiscussionError(_("An allocation goes from 0:00 to 600:00."))
        allocation = existing.get(key)
        if allocation is None:
            if seconds is None:
                continue
            allocation = Allocation(
                point=point,
                group=groups.get(key),
                regional_group=regional.get(key),
                observers=key == "obs",
            )
        elif allocation.seconds == seconds:
            continue
        allocation.seconds = seconds
        _save(allocation, user, "Time allocated")
    point.version += 1
    point.save(update_fields=["version"])
    _bump(room)


# The speakers' list ---------------------------------------------------------------------


def compose_label(group: Group | None, country: Country | None, regional: RegionalGroup | None):
    """How the records name a speaker when nobody typed a name."""
    if group is None:
        return _("Observer")
    if group.kind == Group.Kind.GOVERNMENT:
        label = (
            _("Government member of %(country)s") % {"country": country}
            if country
            else _("Government member")
        )
        if regional:
            label += ", " + _("on behalf of the %(group)s") % {"group": regional}
        return label
    if group.kind == Group.Kind.EMPLOYERS:
        return _("Employer member")
    return _("Worker member")


@transaction.atomic
def add_speaker(
    point: Point,
    user,
    *,
    label: str,
    group: Group | None,
    country: Country | None = None,
    regional_group: RegionalGroup | None = None,
) -> Speaker:
    room = _lock_room(point.committee)
    if group is not None and group.committee_id != point.committee_id:
        raise DiscussionError(_("That Group is not on this committee."))
    if regional_group is not None:
        if regional_group.committee_id != point.committee_id:
            raise DiscussionError(_("That regional group is not on this committee."))
        if group is None or group.kind != Group.Kind.GOVERNMENT:
            raise DiscussionError(_("Only Government members speak for a regional group."))
    if country is not None and (group is None or group.kind != Group.Kind.GOVERNMENT):
        raise DiscussionError(_("Only Government members speak for a country."))
    typed = inputs.clean_text(label, MAX_LABEL, multiline=False, error=DiscussionError)
    label = " ".join(typed.split()) or compose_label(group, country, regional_group)
    # A double click, or two people adding the same delegate: listed once while waiting
    # (the room row is locked, so two adds at once are checked one after the other).
    waiting = Speaker.objects.filter(
        point=point,
        status=Speaker.Status.WAITING,
        group=group,
        country=country,
        regional_group=regional_group,
        label__iexact=label,
    )
    if waiting.exists():
        raise DiscussionError(
            _("%(speaker)s is already on the speakers' list.") % {"speaker": label}
        )
    last = Speaker.objects.filter(point=point).aggregate(n=Max("position"))["n"] or 0
    speaker = Speaker(
        point=point,
        position=last + 1,
        label=label,
        group=group,
        country=country,
        regional_group=regional_group,
        added_by=user,
    )
    _save(speaker, user, "Asked for the floor")
    _bump(room)
    return speaker


def _waiting(point_id: int) -> list[Speaker]:
    return list(
        Speaker.objects.select_for_update()
        .filter(point_id=point_id, status=Speaker.Status.WAITING)
        .order_by("position")
    )


@transaction.atomic
def move_speaker(speaker_id: int, user, direction: str, expected_order: Sequence[int] | None):
    speaker = Speaker.objects.select_related("point__committee").get(pk=speaker_id)
    room = _lock_room(speaker.point.committee)
    waiting = _waiting(speaker.point_id)
    _check_order([s.pk for s in waiting], expected_order)
    index = next((i for i, s in enumerate(waiting) if s.pk == speaker_id), None)
    if index is None:
        raise StaleError(_("This speaker is no longer waiting; nothing was moved."))
    other_index = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other_index < len(waiting):
        raise DiscussionError(_("This speaker cannot move further."))
    a, b = waiting[index], waiting[other_index]
    a_position, b_position = a.position, b.position
    a.position = 0
    a.save(update_fields=["position"])
    b.position = a_position
    _save(b, user, "Speakers' list reordered", update_fields=["position"])
    a.position = b_position
    _save(a, user, "Speakers' list reordered", update_fields=["position"])
    _bump(room)


@transaction.atomic
def withdraw_speaker(speaker_id: int, user) -> Speaker:
    speaker = Speaker.objects.select_related("point__committee").get(pk=speaker_id)
    room = _lock_room(speaker.point.committee)
    speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
    if speaker.status != Speaker.Status.WAITING:
        raise StaleError(_("Only a speaker who is still waiting can be withdrawn."))
    speaker.status = Speaker.Status.WITHDRAWN
    _save(speaker, user, "Withdrawn from the speakers' list")
    _bump(room)
    return speaker


def _close_current(room: RoomState, user, now) -> None:
    """Stop the running clock and mark whoever has the floor as having spoken."""
    Speech.objects.filter(committee_id=room.pk, stopped_at__isnull=True).update(
        stopped_at=now, stopped_by=user
    )
    for speaker in Speaker.objects.select_for_update().filter(
        point__committee_id=room.pk, status=Speaker.Status.SPEAKING
    ):
        speaker.status = Speaker.Status.DONE
        _save(speaker, user, "Speech ended")


@transaction.atomic
def call_next(point_id: int, user, expected_next_id: int | None) -> Speaker:
    point = Point.objects.select_related("committee").get(pk=point_id)
    _take_screen_from_floor(point.committee, user)
    room = _lock_room(point.committee)
    waiting = _waiting(point_id)
    if not waiting:
        raise DiscussionError(_("Nobody is waiting to speak on this point."))
    following = waiting[0]
    if expected_next_id is not None and following.pk != expected_next_id:
        raise StaleError(
            _("The speakers' list changed since you loaded it; nobody was called. Check it again.")
        )
    now = timezone.now()
    _close_current(room, user, now)
    following.status = Speaker.Status.SPEAKING
    following.called_at = now
    _save(following, user, "Given the floor")
    _bump(room, point=point, speaker=following)
    return following


@transaction.atomic
def open_point(point_id: int, user) -> None:
    """Put a point on the room screen (whoever had the floor on another point has finished)."""
    point = Point.objects.select_related("committee").get(pk=point_id)
    took = _take_screen_from_floor(point.committee, user)
    room = _lock_room(point.committee)
    if room.point_id == point.pk:
        if took:  # the point was there already, under a paragraph: show it again
            _bump(room)
        return
    _close_current(room, user, timezone.now())
    _bump(room, point=point, speaker=None)


@transaction.atomic
def finish_speech(committee: Committee, user, expected_speaker_id: int | None) -> None:
    room = _lock_room(committee)
    if room.speaker_id is None:
        raise DiscussionError(_("Nobody has the floor."))
    if expected_speaker_id is not None and room.speaker_id != expected_speaker_id:
        raise StaleError(_("Someone else has the floor now; nothing was changed."))
    _close_current(room, user, timezone.now())
    _bump(room, speaker=None)


@transaction.atomic
def start_clock(committee: Committee, user, expected_speaker_id: int | None) -> Speech:
    room = _lock_room(committee)
    running = (
        Speech.objects.select_related("speaker")
        .filter(committee=committee, stopped_at__isnull=True)
        .first()
    )
    if running is not None:
        raise DiscussionError(
            _("The clock is already running for %(speaker)s. Stop it before starting another.")
            % {"speaker": running.speaker}
        )
    if room.speaker_id is None:
        raise DiscussionError(_("Nobody has the floor: call the next speaker first."))
    if expected_speaker_id is not None and room.speaker_id != expected_speaker_id:
        raise StaleError(_("Someone else has the floor now; the clock was not started."))
    try:
        with transaction.atomic():
            speech = Speech.objects.create(
                committee=committee,
                speaker_id=room.speaker_id,
                started_at=timezone.now(),
                started_by=user,
            )
    except IntegrityError as exc:  # the database's own guard: one running clock per committee
        raise DiscussionError(_("The clock is already running.")) from exc
    _bump(room)
    return speech


@transaction.atomic
def stop_clock(committee: Committee, user) -> Speech:
    room = _lock_room(committee)
    speech = (
        Speech.objects.select_for_update().filter(committee=committee, stopped_at__isnull=True)
    ).first()
    if speech is None:
        raise DiscussionError(_("The clock is not running."))
    speech.stopped_at = max(timezone.now(), speech.started_at)
    speech.stopped_by = user
    speech.save(update_fields=["stopped_at", "stopped_by"])
    _bump(room)
    return speech
