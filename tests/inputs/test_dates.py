"""Dates are bounded where they are typed, and a bad stored date never takes a page down."""

from __future__ import annotations

import pytest
from django.db import connection

from committee.models import Committee

pytestmark = pytest.mark.django_db


def _set_deadline_by_sql(committee: Committee, literal: str) -> None:
    table = Committee._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET amendment_deadline = %s WHERE id = %s", [literal, committee.pk]
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="BC dates exist on PostgreSQL")
def test_a_deadline_stored_before_year_1_does_not_take_the_committee_down(committee, login):
    # What the date picker's year 1 became in Geneva time: 1 BC in UTC.
    _set_deadline_by_sql(committee, "0001-12-31 23:30:00+00 BC")
    client = login("secretariat")
    for suffix in ["", "amendments/", "amendments/deadline/", "compilation/"]:
        response = client.get(f"/c/{committee.slug}/{suffix}")
        assert response.status_code == 200, suffix
    # The secretariat can set a sane deadline again through the form.
    response = client.post(
        f"/c/{committee.slug}/amendments/deadline/", {"deadline": "2017-06-05T18:00"}
    )
    assert response.status_code in (200, 302)
    committee.refresh_from_db()
    assert committee.amendment_deadline.year == 2017


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "9999-12-31T23:59", "1850-06-05T18:00", "2015-12-31T18:00"]
)
def test_the_deadline_form_refuses_a_date_far_from_the_session(committee, login, value):
    client = login("secretariat")
    before = Committee.objects.get(pk=committee.pk).amendment_deadline
    response = client.post(f"/c/{committee.slug}/amendments/deadline/", {"deadline": value})
    assert response.status_code == 400
    assert "Give a date between" in response.content.decode()
    assert Committee.objects.get(pk=committee.pk).amendment_deadline == before


def test_the_deadline_form_takes_a_date_in_the_session_year(committee, login):
    client = login("secretariat")
    year = committee.session.year
    response = client.post(
        f"/c/{committee.slug}/amendments/deadline/", {"deadline": f"{year}-06-05T18:00"}
    )
    assert response.status_code == 302
    assert Committee.objects.get(pk=committee.pk).amendment_deadline.year == year


def test_the_model_refuses_a_deadline_far_from_the_session(committee):
    from datetime import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    year = committee.session.year
    committee.amendment_deadline = timezone.make_aware(datetime(year - 5, 6, 5, 18, 0))
    with pytest.raises(ValidationError, match="Give a date between"):
        committee.full_clean()
    committee.amendment_deadline = timezone.make_aware(datetime(year, 6, 5, 18, 0))
    committee.full_clean()


def test_a_session_from_past_years_takes_a_deadline_up_to_next_year(committee, login):
    """The demo's session is 2017's: it is used today, so its deadline may be set today."""
    from django.utils import timezone

    next_year = timezone.localdate().year + 1
    client = login("secretariat")
    ok = client.post(
        f"/c/{committee.slug}/amendments/deadline/", {"deadline": f"{next_year}-06-05T18:00"}
    )
    assert ok.status_code == 302
    too_far = client.post(
        f"/c/{committee.slug}/amendments/deadline/", {"deadline": f"{next_year + 1}-06-05T18:00"}
    )
    assert too_far.status_code == 400
