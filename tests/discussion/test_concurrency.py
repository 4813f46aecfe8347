from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from committee.demo import seed_committee
from committee.models import Group
from discussion import services
from discussion.models import Speaker, Speech
from discussion.services import DiscussionError


@pytest.mark.django_db(transaction=True)
def test_two_consoles_starting_the_clock_at_once_start_exactly_one():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    committee = seed_committee()
    secretariat = get_user_model().objects.get(username="secretariat")
    point = services.create_point(committee, secretariat, text_en="Q")
    workers = committee.groups.get(kind=Group.Kind.WORKERS)
    services.add_speaker(point, secretariat, label="A", group=workers)
    speaker = services.call_next(point.pk, secretariat, None)

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press_start():
        try:
            barrier.wait()
            services.start_clock(committee, secretariat, speaker.pk)
            outcomes.append("started")
        except DiscussionError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes)[1] == "started"
    assert "already running" in sorted(outcomes)[0]
    assert Speech.objects.filter(committee=committee, stopped_at__isnull=True).count() == 1
    assert Speaker.objects.get(pk=speaker.pk).status == Speaker.Status.SPEAKING
