"""Stages of the text: moving on, snapshots, freezing, reopening, tabling, exports."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from committee import services, stages
from committee.models import Stage, StageTransition, TextSnapshot
from drafting import access as drafting_access
from tests.committee.amendment_fixtures import access, prepare, table, user
from tests.committee.floor_fixtures import decide, to_stage


def test_a_new_committee_text_is_in_the_drafting_group_stage_and_edited_freely(committee, text):
    assert stages.current_stage(committee) == Stage.DRAFTING_GROUP
    assert drafting_access.edit_mode(user("secretariat"), text["draft"]) == "free"
    assert drafting_access.edit_mode(user("observer"), text["draft"]) is None


def test_moving_on_asks_for_confirmation(committee, text):
    with pytest.raises(stages.StageError, match="Confirm"):
        stages.advance(access(committee, "secretariat"), user("secretariat"))
    assert stages.current_stage(committee) == Stage.DRAFTING_GROUP
    assert not StageTransition.objects.exists()


def test_moving_on_is_recorded_with_a_labelled_snapshot(committee, text):
    transition = stages.advance(
        access(committee, "secretariat"), user("secretariat"), confirm=True,
        date="2017-06-05", reason="Draft conclusions circulated",
    )  # fmt: skip
    assert stages.current_stage(committee) == Stage.COMMITTEE
    assert transition.user == user("secretariat") and str(transition.date) == "2017-06-05"
    snapshot = transition.snapshot
    assert snapshot.name == "drafting_group" and snapshot.label == "Drafting group text"
    rows = {r["id"]: r for r in snapshot.rows}
    assert rows[text["p1"].pk]["text"] == text["p1"].text
    assert set(rows[text["p1"].pk]) == {
        "id", "parent_id", "kind", "position", "text", "is_deleted", "version"
    }  # fmt: skip


def test_a_stale_move_is_refused(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    with pytest.raises(stages.StageError, match="meanwhile"):
        stages.advance(
            access(committee, "secretariat"), user("secretariat"), confirm=True,
            from_stage=Stage.DRAFTING_GROUP,
        )  # fmt: skip


def test_the_committee_stage_allows_only_editorial_corrections(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    assert drafting_access.edit_mode(user("secretariat"), text["draft"]) == "editorial"


@pytest.mark.parametrize(
    "stage", [Stage.ADOPTED_BY_COMMITTEE, Stage.PLENARY, Stage.ADOPTED_BY_CONFERENCE]
)
def test_frozen_stages_allow_no_editing(committee, text, stage):
    to_stage(committee, stage)
    assert drafting_access.edit_mode(user("secretariat"), text["draft"]) is None
    assert not drafting_access.can_edit(user("secretariat"), text["draft"])


def test_adoption_as_a_whole_is_refused_while_amendments_are_pending(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    with pytest.raises(stages.StageError, match=amendment.short_symbol):
        stages.advance(access(committee, "secretariat"), user("secretariat"), confirm=True)
    decide(committee, amendment, "rejected")
    stages.advance(access(committee, "secretariat"), user("secretariat"), confirm=True)
    assert stages.current_stage(committee) == Stage.ADOPTED_BY_COMMITTEE


def test_tabling_is_closed_once_the_committee_has_adopted_the_text(committee, text):
    draft = prepare(committee, "workers", text["p1"], "Labour migration must be fair.")
    to_stage(committee, Stage.ADOPTED_BY_COMMITTEE)
    with pytest.raises(services.AmendmentError, match="no longer be tabled"):
        services.table_amendment(access(committee, "workers"), user("workers"), draft.pk)
    draft.refresh_from_db()
    assert draft.number is None


def test_only_the_secretariat_reopens_with_a_reason(committee, text):
    to_stage(committee, Stage.ADOPTED_BY_COMMITTEE)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        stages.reopen(access(committee, "clerk"), user("clerk"), reason="Typo")
    with pytest.raises(stages.StageError, match="reason"):
        stages.reopen(access(committee, "secretariat"), user("secretariat"), reason="")
    t = stages.reopen(access(committee, "secretariat"), user("secretariat"), reason="A typo")
    assert t.is_reopening and t.to_stage == Stage.COMMITTEE
    assert stages.current_stage(committee) == Stage.COMMITTEE


def test_the_conference_adoption_is_final(committee, text):
    to_stage(committee, Stage.ADOPTED_BY_CONFERENCE)
    with pytest.raises(stages.StageError, match="final|cannot be reopened"):
        stages.reopen(access(committee, "secretariat"), user("secretariat"), reason="Why not")
    with pytest.raises(stages.StageError, match="final"):
        stages.advance(access(committee, "secretariat"), user("secretariat"), confirm=True)


def test_a_plenary_clerk_records_the_conference_adoption_but_nothing_else(committee, text):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        stages.advance(access(committee, "clerk"), user("clerk"), confirm=True)
    to_stage(committee, Stage.PLENARY)
    stages.advance(access(committee, "clerk"), user("clerk"), confirm=True, date="2017-06-16")
    assert stages.current_stage(committee) == Stage.ADOPTED_BY_CONFERENCE


def test_two_stages_compare_as_a_redline(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(
        committee, "workers", text["p1"], "Labour migration must be fair and effective."
    )
    decide(committee, amendment)
    to_stage(committee, Stage.ADOPTED_BY_COMMITTEE)
    rows, old, new = stages.compare(committee, "drafting_group", "adopted_by_committee")
    changed = [r for r in rows if r.status == "changed"]
    assert len(changed) == 1 and "<del>should</del>" in str(changed[0].html)
    assert (old, new) == ("Drafting group text", "Text adopted by the committee")
    assert TextSnapshot.objects.count() == 2


def test_export_text_accepts_stages(committee, text, tmp_path):
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(
        committee, "workers", text["p1"], "Labour migration must be fair and effective."
    )
    decide(committee, amendment)
    to_stage(committee, Stage.ADOPTED_BY_COMMITTEE)
    out = tmp_path / "changes.html"
    call_command(
        "export_text", str(text["draft"].pk), "--format", "html", "-o", str(out),
        "--stage", "adopted_by_committee", "--changes-from", "drafting_group",
    )  # fmt: skip
    html = out.read_text()
    assert "<del>should</del>" in html and "<ins>must</ins>" in html
    with pytest.raises(CommandError, match="Unknown stage"):
        call_command(
            "export_text", str(text["draft"].pk), "--format", "html", "-o", str(out),
            "--stage", "nowhere",
        )  # fmt: skip
    with pytest.raises(CommandError, match="not reached"):
        call_command(
            "export_text", str(text["draft"].pk), "--format", "html", "-o", str(out),
            "--stage", "plenary",
        )  # fmt: skip


def test_editorial_corrections_are_labelled(committee, text, login):
    to_stage(committee, Stage.COMMITTEE)
    client = login("secretariat")
    url = f"/drafts/{text['draft'].pk}/p/{text['p1'].pk}/edit/"
    response = client.post(
        url, {"text": "Labour migration should be fair, effective.", "version": 1}
    )
    assert response.status_code == 400
    text["p1"].refresh_from_db()
    assert text["p1"].version == 1
    response = client.post(
        url,
        {"text": "Labour migration should be fair, effective.", "version": 1, "reason": "Comma"},
    )
    assert response.status_code == 302
    last = text["p1"].history.order_by("-history_date").first()
    assert last.history_change_reason == "Editorial correction: Comma"
    assert (
        client.post(
            f"/drafts/{text['draft'].pk}/p/{text['p1'].pk}/delete/",
            {"reason": "x", "draft_version": 1},
        ).status_code
        == 403
    )


def test_frozen_text_cannot_be_edited_through_the_editor(committee, text, login):
    to_stage(committee, Stage.ADOPTED_BY_COMMITTEE)
    client = login("secretariat")
    url = f"/drafts/{text['draft'].pk}/p/{text['p1'].pk}/edit/"
    assert client.post(url, {"text": "Changed.", "version": 1, "reason": "x"}).status_code == 403
    text["p1"].refresh_from_db()
    assert text["p1"].version == 1
