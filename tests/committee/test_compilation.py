from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee import services
from committee.compilation import build, tabled_amendments
from tests.committee.amendment_fixtures import access, table, user

pytestmark = pytest.mark.django_db
B = "/c/labour-migration/compilation/"


def headings(content: bytes) -> list[str]:
    return re.findall(r'<section class="card slot"[^>]*>\s*<h2>([^<]+?) <span', content.decode())


def test_amendments_are_grouped_by_paragraph_in_text_order(login, committee, text):
    table(committee, "workers", text["p3"], "The Office should assist constituents.")
    table(committee, "employers", text["b"], "protect the rights of all workers;")
    table(
        committee,
        "workers",
        text["p1"],
        "A new paragraph.",
        action="insert",
        insert_kind="paragraph",
    )
    table(committee, "employers", text["p1"], "Labour migration should be fair.")
    response = login("observer").get(B)
    assert headings(response.content) == [
        "Paragraph 1",
        "new paragraph after Paragraph 1",
        "Paragraph 2(b)",
        "Paragraph 3",
    ]


def _edit(paragraph, text: str) -> None:
    from drafting import services as drafting_services

    paragraph.refresh_from_db()
    drafting_services.edit_text(
        paragraph.draft,
        paragraph.pk,
        text=text,
        base_version=paragraph.version,
        user=user("secretariat"),
        reason="Editorial",
    )


def test_each_change_shows_as_tabled_even_after_the_paragraph_changed(login, committee, text):
    table(
        committee, "employers", text["p1"], "Labour migration should be fair, safe and effective."
    )
    _edit(text["p1"], "Labour migration should be fair and effective for all.")
    content = login("chair").get(B).content.decode()
    # Only the Employers' own words: nothing of the later edit is shown as theirs.
    assert "should be fair<ins>, safe</ins> and effective." in content
    assert "<del> for all</del>" not in content
    assert "Tabled to the text of" in content
    (slot,) = build(committee, tabled_amendments(access(committee, "chair"), {}), {}).slots
    (entry,) = slot.entries
    assert entry.tabled_text == "Labour migration should be fair and effective."
    assert slot.current_text == "Labour migration should be fair and effective for all."
    assert entry.changed_since


def test_an_unchanged_paragraph_has_no_tabled_to_note(login, committee, text):
    table(committee, "employers", text["p1"], "Labour migration should be safe and effective.")
    content = login("chair").get(B).content.decode()
    assert "Tabled to the text of" not in content


def test_after_decisions_each_amendment_still_shows_its_own_change(login, committee, text):
    from committee.models import Stage
    from tests.committee.floor_fixtures import decide, to_stage

    to_stage(committee, Stage.COMMITTEE)
    adopted = table(
        committee, "workers", text["p1"], "Labour migration should be fair, safe and effective."
    )
    other = table(
        committee, "employers", text["p1"], "Labour migration should be fair and efficient."
    )
    pending = table(committee, "africa", text["p3"], "The Office should assist constituents.")
    decide(committee, adopted)  # p1 now reads "fair, safe and effective."; D.2 re-based
    content = login("observer").get(B).content.decode()
    articles = dict(
        re.findall(
            r'<article class="compiled-amendment"[^>]*>.*?<strong>(D\.\d+)</strong>(.*?)</article>',
            content,
            re.S,
        )
    )
    assert "<ins>, safe</ins>" in articles[adopted.short_symbol]
    assert "<del>, safe</del>" not in articles[other.short_symbol]
    assert "<del>effective</del><ins>efficient</ins>" in articles[other.short_symbol]
    assert "Tabled to the text of" in articles[other.short_symbol]
    assert "Tabled to the text of" not in articles[pending.short_symbol]
    # The secretariat also sees how the re-based amendment would apply to the text now.
    staff = login("secretariat").get(B).content.decode()
    assert "As it would apply to the current text" in staff
    assert "As it would apply to the current text" not in content


def test_colliding_amendments_are_shown_together(login, committee, text):
    one = table(
        committee, "employers", text["p1"], "Labour migration should be orderly and effective."
    )
    two = table(committee, "workers", text["p1"], "Labour migration should be safe and effective.")
    three = table(committee, "africa", text["p1"], "Labour migration should be fair and efficient.")
    result = build(committee, tabled_amendments(access(committee, "chair"), {}), {})
    (slot,) = result.slots
    (cluster,) = slot.clusters
    assert cluster.kind == "collision"
    assert {e.amendment.pk for e in cluster.entries} == {one.pk, two.pk}
    assert [e.amendment.pk for e in slot.singles] == [three.pk]
    assert cluster.label == "D.1 and D.2 change the same words"
    assert b"D.1 and D.2 change the same words" in login("observer").get(B).content


def test_a_deletion_collides_with_every_edit_of_the_paragraph(committee, text):
    table(committee, "employers", text["p1"], "", action="delete")
    table(committee, "workers", text["p1"], "Labour migration should be fair and efficient.")
    result = build(committee, tabled_amendments(access(committee, "chair"), {}), {})
    assert [c.kind for c in result.slots[0].clusters] == ["collision"]


