from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import translation

from committee.demo import DEMO_PASSWORD, DEMO_SLUG, seed_committee
from committee.models import Committee

ROLES = [
    "secretariat",
    "employers",
    "workers",
    "government",
    "africa",
    "chair",
    "clerk",
    "observer",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo committee (its Groups, regional groups and members) is committed once per run.

    Each test runs in a transaction rolled back at its end, so every test starts from this
    committee. Tests that commit (the transactional and browser ones, which pytest-django runs
    last) end with a flush; `committee` seeds it again for them.
    """
    with django_db_blocker.unblock():
        seed_committee()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in the default language: a request in French or Spanish leaves its
    language active in the thread, and a service called next would write in it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def login_request():
    """Login throttling (django-axes) needs the request a password comes with, and its address."""
    return RequestFactory().post("/accounts/login/")


@pytest.fixture
def committee(db) -> Committee:
    return (
        Committee.objects.select_related("session").filter(slug=DEMO_SLUG).first()
        or seed_committee()
    )


@pytest.fixture
def login(client: Client, committee: Committee):
    """login("observer") logs the test client in as that demo user and returns the client."""

    def _login(username: str) -> Client:
        client.logout()
        assert client.login(request=login_request(), username=username, password=DEMO_PASSWORD), (
            username
        )
        return client

    return _login
