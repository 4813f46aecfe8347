"""The Chair's view: what the Chairperson and Vice-Chairpersons need to follow the sitting,
read-only. The order of discussion of the paragraph on the floor, the amendment under
discussion and what comes next, the next paragraph, and in the general discussion who has the
floor, who is next and the time used per Group.

It reads the sitting console of committee.floor (the discussion layer builds on the committee
layer, never the other way round) and the tally of the general discussion.
"""

from __future__ import annotations

from dataclasses import dataclass

from committee import floor
from committee.models import Committee
from discussion.models import Point, RoomState
from discussion.tally import Tally, tally


@dataclass
class ChairView:
    console: floor.Console
    on_floor: floor.Entry | None  # the amendment on the room screen
    next_entry: floor.Entry | None  # the next amendment still before the committee
    last_sentence: str
    points: list[Point]
    point: Point | None
    tally: Tally | None

    @property
    def paragraph_on_floor(self) -> bool:
        return self.console.floor.paragraph_id is not None


def _next_open(entries: list[floor.Entry], current: floor.Entry | None) -> floor.Entry | None:
    """The first amendment still to decide after the one under discussion (or the first)."""
    start = entries.index(current) + 1 if current in entries else 0
    later = [e for e in entries[start:] if e.is_open and e.is_home and e is not current]
    return later[0] if later else None


def chair_view(committee: Committee, paragraph_id=None) -> ChairView:
    """`paragraph_id`: look ahead at another paragraph (default: the one on the floor)."""
    console = floor.console(committee, paragraph_id)
    on_floor = next(
        (e for e in console.entries if e.amendment.pk == console.floor.amendment_id), None
    )
    room = RoomState.objects.filter(committee=committee).select_related("point").first()
    point = room.point if room else None
    last = console.last_decision
    return ChairView(
        console=console,
        on_floor=on_floor,
        next_entry=_next_open(console.entries, on_floor),
        last_sentence=floor.describe(last) if last else "",
        points=list(Point.objects.filter(committee=committee)),
        point=point,
        tally=tally(point) if point else None,
    )
