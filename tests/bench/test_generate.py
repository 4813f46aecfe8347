from __future__ import annotations

import secrets

import pytest
from django.urls import reverse

from bench import generate
from bench.generate import TINY, Size, amend_text, build_outline
from bench.measure import Context, Request, in_process
from bench.run import sessions_for
from committee.models import Amendment, AmendmentChange, Subamendment
from drafting.models import Paragraph

K = Paragraph.Kind


def _count(nodes, kind) -> int:
    return sum((n.kind == kind) + _count(n.children, kind) for n in nodes)


def test_the_outline_has_the_size_asked_for():
    size = Size(parts=5, paragraphs=60, clauses=250)
    nodes = build_outline(size)
    assert _count(nodes, K.PART) == 5
    assert _count(nodes, K.PARAGRAPH) == 60
    assert _count(nodes, K.CLAUSE) + _count(nodes, K.SUBCLAUSE) == 250
    assert _count(nodes, K.SUBCLAUSE) == 50


def test_the_full_draft_has_about_twelve_thousand_words():
    def words(nodes) -> int:
        return sum(len(n.text.split()) + words(n.children) for n in nodes)

    assert 11_000 <= words(build_outline(generate.FULL)) <= 13_500


def test_an_amended_text_differs_and_is_reproducible():
    import random

    text = "Members should promote fair recruitment practices in line with standards."
    first = amend_text(text, random.Random(1))
    assert first != text
    assert first == amend_text(text, random.Random(1))


@pytest.mark.django_db
def test_it_generates_a_numbered_committee_with_a_busy_paragraph():
    made = generate.generate(TINY)
    committee = made.committee
    numbers = sorted(Amendment.objects.filter(committee=committee).values_list("number", flat=True))
    assert numbers == list(range(1, TINY.amendments + 1))
    committee.refresh_from_db()
    assert committee.last_amendment_number == TINY.amendments
    on_busiest = Amendment.objects.filter(changes__paragraph=made.busiest).distinct().count()
    assert on_busiest >= TINY.busiest
    assert Subamendment.objects.filter(change__amendment__committee=committee).count() == 2
    decided = Amendment.objects.filter(committee=committee).exclude(status="tabled").count()
    assert decided == TINY.decided
    # Bulk-created rows have their history, as rows saved by the services do.
    assert Amendment.history.filter(committee_id=committee.pk).count() >= TINY.amendments
    assert AmendmentChange.history.count() >= made.changes
    assert made.amendments == TINY.amendments and made.words > 0


@pytest.mark.django_db
def test_it_refuses_to_generate_twice_into_one_committee():
    generate.generate(TINY)
    with pytest.raises(RuntimeError):
        generate.generate(TINY)


@pytest.mark.django_db
def test_the_compilation_query_count_is_counted_at_two_sizes(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # the bench's production setting
    big = generate.generate(
        Size(
            parts=1,
            paragraphs=4,
            clauses=6,
            amendments=24,
            busiest=6,
            via_services=2,
            subamendments=4,
            decided=6,
        )
    )
    small = generate.generate(TINY, slug="bench-small", seed=9)
    users, sessions = sessions_for(["secretariat", "observer"])
    counts = []
    for made in (small, big):
        ctx = Context(generated=made, users=users, sessions=sessions, csrf=secrets.token_hex(16))
        req = Request(
            "GET", reverse("committee:compilation", args=[made.committee.slug]), "secretariat"
        )
        in_process(ctx, req)
        response, queries = in_process(ctx, req)
        assert response.status_code == 200
        counts.append(queries)
    assert counts[0] == counts[1] > 0
