"""An amendment that changes several paragraphs (issue 14): it appears at each paragraph it
touches, is decided once, as a whole, at the first, and the record says so at each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import floor, record, services
from committee.exports.record import record_html
from committee.models import Amendment, Stage
from drafting.models import Paragraph
from tests.committee.amendment_fixtures import access, prepare, table, user
from tests.committee.floor_fixtures import decide, to_stage

SLUG = "labour-migration"
S = Amendment.Status
P3 = "The Office should support constituents in developing fair labour migration policies."


@pytest.fixture
def spanning(committee, text):
    """D.1 changes paragraphs 1 and 3 (tabled with its change to paragraph 3 first)."""
    to_stage(committee, Stage.COMMITTEE)
    amendment = prepare(committee, "workers", text["p3"], P3)
    services.add_change(
        access(committee, "workers"), user("workers"), amendment.pk, version=amendment.version,
        paragraph_id=text["p1"].pk, action="replace",
        proposed_text="Labour migration must be fair and effective.",
        base_version=text["p1"].version,
    )  # fmt: skip
    text["d1"] = services.table_amendment(
        access(committee, "workers"), user("workers"), amendment.pk
    )
    text["d2"] = table(committee, "employers", text["p3"], "The Office should support Members.")
    return text


def test_it_appears_at_each_paragraph_and_is_decided_at_the_first(committee, spanning):
    at_1 = floor.console(committee, spanning["p1"].pk)
    at_3 = floor.console(committee, spanning["p3"].pk)
    first = next(e for e in at_1.entries if e.amendment.pk == spanning["d1"].pk)
    other = next(e for e in at_3.entries if e.amendment.pk == spanning["d1"].pk)
    assert first.is_home and not other.is_home
    assert first.mark == "Also amends Paragraph 3. Decided here, once, as a whole."
    assert other.mark == "Also amends Paragraph 1. Decided once, as a whole, at Paragraph 1."
    assert [c.change.paragraph_id for c in other.elsewhere] == [spanning["p1"].pk]
    with pytest.raises(floor.FloorError, match="decided there, once, as a whole"):
        decide(committee, spanning["d1"], paragraph_id=spanning["p3"].pk)
    assert Amendment.objects.get(pk=spanning["d1"].pk).status == S.TABLED
    decision = decide(committee, spanning["d1"], paragraph_id=spanning["p1"].pk)
    assert decision.paragraph_id == spanning["p1"].pk
    # Both changes applied by the one decision.
    assert Paragraph.objects.get(pk=spanning["p3"].pk).text == P3
    assert Paragraph.objects.get(pk=spanning["p1"].pk).text.startswith("Labour migration must")


def test_without_a_paragraph_it_is_decided_at_its_first_in_the_text(committee, spanning):
    assert decide(committee, spanning["d1"]).paragraph_id == spanning["p1"].pk


def test_the_console_shows_the_mark_and_a_link_and_no_form_at_the_other(login, spanning):
    client = login("secretariat")
    page = client.get(reverse("committee:floor", args=[SLUG]), {"p": spanning["p3"].pk})
    html = page.content.decode()
    assert "Decided once, as a whole, at Paragraph 1." in html
    assert f"?p={spanning['p1'].pk}#entry-{spanning['d1'].pk}" in html
    assert f'aria-label="Decision on {spanning["d1"].short_symbol}"' not in html
    assert f'aria-label="Decision on {spanning["d2"].short_symbol}"' in html
    page = client.get(reverse("committee:floor", args=[SLUG]), {"p": spanning["p1"].pk})
    assert f'aria-label="Decision on {spanning["d1"].short_symbol}"' in page.content.decode()


def test_paragraph_3_waits_for_the_decision_at_paragraph_1(committee, spanning):
    decide(committee, spanning["d2"], "rejected")
    with pytest.raises(floor.FloorError, match="still before the committee"):
        floor.declare_paragraph(
            access(committee, "secretariat"), user("secretariat"), spanning["p3"].pk
        )


def test_the_record_says_where_it_was_decided(login, committee, spanning):
    decide(committee, spanning["d1"])
    built = record.build(committee)
    marks = {
        p.unit.pk: a.mark
        for p in built.paragraphs
        for a in p.amendments
        if a.amendment.pk == spanning["d1"].pk
    }
    assert marks[spanning["p1"].pk] == "Also amends Paragraph 3. Decided here, once, as a whole."
    assert marks[spanning["p3"].pk] == (
        "Also amends Paragraph 1. Decided once, as a whole, at Paragraph 1."
    )
    page = login("observer").get(reverse("committee:record", args=[SLUG])).content.decode()
    assert "Decided once, as a whole, at Paragraph 1." in page
    assert "Decided once, as a whole, at Paragraph 1." in record_html(committee, "en")
    assert "Examiné une seule fois, dans son ensemble : voir" in record_html(committee, "fr")
    assert "Se examina una sola vez, en su conjunto: véase" in record_html(committee, "es")