def test_identical_amendments_from_different_submitters_are_grouped(login, committee, text):
    words = "Labour migration should be fair, safe and effective."
    table(committee, "employers", text["p1"], words)
    table(committee, "workers", text["p3"], "The Office should assist constituents.")
    table(committee, "africa", text["p1"], words)
    content = login("clerk").get(B).content
    assert b"D.1 and D.3 are identical" in content
    result = build(committee, tabled_amendments(access(committee, "chair"), {}), {})
    assert [c.kind for c in result.slots[0].clusters] == ["identical"]


def test_identical_amendments_among_colliding_ones_are_named(committee, text):
    words = "Labour migration should be safe and effective."
    table(committee, "employers", text["p1"], words)
    table(committee, "africa", text["p1"], words)
    table(committee, "workers", text["p1"], "Labour migration should be orderly and effective.")
    result = build(committee, tabled_amendments(access(committee, "chair"), {}), {})
    (cluster,) = result.slots[0].clusters
    assert cluster.kind == "collision" and len(cluster.entries) == 3
    assert cluster.identical_labels == ["D.1 and D.2 are identical"]


def test_it_counts_amendments_per_paragraph(login, committee, text):
    table(committee, "employers", text["p1"], "Labour migration should be orderly and effective.")
    table(committee, "workers", text["p1"], "Labour migration should be safe and effective.")
    table(committee, "workers", text["p3"], "The Office should assist constituents.")
    result = build(committee, tabled_amendments(access(committee, "chair"), {}), {})
    assert [(s.reference, s.count) for s in result.slots] == [
        ("Paragraph 1", 2),
        ("Paragraph 3", 1),
    ]


def test_filters_by_group_status_paragraph_and_words(login, committee, text):
    one = table(committee, "employers", text["p1"], "Labour migration should be orderly.")
    two = table(committee, "workers", text["p3"], "The Office should assist constituents.")
    services.withdraw(access(committee, "workers"), user("workers"), two.pk, reason="Agreed.")
    chair = access(committee, "chair")
    workers_group = committee.groups.get(kind="workers")

    def numbers(**params):
        return [a.number for a in tabled_amendments(chair, {k: str(v) for k, v in params.items()})]

    assert numbers() == [1, 2]
    assert numbers(group=workers_group.pk) == [2]
    assert numbers(status="withdrawn") == [2]
    assert numbers(paragraph=text["p1"].pk) == [1]
    assert numbers(q="ORDERLY") == [1]
    assert numbers(status="nonsense", group="x", paragraph="-1") == [1, 2]
    response = login("observer").get(B, {"q": "assist"}, headers={"HX-Request": "true"})
    assert b"D.2" in response.content and b"D.1<" not in response.content
    assert one.number == 1


def _queries_for_compilation(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(B)
    assert response.status_code == 200
    return len(captured)


def _table_many(committee, text, n: int, start: int = 0) -> None:
    targets = [text["p1"], text["a"], text["b"], text["p3"]]
    for i in range(start, start + n):
        amendment = table(
            committee,
            ["employers", "workers", "africa"][i % 3],
            targets[i % 4],
            f"Proposed wording number {i}.",
        )
        if i % 5 == 0:
            services.add_subamendment(
                access(committee, "secretariat"),
                user("secretariat"),
                amendment.changes.get().pk,
                proposed_text=f"Subamended wording {i}.",
                submitters="The Chairperson",
            )


def test_the_compilation_query_count_does_not_grow_with_the_amendments(
    login, committee, text, django_assert_max_num_queries
):
    client = login("observer")
    _table_many(committee, text, 5)
    with_five = _queries_for_compilation(client)
    _table_many(committee, text, 45, start=5)
    with django_assert_max_num_queries(with_five):
        response = client.get(B)
    assert response.content.count(b'class="compiled-amendment"') == 50
    assert _queries_for_compilation(client) == with_five


def test_each_entry_links_to_its_amendment_and_shows_its_own_status(login, committee, text):
    from django.template.loader import render_to_string
    from django.urls import reverse

    from committee.models import Amendment

    plain = table(committee, "workers", text["p3"], "The Office should assist constituents.")
    late = table(committee, "employers", text["p1"], "Labour migration should be fair.")
    Amendment.objects.filter(pk=late.pk).update(
        is_late=True, taken_up_by="Kenya", seconded=True, seconded_by="Mexico"
    )
    content = login("observer").get(B).content.decode()
    for amendment in Amendment.objects.filter(pk__in=[plain.pk, late.pk]):
        article = re.search(
            r'<article class="compiled-amendment"[^>]*>\s*<header><a href="([^"]+)"><strong>'
            + re.escape(amendment.short_symbol)
            + r"</strong></a>\s*<span[^>]*>[^<]*</span>\s*(.*?)\s*</header>",
            content,
            re.S,
        )
        assert article is not None
        assert article[1] == reverse("committee:amendment", args=[committee.slug, amendment.pk])
        badges = render_to_string("committee/amendments/_status.html", {"a": amendment})
        assert article[2] == badges.strip()
    assert "taken up by Kenya" in content and "seconded by Mexico" in content
