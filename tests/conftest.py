from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from committee.demo import DEMO_PASSWORD, seed_committee
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


def login_request():
    """Login throttling (django-axes) needs the request a password comes with, and its address."""
    return RequestFactory().post("/accounts/login/")


@pytest.fixture
def committee(db) -> Committee:
    return seed_committee()


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
