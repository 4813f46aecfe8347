"""The Chair's view (issue 14): read-only, for the Chairperson, the Vice-Chairpersons and the
secretariat; it shows the order of discussion, what is on the floor, what comes next and the
time used per Group in the general discussion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import floor
from committee.models import Membership, Stage
from discussion import services
from tests.committee.amendment_fixtures import access, make_draft, table, user
from tests.committee.floor_fixtures import decide, to_stage
from tests.conftest import ROLES

SLUG = "labour-migration"
URL = reverse("discussion:chair", args=[SLUG])
MAY = {"secretariat", "chair"}


@pytest.fixture
def sitting(committee):
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    text["d1"] = table(
        committee, "workers", text["p1"], "Labour migration must be fair and effective."
    )
    text["d2"] = table(committee, "employers", text["p1"], "Labour migration should be efficient.")
    text["d3"] = table(committee, "government", text["p1"], "Labour migration should be fair.")
    return text


@pytest.mark.parametrize("role", ROLES)
def test_only_the_chair_the_vice_chairs_and_the_secretariat_see_it(login, sitting, role):
    client = login(role)
    expected = 200 if role in MAY else 403
    assert client.get(URL).status_code == expected
    assert client.get(URL, headers={"HX-Request": "true"}).status_code == expected
    assert client.get(URL, {"p": sitting["p3"].pk}).status_code == expected
    menu = client.get(reverse("committee:amendments", args=[SLUG])).content.decode()
    assert (URL in menu) == (role in MAY)


@pytest.mark.parametrize(
    ("officer", "expected"),
    [
        (Membership.Officer.EMPLOYER_VICE_CHAIR, 200),
        (Membership.Officer.WORKER_VICE_CHAIR, 200),
        (Membership.Officer.REPORTER, 403),
    ],
)
def test_vice_chairpersons_see_it_and_the_reporter_does_not(
    login, committee, sitting, officer, expected
):
    Membership.objects.filter(committee=committee, user__username="observer").update(
        officer=officer
    )
    assert login("observer").get(URL).status_code == expected


def test_anonymous_visitors_are_sent_to_log_in(client, sitting):
    assert client.get(URL).status_code == 302


def test_it_is_read_only(login, sitting):
    for name in ("floor_decide", "floor_declare", "floor_undo", "floor_show", "floor_order"):
        assert (
            reverse(f"committee:{name}", args=[SLUG])
            not in login("chair").get(URL).content.decode()
        )
    response = login("chair").post(URL, {"p": sitting["p1"].pk})
    assert response.status_code == 405


def test_it_shows_the_floor_the_order_and_what_comes_next(login, committee, sitting):
    decide(committee, sitting["d2"], "rejected")
    floor.show_on_floor(
        access(committee, "secretariat"), user("secretariat"),
        paragraph_id=sitting["p1"].pk, amendment_id=sitting["d3"].pk,
    )  # fmt: skip
    page = login("chair").get(URL).content.decode()
    on_floor = page.split('id="chair-on-floor"')[1].split("</div>")[0]
    assert "D.3" in on_floor and "<del> and effective</del>" in on_floor
    order = page.split('id="chair-order"')[1].split("</section>")[0]
    # Every amendment to the paragraph in the order of discussion, with what became of it.
    view = floor.console(committee, sitting["p1"].pk)
    symbols = [e.amendment.short_symbol for e in view.entries]
    assert [order.index(f"<strong>{s}</strong>") for s in symbols] == sorted(
        order.index(f"<strong>{s}</strong>") for s in symbols
    )
    assert "Rejected" in order
    assert "The amendment submitted by the Employer members (D.2) was rejected." in page
    # Next: the first amendment still before the committee after the one under discussion,
    # or, when D.3 comes last, none; and the next paragraph.
    after = symbols[symbols.index("D.3") + 1 :]
    next_open = [s for s in after if s == "D.1"]
    nxt = page.split('id="chair-next"')[1].split("</section>")[0]
    if next_open:
        assert "<strong>D.1</strong>" in nxt
    else:
        assert "No other amendment to this paragraph" in nxt
    assert "Paragraph 2" in nxt


def test_it_shows_the_time_used_per_group(login, committee, sitting, point, groups, secretariat):
    workers = groups["workers"]
    services.add_speaker(point, secretariat, label="Worker Vice-Chairperson", group=workers)
    services.add_speaker(
        point, secretariat, label="Employer Vice-Chairperson", group=groups["employers"]
    )
    speaker = services.call_next(point.pk, secretariat, None)
    services.start_clock(committee, secretariat, speaker.pk)
    page = login("chair").get(URL).content.decode()
    part = page.split('id="chair-discussion"')[1]
    assert "Worker Vice-Chairperson" in part.split('id="chair-speaker"')[1][:200]
    assert "Employer Vice-Chairperson" in part.split('id="chair-speakers"')[1][:300]
    assert f'data-slot="g{workers.pk}"' in part and "10:00" in part
    assert point.text_en in part
