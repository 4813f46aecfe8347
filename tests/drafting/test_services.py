"""Every write to a draft: it saves what it should, refuses bad input and changes nothing then."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from drafting import services
from drafting.models import MAX_TEXT_LENGTH, Draft, Paragraph
from drafting.outline import outline
from drafting.services import Node
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db
K = Paragraph.Kind


def snapshot(draft: Draft):
    draft.refresh_from_db()
    rows = Paragraph.objects.filter(draft=draft).order_by("pk")
    history = Paragraph.history.filter(draft_id=draft.pk).count()
    return (
        draft.version,
        [(p.pk, p.parent_id, p.kind, p.position, p.text, p.version, p.is_deleted) for p in rows],
        history,
    )


def texts(draft: Draft) -> list[str]:
    return [u.paragraph.text for u in outline(draft)]


# ------------------------------------------------------------------ edit


def test_editing_saves_a_new_version_with_user_and_reason(small_draft, secretariat):
    p = unit(small_draft, "Migration should")
    services.edit_text(
        small_draft,
        p.pk,
        text="Migration should be safe.",
        base_version=1,
        user=secretariat,
        reason="Shorter",
    )
    p.refresh_from_db()
    assert (p.text, p.version) == ("Migration should be safe.", 2)
    last = p.history.first()
    assert last.history_user == secretariat
    assert last.history_change_reason == "Shorter"
    assert last.text == "Migration should be safe."


def test_a_stale_version_is_refused_with_the_current_text(small_draft, secretariat):
    p = unit(small_draft, "Migration should")
    services.edit_text(small_draft, p.pk, text="First edit.", base_version=1, user=secretariat)
    before = snapshot(small_draft)
    with pytest.raises(services.StaleVersion) as exc:
        services.edit_text(small_draft, p.pk, text="Second edit.", base_version=1, user=secretariat)
    assert exc.value.current_text == "First edit."
    assert exc.value.current_version == 2
    assert exc.value.changed_by == secretariat
    assert snapshot(small_draft) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "cannot be empty"),
        ("   \n\t ", "cannot be empty"),
        ("x" * (MAX_TEXT_LENGTH + 1), "too long"),
        ("bell\x07", "control characters"),
        ("c1\x85control", "control characters"),
        ("null\x00", "control characters"),
    ],
)
def test_bad_text_is_refused_and_nothing_changes(small_draft, secretariat, text, message):
    p = unit(small_draft, "Migration should")
    before = snapshot(small_draft)
    with pytest.raises(services.InvalidText, match=message):
        services.edit_text(small_draft, p.pk, text=text, base_version=1, user=secretariat)
    assert snapshot(small_draft) == before


def test_the_too_long_message_gives_the_limit(small_draft, secretariat):
    p = unit(small_draft, "Migration should")
    with pytest.raises(services.InvalidText) as exc:
        services.edit_text(small_draft, p.pk, text="x" * 20_001, base_version=1, user=secretariat)
    assert "20,000" in exc.value.message


def test_line_breaks_and_tabs_are_kept(small_draft, secretariat):
    p = unit(small_draft, "Migration should")
    services.edit_text(
        small_draft, p.pk, text="One\r\nTwo\tthree", base_version=1, user=secretariat
    )
    p.refresh_from_db()
    assert p.text == "One\nTwo\tthree"


def test_a_paragraph_of_another_draft_is_refused(small_draft, secretariat):
    other = services.create_draft_from_outline(
        title="Other", user=secretariat, nodes=[Node(K.PARAGRAPH, "Elsewhere.")]
    )
    foreign = other.paragraphs.get()
    before, before_other = snapshot(small_draft), snapshot(other)
    with pytest.raises(services.UnknownUnit, match="another draft"):
        services.edit_text(small_draft, foreign.pk, text="Hijack", base_version=1, user=secretariat)
    with pytest.raises(services.UnknownUnit):
        services.delete_unit(
            small_draft, foreign.pk, base_version=small_draft.version, user=secretariat, reason="x"
        )
    assert snapshot(small_draft) == before
    assert snapshot(other) == before_other


@pytest.mark.parametrize("bad_id", [999_999, "abc", None])
def test_an_unknown_id_is_refused_clearly(small_draft, secretariat, bad_id):
    before = snapshot(small_draft)
    with pytest.raises(services.DraftingError) as exc:
        services.edit_text(small_draft, bad_id, text="x", base_version=1, user=secretariat)
    assert exc.value.message
    with pytest.raises(services.DraftingError):
        services.insert_unit(
            small_draft,
            kind=K.PARAGRAPH,
            text="New.",
            after_id=bad_id or 999_999,
            base_version=small_draft.version,
            user=secretariat,
        )
    assert snapshot(small_draft) == before


def test_a_deleted_unit_cannot_be_edited(small_draft, secretariat):
    p = unit(small_draft, "The Office")
    services.delete_unit(
        small_draft, p.pk, base_version=small_draft.version, user=secretariat, reason="Gone"
    )
    with pytest.raises(services.InvalidStructure):
        services.edit_text(small_draft, p.pk, text="Back", base_version=1, user=secretariat)


# ------------------------------------------------------------------ insert


def test_inserting_after_a_paragraph_renumbers_what_follows(small_draft, secretariat):
    after = unit(small_draft, "Migration should")
    version = small_draft.version
    new = services.insert_unit(
        small_draft,
        kind=K.PARAGRAPH,
        text="A new paragraph.",
        after_id=after.pk,
        base_version=small_draft.version,
        user=secretariat,
        reason="Agreed",
    )
    units = {u.paragraph.text: u for u in outline(small_draft)}
    assert units["A new paragraph."].number == "2."
    assert units["Members should:"].number == "3."
    assert new.history.first().history_change_reason == "Agreed"
    assert new.history.first().history_user == secretariat
    small_draft.refresh_from_db()
    assert small_draft.version == version + 1


def test_inserting_a_first_clause_and_a_sub_clause(small_draft, secretariat):
    para = unit(small_draft, "Migration should")
    clause = services.insert_unit(
        small_draft,
        kind=K.CLAUSE,
        text="in law;",
        parent_id=para.pk,
        base_version=small_draft.version,
        user=secretariat,
    )
    small_draft.refresh_from_db()
    services.insert_unit(
        small_draft,
        kind=K.SUBCLAUSE,
        text="and in practice;",
        parent_id=clause.pk,
        base_version=small_draft.version,
        user=secretariat,
    )
    refs = {u.paragraph.text: u.reference for u in outline(small_draft)}
    assert refs["in law;"] == "Paragraph 1(a)"
    assert refs["and in practice;"] == "Paragraph 1(a)(i)"


def test_inserting_before_the_first_sibling_keeps_order(small_draft, secretariat):
    members = unit(small_draft, "Members should:")
    services.insert_unit(
        small_draft,
        kind=K.CLAUSE,
        text="first;",
        parent_id=members.pk,
        base_version=small_draft.version,
        user=secretariat,
    )
    clauses = [u.paragraph.text for u in outline(small_draft) if u.kind == K.CLAUSE]
    assert clauses == ["first;", "ratify the Conventions;", "promote fair recruitment."]


@pytest.mark.parametrize(
    ("kind", "anchor", "how"),
    [
        (K.SUBCLAUSE, "Migration should", "parent"),  # a sub-clause needs a clause
        (K.CLAUSE, "Guiding principles", "parent"),  # a clause needs a paragraph
        (K.SECTION, "Members should:", "after"),  # sections sit at the top only
        ("chapter", "Members should:", "after"),  # no such kind
    ],
)
def test_a_unit_in_the_wrong_place_is_refused(small_draft, secretariat, kind, anchor, how):
    before = snapshot(small_draft)
    target = unit(small_draft, anchor).pk
    with pytest.raises(services.InvalidStructure):
        services.insert_unit(
            small_draft,
            kind=kind,
            text="Text.",
            base_version=small_draft.version,
            user=secretariat,
            **({"parent_id": target} if how == "parent" else {"after_id": target}),
        )
    assert snapshot(small_draft) == before


def test_a_structure_change_from_a_stale_page_is_refused(small_draft, secretariat):
    after = unit(small_draft, "Migration should")
    stale = small_draft.version
    services.insert_unit(
        small_draft,
        kind=K.PARAGRAPH,
        text="One.",
        after_id=after.pk,
        base_version=stale,
        user=secretariat,
    )
    before = snapshot(small_draft)
    with pytest.raises(services.StaleDraft):
        services.insert_unit(
            small_draft,
            kind=K.PARAGRAPH,
            text="Two.",
            after_id=after.pk,
            base_version=stale,
            user=secretariat,
        )
    with pytest.raises(services.StaleDraft):
        services.delete_unit(
            small_draft, after.pk, base_version=stale, user=secretariat, reason="x"
        )
    assert snapshot(small_draft) == before


def test_inserting_empty_text_is_refused(small_draft, secretariat):
    before = snapshot(small_draft)
    with pytest.raises(services.InvalidText):
        services.insert_unit(
            small_draft,
            kind=K.PARAGRAPH,
            text=" ",
            after_id=unit(small_draft, "Migration").pk,
            base_version=small_draft.version,
            user=secretariat,
        )
    assert snapshot(small_draft) == before


def test_many_inserts_at_one_place_keep_the_order(small_draft, secretariat):
    anchor = unit(small_draft, "Migration should")
    for n in range(12):  # runs out of gap and renumbers
        small_draft.refresh_from_db()
        services.insert_unit(
            small_draft,
            kind=K.PARAGRAPH,
            text=f"New {n}.",
            after_id=anchor.pk,
            base_version=small_draft.version,
            user=secretariat,
        )
    got = [t for t in texts(small_draft) if t.startswith("New")]
    assert got == [f"New {n}." for n in reversed(range(12))]


# ------------------------------------------------------------------ move


def test_moving_up_and_down(small_draft, secretariat):
    members = unit(small_draft, "Members should:")
    services.move_unit(
        small_draft,
        members.pk,
        direction="up",
        base_version=small_draft.version,
        user=secretariat,
        reason="Logical order",
    )
    paras = [u.paragraph.text for u in outline(small_draft) if u.kind == K.PARAGRAPH]
    assert paras[:2] == ["Members should:", "Migration should be safe and orderly."]
    assert members.history.first().history_change_reason == "Logical order"
    small_draft.refresh_from_db()
    services.move_unit(
        small_draft,
        members.pk,
        direction="down",
        base_version=small_draft.version,
        user=secretariat,
    )
    paras = [u.paragraph.text for u in outline(small_draft) if u.kind == K.PARAGRAPH]
    assert paras[:2] == ["Migration should be safe and orderly.", "Members should:"]


def test_moving_the_first_unit_up_is_refused(small_draft, secretariat):
    first = unit(small_draft, "Migration should")
    before = snapshot(small_draft)
    with pytest.raises(services.InvalidStructure, match="first"):
        services.move_unit(
            small_draft,
            first.pk,
            direction="up",
            base_version=small_draft.version,
            user=secretariat,
        )
    assert snapshot(small_draft) == before


def test_moving_after_another_unit(small_draft, secretariat):
    first = unit(small_draft, "Migration should")
    last = unit(small_draft, "The Office")
    services.move_unit(
        small_draft,
        first.pk,
        after_id=last.pk,
        base_version=small_draft.version,
        user=secretariat,
    )
    paras = [u.paragraph.text for u in outline(small_draft) if u.kind == K.PARAGRAPH]
    assert paras[-1] == "Migration should be safe and orderly."


def test_moving_a_unit_into_itself_is_refused(small_draft, secretariat):
    members = unit(small_draft, "Members should:")
    clause = unit(small_draft, "ratify")
    with pytest.raises(services.InvalidStructure):
        services.move_unit(
            small_draft,
            members.pk,
            after_id=clause.pk,
            base_version=small_draft.version,
            user=secretariat,
        )


# ------------------------------------------------------------------ delete and restore


def test_deleting_is_soft_takes_the_clauses_along_and_keeps_history(small_draft, secretariat):
    members = unit(small_draft, "Members should:")
    services.delete_unit(
        small_draft,
        members.pk,
        base_version=small_draft.version,
        user=secretariat,
        reason="Merged into paragraph 1",
    )
    assert Paragraph.objects.filter(draft=small_draft).count() == 7  # nothing erased
    assert "Members should:" not in texts(small_draft)
    assert "ratify the Conventions;" not in texts(small_draft)
    shown = {u.paragraph.text: u for u in outline(small_draft, include_deleted=True)}
    assert shown["Members should:"].deleted and shown["Members should:"].number == ""
    record = members.history.first()
    assert record.is_deleted and record.history_change_reason == "Merged into paragraph 1"
    assert record.history_user == secretariat
    assert {
        u.number for u in outline(small_draft) if u.paragraph.text == "The Office should report."
    } == {"2."}


def test_deleting_needs_a_reason(small_draft, secretariat):
    before = snapshot(small_draft)
    with pytest.raises(services.InvalidText, match="reason"):
        services.delete_unit(
            small_draft,
            unit(small_draft, "The Office").pk,
            base_version=small_draft.version,
            user=secretariat,
            reason="  ",
        )
    assert snapshot(small_draft) == before


def test_restoring_a_deleted_unit_brings_back_what_went_with_it(small_draft, secretariat):
    members = unit(small_draft, "Members should:")
    clause = unit(small_draft, "promote fair")
    services.delete_unit(
        small_draft, clause.pk, base_version=small_draft.version, user=secretariat, reason="a"
    )
    small_draft.refresh_from_db()
    services.delete_unit(
        small_draft, members.pk, base_version=small_draft.version, user=secretariat, reason="b"
    )
    small_draft.refresh_from_db()
    services.undelete_unit(
        small_draft,
        members.pk,
        base_version=small_draft.version,
        user=secretariat,
        reason="Deleted by mistake",
    )
    shown = texts(small_draft)
    assert "Members should:" in shown and "ratify the Conventions;" in shown
    assert "promote fair recruitment." not in shown  # deleted earlier, on its own


def test_restoring_an_earlier_version_makes_a_new_version(small_draft, secretariat):
    p = unit(small_draft, "Migration should")
    original = p.history.last()
    services.edit_text(small_draft, p.pk, text="Changed.", base_version=1, user=secretariat)
    services.restore_version(
        small_draft,
        p.pk,
        history_id=original.history_id,
        base_version=2,
        user=secretariat,
        reason="Back to the drafting group's text",
    )
    p.refresh_from_db()
    assert p.text == "Migration should be safe and orderly."
    assert p.version == 3
    assert p.history.count() == 3
    assert "Back to the drafting group's text" in p.history.first().history_change_reason


def test_restoring_needs_a_reason_the_current_version_and_a_version_of_this_unit(
    small_draft, secretariat
):
    p = unit(small_draft, "Migration should")
    other = unit(small_draft, "The Office")
    original = p.history.last()
    services.edit_text(small_draft, p.pk, text="Changed.", base_version=1, user=secretariat)
    before = snapshot(small_draft)
    with pytest.raises(services.InvalidText):
        services.restore_version(
            small_draft,
            p.pk,
            history_id=original.history_id,
            base_version=2,
            user=secretariat,
            reason="",
        )
    with pytest.raises(services.StaleVersion):
        services.restore_version(
            small_draft,
            p.pk,
            history_id=original.history_id,
            base_version=1,
            user=secretariat,
            reason="why",
        )
    with pytest.raises(services.UnknownUnit):
        services.restore_version(
            small_draft,
            p.pk,
            history_id=other.history.last().history_id,
            base_version=2,
            user=secretariat,
            reason="why",
        )
    assert snapshot(small_draft) == before


# ------------------------------------------------------------------ outline import


def test_create_draft_from_outline_makes_one_point_in_history(secretariat):
    draft = services.create_draft_from_outline(
        title="T",
        symbol="X/D.1",
        user=secretariat,
        reason="Imported",
        nodes=[Node(K.SECTION, "Conclusions concerning x", [Node(K.PARAGRAPH, "One.")])],
    )
    dates = set(Paragraph.history.filter(draft_id=draft.pk).values_list("history_date", flat=True))
    assert len(dates) == 1
    assert texts(draft) == ["Conclusions concerning x", "One."]


def test_an_invalid_outline_saves_nothing(small_draft, secretariat):
    before = snapshot(small_draft)
    with pytest.raises(services.DraftingError):
        services.add_outline(
            small_draft,
            [Node(K.PARAGRAPH, "Fine."), Node(K.CLAUSE, "orphan clause")],
            base_version=small_draft.version,
            user=secretariat,
            reason="",
        )
    assert snapshot(small_draft) == before


def test_replacing_the_text_marks_the_old_text_deleted(small_draft, secretariat):
    services.add_outline(
        small_draft,
        [Node(K.PARAGRAPH, "Only this.")],
        base_version=small_draft.version,
        user=secretariat,
        reason="Revised draft",
        replace=True,
    )
    assert texts(small_draft) == ["Only this."]
    assert Paragraph.objects.filter(draft=small_draft, is_deleted=True).count() == 7


def test_demo_draft_is_idempotent_and_has_history(committee):
    user = get_user_model().objects.get(username="secretariat")
    from drafting.demo import DEMO_SYMBOL, create_demo_draft

    first = create_demo_draft(user)
    assert create_demo_draft(user).pk == first.pk
    assert Draft.objects.filter(symbol=DEMO_SYMBOL).count() == 1
    units = outline(first)
    assert sum(1 for u in units if u.kind == K.PARAGRAPH) >= 30
    assert {u.kind for u in units} >= {K.SECTION, K.PART, K.PREAMBLE, K.CLAUSE, K.SUBCLAUSE}
    reasons = set(
        Paragraph.history.filter(draft_id=first.pk).values_list("history_change_reason", flat=True)
    )
    assert len(reasons) >= 4
