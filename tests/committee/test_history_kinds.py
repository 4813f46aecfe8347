"""Every entry of the text's history says what kind of change it records; the record reads it."""

from __future__ import annotations

from django.urls import reverse

from committee.models import Stage
from drafting import services
from drafting.history import Kind
from tests.committee.amendment_fixtures import table, user
from tests.committee.floor_fixtures import decide, to_stage, undo

SLUG = "labour-migration"


def kinds(unit) -> list[str]:
    return list(
        unit.history.order_by("history_date", "history_id").values_list("history_kind", flat=True)
    )


def test_a_hand_typed_editorial_reason_in_the_drafting_group_is_an_ordinary_edit(
    login, committee, text
):
    client = login("secretariat")
    client.post(
        f"/drafts/{text['draft'].pk}/p/{text['p3'].pk}/edit/",
        {
            "text": "The Office should support constituents.",
            "version": 1,
            "reason": "Editorial correction: shorter",
        },
    )
    text["p3"].refresh_from_db()
    assert text["p3"].version == 2
    assert kinds(text["p3"])[-1] == Kind.EDITED
    to_stage(committee, Stage.COMMITTEE)
    page = client.get(reverse("committee:record", args=[SLUG])).content.decode()
    assert "Editorial correction: shorter" not in page


def test_an_editorial_correction_in_french_is_in_the_record_whatever_its_words(
    login, committee, text
):
    to_stage(committee, Stage.COMMITTEE)
    client = login("secretariat")
    client.cookies["django_language"] = "fr"
    client.post(
        f"/drafts/{text['draft'].pk}/p/{text['p3'].pk}/edit/",
        {"text": "The Office should support constituents.", "version": 1, "reason": "Plus court"},
    )
    history = text["p3"].history.first()
    assert history.history_change_reason == "Correction rédactionnelle : Plus court"
    assert history.history_kind == Kind.EDITORIAL
    client.cookies["django_language"] = "en"
    page = client.get(reverse("committee:record", args=[SLUG])).content.decode()
    assert "Plus court" in page


def test_structure_changes_say_what_they_did(committee, text):
    draft, secretariat = text["draft"], user("secretariat")
    services.move_unit(
        draft, text["p3"].pk, direction="up", base_version=draft.version, user=secretariat,
        reason="Logical order",
    )  # fmt: skip
    draft.refresh_from_db()
    assert kinds(text["p3"])[-1] == Kind.MOVED
    assert kinds(text["p2"])[-1] in (Kind.MOVED, Kind.RENUMBERED)
    services.delete_unit(
        draft, text["p1"].pk, base_version=draft.version, user=secretariat, reason="Merged"
    )
    draft.refresh_from_db()
    assert kinds(text["p1"])[-1] == Kind.DELETED
    services.undelete_unit(
        draft, text["p1"].pk, base_version=draft.version, user=secretariat, reason="Back"
    )
    assert kinds(text["p1"])[-1] == Kind.UNDELETED


def test_an_adopted_amendment_and_its_undoing_are_recorded_as_such(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    decide(committee, amendment)
    assert kinds(text["p1"])[-1] == Kind.ADOPTED
    undo(committee)
    assert kinds(text["p1"])[-1] == Kind.UNDONE


def test_a_kind_set_on_a_row_describes_that_one_save(committee, text):
    from django.utils import timezone

    from drafting.history import recording
    from drafting.services import _save

    unit, secretariat = text["p2"], user("secretariat")
    _save(unit, user=secretariat, reason="Renumbered", when=timezone.now(), kind=Kind.RENUMBERED)
    with recording(Kind.MOVED):
        unit.position += 1
        _save(unit, user=secretariat, reason="Moved", when=timezone.now())
    assert kinds(unit)[-2:] == [Kind.RENUMBERED, Kind.MOVED]
