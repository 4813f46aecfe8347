"""A Group's draft is private to its coordinators until tabled, everywhere."""

from __future__ import annotations

import pytest

from committee import services
from committee.models import Amendment
from tests.committee.amendment_fixtures import access, prepare, user
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db
SECRET = "utterly confidential employer wording"
B = "/c/labour-migration/"


@pytest.fixture
def secret(committee, text):
    return prepare(committee, "employers", text["p1"], f"Labour migration is {SECRET}.")


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_shows_a_draft_only_to_its_groups_coordinators(committee, secret, role):
    visible = Amendment.objects.visible_to(access(committee, role))
    assert visible.filter(pk=secret.pk).exists() == (role == "employers")


@pytest.mark.parametrize("role", [r for r in ROLES if r != "employers"])
def test_no_page_or_fragment_of_another_role_mentions_the_draft(login, secret, role):
    client = login(role)
    for path in [
        "amendments/",
        "compilation/",
        "compilation/?q=confidential",
        f"compilation/?paragraph={secret.changes.get().paragraph_id}",
    ]:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(B + path, headers=headers)
            assert response.status_code == 200
            assert SECRET.encode() not in response.content, path
            assert b"Draft amendment" not in response.content
    for suffix in ["", "receipt/", "history/", "edit/", "changes/new/", "withdraw/"]:
        response = client.get(B + f"amendments/{secret.pk}/{suffix}")
        assert response.status_code in (403, 404), suffix
        assert SECRET.encode() not in response.content


def test_the_compilation_count_ignores_drafts(login, secret):
    response = login("workers").get(B + "compilation/")
    assert b"0 amendments" in response.content


def test_the_group_sees_its_draft_and_everyone_sees_it_once_tabled(login, committee, secret):
    assert SECRET.encode() in login("employers").get(B + f"amendments/{secret.pk}/").content
    services.table_amendment(access(committee, "employers"), user("employers"), secret.pk)
    for role in ROLES:
        response = login(role).get(B + "compilation/")
        assert SECRET.encode() in response.content, role


def test_outsiders_see_the_history_only_from_tabling_on(login, committee, text):
    amendment = prepare(committee, "employers", text["p1"], "A first idea kept in the Group.")
    services.update_change(
        access(committee, "employers"),
        user("employers"),
        amendment.pk,
        amendment.changes.get().pk,
        version=amendment.version,
        proposed_text="The wording finally tabled.",
    )
    services.table_amendment(access(committee, "employers"), user("employers"), amendment.pk)
    outsider = login("workers").get(B + f"amendments/{amendment.pk}/history/")
    assert b"The wording finally tabled." in outsider.content
    assert b"A first idea kept in the Group." not in outsider.content
    own = login("employers").get(B + f"amendments/{amendment.pk}/history/")
    assert b"A first idea kept in the Group." in own.content


def test_a_late_submission_is_seen_by_the_secretariat_but_not_by_other_groups(
    login, committee, secret
):
    from datetime import timedelta

    from django.utils import timezone

    committee.amendment_deadline = timezone.now() - timedelta(hours=1)
    committee.save()
    services.submit_late(access(committee, "employers"), user("employers"), secret.pk)
    assert login("secretariat").get(B + f"amendments/{secret.pk}/").status_code == 200
    assert login("workers").get(B + f"amendments/{secret.pk}/").status_code == 404
    assert SECRET.encode() not in login("observer").get(B + "compilation/").content


def test_identifiers_do_not_let_a_group_count_other_groups_drafts(committee, text):
    """Ids in the addresses a Group sees must not run in sequence with other Groups' drafts."""
    ids = [
        prepare(committee, group, text["p1"], f"Labour migration is change {i}.").pk
        for i, group in enumerate(["employers", "workers"] * 6)
    ]
    gaps = {b - a for a, b in zip(ids, ids[1:], strict=False)}
    assert len(gaps) > 1 and ids != sorted(ids)
    assert all(0 < pk < 2**53 for pk in ids)


def _edit(committee, amendment, text):
    amendment.refresh_from_db()
    services.update_change(
        access(committee, "employers"),
        user("employers"),
        amendment.pk,
        amendment.changes.get().pk,
        version=amendment.version,
        proposed_text=text,
    )


def test_after_a_late_amendment_is_declined_its_private_rewording_stays_private(
    login, committee, text
):
    from datetime import timedelta

    from django.utils import timezone

    amendment = prepare(committee, "employers", text["p1"], "Labour migration: a first idea.")
    committee.amendment_deadline = timezone.now() - timedelta(hours=1)
    committee.save()
    employers, secretariat = access(committee, "employers"), access(committee, "secretariat")
    _edit(committee, amendment, "Labour migration: the wording submitted late.")
    services.submit_late(employers, user("employers"), amendment.pk)
    services.decline_late(secretariat, user("secretariat"), amendment.pk, reason="Too late, sorry.")
    _edit(committee, amendment, "Labour migration: a private second thought.")
    _edit(committee, amendment, "Labour migration: the wording submitted again.")
    services.submit_late(employers, user("employers"), amendment.pk)
    url = B + f"amendments/{amendment.pk}/history/"

    seen = login("secretariat").get(url).content
    assert b"the wording submitted late." in seen
    assert b"Too late, sorry." in seen
    assert b"the wording submitted again." in seen
    assert b"a private second thought" not in seen
    assert b"a first idea" not in seen

    services.accept_late(secretariat, user("secretariat"), amendment.pk)
    for role in ["secretariat", "workers", "observer"]:
        seen = login(role).get(url).content
        assert b"the wording submitted again." in seen, role
        assert b"a private second thought" not in seen, role
        assert b"a first idea" not in seen, role
    assert b"the wording submitted late." not in login("workers").get(url).content
    own = login("employers").get(url).content
    assert b"a private second thought" in own and b"a first idea" in own


def test_a_tabled_amendments_version_does_not_count_its_private_edits(login, committee, text):
    import re

    quick = prepare(committee, "employers", text["p1"], "Labour migration at once.")
    slow = prepare(committee, "employers", text["p3"], "The Office: take one.")
    for i in range(2, 8):
        _edit(committee, slow, f"The Office: take {i}.")
    for amendment in (quick, slow):
        services.table_amendment(access(committee, "employers"), user("employers"), amendment.pk)
    seen = {}
    for amendment in (quick, slow):
        page = login("secretariat").get(B + f"amendments/{amendment.pk}/second/").content.decode()
        versions = {int(v) for v in re.findall(r'name="version" value="(\d+)"', page)}
        assert len(versions) == 1
        seen[amendment.pk] = versions.pop()
    # Both start afresh at tabling from a number that says nothing about the drafting.
    assert all(v > 1000 for v in seen.values()), seen
    assert seen[slow.pk] != seen[quick.pk] + 6
