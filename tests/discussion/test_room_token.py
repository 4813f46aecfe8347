"""The room screen's poll URL carries a signed token: an unchanged poll costs one query, without
the session or the user tables; the token is bound to the committee, the user and a day."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from committee.models import Committee, Group, Membership
from discussion import room, services
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

SLUG = "labour-migration"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def speaker(point, secretariat):
    gov = point.committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="First", group=gov)
    return services.add_speaker(point, secretariat, label="Second", group=gov)


def screen_url(slug: str = SLUG) -> str:
    return reverse("discussion:room_screen", args=[slug])


def poll_url_of(client: Client) -> str:
    """The poll URL the room page gives its screen (as htmx will request it)."""
    content = client.get(reverse("discussion:room", args=[SLUG])).content.decode()
    return re.search(r'hx-get="([^"]+)"', content).group(1).replace("&amp;", "&")


def token_for(username: str, committee) -> str:
    user = get_user_model().objects.get(username=username)
    return room.room_token(committee.pk, user.pk)


@pytest.mark.parametrize("role", ROLES)
def test_the_room_page_gives_every_role_a_poll_url_with_its_token(login, committee, role):
    url = poll_url_of(login(role))
    assert url.startswith(screen_url() + "?t=")
    token = url.split("?t=", 1)[1]
    user = get_user_model().objects.get(username=role)
    assert room._read_room_token(token) == (committee.pk, user.pk)


def test_an_unchanged_poll_with_a_token_answers_304_in_one_query(
    login, committee, point, django_assert_max_num_queries
):
    url = poll_url_of(login("observer"))
    screen = Client()  # no session cookie: the token alone
    first = screen.get(url, **HTMX)
    assert first.status_code == 200
    etag = first["ETag"]
    with django_assert_max_num_queries(1):
        again = screen.get(url, HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Cookie" not in again.get("Vary", "")


def test_a_logged_in_screen_does_not_read_its_session_for_an_unchanged_poll(
    login, committee, point, django_assert_max_num_queries
):
    client = login("chair")
    url = poll_url_of(client)
    etag = client.get(url, **HTMX)["ETag"]
    with django_assert_max_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag, **HTMX).status_code == 304


def test_after_a_change_the_poll_answers_200_with_the_new_state_and_a_fresh_token(
    login, committee, point, speaker, secretariat
):
    url = poll_url_of(login("observer"))
    screen = Client()
    etag = screen.get(url, **HTMX)["ETag"]
    services.call_next(point.pk, secretariat, None)
    changed = screen.get(url, HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"First" in changed.content
    assert b'id="room-screen"' in changed.content
    assert b"<html" not in changed.content
    assert f'hx-get="{screen_url()}?t='.encode() in changed.content


def test_a_token_of_another_committee_is_refused(login, committee, point):
    other = Committee.objects.create(
        session=committee.session, name="Other committee", slug="other", acronym="OC"
    )
    token = token_for("observer", other)
    assert Client().get(f"{screen_url()}?t={token}", **HTMX).status_code == 403
    # ... and one of this committee on the other committee's URL.
    token = token_for("observer", committee)
    assert Client().get(f"{screen_url('other')}?t={token}", **HTMX).status_code == 403


def test_a_token_of_a_user_who_is_not_on_the_committee_is_refused(committee, point):
    outsider = get_user_model().objects.create_user("outsider", password="x-long-password-1")
    token = room.room_token(committee.pk, outsider.pk)
    assert Client().get(f"{screen_url()}?t={token}", **HTMX).status_code == 403


def test_a_token_stops_working_when_the_user_leaves_the_committee(login, committee, point):
    url = poll_url_of(login("observer"))
    screen = Client()
    etag = screen.get(url, **HTMX)["ETag"]
    Membership.objects.filter(committee=committee, user__username="observer").delete()
    assert screen.get(url, HTTP_IF_NONE_MATCH=etag, **HTMX).status_code == 403


def test_a_tampered_token_is_refused(login, committee, point):
    url = poll_url_of(login("observer"))
    observer = get_user_model().objects.get(username="observer")
    secretariat = get_user_model().objects.get(username="secretariat")
    token = url.split("?t=", 1)[1]
    assert room._read_room_token(token) == (committee.pk, observer.pk)
    payload = signing.b64_encode(f"[{committee.pk},{secretariat.pk}]".encode()).decode()
    tampered = f"{screen_url()}?t={payload}:{token.split(':', 1)[1]}"
    forged = signing.dumps([committee.pk, secretariat.pk], salt="another salt", compress=False)
    for bad in (url + "x", url[:-3], tampered, f"{screen_url()}?t={forged}", f"{screen_url()}?t="):
        assert Client().get(bad, **HTMX).status_code == 403, bad


def test_an_expired_token_is_refused_and_asks_the_screen_to_reload(login, committee, point):
    url = poll_url_of(login("observer"))
    with mock.patch.object(room, "ROOM_TOKEN_MAX_AGE", -1):
        response = Client().get(url, **HTMX)
    assert response.status_code == 403
    assert response["HX-Refresh"] == "true"


def test_without_htmx_or_a_token_the_screen_still_needs_a_login(login, committee, point):
    url = poll_url_of(login("observer"))
    anonymous = Client()
    for target in (url, screen_url()):
        response = anonymous.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = anonymous.get(screen_url(), **HTMX)
    assert response.status_code == 302
    assert login("observer").get(url).status_code == 200
