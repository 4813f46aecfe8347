"""The floor (the sitting console and its decisions) in the benchmark.

Three functions connect the bench to the floor; each one degrades to "not available" when the
floor is not in the tree (committee.floor and the URL committee:floor), so the bench runs on
any revision:

- `decide(committee, amendments, user) -> bool`: record the generator's decisions through
  `committee.floor.decide` (adoptions apply their text and re-base the other pending changes),
  or return False to let the generator set statuses in bulk.
- `console_request(ctx) -> Request | None`: the sitting console for the busiest paragraph,
  read by the secretariat.
- `adoption_request(ctx, i) -> Request | None`: the i-th recording of an adoption on the busiest
  paragraph (a different pending amendment each time), POSTed to the real view.
"""

from __future__ import annotations

import random
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.measure import Context, Request

OUTCOMES = [
    ("adopted", 25),
    ("rejected", 30),
    ("withdrawn", 10),
    ("fell", 15),
    ("not_seconded", 15),
    ("deferred", 5),
]


def available() -> bool:
    """Whether the floor's services and console exist in this tree."""
    from django.urls import NoReverseMatch, reverse

    if find_spec("committee.floor") is None:
        return False
    try:
        reverse("committee:floor", args=["x"])
        reverse("committee:floor_decide", args=["x"])
    except NoReverseMatch:
        return False
    return hasattr(import_module("committee.floor"), "decide")


def decide(committee, amendments, user) -> bool:
    """Decide `amendments` through the floor's service; a refusal falls back to a rejection."""
    if not available():
        return False
    from committee.access import access_for

    floor = import_module("committee.floor")
    stages = import_module("committee.stages")
    access = access_for(user, committee)
    if stages.current_stage(committee) == "drafting_group":
        # The drafting group's text goes before the committee (a snapshot is taken).
        stages.advance(access, user, confirm=True, reason="The committee begins its work")
    rng = random.Random(6)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    from committee.models import Amendment

    pending = Amendment.Status.TABLED
    for amendment in amendments:
        outcome = rng.choices(outcomes, weights=weights)[0]
        if not Amendment.objects.filter(pk=amendment.pk, status=pending).exists():
            continue  # decided already, together with an identical amendment
        try:
            floor.decide(access, user, amendment.pk, outcome=outcome)
        except floor.FloorError:
            floor.decide(access, user, amendment.pk, outcome="rejected")
    return True


def console_request(ctx: Context) -> Request | None:
    if not available():
        return None
    from django.urls import reverse

    from bench.measure import Request

    path = reverse("committee:floor", args=[ctx.committee.slug]) + f"?p={ctx.busiest.pk}"
    return Request("GET", path, "secretariat")


def _adoptable(ctx: Context) -> tuple[int, int | None] | None:
    """A pending amendment whose changes are all on the busiest paragraph: (its pk, the pk of a
    change that collides with the text as amended, if any)."""
    from committee.models import Amendment, AmendmentChange

    busiest = ctx.busiest.pk
    elsewhere = AmendmentChange.objects.filter(is_removed=False).exclude(paragraph_id=busiest)
    candidates = (
        Amendment.objects.filter(
            committee=ctx.committee,
            status="tabled",
            changes__paragraph_id=busiest,
            changes__action="replace",
        )
        .exclude(changes__in=elsewhere)
        .order_by("number")
    )
    pk = candidates.values_list("pk", flat=True).first()
    if pk is None:
        return None
    colliding = (
        AmendmentChange.objects.filter(amendment_id=pk, collides=True).values_list("pk", flat=True)
        if hasattr(AmendmentChange, "collides")
        else []
    )
    return pk, next(iter(colliding), None)


def adoption_request(ctx: Context, i: int) -> Request | None:
    if not available():
        return None
    from django.urls import reverse

    from bench.measure import Request

    found = _adoptable(ctx)
    if found is None:
        raise RuntimeError("bench: no amendment left to adopt on the busiest paragraph")
    pk, colliding = found
    data = {
        "amendment": pk,
        "outcome": "adopted",
        "paragraph": ctx.busiest.pk,
        "state": "",  # the console token: empty skips the check (the service allows it)
        "text_version": "",
    }
    if colliding is not None:
        # It collides with the text as amended: the room adopts it as subamended, as it would.
        from bench.generate import amend_text
        from drafting.models import Paragraph

        text = Paragraph.objects.get(pk=ctx.busiest.pk).text
        data.update(
            outcome="adopted_subamended",
            change=colliding,
            subamendment_text=amend_text(text, random.Random(i)),
            subamended_by="The Worker Vice-Chairperson",
        )
    path = reverse("committee:floor_decide", args=[ctx.committee.slug])
    return Request("POST", path, "secretariat", data=data, expect=(302,))
