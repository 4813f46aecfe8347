"""The floor's pages: permissions per role on every URL, the console, the room screen panel."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import floor
from committee.models import Amendment, Floor, Stage
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage, undo
from tests.conftest import ROLES

SLUG = "labour-migration"
SECRETARIAT_ONLY_GET = ["committee:floor"]
SECRETARIAT_ONLY_POST = [
    "committee:floor_decide",
    "committee:floor_declare",
    "committee:floor_undo",
    "committee:floor_show",
    "committee:floor_order",
    "committee:stage_reopen",
]
EVERYONE_GET = ["committee:stages", "committee:stage_compare", "committee:record"]


@pytest.fixture
def sitting(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    text["d1"] = table(
        committee, "workers", text["p1"], "Labour migration must be fair and effective."
    )
    return text


@pytest.mark.parametrize("role", ROLES)
def test_console_and_decisions_are_for_the_secretariat_only(login, sitting, role):
    client = login(role)
    expected = 200 if role == "secretariat" else 403
    for name in SECRETARIAT_ONLY_GET:
        assert client.get(reverse(name, args=[SLUG])).status_code == expected, name
        response = client.get(reverse(name, args=[SLUG]), headers={"HX-Request": "true"})
        assert response.status_code == expected, name
    if role != "secretariat":
        for name in SECRETARIAT_ONLY_POST:
            response = client.post(
                reverse(name, args=[SLUG]),
                {
                    "amendment": sitting["d1"].pk,
                    "outcome": "adopted",
                    "paragraph": sitting["p1"].pk,
                },
            )
            assert response.status_code == 403, name
        assert Amendment.objects.get(pk=sitting["d1"].pk).status == "tabled"


@pytest.mark.parametrize("role", ROLES)
def test_stages_record_and_room_screen_are_for_every_role(login, sitting, role):
    client = login(role)
    for name in EVERYONE_GET:
        assert client.get(reverse(name, args=[SLUG])).status_code == 200, name
    assert client.get(reverse("discussion:room", args=[SLUG])).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_moves_the_text_on_before_the_plenary(login, sitting, role):
    response = login(role).post(
        reverse("committee:stage_advance", args=[SLUG]), {"confirm": "1", "from_stage": "committee"}
    )
    if role == "secretariat":
        assert response.status_code == 400  # D.1 is still pending
    else:
        assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, sitting):
    for name in [*SECRETARIAT_ONLY_GET, *EVERYONE_GET]:
        assert client.get(reverse(name, args=[SLUG])).status_code == 302


def test_the_console_shows_the_paragraph_and_its_amendments_with_diffs(login, sitting):
    page = (
        login("secretariat")
        .get(reverse("committee:floor", args=[SLUG]), {"p": sitting["p1"].pk})
        .content.decode()
    )
    assert "Labour migration should be fair and effective." in page
    assert "<del>should</del>" in page and "<ins>must</ins>" in page
    assert sitting["d1"].short_symbol in page


def test_the_console_records_a_decision_and_refuses_a_stale_one(login, sitting):
    client = login("secretariat")
    view = floor.console(sitting["d1"].committee, sitting["p1"].pk)
    form = {
        "amendment": sitting["d1"].pk,
        "paragraph": sitting["p1"].pk,
        "outcome": "adopted",
        "state": view.floor.version,
        "text_version": view.token,
    }
    response = client.post(reverse("committee:floor_decide", args=[SLUG]), form)
    assert response.status_code == 302
    sitting["p1"].refresh_from_db()
    assert sitting["p1"].text == "Labour migration must be fair and effective."
    response = client.post(reverse("committee:floor_decide", args=[SLUG]), form)
    assert response.status_code == 409
    assert "Someone else recorded a decision" in response.content.decode()


@pytest.mark.parametrize(
    "form, message",
    [
        ({"outcome": "nonsense"}, "Choose what happened"),
        ({"amendment": "abc"}, "form is incomplete"),
        ({"amendment": "999999"}, "No such tabled amendment"),
        ({"outcome": "adopted_subamended", "subamendment_text": ""}, "cannot be empty"),
        ({"vote_workers_for": "-1"}, "negative"),
        ({"vote_workers_for": "x"}, "whole number"),
    ],
)
def test_bad_decision_input_gets_a_message_and_changes_nothing(login, sitting, form, message):
    data = {"amendment": sitting["d1"].pk, "paragraph": sitting["p1"].pk, "outcome": "adopted"}
    data.update(form)
    response = login("secretariat").post(reverse("committee:floor_decide", args=[SLUG]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Amendment.objects.get(pk=sitting["d1"].pk).status == "tabled"


def test_the_room_screen_shows_the_floor_and_the_last_decision(login, committee, sitting):
    client = login("secretariat")
    client.post(
        reverse("committee:floor_show", args=[SLUG]),
        {"paragraph": sitting["p1"].pk, "amendment": sitting["d1"].pk},
    )
    assert Floor.objects.get(pk=committee.pk).amendment_id == sitting["d1"].pk
    room = login("observer").get(reverse("discussion:room", args=[SLUG])).content.decode()
    assert 'id="room-floor"' in room and "<ins>must</ins>" in room
    decide(committee, sitting["d1"])
    room = (
        login("observer")
        .get(reverse("discussion:room_screen", args=[SLUG]), headers={"HX-Request": "true"})
        .content.decode()
    )
    assert "Labour migration must be fair and effective." in room
    assert "was adopted." in room


def test_every_floor_write_changes_the_room_screen_etag(login, committee, sitting):
    client = login("observer")
    url = reverse("discussion:room_screen", args=[SLUG])
    etag = client.get(url, headers={"HX-Request": "true"})["ETag"]
    assert client.get(url, headers={"HX-Request": "true", "If-None-Match": etag}).status_code == 304
    decide(committee, sitting["d1"], "rejected")
    assert client.get(url, headers={"HX-Request": "true", "If-None-Match": etag}).status_code == 200


def test_the_record_and_its_summary_of_proceedings(login, committee, sitting):
    d2 = table(committee, "employers", sitting["p3"], "The Office should support constituents.")
    decide(
        committee,
        sitting["d1"],
        "adopted_subamended",
        subamendment_text="Labour migration is fair.",
    )
    decide(committee, d2, "rejected")
    undo(committee, reason="Wrong amendment")
    page = login("observer").get(reverse("committee:record", args=[SLUG])).content.decode()
    assert (
        f"The amendment submitted by the Worker members ({sitting['d1'].short_symbol}) was "
        "adopted as subamended."
    ) in page
    assert "Wrong amendment" in page
    assert f"({d2.short_symbol}) was rejected." not in page
    assert "Labour migration is fair." in page


def test_editorial_corrections_show_in_the_record(login, committee, sitting):
    client = login("secretariat")
    url = f"/drafts/{sitting['draft'].pk}/p/{sitting['p3'].pk}/edit/"
    client.post(
        url, {"text": "The Office should support constituents.", "version": 1, "reason": "Shorter"}
    )
    page = client.get(reverse("committee:record", args=[SLUG])).content.decode()
    assert "Editorial correction: Shorter" in page
