"""Identical amendments are decided together (issue 14): deciding one decides the others the
same way, each recorded as "identical to D.n", in the console, the record and its exports;
undo undoes them together."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse
from django.utils import translation

from committee import floor, record
from committee.exports.record import record_docx, record_html
from committee.models import Amendment, Decision, Stage
from drafting.models import Paragraph
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage, undo

SLUG = "labour-migration"
FAIR = "Labour migration must be fair and effective."
S = Amendment.Status


@pytest.fixture
def same(committee, text):
    """D.1 (Workers) and D.2 (Employers) make the same change; D.3 another change."""
    to_stage(committee, Stage.COMMITTEE)
    text["d1"] = table(committee, "workers", text["p1"], FAIR)
    text["d2"] = table(committee, "employers", text["p1"], FAIR)
    text["d3"] = table(committee, "government", text["p1"], "Labour migration should be fair.")
    return text


def fresh(obj):
    obj.refresh_from_db()
    return obj


def test_adopting_one_adopts_the_identical_one_recorded_identical_to_it(committee, same):
    lead = decide(committee, same["d1"], "adopted")
    assert fresh(same["d1"]).status == S.ADOPTED
    assert fresh(same["d2"]).status == S.ADOPTED
    assert fresh(same["d3"]).status == S.TABLED  # another text: still before the committee
    follower = Decision.objects.get(amendment=same["d2"])
    assert follower.identical_to == lead and follower.outcome == Decision.Outcome.ADOPTED
    assert follower.sequence == lead.sequence + 1
    assert follower.outcome_text == "Adopted, identical to D.1"
    assert floor.describe(follower) == (
        "The amendment submitted by the Employer members (D.2), identical to D.1, was adopted."
    )
    # The text changed once, and the identical amendment does not "collide" with its own words.
    p1 = Paragraph.objects.get(pk=same["p1"].pk)
    assert p1.text == FAIR and p1.version == 2
    assert not same["d2"].changes.get().collides


def test_in_french_and_spanish(committee, same):
    decide(committee, same["d2"], "rejected")
    follower = Decision.objects.get(amendment=same["d1"])
    with translation.override("fr"):
        assert "identique à D.2" in follower.outcome_text
        assert "identique à D.2" in floor.describe(follower)
    with translation.override("es"):
        assert "idéntica a D.2" in follower.outcome_text
        assert "idéntica a D.2" in floor.describe(follower)


def test_undo_undoes_them_together(committee, same):
    decide(committee, same["d1"], "adopted")
    undone = undo(committee)
    assert undone.amendment_id == same["d1"].pk
    assert fresh(same["d1"]).status == S.TABLED
    assert fresh(same["d2"]).status == S.TABLED
    assert Decision.objects.filter(undone=False).count() == 0
    assert Paragraph.objects.get(pk=same["p1"].pk).text == (
        "Labour migration should be fair and effective."
    )


def test_a_subamended_adoption_and_a_vote_carry_over(committee, same):
    decide(committee, same["d1"], "adopted_subamended", subamendment_text="Migration is fair.")
    follower = Decision.objects.get(amendment=same["d2"])
    assert fresh(same["d2"]).status == S.ADOPTED_SUBAMENDED
    assert follower.subamendment_text == "Migration is fair."


@pytest.mark.parametrize("outcome", ["withdrawn", "not_seconded"])
def test_what_concerns_one_sponsor_is_not_taken_together(committee, same, outcome):
    decide(committee, same["d1"], outcome)
    assert fresh(same["d2"]).status == S.TABLED
    assert Decision.objects.count() == 1


def test_the_console_marks_identical_amendments_and_shows_the_decision(login, committee, same):
    client = login("secretariat")
    page = client.get(reverse("committee:floor", args=[SLUG]), {"p": same["p1"].pk})
    assert "Identical to D.2" in page.content.decode()
    view = floor.console(committee, same["p1"].pk)
    response = client.post(
        reverse("committee:floor_decide", args=[SLUG]),
        {
            "amendment": same["d1"].pk,
            "paragraph": same["p1"].pk,
            "outcome": "adopted",
            "state": view.floor.version,
            "text_version": view.token,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Adopted, identical to D.1" in page
    assert "(D.2), identical to D.1, was adopted." in page  # the message names it too


def test_the_record_and_its_exports_say_identical_to(login, committee, same):
    decide(committee, same["d1"], "adopted")
    built = record.build(committee)
    assert "(D.2), identical to D.1, was adopted." in " ".join(built.summary)
    page = login("observer").get(reverse("committee:record", args=[SLUG])).content.decode()
    assert "Adopted, identical to D.1" in page
    assert "Adopted, identical to D.1" in record_html(committee, "en")
    body = "\n".join(
        p.text for p in docx.Document(io.BytesIO(record_docx(committee, "en"))).paragraphs
    )
    assert "Adopted, identical to D.1" in body
    assert "identique à D.1" in record_html(committee, "fr")
    assert "idéntica a D.1" in record_html(committee, "es")
