"""The floor's cost does not grow with the amendments on a paragraph (query counts, not timings).

A busy paragraph has about a hundred amendments: recording an adoption re-bases every other
pending change on it in bulk (one UPDATE and one INSERT of history rows, whatever their number),
and the sitting console reads them in a fixed number of queries.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee import floor
from committee.models import AmendmentChange, Stage
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage, undo

SLUG = "labour-migration"
P1 = "Labour migration should be fair and effective."
GROUPS = ["workers", "employers"]


@pytest.fixture
def sitting(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    return text


def _pending(committee, paragraph, count: int) -> list:
    """`count` pending amendments to P1: half re-base cleanly on an edit of its first words
    (they change its last word), half collide with it (they change its first words)."""
    out = []
    for i in range(count):
        if i % 2:
            text = P1.replace("effective.", f"effective in region {i}.")
        else:
            text = P1.replace("Labour migration", f"Migration number {i}")
        out.append(table(committee, GROUPS[i % 2], paragraph, text))
    return out


def _adoption_queries(committee, paragraph, pending: int) -> int:
    adopted = table(committee, "workers", paragraph, P1.replace("Labour", "International labour"))
    _pending(committee, paragraph, pending)
    with CaptureQueriesContext(connection) as queries:
        decide(committee, adopted)
    return len(queries.captured_queries)


def test_an_adoption_issues_as_many_queries_with_5_or_40_pending_changes(committee, sitting):
    few = _adoption_queries(committee, sitting["p1"], 5)
    # The same committee, another paragraph with eight times as many pending changes.
    p3 = sitting["p3"]
    p3.text = P1
    p3.save()
    many = _adoption_queries(committee, p3, 40)
    assert many == few


def test_a_bulk_rebase_keeps_each_changes_history_with_user_and_reason(committee, sitting):
    adopted = table(
        committee, "workers", sitting["p1"], P1.replace("Labour", "International labour")
    )
    clean, colliding = _pending(committee, sitting["p1"], 2)[::-1]
    decide(committee, adopted)
    rebased = AmendmentChange.objects.get(amendment=clean)
    assert rebased.is_rebased and not rebased.collides
    assert rebased.base_text == "International labour migration should be fair and effective."
    assert rebased.proposed_text == (
        "International labour migration should be fair and effective in region 1."
    )
    assert rebased.original_proposed_text == P1.replace("effective.", "effective in region 1.")
    last = rebased.history.order_by("-history_id").first()
    assert last.history_user.username == "secretariat"
    assert last.history_change_reason.startswith("Re-based after Amendment")
    collided = AmendmentChange.objects.get(amendment=colliding)
    assert collided.collides and not collided.is_rebased
    last = collided.history.order_by("-history_id").first()
    assert last.history_change_reason.startswith("Collides with Amendment")
    assert last.history_user.username == "secretariat"


def test_a_change_that_already_collides_is_not_written_again(committee, sitting):
    first = table(committee, "workers", sitting["p1"], P1.replace("Labour", "International labour"))
    colliding = table(committee, "employers", sitting["p1"], P1.replace("Labour", "Fair labour"))
    decide(committee, first)
    change = AmendmentChange.objects.get(amendment=colliding)
    assert change.collides
    rows = change.history.count()
    second = table(committee, "workers", sitting["p1"], "International labour migration is fair.")
    decision = decide(committee, second)
    assert change.history.count() == rows
    assert change.pk not in [b["change"] for b in decision.effects["rebased"]]
    assert AmendmentChange.objects.get(pk=change.pk).collides


def test_undo_restores_every_rebased_change_in_bulk(committee, sitting):
    adopted = table(
        committee, "workers", sitting["p1"], P1.replace("Labour", "International labour")
    )
    pending = _pending(committee, sitting["p1"], 6)
    before = {
        c.pk: (c.base_text, c.proposed_text, c.is_rebased, c.collides)
        for c in AmendmentChange.objects.filter(amendment__in=pending)
    }
    decide(committee, adopted)
    undo(committee)
    after = {
        c.pk: (c.base_text, c.proposed_text, c.is_rebased, c.collides)
        for c in AmendmentChange.objects.filter(amendment__in=pending)
    }
    assert after == before
    reasons = AmendmentChange.history.filter(id__in=before).values_list(
        "history_change_reason", flat=True
    )
    assert sum(1 for r in reasons if r and r.startswith("Undo:")) == len(before)


def _console_queries(login, paragraph) -> int:
    client = login("secretariat")
    url = reverse("committee:floor", args=[SLUG]) + f"?p={paragraph.pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_console_reads_5_or_40_amendments_in_as_many_queries(login, committee, sitting):
    _pending(committee, sitting["p1"], 5)
    few = _console_queries(login, sitting["p1"])
    _pending(committee, sitting["p1"], 35)
    many = _console_queries(login, sitting["p1"])
    assert many == few
    view = floor.console(committee, sitting["p1"].pk)
    assert len(view.entries) == 40


def test_the_console_orders_by_words_changed_with_the_memoised_size(committee, sitting):
    small = table(committee, "workers", sitting["p1"], P1.replace("fair", "just"))
    large = table(
        committee, "employers", sitting["p1"], "Migration for work must be safe, just and fair."
    )
    floor.changed_tokens.cache_clear()
    view = floor.console(committee, sitting["p1"].pk)
    assert [e.amendment.pk for e in view.entries] == [large.pk, small.pk]
    assert floor.changed_tokens.cache_info().misses == 2
    floor.console(committee, sitting["p1"].pk)
    info = floor.changed_tokens.cache_info()
    assert (info.misses, info.hits) == (2, 2)


def test_the_vote_table_is_in_every_decision_form(login, committee, sitting):
    _pending(committee, sitting["p1"], 3)
    content = (
        login("secretariat")
        .get(reverse("committee:floor", args=[SLUG]) + f"?p={sitting['p1'].pk}")
        .content.decode()
    )
    assert content.count('class="floor-decide"') == 3
    assert content.count('name="vote_workers_for"') == 3
    assert content.count('class="floor-vote"') == 3
