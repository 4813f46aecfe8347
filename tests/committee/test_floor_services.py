"""Decisions on the floor: adoption applies the text, re-basing, collisions, undo, bad input."""

from __future__ import annotations

import pytest

from committee import floor
from committee.models import Amendment, AmendmentChange, Decision, Floor, Stage, Subamendment
from drafting.models import Paragraph
from tests.committee.amendment_fixtures import access, table, user
from tests.committee.floor_fixtures import decide, to_stage, undo

P1 = "Labour migration should be fair and effective."
S = Amendment.Status


@pytest.fixture
def sitting(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    return text


def fresh(obj):
    obj.refresh_from_db()
    return obj


# Weights ------------------------------------------------------------------------------------


def test_weights_match_the_2004_report():
    assert floor.weights({"government": 75, "employers": 39, "workers": 60}) == {
        "government": 52,
        "employers": 100,
        "workers": 65,
    }


def test_weights_match_the_2006_report():
    assert floor.weights({"government": 78, "employers": 60, "workers": 66}) == {
        "government": 110,
        "employers": 143,
        "workers": 130,
    }


def test_weights_refuse_an_empty_group():
    with pytest.raises(floor.FloorError):
        floor.weights({"government": 10, "employers": 0, "workers": 5})


def test_group_sizes_count_only_government_members_entitled_to_vote(committee):
    sizes = floor.group_sizes(committee)
    assert all(n > 0 for n in sizes.values())
    member = committee.memberships.filter(group__kind="government", role="member").first()
    member.entitled_to_vote = False
    member.save()
    assert floor.group_sizes(committee)["government"] == sizes["government"] - 1


def test_a_weighted_vote_is_recorded_with_the_decision(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    sizes = floor.group_sizes(committee)
    w = floor.weights(sizes)
    decision = decide(
        committee,
        amendment,
        "rejected",
        votes={
            "government": {"for": 1, "against": 3, "abstain": 0},
            "employers": {"for": 0, "against": 2, "abstain": 1},
            "workers": {"for": 2, "against": 0, "abstain": 0},
        },
    )
    assert decision.vote["for"] == 1 * w["government"] + 2 * w["workers"]
    assert decision.vote["against"] == 3 * w["government"] + 2 * w["employers"]
    assert decision.vote["abstain"] == w["employers"]
    assert "by a vote" in floor.describe(decision)


def test_a_vote_that_contradicts_the_outcome_is_refused(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    with pytest.raises(floor.FloorError, match="does not carry"):
        decide(committee, amendment, votes={"workers": {"against": 3}})
    assert fresh(amendment).status == S.TABLED


def test_more_votes_than_members_are_refused(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    with pytest.raises(floor.FloorError, match="members"):
        decide(committee, amendment, votes={"employers": {"for": 999}})


# Adoption applies the text ------------------------------------------------------------------


def test_adopting_an_amendment_changes_the_text_as_a_new_version(committee, sitting):
    p1 = sitting["p1"]
    amendment = table(committee, "workers", p1, "Labour migration must be fair and effective.")
    decision = decide(committee, amendment)
    p1 = fresh(p1)
    assert p1.text == "Labour migration must be fair and effective."
    assert p1.version == 2
    last = p1.history.order_by("-history_date").first()
    assert last.history_change_reason == f"Amendment {amendment.short_symbol} adopted"
    assert last.history_user == user("secretariat")
    assert fresh(amendment).status == S.ADOPTED
    assert decision.reference == "Paragraph 1"
    assert Floor.objects.get(pk=committee.pk).paragraph_id == p1.pk


def test_adopting_a_deletion_and_a_new_paragraph_renumbers_but_keeps_references(committee, sitting):
    new = table(
        committee, "government", sitting["p1"], "A new paragraph.", action="insert",
        insert_kind="paragraph",
    )  # fmt: skip
    gone = table(committee, "employers", sitting["p3"], "", action="delete")
    decide(committee, new)
    decide(committee, gone)
    assert fresh(sitting["p3"]).is_deleted
    inserted = Paragraph.objects.get(text="A new paragraph.")
    assert inserted.parent_id == sitting["part"].pk
    from drafting.outline import outline

    numbers = {u.pk: u.reference for u in outline(sitting["draft"])}
    assert numbers[inserted.pk] == "Paragraph 2"
    assert numbers[sitting["p2"].pk] == "Paragraph 3"
    assert new.changes.get().reference == "new paragraph after Paragraph 1"


def test_adopting_as_subamended_applies_the_subamendment(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    decide(
        committee,
        amendment,
        "adopted_subamended",
        subamendment_text="Labour migration must be fair and effective.",
        subamended_by="Employer Vice-Chairperson",
    )
    assert fresh(sitting["p1"]).text == "Labour migration must be fair and effective."
    assert fresh(amendment).status == S.ADOPTED_SUBAMENDED
    assert fresh(change).proposed_text == "Labour migration must be fair."
    sub = Subamendment.objects.get(change=change)
    assert sub.status == "adopted" and sub.submitters == "Employer Vice-Chairperson"


def test_a_subamendment_that_changes_nothing_is_refused(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    with pytest.raises(floor.FloorError, match="changes nothing"):
        decide(
            committee,
            amendment,
            "adopted_subamended",
            subamendment_text="  Labour migration must be fair. ",
        )
    assert fresh(sitting["p1"]).text == P1
    assert not Decision.objects.exists()


# Re-basing and collisions -------------------------------------------------------------------


def test_a_disjoint_pending_amendment_is_rebased_and_stays_pending(committee, sitting):
    first = table(
        committee, "workers", sitting["p1"], "Labour migration must be fair and effective."
    )
    second = table(
        committee, "employers", sitting["p1"], "Labour migration should be fair and efficient."
    )
    decide(committee, first)
    change = fresh(second.changes.get())
    assert fresh(second).status == S.TABLED
    assert change.is_rebased and not change.collides
    assert change.proposed_text == "Labour migration must be fair and efficient."
    assert change.original_proposed_text == "Labour migration should be fair and efficient."
    assert change.base_text == "Labour migration must be fair and effective."
    assert change.base_version == fresh(sitting["p1"]).version
    decide(committee, second)
    assert fresh(sitting["p1"]).text == "Labour migration must be fair and efficient."


def test_an_overlapping_pending_amendment_collides_and_is_proposed_as_fallen(committee, sitting):
    first = table(
        committee, "workers", sitting["p1"], "Labour migration must be fair and effective."
    )
    second = table(
        committee, "employers", sitting["p1"], "Labour migration could be fair and effective."
    )
    decide(committee, first)
    change = fresh(second.changes.get())
    assert change.collides and not change.is_rebased
    assert change.proposed_text == "Labour migration could be fair and effective."
    view = floor.console(committee, sitting["p1"].pk)
    entry = next(e for e in view.entries if e.amendment.pk == second.pk)
    assert entry.suggestion == "fell"
    with pytest.raises(floor.FloorError, match="collides"):
        decide(committee, second)
    decide(committee, second, "fell")
    assert fresh(second).status == S.FELL


def test_amendments_to_a_deleted_paragraph_collide(committee, sitting):
    deletion = table(committee, "employers", sitting["p2"], "", action="delete")
    on_clause = table(committee, "workers", sitting["a"], "ratify all the relevant Conventions;")
    decide(committee, deletion)
    assert fresh(on_clause.changes.get()).collides
    with pytest.raises(floor.FloorError, match="deleted"):
        decide(committee, on_clause, paragraph_id=sitting["p2"].pk)


# Undo ---------------------------------------------------------------------------------------


def test_undo_reverts_the_text_as_a_new_version_and_keeps_the_decision(committee, sitting):
    first = table(
        committee, "workers", sitting["p1"], "Labour migration must be fair and effective."
    )
    second = table(
        committee, "employers", sitting["p1"], "Labour migration should be fair and efficient."
    )
    decision = decide(committee, first)
    undone = undo(committee, reason="The Chairperson had not closed the debate")
    assert undone.pk == decision.pk
    p1 = fresh(sitting["p1"])
    assert p1.text == P1 and p1.version == 3
    reason = p1.history.order_by("-history_date").first().history_change_reason
    assert reason.startswith("Undo: ")
    assert fresh(first).status == S.TABLED
    change = fresh(second.changes.get())
    assert (
        not change.is_rebased
        and change.proposed_text == "Labour migration should be fair and efficient."
    )
    d = Decision.objects.get(pk=decision.pk)
    assert d.undone and d.undo_reason == "The Chairperson had not closed the debate"
    # The amendment can be decided again.
    decide(committee, first, "rejected")
    assert fresh(first).status == S.REJECTED


def test_undo_of_an_inserted_paragraph_marks_it_deleted(committee, sitting):
    new = table(
        committee, "government", sitting["p1"], "A new paragraph.", action="insert",
        insert_kind="paragraph",
    )  # fmt: skip
    decide(committee, new)
    undo(committee)
    assert Paragraph.objects.get(text="A new paragraph.").is_deleted


def test_undo_needs_a_reason_and_a_decision(committee, sitting):
    with pytest.raises(floor.FloorError, match="no decision"):
        undo(committee)
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    decide(committee, amendment, "rejected")
    with pytest.raises(floor.FloorError, match="reason"):
        undo(committee, reason=" ")
    assert fresh(amendment).status == S.REJECTED


def test_only_the_last_decision_can_be_undone(committee, sitting):
    a = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    b = table(committee, "employers", sitting["p3"], "The Office should support constituents.")
    first = decide(committee, a, "rejected")
    decide(committee, b, "rejected")
    with pytest.raises(floor.StaleConsole, match="last decision"):
        undo(committee, decision_id=first.pk)


# Bad input ----------------------------------------------------------------------------------


def test_it_refuses_to_decide_twice(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    decide(committee, amendment)
    with pytest.raises(floor.FloorError, match="already been decided"):
        decide(committee, amendment, "rejected")
    assert Decision.objects.count() == 1


def test_it_refuses_an_amendment_that_is_not_on_the_paragraph(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    with pytest.raises(floor.FloorError, match="is not on Paragraph 3"):
        decide(committee, amendment, paragraph_id=sitting["p3"].pk)
    assert fresh(amendment).status == S.TABLED


def test_it_refuses_a_stale_console(committee, sitting):
    a = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    b = table(committee, "employers", sitting["p1"], "Labour migration should be effective.")
    state = Floor.objects.get(pk=committee.pk).version
    decide(committee, a, "rejected", state=state)
    with pytest.raises(floor.StaleConsole):
        decide(committee, b, "rejected", state=state)
    assert fresh(b).status == S.TABLED


def test_it_refuses_a_stale_paragraph_text(committee, sitting):
    a = table(committee, "workers", sitting["p2"], "Members must:")
    token = floor.console(committee, sitting["p2"].pk).token
    from drafting import services

    services.edit_text(
        sitting["draft"], sitting["a"].pk, text="ratify Conventions;", base_version=1,
        user=user("secretariat"), reason="Editorial correction: typo",
    )  # fmt: skip
    with pytest.raises(floor.StaleConsole):
        decide(committee, a, text_version=token)


def test_decisions_only_in_the_committee_stage(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    with pytest.raises(floor.FloorError, match="committee"):
        decide(committee, amendment)
    assert fresh(amendment).status == S.TABLED


def test_withdrawn_amendments_can_be_taken_up(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    decide(committee, amendment, "withdrawn")
    with pytest.raises(floor.FloorError, match="who"):
        decide(committee, amendment, "taken_up")
    decision = decide(
        committee, amendment, "taken_up", taken_up_by="the Government member of Kenya"
    )
    assert fresh(amendment).status == S.TABLED
    assert "taken up by the Government member of Kenya" in floor.describe(decision)


def test_a_paragraph_is_declared_adopted_as_amended_once_its_amendments_are_disposed_of(
    committee, sitting
):
    a = table(committee, "workers", sitting["a"], "ratify all the relevant Conventions;")
    with pytest.raises(floor.FloorError, match="still before the committee"):
        floor.declare_paragraph(
            access(committee, "secretariat"), user("secretariat"), sitting["p2"].pk
        )
    decide(committee, a, paragraph_id=sitting["p2"].pk)
    d = floor.declare_paragraph(
        access(committee, "secretariat"), user("secretariat"), sitting["p2"].pk
    )
    assert d.outcome == Decision.Outcome.PARAGRAPH_ADOPTED_AS_AMENDED
    assert floor.describe(d) == "Paragraph 2 was adopted as amended."
    d3 = floor.declare_paragraph(
        access(committee, "secretariat"), user("secretariat"), sitting["p3"].pk
    )
    assert floor.describe(d3) == "Paragraph 3 was adopted."
    with pytest.raises(floor.FloorError, match="already been adopted"):
        floor.declare_paragraph(
            access(committee, "secretariat"), user("secretariat"), sitting["p3"].pk
        )


def test_the_summary_sentence_names_the_submitters(committee, sitting):
    amendment = table(committee, "workers", sitting["p1"], "Labour migration must be fair.")
    decision = decide(
        committee, amendment, "adopted_subamended", subamendment_text="Labour migration is fair."
    )
    assert floor.describe(decision) == (
        f"The amendment submitted by the Worker members ({amendment.short_symbol}) was adopted "
        "as subamended."
    )


def test_the_default_order_puts_deletions_first_then_larger_changes(committee, sitting):
    small = table(
        committee, "workers", sitting["p1"], "Labour migration should be fair and efficient."
    )
    large = table(
        committee,
        "employers",
        sitting["p1"],
        "Migration for work must be safe, orderly and regular.",
    )
    gone = table(committee, "africa", sitting["p1"], "", action="delete")
    view = floor.console(committee, sitting["p1"].pk)
    assert [e.amendment.pk for e in view.entries] == [gone.pk, large.pk, small.pk]
    floor.move_in_order(
        access(committee, "secretariat"), user("secretariat"), sitting["p1"].pk, small.pk, "up",
        expected=[gone.pk, large.pk, small.pk],
    )  # fmt: skip
    view = floor.console(committee, sitting["p1"].pk)
    assert [e.amendment.pk for e in view.entries] == [gone.pk, small.pk, large.pk]
    with pytest.raises(floor.StaleConsole):
        floor.move_in_order(
            access(committee, "secretariat"), user("secretariat"), sitting["p1"].pk, small.pk,
            "up", expected=[gone.pk, large.pk, small.pk],
        )  # fmt: skip


def test_rebased_changes_keep_their_history(committee, sitting):
    first = table(
        committee, "workers", sitting["p1"], "Labour migration must be fair and effective."
    )
    second = table(
        committee, "employers", sitting["p1"], "Labour migration should be fair and efficient."
    )
    decide(committee, first)
    change = AmendmentChange.objects.get(amendment=second)
    reasons = list(change.history.values_list("history_change_reason", flat=True))
    assert any(r and r.startswith("Re-based after Amendment") for r in reasons)
