"""Brute force: after too many wrong passwords the right one is refused, at /admin/ too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from committee.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
LIMIT = settings.AXES_FAILURE_LIMIT


def guess(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def test_the_configured_throttling_locks_out_by_user_and_address_together():
    assert settings.AXES_ENABLED and LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.backends.")


def test_wrong_passwords_then_the_right_one_is_refused(client, committee):
    for _ in range(LIMIT):
        guess(client, "/accounts/login/", "employers", "not-the-password")
    response = guess(client, "/accounts/login/", "employers", DEMO_PASSWORD)
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still sent to the login page


def test_one_wrong_password_less_than_the_limit_still_logs_in(client, committee):
    for _ in range(LIMIT - 1):
        assert guess(client, "/accounts/login/", "employers", "nope").status_code == 200
    response = guess(client, "/accounts/login/", "employers", DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_lockout_holds_for_that_user_from_that_address_only(client, committee):
    for _ in range(LIMIT):
        guess(client, "/accounts/login/", "employers", "nope", REMOTE_ADDR="10.0.0.1")
    locked = guess(client, "/accounts/login/", "employers", DEMO_PASSWORD, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    elsewhere = guess(
        client, "/accounts/login/", "employers", DEMO_PASSWORD, REMOTE_ADDR="10.0.0.2"
    )
    assert elsewhere.status_code == 302
    client.logout()
    colleague = guess(client, "/accounts/login/", "workers", DEMO_PASSWORD, REMOTE_ADDR="10.0.0.1")
    assert colleague.status_code == 302


def test_the_admin_login_is_throttled_too(client, db):
    get_user_model().objects.create_superuser("root", "root@example.org", "root-pass-12345")
    for _ in range(LIMIT):
        guess(client, "/admin/login/", "root", "wrong")
    response = guess(client, "/admin/login/", "root", "root-pass-12345")
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "language,words",
    [
        ("en", "Too many attempts"),
        ("fr", "Trop de tentatives"),
        ("es", "Demasiados intentos"),
    ],
)
def test_the_lockout_page_speaks_the_users_language(client, committee, language, words):
    for _ in range(LIMIT):
        guess(client, "/accounts/login/", "observer", "nope", HTTP_ACCEPT_LANGUAGE=language)
    response = guess(
        client, "/accounts/login/", "observer", DEMO_PASSWORD, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert words in page and f'lang="{language}"' in page
    with translation.override(language):
        assert translation.gettext("Back to the login page") in page
