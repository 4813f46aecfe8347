"""The console's decision form (issue 14): no outcome chosen in advance, and a refused decision
keeps everything typed (outcome, subamended text, votes, note)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from committee import floor
from committee.models import Amendment, Stage
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage

SLUG = "labour-migration"


@pytest.fixture
def sitting(committee, text):
    to_stage(committee, Stage.COMMITTEE)
    text["d1"] = table(
        committee, "workers", text["p1"], "Labour migration must be fair and effective."
    )
    text["d2"] = table(
        committee, "employers", text["p1"], "Labour migration could be fair and effective."
    )
    return text


def form_of(page: str, amendment: Amendment) -> str:
    return page.split(f'id="entry-{amendment.pk}"')[1].split("</article>")[0]


def test_no_outcome_is_chosen_in_advance_not_even_the_proposed_one(login, committee, sitting):
    decide(committee, sitting["d1"], "adopted")  # D.2 now collides: "fell" is proposed
    page = (
        login("secretariat")
        .get(reverse("committee:floor", args=[SLUG]), {"p": sitting["p1"].pk})
        .content.decode()
    )
    form = form_of(page, sitting["d2"])
    select = form.split('name="outcome"')[1].split("</select>")[0]
    assert "selected" not in select
    assert "required" in form.split('name="outcome"')[1][:40]
    assert re.search(r'<option value="fell">Fell \(proposed\)</option>', select)


def test_a_refused_vote_keeps_the_figures_the_outcome_and_the_note(login, committee, sitting):
    client = login("secretariat")
    view = floor.console(committee, sitting["p1"].pk)
    data = {
        "amendment": sitting["d1"].pk,
        "paragraph": sitting["p1"].pk,
        "state": view.floor.version,
        "text_version": view.token,
        "outcome": "adopted",
        "vote_government_for": "1",
        "vote_government_against": "3",
        "vote_employers_abstain": "2",
        "note": "Put to the vote at the request of the Employer members",
    }
    response = client.post(reverse("committee:floor_decide", args=[SLUG]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The vote does not carry the amendment" in page
    form = form_of(page, sitting["d1"])
    assert '<option value="adopted" selected>' in form
    assert 'name="vote_government_for" value="1"' in form
    assert 'name="vote_government_against" value="3"' in form
    assert 'name="vote_employers_abstain" value="2"' in form
    assert 'value="Put to the vote at the request of the Employer members"' in form
    assert '<details class="floor-vote" open>' in form
    # The other amendment's form is as fresh as ever.
    other = form_of(page, sitting["d2"])
    assert (
        'value="1"' not in other
        and "selected" not in other.split('name="outcome"')[1].split("</select>")[0]
    )
    assert Amendment.objects.get(pk=sitting["d1"].pk).status == "tabled"


def test_a_stale_decision_keeps_the_subamended_text(login, committee, sitting):
    client = login("secretariat")
    view = floor.console(committee, sitting["p1"].pk)
    decide(committee, sitting["d2"], "rejected")  # someone else decided meanwhile
    response = client.post(
        reverse("committee:floor_decide", args=[SLUG]),
        {
            "amendment": sitting["d1"].pk,
            "paragraph": sitting["p1"].pk,
            "state": view.floor.version,
            "text_version": view.token,
            "outcome": "adopted_subamended",
            "subamendment_text": "Labour migration must be fair, effective and safe.",
            "subamended_by": "the Government member of Kenya",
        },
    )
    assert response.status_code == 409
    form = form_of(response.content.decode(), sitting["d1"])
    assert "Labour migration must be fair, effective and safe.</textarea>" in form
    assert 'value="the Government member of Kenya"' in form
    assert '<details class="floor-sub" open>' in form
    # The form now carries the current tokens: recording it again succeeds.
    state = re.search(r'name="state" value="(\d+)"', form).group(1)
    assert int(state) == floor.console(committee, sitting["p1"].pk).floor.version


def test_after_a_decision_the_console_returns_to_the_amendment_decided(login, committee, sitting):
    view = floor.console(committee, sitting["p1"].pk)
    response = login("secretariat").post(
        reverse("committee:floor_decide", args=[SLUG]),
        {
            "amendment": sitting["d1"].pk,
            "paragraph": sitting["p1"].pk,
            "state": view.floor.version,
            "text_version": view.token,
            "outcome": "rejected",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?p={sitting['p1'].pk}#entry-{sitting['d1'].pk}")


def test_through_htmx_the_console_comes_back_in_place_with_its_message(login, committee, sitting):
    view = floor.console(committee, sitting["p1"].pk)
    response = login("secretariat").post(
        reverse("committee:floor_decide", args=[SLUG]),
        {
            "amendment": sitting["d1"].pk,
            "paragraph": sitting["p1"].pk,
            "state": view.floor.version,
            "text_version": view.token,
            "outcome": "rejected",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="console"')  # the partial, not the whole page
    assert f'data-focus="entry-{sitting["d1"].pk}"' in page
    assert "(D.1) was rejected." in page.split('class="messages"')[1]
