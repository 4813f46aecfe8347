"""Helpers for the floor tests: a committee whose text is before the committee."""

from __future__ import annotations

from committee import floor, stages
from committee.models import Committee, Stage
from tests.committee.amendment_fixtures import access, user


def to_stage(committee: Committee, stage: str) -> None:
    """Move the committee's text on (as the secretariat) until it is at `stage`."""
    while stages.current_stage(committee) != stage:
        current = stages.current_stage(committee)
        who = "clerk" if current == Stage.PLENARY else "secretariat"
        stages.advance(access(committee, who), user(who), confirm=True)


def decide(committee: Committee, amendment, outcome: str = "adopted", **kwargs):
    return floor.decide(
        access(committee, "secretariat"),
        user("secretariat"),
        amendment.pk,
        outcome=outcome,
        **kwargs,
    )


def undo(committee: Committee, reason: str = "Recorded by mistake", **kwargs):
    return floor.undo_last(
        access(committee, "secretariat"), user("secretariat"), reason=reason, **kwargs
    )
