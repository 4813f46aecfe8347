"""What the room shows is rendered once per state and language, whoever asks, and never stale."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.models import Group
from discussion import services

pytestmark = pytest.mark.django_db
ROOM = reverse("discussion:room", args=["labour-migration"])
SCREEN = reverse("discussion:room_screen", args=["labour-migration"])
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def screen(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SCREEN, **HTMX)
    return response, len(queries)


def test_a_second_viewer_of_the_same_state_costs_fewer_queries(login, point, secretariat):
    services.open_point(point.pk, secretariat)
    first, first_queries = screen(login("observer"))
    second, second_queries = screen(login("workers"))
    assert first.status_code == second.status_code == 200
    assert second_queries < first_queries
    strip = re.compile(r'hx-get="[^"]*"|data-now="\d+"')
    assert strip.sub("", first.content.decode()) == strip.sub("", second.content.decode())


def test_a_change_is_shown_at_once_despite_the_cache(login, point, secretariat):
    services.open_point(point.pk, secretariat)
    client = login("observer")
    before, _ = screen(client)
    gov = point.committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    after, _ = screen(client)
    assert after["ETag"] != before["ETag"]
    assert b"Government member of Ghana" in after.content


def test_the_screen_carries_the_server_time_for_its_clocks(login, point):
    response = login("observer").get(ROOM)
    assert re.search(rb'id="room-screen"[^>]*data-now="\d{13}"', response.content)
