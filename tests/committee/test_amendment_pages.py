"""Preparing and tabling through the pages: bad input gets a clear message, nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from committee.models import Amendment, AmendmentChange, Country
from tests.committee.amendment_fixtures import prepare, table

pytestmark = pytest.mark.django_db
B = "/c/labour-migration/"


def new_amendment(client, paragraph, **data):
    paragraph.refresh_from_db()
    payload = {
        "paragraph": paragraph.pk,
        "base_version": paragraph.version,
        "action": "replace",
        "proposed_text": "Labour migration should be fair, safe and effective.",
        "language": "en",
        "save": "1",
    }
    payload.update(data)
    return client.post(B + "amendments/new/", payload)


def test_a_coordinator_prepares_tables_and_sees_the_receipt(login, committee, text):
    client = login("workers")
    editor = client.get(B + f"amendments/new/?paragraph={text['p1'].pk}")
    assert b"Labour migration should be fair and effective." in editor.content
    assert b'hx-trigger="input changed delay:400ms"' in editor.content
    response = new_amendment(client, text["p1"])
    amendment = Amendment.objects.get()
    assert response.status_code == 302 and response.url == B + f"amendments/{amendment.pk}/"
    detail = client.get(response.url)
    assert b"<ins>, safe</ins>" in detail.content
    tabled = client.post(B + f"amendments/{amendment.pk}/table/", {"version": amendment.version})
    assert tabled.url == B + f"amendments/{amendment.pk}/receipt/"
    receipt = client.get(tabled.url).content.decode()
    amendment.refresh_from_db()
    assert "C.G.D.Mig/D.1" in receipt and amendment.receipt_sha256 in receipt
    local = timezone.localtime(amendment.tabled_at, committee.zone).strftime("%H:%M:%S")
    assert local in receipt and "Europe/Zurich" in receipt


def test_a_double_click_on_table_shows_the_same_receipt(login, committee, text):
    client = login("workers")
    amendment = prepare(committee, "workers", text["p1"], "Labour migration must be fair.")
    first = client.post(B + f"amendments/{amendment.pk}/table/", {"version": amendment.version})
    second = client.post(B + f"amendments/{amendment.pk}/table/", {"version": amendment.version})
    assert first.url == second.url == B + f"amendments/{amendment.pk}/receipt/"
    page = client.get(second.url)
    assert b"was already tabled" in page.content
    assert Amendment.objects.get().number == 1


def test_it_refuses_tabling_after_the_deadline_with_a_clear_message(login, committee, text):
    committee.amendment_deadline = timezone.now() - timedelta(seconds=1)
    committee.save()
    client = login("workers")
    amendment = prepare(committee, "workers", text["p1"], "Labour migration must be fair.")
    response = client.post(
        B + f"amendments/{amendment.pk}/table/", {"version": amendment.version}, follow=True
    )
    assert b"The deadline for tabling amendments has passed" in response.content
    amendment.refresh_from_db()
    assert amendment.number is None and amendment.status == Amendment.Status.DRAFT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"proposed_text": "Labour migration should be fair and effective."}, b"identical"),
        ({"proposed_text": ""}, b"Write the proposed text"),
        ({"action": "explode"}, b"Select a valid choice"),
        ({"base_version": "0"}, b"has changed since you opened it"),
        ({"base_version": "abc"}, b"The form is incomplete"),
    ],
)
def test_it_refuses_bad_input_in_the_editor(login, committee, text, data, message):
    response = new_amendment(login("employers"), text["p1"], **data)
    assert response.status_code == 400
    assert message in response.content
    assert not Amendment.objects.exists()


def test_it_refuses_a_deleted_paragraph_and_another_committees_paragraph(login, committee, text):
    from drafting.models import Draft, Paragraph

    client = login("employers")
    text["p3"].is_deleted = True
    text["p3"].save()
    deleted = client.get(B + f"amendments/new/?paragraph={text['p3'].pk}")
    assert deleted.status_code == 400 and b"deleted" in deleted.content
    other = Paragraph.objects.create(draft=Draft.objects.create(title="Other"), text="Other.")
    foreign = new_amendment(client, other)
    assert foreign.status_code == 404
    assert client.get(B + "amendments/new/?paragraph=nonsense").status_code == 400
    assert not Amendment.objects.exists()


def test_government_submitters_are_checked(login, committee, text):
    client = login("government")
    empty = new_amendment(client, text["p1"])
    assert empty.status_code == 400 and b"Choose the countries" in empty.content
    iceland = Country.objects.create(code="ISL", name="Iceland")
    stranger = new_amendment(client, text["p1"], countries=[iceland.pk])
    assert stranger.status_code == 400 and b"Select a valid choice" in stranger.content
    assert not Amendment.objects.exists()
    codes = Country.objects.filter(code__in=["ARG", "BRA", "MEX"]).values_list("pk", flat=True)
    ok = new_amendment(client, text["p1"], countries=list(codes))
    assert ok.status_code == 302
    assert Amendment.objects.get().submitters == (
        "Government members of Argentina, Brazil and Mexico"
    )


def test_the_editor_proposes_the_coordinators_regional_group(login, committee, text):
    content = login("africa").get(B + f"amendments/new/?paragraph={text['p1'].pk}").content
    africa = committee.regional_groups.get(name="Africa group")
    assert f'<option value="{africa.pk}" selected>'.encode() in content


def test_editing_a_tabled_amendment_is_refused(login, committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    client = login("workers")
    response = client.post(
        B + f"amendments/{amendment.pk}/changes/{change.pk}/edit/",
        {"proposed_text": "Changed after tabling.", "version": amendment.version},
    )
    assert response.status_code == 400 and b"can no longer be changed" in response.content
    assert AmendmentChange.objects.get().proposed_text == "Labour migration must be fair."


def test_adding_and_removing_changes_in_a_draft(login, committee, text):
    client = login("employers")
    amendment = prepare(committee, "employers", text["p1"], "Labour migration is fair.")
    text["b"].refresh_from_db()
    response = client.post(
        B + f"amendments/{amendment.pk}/changes/new/",
        {
            "paragraph": text["b"].pk,
            "base_version": text["b"].version,
            "action": "delete",
            "proposed_text": "",
            "version": amendment.version,
        },
    )
    assert response.status_code == 302
    assert amendment.changes.filter(is_removed=False).count() == 2
    amendment.refresh_from_db()
    change = amendment.changes.get(action="delete")
    client.post(
        B + f"amendments/{amendment.pk}/changes/{change.pk}/remove/",
        {"version": amendment.version},
    )
    change.refresh_from_db()
    assert change.is_removed
    assert amendment.changes.count() == 2  # kept in the record


def test_two_coordinators_editing_one_draft_do_not_overwrite_each_other(login, committee, text):
    amendment = prepare(committee, "employers", text["p1"], "Labour migration is fair.")
    change = amendment.changes.get()
    client = login("employers")
    url = B + f"amendments/{amendment.pk}/changes/{change.pk}/edit/"
    first = client.post(url, {"proposed_text": "First words.", "version": amendment.version})
    second = client.post(url, {"proposed_text": "Second words.", "version": amendment.version})
    assert first.status_code == 302
    assert second.status_code == 400 and b"Someone else changed" in second.content
    change.refresh_from_db()
    assert change.proposed_text == "First words."


def test_the_deadline_is_entered_and_shown_in_the_committees_time_zone(login, committee):
    client = login("secretariat")
    response = client.post(B + "amendments/deadline/", {"deadline": "2017-06-07T18:00"})
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.amendment_deadline == datetime(2017, 6, 7, 16, 0, tzinfo=UTC)
    assert b"7 June 2017, 18:00" in client.get(B + "amendments/").content
    bad = client.post(B + "amendments/deadline/", {"deadline": "tomorrow-ish"})
    assert bad.status_code == 400
    committee.refresh_from_db()
    assert committee.amendment_deadline == datetime(2017, 6, 7, 16, 0, tzinfo=UTC)


def test_the_group_sees_a_request_for_clarification(login, committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    secretariat = login("secretariat")
    secretariat.post(
        B + f"amendments/{amendment.pk}/clarify/",
        {"reason": "Which Convention is meant?", "version": amendment.version},
    )
    page = login("workers").get(B + f"amendments/{amendment.pk}/")
    assert b"Which Convention is meant?" in page.content
    assert b"Clarification requested" in page.content


def test_the_preview_renders_as_a_full_page_without_javascript(login, committee, text):
    response = new_amendment(
        login("employers"), text["p1"], preview="1", save="", proposed_text="Fair migration."
    )
    assert response.status_code == 200 and b"<html" in response.content
    assert b"<del>" in response.content and b"<ins>" in response.content
    assert not Amendment.objects.exists()
