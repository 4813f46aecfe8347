from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import ROLES, login_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/", "/c/labour-migration/", "/c/labour-migration/members/"],
)
def test_it_redirects_anonymous_visitors_to_login(client, committee, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_committee_page(login, role):
    response = login(role).get("/c/labour-migration/")
    assert response.status_code == 200
    assert b"Committee for the General Discussion on Labour Migration" in response.content


@pytest.mark.parametrize("role", ["chair", "clerk", "observer"])
def test_it_refuses_the_members_page_to_roles_without_a_group_to_coordinate(login, role):
    assert login(role).get("/c/labour-migration/members/").status_code == 403


@pytest.mark.parametrize("role", [r for r in ROLES if r != "secretariat"])
def test_it_refuses_the_set_up_to_other_roles(login, role):
    assert login(role).get("/c/labour-migration/setup/").status_code == 403


def test_the_secretariat_sees_members_and_roles(login):
    response = login("secretariat").get("/c/labour-migration/members/")
    assert response.status_code == 200
    assert b"Wanjiru Workers" in response.content


def test_navigation_shows_members_link_only_to_the_secretariat(login):
    assert (
        b"/c/labour-migration/members/" in login("secretariat").get("/c/labour-migration/").content
    )
    assert (
        b"/c/labour-migration/members/" not in login("observer").get("/c/labour-migration/").content
    )


def test_a_user_outside_the_committee_is_refused(client, committee, django_user_model):
    django_user_model.objects.create_user("stranger", password="x-strong-pass-1")
    client.login(request=login_request(), username="stranger", password="x-strong-pass-1")
    assert client.get("/c/labour-migration/").status_code == 403


def test_an_unknown_committee_is_a_404(login):
    assert login("secretariat").get("/c/no-such-committee/").status_code == 404


def test_home_sends_a_single_committee_member_to_their_committee(login):
    response = login("observer").get("/")
    assert response.status_code == 302
    assert response.url == "/c/labour-migration/"
