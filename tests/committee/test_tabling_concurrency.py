"""Many Groups tabling in the last minute: numbers 1..n, each exactly once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from committee import services
from committee.models import Amendment
from tests.committee.amendment_fixtures import access, make_draft, prepare, user

THREADS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_amendments_tabled_at_once_get_numbers_one_to_fifty(committee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    text = make_draft(committee)
    coordinators = ["employers", "workers", "government", "africa"]
    drafts = [
        prepare(committee, coordinators[i % 4], text["p1"], f"Labour migration, version {i}.")
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def table_one(amendment: Amendment) -> None:
        username = coordinators[drafts.index(amendment) % 4]
        try:
            who, the_access = user(username), access(committee, username)
            barrier.wait()
            services.table_amendment(the_access, who, amendment.pk)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=table_one, args=(a,)) for a in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Amendment.objects.values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    committee.refresh_from_db()
    assert committee.last_amendment_number == THREADS


@pytest.mark.django_db(transaction=True)
def test_a_double_click_tables_once(committee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    text = make_draft(committee)
    amendment = prepare(committee, "workers", text["p1"], "Labour migration must be fair.")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            who, the_access = user("workers"), access(committee, "workers")
            barrier.wait()
            services.table_amendment(the_access, who, amendment.pk, version=amendment.version)
            outcomes.append("tabled")
        except services.AlreadyTabled:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "tabled"]
    amendment.refresh_from_db()
    assert amendment.number == 1


@pytest.mark.django_db(transaction=True)
def test_save_draft_clicked_twice_at_once_saves_one_draft(committee):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL")
    text = make_draft(committee)
    paragraph = text["p1"]
    barrier = threading.Barrier(2)
    saved: list[int] = []
    errors: list[BaseException] = []

    def click() -> None:
        try:
            who, the_access = user("workers"), access(committee, "workers")
            barrier.wait()
            amendment = services.create_amendment(
                the_access,
                who,
                paragraph_id=paragraph.pk,
                action="replace",
                proposed_text="Labour migration must be fair.",
                base_version=paragraph.version,
                form_token="one-opening-of-the-editor",
            )
            saved.append(amendment.pk)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(saved) == 2 and saved[0] == saved[1]
    assert Amendment.objects.count() == 1
