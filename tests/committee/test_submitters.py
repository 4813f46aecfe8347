"""Nobody tables or subamends in another's name: submitters are the coordinator's own Group,
regional group and its countries; for another Group only the secretariat records an oral one."""

from __future__ import annotations

import pytest

from committee import forms, services
from committee.models import Amendment, Country, Subamendment
from tests.committee.amendment_fixtures import access, prepare, table, user

pytestmark = pytest.mark.django_db
B = "/c/labour-migration/"


def codes(*names):
    return list(Country.objects.filter(code__in=names))


def test_grulac_cannot_table_in_the_name_of_the_africa_group(committee, text):
    africa = committee.regional_groups.get(name="Africa group")
    with pytest.raises(services.AmendmentError, match="Africa group"):
        prepare(committee, "government", text["p1"], "New words.", regional_group=africa)
    with pytest.raises(services.AmendmentError, match="Kenya"):
        prepare(committee, "government", text["p1"], "New words.", countries=codes("KEN"))
    with pytest.raises(services.AmendmentError, match="Canada"):
        prepare(committee, "government", text["p1"], "New words.", countries=codes("CAN", "MEX"))
    assert not Amendment.objects.exists()


def test_grulac_tables_for_grulac_its_countries_and_its_own_country(committee, text):
    grulac = committee.regional_groups.get(name="GRULAC")
    own = prepare(committee, "government", text["p1"], "New words.", regional_group=grulac)
    assert own.submitters == "Government members of GRULAC"
    some = prepare(committee, "government", text["p1"], "Other.", countries=codes("CHL", "URY"))
    assert some.submitters == "Government members of Chile and Uruguay"


def test_an_edit_cannot_move_a_draft_to_another_regional_group(committee, text):
    amendment = prepare(committee, "government", text["p1"], "New words.")
    with pytest.raises(services.AmendmentError, match="Africa group"):
        services.update_amendment(
            access(committee, "government"),
            user("government"),
            amendment.pk,
            version=amendment.version,
            regional_group=committee.regional_groups.get(name="Africa group"),
        )
    amendment.refresh_from_db()
    assert amendment.submitters == "Government members of GRULAC"


def test_the_form_offers_only_the_coordinators_own_choices(committee):
    group = committee.groups.get(kind="government")
    form = forms.SubmittersForm(
        committee=committee, group=group, access=access(committee, "government")
    )
    assert [str(r) for r in form.fields["regional_group"].queryset] == ["GRULAC"]
    names = {c.code for c in form.fields["countries"].queryset}
    assert names == {"ARG", "BRA", "CHL", "COL", "MEX", "URY"}


def test_the_page_refuses_another_regional_group(login, committee, text):
    africa = committee.regional_groups.get(name="Africa group")
    paragraph = text["p1"]
    response = login("government").post(
        B + "amendments/new/",
        {
            "paragraph": paragraph.pk,
            "base_version": paragraph.version,
            "action": "replace",
            "proposed_text": "Labour migration must be spoofed.",
            "regional_group": africa.pk,
            "language": "en",
        },
    )
    assert response.status_code == 400
    assert not Amendment.objects.exists()
    page = login("government").get(B + f"amendments/new/?paragraph={paragraph.pk}").content
    assert b"Africa group" not in page and b"Kenya" not in page


def test_the_workers_cannot_file_a_written_subamendment_as_the_employers(login, committee, text):
    amendment = table(committee, "employers", text["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    with pytest.raises(services.AmendmentError):
        services.add_subamendment(
            access(committee, "workers"),
            user("workers"),
            change.pk,
            proposed_text="Labour migration must be fair and decent.",
            submitters="the Employer members",
        )
    response = login("workers").post(
        B + f"amendments/{amendment.pk}/changes/{change.pk}/subamend/",
        {"proposed_text": "Labour migration must be decent.", "submitters": "Employer members"},
    )
    assert response.status_code == 400
    assert not Subamendment.objects.exists()
    form = login("workers").get(B + f"amendments/{amendment.pk}/changes/{change.pk}/subamend/")
    assert b"Employer members" not in form.content.split(b"<form")[1]
    ok = login("workers").post(
        B + f"amendments/{amendment.pk}/changes/{change.pk}/subamend/",
        {"proposed_text": "Labour migration must be decent.", "submitters": "Worker members"},
    )
    assert ok.status_code == 302
    assert Subamendment.objects.get().submitters == "Worker members"


def test_a_government_coordinator_subamends_for_its_regional_group_or_country(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    kwargs = {"proposed_text": "Labour migration must be fair and orderly."}
    with pytest.raises(services.AmendmentError):
        services.add_subamendment(
            access(committee, "government"),
            user("government"),
            change.pk,
            submitters="Government members of the Africa group",
            **kwargs,
        )
    sub = services.add_subamendment(
        access(committee, "government"),
        user("government"),
        change.pk,
        submitters="Government member of Mexico",
        **kwargs,
    )
    assert sub.submitters == "Government member of Mexico"


def test_only_the_secretariat_records_an_oral_subamendment_for_another_group(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    sub = services.add_subamendment(
        access(committee, "secretariat"),
        user("secretariat"),
        amendment.changes.get().pk,
        proposed_text="Labour migration must be fair and safe.",
        submitters="Employer Vice-Chairperson",
    )
    assert sub.origin == Subamendment.Origin.ORAL and sub.submitters == "Employer Vice-Chairperson"
