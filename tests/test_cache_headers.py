"""Private pages are never stored by the browser or a proxy; the room screen revalidates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.test_deploy import run_manage

pytestmark = pytest.mark.django_db
B = "/c/labour-migration/"
PRIVATE = ["/", B, B + "amendments/", B + "compilation/", B + "record/", B + "discussion/"]


@pytest.mark.parametrize("role", ROLES)
def test_every_private_page_is_marked_no_store(login, role):
    client = login(role)
    for path in PRIVATE:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(path, headers=headers)
            assert "no-store" in response["Cache-Control"], (path, response.status_code)
            assert "private" in response["Cache-Control"]


def test_refusals_and_the_login_page_are_not_stored_either(client, login):
    assert "no-store" in client.get("/accounts/login/")["Cache-Control"]
    forbidden = login("observer").get(B + "members/")
    assert forbidden.status_code == 403 and "no-store" in forbidden["Cache-Control"]


def test_the_room_screen_poll_is_private_no_cache_and_keeps_its_etag(login):
    client = login("observer")
    url = reverse("discussion:room_screen", args=["labour-migration"])
    first = client.get(url, headers={"HX-Request": "true"})
    assert first["Cache-Control"] == "private, no-cache" and first["ETag"]
    again = client.get(url, headers={"HX-Request": "true", "If-None-Match": first["ETag"]})
    assert again.status_code == 304 and "no-store" not in again["Cache-Control"]


def test_the_language_cookie_is_secure_under_production_settings():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.LANGUAGE_COOKIE_SECURE, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY)",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="draftroom.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True"] * 4


def test_the_language_switch_sets_a_secure_cookie_when_configured(client, settings, db):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"] and cookie.value == "fr"
