"""Two secretariat users save the same paragraph at the same moment: one wins, one is told."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from drafting import services
from drafting.models import Paragraph
from tests.drafting.conftest import unit

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_saves_from_the_same_version_never_overwrite_each_other(small_draft, secretariat):
    pk = unit(small_draft, "Migration should").pk

    def save(text):
        return lambda: services.edit_text(
            small_draft, pk, text=text, base_version=1, user=secretariat
        )

    outcomes = run_together(save("Text A."), save("Text B."))
    stale = [o for o in outcomes if isinstance(o, services.StaleVersion)]
    saved = [o for o in outcomes if isinstance(o, Paragraph)]
    assert len(stale) == 1 and len(saved) == 1, outcomes
    final = Paragraph.objects.get(pk=pk)
    assert final.version == 2
    assert final.text == saved[0].text
    assert stale[0].current_text == saved[0].text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_structure_changes_from_the_same_page_never_both_apply(small_draft, secretariat):
    anchor = unit(small_draft, "Migration should").pk
    version = small_draft.version

    def insert(text):
        return lambda: services.insert_unit(
            small_draft,
            kind="paragraph",
            text=text,
            after_id=anchor,
            base_version=version,
            user=secretariat,
        )

    outcomes = run_together(insert("One."), insert("Two."))
    assert sum(isinstance(o, services.StaleDraft) for o in outcomes) == 1, outcomes
    assert Paragraph.objects.filter(draft=small_draft, text__in=["One.", "Two."]).count() == 1
