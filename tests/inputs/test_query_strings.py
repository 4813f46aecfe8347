"""Odd query strings get a page or a 4xx, never a 500: huge ids, NUL, extreme dates."""

from __future__ import annotations

import pytest

from drafting import inputs
from tests.committee.amendment_fixtures import make_draft, table

pytestmark = pytest.mark.django_db
SLUG = "labour-migration"
HUGE = "9" * 30


@pytest.mark.parametrize(
    "value, expected",
    [("12", 12), (" 7 ", 7), ("-1", None), (HUGE, None), ("1e3", None), ("١٢", None), ("", None)],
)
def test_a_query_id_is_a_whole_number_a_column_can_hold_or_none(value, expected):
    assert inputs.int_or_none(value) == expected


@pytest.fixture
def tabled(committee):
    text = make_draft(committee)
    return table(committee, "workers", text["p1"], "Labour migration must be fair.")


@pytest.mark.parametrize(
    "query",
    [f"group={HUGE}", f"paragraph={HUGE}", "q=a%00b", f"group=-1&paragraph={HUGE}&q=%00"],
)
def test_the_compilation_filters_never_fail(login, tabled, query):
    client = login("observer")
    response = client.get(f"/c/{SLUG}/compilation/?{query}")
    assert response.status_code == 200
    # The export says which filter it does not understand.
    response = login("clerk").get(f"/c/{SLUG}/exports/compilation/?format=html&{query}")
    assert response.status_code == (200 if query == "q=a%00b" else 400)


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "0001-01-01", "9999-12-31T23:59"])
def test_the_history_comparison_refuses_an_extreme_date(login, tabled, when):
    draft = tabled.draft
    response = login("observer").get(f"/drafts/{draft.pk}/compare/?from={when}")
    assert response.status_code == 400
    assert "Give a date between" in response.content.decode()


@pytest.mark.parametrize("since", ["0001-01-01", "0001-01-01T00:00", f"h{HUGE}"])
def test_the_text_export_refuses_an_extreme_since(login, tabled, since):
    draft = tabled.draft
    response = login("clerk").get(
        f"/drafts/{draft.pk}/export/?format=html&document=changes&since={since}"
    )
    assert response.status_code == 400


def test_the_stage_date_is_bounded(login, tabled):
    response = login("secretariat").post(
        f"/c/{SLUG}/stages/advance/",
        {"from_stage": "drafting_group", "confirm": "1", "date": "0001-01-01"},
    )
    assert response.status_code == 400
    assert "Give a date between" in response.content.decode()
