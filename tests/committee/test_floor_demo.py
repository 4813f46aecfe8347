"""The whole demo draft, from the drafting group to adopted by the Conference."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from committee import floor, stages
from committee.demo_amendments import seed_demo_amendments
from committee.models import Amendment, Decision, Stage, TextSnapshot
from drafting.demo import create_demo_draft
from drafting.outline import outline
from drafting.textdiff import merge3
from tests.committee.amendment_fixtures import access, user
from tests.committee.floor_fixtures import to_stage

S = Amendment.Status


def expected_text(drafting_rows: list[dict], adopted: list[Amendment]) -> list[tuple[str, str]]:
    """The drafting group's rows with the adopted changes applied in order, in pure Python."""
    rows = {r["id"]: dict(r) for r in drafting_rows}
    next_id = -1
    for amendment in adopted:
        for change in amendment.changes.filter(is_removed=False).order_by("position", "pk"):
            base = change.original_base_text or change.base_text
            proposed = change.original_proposed_text or change.proposed_text
            target = rows[change.paragraph_id]
            if change.action == "replace":
                merged = merge3(base, proposed, target["text"])
                assert merged.text is not None
                target["text"] = merged.text
            elif change.action == "delete":
                doomed = {target["id"]}
                while True:
                    more = {r["id"] for r in rows.values() if r["parent_id"] in doomed} - doomed
                    if not more:
                        break
                    doomed |= more
                for pk in doomed:
                    rows[pk]["is_deleted"] = True
            else:
                assert change.insert_kind == target["kind"]
                siblings = sorted(
                    (r for r in rows.values() if r["parent_id"] == target["parent_id"]),
                    key=lambda r: (r["position"], r["id"]),
                )
                i = siblings.index(target)
                after = siblings[i + 1]["position"] if i + 1 < len(siblings) else None
                position = (target["position"] + after) / 2 if after else target["position"] + 1
                rows[next_id] = {
                    "id": next_id, "parent_id": target["parent_id"], "kind": change.insert_kind,
                    "position": position, "text": proposed, "is_deleted": False,
                }  # fmt: skip
                next_id -= 1
    out: list[tuple[str, str]] = []

    def walk(parent):
        for r in sorted(
            (r for r in rows.values() if r["parent_id"] == parent and not r["is_deleted"]),
            key=lambda r: (r["position"], r["id"] if r["id"] > 0 else 10**9 - r["id"]),
        ):
            out.append((r["kind"], r["text"]))
            walk(r["id"])

    walk(None)
    return out


def test_the_demo_text_goes_from_drafting_group_to_adopted_by_the_conference(committee):
    secretariat = get_user_model().objects.get(username="secretariat")
    committee.draft = create_demo_draft(secretariat)
    committee.save(update_fields=["draft"])
    assert seed_demo_amendments(committee) > 50
    to_stage(committee, Stage.COMMITTEE)
    who, the_access = user("secretariat"), access(committee, "secretariat")
    pending = list(
        Amendment.objects.filter(committee=committee, status__in=floor.DECIDABLE).order_by("number")
    )
    for i, amendment in enumerate(pending):
        amendment.refresh_from_db()
        if amendment.status not in floor.DECIDABLE:
            continue
        colliding = amendment.changes.filter(collides=True).exists()
        if colliding:
            outcome = "fell"
        else:
            outcome = ["adopted", "rejected", "adopted", "not_seconded"][i % 4]
        try:
            floor.decide(the_access, who, amendment.pk, outcome=outcome)
        except floor.FloorError:
            floor.decide(the_access, who, amendment.pk, outcome="fell")
    for stop in floor.stops(committee):
        if stop.unit.kind == "paragraph":
            floor.declare_paragraph(the_access, who, stop.pk)
    to_stage(committee, Stage.ADOPTED_BY_CONFERENCE)

    assert stages.current_stage(committee) == Stage.ADOPTED_BY_CONFERENCE
    assert not Amendment.objects.filter(committee=committee, status__in=floor.DECIDABLE).exists()
    adopted_ids = (
        Decision.objects.filter(
            committee=committee, undone=False, outcome__in=["adopted", "adopted_subamended"]
        )
        .order_by("sequence")
        .values_list("amendment_id", flat=True)
    )
    adopted = [Amendment.objects.get(pk=pk) for pk in adopted_ids]
    assert len(adopted) > 10
    drafting_group = TextSnapshot.objects.get(committee=committee, name="drafting_group")
    final = TextSnapshot.objects.get(committee=committee, name="adopted_by_conference")
    final_rows = stages.snapshot_rows(final)
    got = [(u.kind, u.paragraph.text) for u in outline(committee.draft, paragraphs=final_rows)]
    assert got == expected_text(drafting_group.rows, adopted)
    assert got != expected_text(drafting_group.rows, [])
