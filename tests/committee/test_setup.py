"""From an empty database to a committee ready for its first sitting, through the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from committee.access import access_for
from committee.models import Committee, Group, Membership, RegionalGroup, Session
from committee.setup import missing

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db) -> Client:
    """The first account, as `manage.py createsuperuser` makes it."""
    user = get_user_model().objects.create_superuser("root", "root@example.org", "first-pass-1")
    client = Client()
    client.force_login(user)
    return client


def make_session(client: Client, **extra) -> Session:
    data = {
        "number": 113,
        "year": 2025,
        "name": "113th Session of the International Labour Conference",
        "place": "Geneva",
        "start_date": "2025-06-02",
        "end_date": "2025-06-13",
        "time_zone": "Europe/Zurich",
        **extra,
    }
    response = client.post("/c/setup/session/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Session.objects.get(number=113)


def make_committee(client: Client, session: Session, **extra) -> Committee:
    data = {
        "session": session.pk,
        "name": "Committee on Decent Work in the Platform Economy",
        "acronym": "C.Plat",
        "slug": "platform",
        "kind": "standard",
        **extra,
    }
    response = client.post("/c/setup/committee/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Committee.objects.get(slug=data["slug"])


def test_the_first_account_creates_a_session_and_a_committee_with_its_groups(root):
    session = make_session(root)
    assert (session.place, session.start_date, session.end_date) == (
        "Geneva",
        date(2025, 6, 2),
        date(2025, 6, 13),
    )
    committee = make_committee(root, session)
    assert sorted(committee.groups.values_list("kind", flat=True)) == sorted(Group.Kind.values)
    root_user = get_user_model().objects.get(username="root")
    assert access_for(root_user, committee).is_secretariat
    # Every ISO country is there to be named in lists and regional groups.
    from committee.models import Country

    assert Country.objects.filter(code="KEN").exists() and Country.objects.count() > 240
    page = root.get(f"/c/{committee.slug}/setup/").content.decode()
    assert "No Chairperson appointed." in page
    assert "The committee has no draft." in page


def test_the_session_must_close_after_it_opens_and_a_number_is_unique(root):
    response = root.post(
        "/c/setup/session/new/",
        {
            "number": 113,
            "year": 2025,
            "name": "x",
            "start_date": "2025-06-13",
            "end_date": "2025-06-02",
            "time_zone": "Europe/Zurich",
        },
    )
    assert response.status_code == 400
    assert "The session cannot close before it opens." in response.content.decode()
    assert not Session.objects.filter(number=113).exists()
    make_session(root)
    again = root.post(
        "/c/setup/session/new/",
        {
            "number": 113,
            "year": 2025,
            "name": "x",
            "start_date": "2025-06-02",
            "end_date": "2025-06-03",
            "time_zone": "Europe/Zurich",
        },
    )
    assert again.status_code == 400 and Session.objects.filter(number=113).count() == 1


def test_a_reserved_or_taken_short_name_is_refused(root):
    session = make_session(root)
    make_committee(root, session)
    for slug in ("setup", "platform"):
        response = root.post(
            "/c/setup/committee/new/",
            {
                "session": session.pk,
                "name": "Other",
                "acronym": "C.O",
                "slug": slug,
                "kind": "other",
            },
        )
        assert response.status_code == 400, slug
    assert Committee.objects.filter(session=session).count() == 1


def test_only_a_superuser_creates_sessions_and_committees(committee, login):
    for username in ("secretariat", "employers", "observer"):
        client = login(username)
        for url in ("/c/setup/", "/c/setup/session/new/", "/c/setup/committee/new/"):
            assert client.get(url).status_code == 403, (username, url)
        response = client.post(
            "/c/setup/session/new/",
            {"number": 200, "year": 2030, "name": "x", "time_zone": "Europe/Zurich"},
        )
        assert response.status_code == 403
    assert not Session.objects.filter(number=200).exists()


def test_the_secretariat_sets_languages_time_zone_and_a_deadline_within_the_session(root):
    committee = make_committee(root, make_session(root))
    url = f"/c/{committee.slug}/setup/committee/"
    base = {
        "name": committee.name,
        "acronym": "C.Plat",
        "languages": ["en", "fr", "es"],
        "original_language": "fr",
        "time_zone": "Europe/Zurich",
    }
    outside = root.post(url, {**base, "amendment_deadline": "2025-07-01T18:00"})
    assert outside.status_code == 400
    assert "The deadline must fall within the session" in outside.content.decode()
    committee.refresh_from_db()
    assert committee.amendment_deadline is None and committee.original_language == "en"
    unknown = root.post(url, {**base, "original_language": "es", "languages": ["en", "fr"]})
    assert unknown.status_code == 400
    assert root.post(url, {**base, "amendment_deadline": "2025-06-05T18:00"}).status_code == 302
    committee.refresh_from_db()
    assert committee.original_language == "fr" and committee.languages == "fr,en,es"
    assert committee.amendment_deadline.astimezone(committee.zone).hour == 18


def test_groups_regional_groups_and_officers(root):
    committee = make_committee(root, make_session(root))
    slug = committee.slug
    response = root.post(
        f"/c/{slug}/setup/groups/",
        {"regional-name": "Africa group", "regional-countries": "KEN, Nigeria, ZAF"},
    )
    assert response.status_code == 302
    africa = RegionalGroup.objects.get(committee=committee)
    assert set(africa.countries.values_list("code", flat=True)) == {"KEN", "NGA", "ZAF"}
    bad = root.post(
        f"/c/{slug}/setup/groups/",
        {"regional-name": "GRULAC", "regional-countries": "Mexico, Atlantis"},
    )
    assert bad.status_code == 400 and "Atlantis" in bad.content.decode()
    assert RegionalGroup.objects.filter(committee=committee).count() == 1
    renamed = root.post(
        f"/c/{slug}/setup/groups/",
        {"groups-government": "Gov", "groups-employers": "Emp", "groups-workers": "Wor"},
    )
    assert renamed.status_code == 302
    assert committee.groups.get(kind="employers").name == "Emp"

    member = root.post(
        f"/c/{slug}/members/new/",
        {
            "name": "Ana Chair",
            "email": "ana@example.org",
            "group": "government",
            "role": "member",
            "country": "Kenya",
            "regional_group": "Africa group",
            "seat": "titular",
            "officer": "",
        },
    )
    assert member.status_code == 302, member.content.decode()[:3000]
    ana = Membership.objects.get(user__email="ana@example.org")
    assert ana.country.code == "KEN" and ana.regional_group == africa
    assert root.post(f"/c/{slug}/setup/officers/", {"chairperson": ana.pk}).status_code == 302
    ana.refresh_from_db()
    assert ana.officer == "chairperson"
    assert "No Chairperson appointed." not in [m.message for m in missing(committee)]


def test_groups_see_their_own_members_only(committee, login):
    client = login("workers")
    page = client.get(f"/c/{committee.slug}/members/").content.decode()
    assert "Workers&#x27; group" in page or "Workers' group" in page
    assert "Delegate Kenya" not in page and "Employer members 1" not in page
    other = Membership.objects.get(committee=committee, user__username="emp-01")
    assert client.get(f"/c/{committee.slug}/members/{other.pk}/history/").status_code == 403
    own = Membership.objects.get(committee=committee, user__username="wor-01")
    assert client.get(f"/c/{committee.slug}/members/{own.pk}/history/").status_code == 200
    assert login("observer").get(f"/c/{committee.slug}/members/").status_code == 403


def test_deactivating_a_member_keeps_the_row_and_takes_away_access_and_weight(committee, login):
    from committee.composition import counted_members

    client = login("secretariat")
    member = Membership.objects.get(committee=committee, user__username="workers")
    before = counted_members(committee)["workers"]
    page = client.get(f"/c/{committee.slug}/members/{member.pk}/")
    state = page.context["active_form"].initial["state"]
    url = f"/c/{committee.slug}/members/{member.pk}/active/"
    no_reason = client.post(url, {"active": "0", "state": state, "reason": ""})
    assert no_reason.status_code == 302
    member.refresh_from_db()
    assert member.is_active
    client.post(url, {"active": "0", "state": state, "reason": "Left the session"})
    member.refresh_from_db()
    assert not member.is_active
    assert counted_members(committee)["workers"] == before - 1
    assert not access_for(member.user, committee).is_member
    # A stale form (the state of before the deactivation) is refused.
    client.post(url, {"active": "1", "state": state, "reason": "Back"})
    member.refresh_from_db()
    assert not member.is_active
    fresh = client.get(f"/c/{committee.slug}/members/{member.pk}/")
    client.post(
        url,
        {"active": "1", "state": fresh.context["active_form"].initial["state"], "reason": "Back"},
    )
    member.refresh_from_db()
    assert member.is_active and access_for(member.user, committee).is_coordinator
    history = client.get(f"/c/{committee.slug}/members/{member.pk}/history/").content.decode()
    assert "Left the session" in history and "Back" in history


def test_changing_a_members_group_is_in_the_history(committee, login):
    client = login("secretariat")
    member = Membership.objects.get(committee=committee, user__username="emp-01")
    member.user.email = "emp01@example.org"
    member.user.save()
    page = client.get(f"/c/{committee.slug}/members/{member.pk}/")
    data = {**page.context["form"].initial, "group": "workers", "officer": "", "reason": "Moved"}
    response = client.post(f"/c/{committee.slug}/members/{member.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    member.refresh_from_db()
    assert member.group.kind == "workers"
    kinds = [h.group.kind for h in member.history.all()]
    assert kinds[:2] == ["workers", "employers"]
    # The same form again (its state is now stale) changes nothing.
    again = client.post(f"/c/{committee.slug}/members/{member.pk}/", {**data, "group": "employers"})
    assert again.status_code == 400
    member.refresh_from_db()
    assert member.group.kind == "workers"


def test_the_draft_is_created_once_and_its_text_imported_with_the_importer(root):
    committee = make_committee(root, make_session(root))
    url = f"/c/{committee.slug}/setup/draft/"
    response = root.post(url, {"symbol": "C.Plat/D.1", "title": "Proposed Conclusions"})
    committee.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/drafts/{committee.draft_id}/import/"
    assert root.post(url, {"symbol": "C.Plat/D.2", "title": "Again"}).status_code == 400
    assert committee.draft.symbol == "C.Plat/D.1"


def test_the_draft_is_replaced_only_before_an_amendment_is_tabled(committee, text, login):
    from tests.committee.amendment_fixtures import table

    draft = text["draft"]
    committee.draft = draft
    committee.save()
    client = login("secretariat")
    url = f"/drafts/{draft.pk}/import/"

    def replace():
        draft.refresh_from_db()
        return client.post(
            url,
            {
                "text": "Conclusions concerning something else\n1. Another text.",
                "replace": "on",
                "action": "confirm",
                "draft_version": draft.version,
            },
        )

    table(committee, "workers", text["p1"], "Labour migration must be fair and effective.")
    before = sorted(draft.paragraphs.filter(is_deleted=False).values_list("text", flat=True))
    refused = replace()
    assert refused.status_code == 409
    assert "it can no longer be replaced" in refused.content.decode()
    after = sorted(draft.paragraphs.filter(is_deleted=False).values_list("text", flat=True))
    assert after == before


def test_the_draft_is_replaced_before_any_amendment_is_tabled(committee, text, login):
    draft = text["draft"]
    committee.draft = draft
    committee.save()
    client = login("secretariat")
    response = client.post(
        f"/drafts/{draft.pk}/import/",
        {
            "text": "Conclusions concerning something else\n1. Another text.",
            "replace": "on",
            "action": "confirm",
            "draft_version": draft.version,
        },
    )
    assert response.status_code == 302
    live = list(draft.paragraphs.filter(is_deleted=False).values_list("text", flat=True))
    assert "Another text." in live and text["p1"].text not in live


def test_the_amendments_deadline_page_refuses_a_deadline_outside_the_session(committee, login):
    session = committee.session
    session.start_date, session.end_date = date(2017, 6, 5), date(2017, 6, 16)
    session.save()
    client = login("secretariat")
    url = f"/c/{committee.slug}/amendments/deadline/"
    refused = client.post(url, {"deadline": "2017-07-01T18:00"})
    assert refused.status_code == 400
    assert "The deadline must fall within the session" in refused.content.decode()
    committee.refresh_from_db()
    assert committee.amendment_deadline is None
    assert client.post(url, {"deadline": "2017-06-08T18:00"}).status_code == 302


def test_a_vice_chairperson_comes_from_their_group(committee, login):
    client = login("secretariat")
    government = Membership.objects.get(committee=committee, user__username="gov-arg")
    before = dict(Membership.objects.exclude(officer="").values_list("officer", "pk"))
    response = client.post(f"/c/{committee.slug}/setup/officers/", {"employer_vice": government.pk})
    assert response.status_code == 400
    assert "must be a member of the Employers" in response.content.decode()
    assert dict(Membership.objects.exclude(officer="").values_list("officer", "pk")) == before


def test_a_membership_without_a_group_is_only_deactivated_from_its_page(committee, login):
    client = login("secretariat")
    clerk = Membership.objects.get(committee=committee, user__username="clerk")
    page = client.get(f"/c/{committee.slug}/members/{clerk.pk}/")
    assert page.status_code == 200 and page.context["form"] is None
    assert (
        client.post(f"/c/{committee.slug}/members/{clerk.pk}/", {"group": "workers"}).status_code
        == 400
    )
    clerk.refresh_from_db()
    assert clerk.group is None and clerk.role == "clerk"
