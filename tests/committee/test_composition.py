"""The composition with its date of effect, and the weights by the ILC formula."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from committee import floor
from committee.access import access_for
from committee.composition import (
    CompositionError,
    ilc_weights,
    record_composition,
    sizes_in_force,
    voting_strength_sentence,
)
from committee.models import Composition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "sizes, expected",
    [
        # The 2004 Committee on Migrant Workers and the 2006 Committee on the Employment
        # Relationship (PROCEDURE.md).
        ((75, 39, 60), (52, 100, 65)),
        ((78, 60, 66), (110, 143, 130)),
    ],
    ids=["2004", "2006"],
)
def test_the_weights_of_the_reports(sizes, expected):
    g, e, w = sizes
    weights = ilc_weights({"government": g, "employers": e, "workers": w})
    assert (weights["government"], weights["employers"], weights["workers"]) == expected
    assert ilc_weights({"government": g, "employers": 0, "workers": w}) is None


def test_the_sentence_of_the_report_in_three_languages():
    from django.utils import translation

    sizes = {"government": 75, "employers": 39, "workers": 60}
    english = voting_strength_sentence(sizes)
    assert "174 members (75 Government members, 39 Employer members and 60 Worker members)" in (
        english
    )
    assert "each Government member entitled to vote was allotted 52 votes" in english
    assert "each Employer member 100 votes and each Worker member 65 votes" in english
    with translation.override("fr"):
        assert "52" in voting_strength_sentence(sizes)
        assert "égalité" in voting_strength_sentence(sizes)
    with translation.override("es"):
        assert "igualdad" in voting_strength_sentence(sizes)


def secretariat(committee):
    user = get_user_model().objects.get(username="secretariat")
    return access_for(user, committee), user


def test_a_vote_uses_the_composition_in_force_when_it_is_taken(committee):
    access, user = secretariat(committee)
    counted = floor.group_sizes(committee)  # before any composition: the list of members
    assert counted["employers"] == 10 and counted["workers"] == 12
    now = timezone.now()
    record_composition(
        access, user, effective_from=now - timedelta(days=2), government=75, employers=39,
        workers=60,
    )  # fmt: skip
    record_composition(
        access, user, effective_from=now - timedelta(hours=1), government=78, employers=60,
        workers=66, note="Selection Committee",
    )  # fmt: skip
    assert floor.weights(floor.group_sizes(committee)) == {
        "government": 110,
        "employers": 143,
        "workers": 130,
    }
    assert sizes_in_force(committee, now - timedelta(days=1))["government"] == 75
    result = floor.count_vote(
        committee,
        {"government": {"for": 2}, "employers": {"against": 1}, "workers": {"for": 1}},
    )
    assert (result["for"], result["against"]) == (2 * 110 + 130, 143)


def test_a_composition_outside_the_session_or_twice_on_one_date_is_refused(committee):
    access, user = secretariat(committee)
    session = committee.session
    session.start_date, session.end_date = date(2017, 6, 5), date(2017, 6, 16)
    session.save()
    zone = ZoneInfo("Europe/Zurich")
    when = datetime(2017, 6, 6, 10, 0, tzinfo=zone)
    with pytest.raises(CompositionError, match="within the session"):
        record_composition(
            access, user, effective_from=datetime(2017, 7, 1, tzinfo=zone), government=1,
            employers=1, workers=1,
        )  # fmt: skip
    with pytest.raises(CompositionError, match="between 1 and"):
        record_composition(access, user, effective_from=when, government=0, employers=1, workers=1)
    record_composition(access, user, effective_from=when, government=5, employers=2, workers=3)
    with pytest.raises(CompositionError, match="already exists"):
        record_composition(access, user, effective_from=when, government=6, employers=2, workers=3)
    assert Composition.objects.count() == 1


def test_the_composition_page(committee, login):
    client = login("secretariat")
    url = f"/c/{committee.slug}/composition/"
    local = timezone.localtime(timezone.now(), committee.zone) - timedelta(minutes=5)
    response = client.post(
        url,
        {
            "effective_from": local.strftime("%Y-%m-%dT%H:%M"),
            "government": 78,
            "employers": 60,
            "workers": 66,
            "note": "Second report of the Selection Committee",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "allotted 110 votes, each Employer member 143 votes" in page
    reader = login("observer")
    assert "143" in reader.get(url).content.decode()
    refused = reader.post(url, {"effective_from": "2017-06-06T10:00", "government": 1})
    assert refused.status_code == 403
    assert Composition.objects.count() == 1


def test_the_report_says_how_often_the_composition_changed(committee):
    from committee.composition import report_paragraph

    access, user = secretariat(committee)
    now = timezone.now()
    record_composition(
        access, user, effective_from=now - timedelta(days=3), government=75, employers=39,
        workers=60,
    )  # fmt: skip
    assert report_paragraph(committee).startswith("The Committee consisted of 174 members")
    for days, size in ((2, 76), (1, 78)):
        record_composition(
            access, user, effective_from=now - timedelta(days=days), government=size,
            employers=39, workers=60,
        )  # fmt: skip
    text = report_paragraph(committee)
    assert text.startswith("The Committee originally consisted of 174 members")
    assert "allotted 52 votes" in text
    assert text.endswith("was modified 2 times during the session, and the number of votes "
                         "attributed to each member was adjusted accordingly.")  # fmt: skip


def test_the_record_and_the_vote_form_show_the_composition_in_force(committee, text, login):
    from committee.models import Stage
    from tests.committee.amendment_fixtures import table
    from tests.committee.floor_fixtures import to_stage

    access, user = secretariat(committee)
    record_composition(
        access, user, effective_from=timezone.now() - timedelta(hours=1), government=78,
        employers=60, workers=66,
    )  # fmt: skip
    client = login("secretariat")
    record = client.get(f"/c/{committee.slug}/record/").content.decode()
    assert "each Employer member 143 votes and each Worker member 130 votes" in record
    assert "143" in login("observer").get(f"/c/{committee.slug}/record/").content.decode()
    to_stage(committee, Stage.COMMITTEE)
    table(committee, "workers", text["p1"], "Labour migration must be fair and effective.")
    console = login("secretariat").get(f"/c/{committee.slug}/floor/").content.decode()
    assert "Votes per member" in console
    assert "<td>78</td><td>110</td>" in console and "<td>60</td><td>143</td>" in console


def _sitting(committee, text):
    from committee.models import Stage
    from tests.committee.amendment_fixtures import table
    from tests.committee.floor_fixtures import to_stage

    to_stage(committee, Stage.COMMITTEE)
    return table(committee, "workers", text["p1"], "Labour migration must be fair and effective.")


def _decide_by_vote(client, committee, amendment, **extra):
    from committee.models import Floor

    floor.console(committee)
    data = {
        "amendment": amendment.pk,
        "outcome": "adopted",
        "paragraph": amendment.changes.get().paragraph_id,
        "state": Floor.objects.get(committee=committee).version,
        "vote_government_for": 3,
        "vote_employers_against": 2,
        "vote_workers_for": 1,
        **extra,
    }
    page = client.get(f"/c/{committee.slug}/floor/?p={data['paragraph']}")
    token = re.search(r'name="text_version" value="([^"]+)"', page.content.decode())
    data["text_version"] = token.group(1) if token else ""
    return client.post(f"/c/{committee.slug}/floor/decide/", data)


def test_the_secretariat_corrects_the_weights_of_one_vote_with_a_reason(committee, text, login):
    from committee.models import Decision

    access, user = secretariat(committee)
    record_composition(
        access, user, effective_from=timezone.now() - timedelta(hours=1), government=78,
        employers=60, workers=66,
    )  # fmt: skip
    amendment = _sitting(committee, text)
    client = login("secretariat")
    no_reason = _decide_by_vote(client, committee, amendment, weight_employers="140")
    assert no_reason.status_code == 400
    assert "Give the reason for correcting the weights." in no_reason.content.decode()
    assert not Decision.objects.exists()
    done = _decide_by_vote(
        client, committee, amendment, weight_employers="140", weights_reason="Two seats vacant"
    )
    assert done.status_code in (200, 302), done.content.decode()[:3000]
    vote = Decision.objects.get().vote
    assert vote["groups"]["employers"]["weight"] == 140
    assert vote["groups"]["government"]["weight"] == 110
    assert (vote["for"], vote["against"]) == (3 * 110 + 130, 2 * 140)
    assert vote["weights_reason"] == "Two seats vacant"
    record = client.get(f"/c/{committee.slug}/record/").content.decode()
    assert "Employers 140" in record and "corrected: Two seats vacant" in record
