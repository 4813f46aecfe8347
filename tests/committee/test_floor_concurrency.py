"""Two secretaries recording decisions at once on the same paragraph: never both succeed."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from committee import floor
from committee.models import Amendment, Decision, Floor, Stage
from drafting.models import Paragraph
from tests.committee.amendment_fixtures import access, make_draft, table, user
from tests.committee.floor_fixtures import to_stage


@pytest.mark.django_db(transaction=True)
def test_two_decisions_against_the_same_console_state_never_both_succeed(committee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    p1 = text["p1"]
    first = table(committee, "workers", p1, "Labour migration must be fair and effective.")
    second = table(committee, "employers", p1, "Labour migration should be fair and efficient.")
    view = floor.console(committee, p1.pk)
    state, token = view.floor.version, view.token
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def record(amendment: Amendment) -> None:
        try:
            who, the_access = user("secretariat"), access(committee, "secretariat")
            barrier.wait()
            floor.decide(
                the_access, who, amendment.pk, outcome="adopted", paragraph_id=p1.pk,
                state=state, text_version=token,
            )  # fmt: skip
            outcomes.append("decided")
        except floor.StaleConsole:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["decided", "stale"]
    assert Decision.objects.count() == 1
    decided = Decision.objects.get().amendment
    other = second if decided.pk == first.pk else first
    other.refresh_from_db()
    assert other.status == Amendment.Status.TABLED
    p1 = Paragraph.objects.get(pk=p1.pk)
    assert p1.version == 2
    assert Floor.objects.get(pk=committee.pk).version == state + 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_adopt_adopts_once(committee):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def click() -> None:
        try:
            who, the_access = user("secretariat"), access(committee, "secretariat")
            barrier.wait()
            floor.decide(the_access, who, amendment.pk, outcome="adopted")
            outcomes.append("decided")
        except floor.FloorError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["decided", "refused"]
    assert Paragraph.objects.get(pk=text["p1"].pk).version == 2
