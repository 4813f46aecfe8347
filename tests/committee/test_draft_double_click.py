"""'Save draft' clicked twice saves one draft; a Group discards the drafts it does not want."""

from __future__ import annotations

import re

import pytest

from committee import services
from committee.models import Amendment
from tests.committee.amendment_fixtures import access, prepare, user
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
B = "/c/labour-migration/"


def editor_form(client, paragraph) -> dict:
    """The fields of the 'Propose amendment' form as the page gives them."""
    page = client.get(B + f"amendments/new/?paragraph={paragraph.pk}").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert token, "the form carries no one-time token"
    return {
        "paragraph": paragraph.pk,
        "base_version": paragraph.version,
        "action": "replace",
        "proposed_text": "Labour migration must be fair, safe and orderly.",
        "language": "en",
        "form_token": token.group(1),
    }


def test_save_draft_twice_makes_one_draft(login, committee, text):
    client = login("employers")
    data = editor_form(client, text["p1"])
    first = client.post(B + "amendments/new/", data)
    second = client.post(B + "amendments/new/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Amendment.objects.count() == 1


def test_two_openings_of_the_editor_make_two_drafts(login, committee, text):
    client = login("employers")
    for _ in range(2):
        assert client.post(B + "amendments/new/", editor_form(client, text["p1"])).status_code
    assert Amendment.objects.count() == 2


def test_another_groups_token_does_not_give_its_draft_away(login, committee, text):
    data = editor_form(login("employers"), text["p1"])
    login("employers").post(B + "amendments/new/", data)
    login("workers").post(B + "amendments/new/", data)
    assert sorted(Amendment.objects.values_list("group__kind", flat=True)) == [
        "employers",
        "workers",
    ]


@pytest.fixture
def unwanted(committee, text):
    return prepare(committee, "employers", text["p1"], "Labour migration, an unwanted idea.")


def test_a_group_discards_its_draft_and_only_it_still_sees_it(login, committee, unwanted):
    client = login("employers")
    response = client.post(
        B + f"amendments/{unwanted.pk}/discard/",
        {"version": unwanted.version, "reason": "Saved twice."},
    )
    assert response.status_code == 302
    unwanted.refresh_from_db()
    assert unwanted.status == Amendment.Status.DISCARDED
    listing = client.get(B + "amendments/").content.decode()
    drafts = listing.split('id="group-drafts"')[1].split("</section>")[0]
    assert str(unwanted.pk) not in drafts
    assert str(unwanted.pk) in listing.split('id="discarded"')[1]
    history = client.get(B + f"amendments/{unwanted.pk}/history/").content
    assert b"Saved twice." in history and b"an unwanted idea" in history
    for role in [r for r in ROLES if r != "employers"]:
        other = login(role)
        assert other.get(B + f"amendments/{unwanted.pk}/").status_code == 404, role
        assert b"unwanted idea" not in other.get(B + "amendments/").content
    assert Amendment.objects.filter(pk=unwanted.pk).exists()  # never deleted


def test_a_discarded_draft_cannot_be_tabled_edited_or_submitted(committee, unwanted):
    employers = access(committee, "employers")
    from committee.draft_services import discard_draft

    discard_draft(employers, user("employers"), unwanted.pk, version=unwanted.version)
    with pytest.raises(services.AmendmentError):
        services.table_amendment(employers, user("employers"), unwanted.pk)
    with pytest.raises(services.AmendmentError):
        services.update_amendment(employers, user("employers"), unwanted.pk, version=None)
    unwanted.refresh_from_db()
    assert unwanted.number is None and unwanted.is_discarded


def test_the_group_takes_a_discarded_draft_back(login, committee, unwanted):
    client = login("employers")
    client.post(B + f"amendments/{unwanted.pk}/discard/", {"version": unwanted.version})
    unwanted.refresh_from_db()
    response = client.post(B + f"amendments/{unwanted.pk}/restore/", {"version": unwanted.version})
    assert response.status_code == 302
    unwanted.refresh_from_db()
    assert unwanted.is_draft


def test_nobody_else_discards_a_groups_draft(login, committee, unwanted):
    for role in [r for r in ROLES if r != "employers"]:
        response = login(role).post(
            B + f"amendments/{unwanted.pk}/discard/", {"version": unwanted.version}
        )
        assert response.status_code in (403, 404), role
    unwanted.refresh_from_db()
    assert unwanted.is_draft


def test_a_tabled_amendment_cannot_be_discarded(login, committee, unwanted):
    services.table_amendment(access(committee, "employers"), user("employers"), unwanted.pk)
    unwanted.refresh_from_db()
    response = login("employers").post(
        B + f"amendments/{unwanted.pk}/discard/", {"version": unwanted.version}
    )
    assert response.status_code == 400
    unwanted.refresh_from_db()
    assert unwanted.status == Amendment.Status.TABLED
