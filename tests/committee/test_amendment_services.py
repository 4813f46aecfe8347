from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from committee import services
from committee.models import Amendment, AmendmentChange, Country, Subamendment
from tests.committee.amendment_fixtures import access, prepare, table, user

pytestmark = pytest.mark.django_db
S = Amendment.Status


def test_a_coordinator_prepares_a_private_draft_with_the_reference_and_base(committee, text):
    amendment = prepare(committee, "employers", text["b"], "protect the rights of all workers;")
    change = amendment.changes.get()
    assert amendment.status == S.DRAFT and amendment.number is None
    assert amendment.submitters == "Employer members"
    assert change.reference == "Paragraph 2(b)"
    assert change.base_version == text["b"].version
    assert change.base_text == "protect the rights of migrant workers;"
    record = amendment.history.latest()
    assert record.history_user == user("employers") and record.history_change_reason


def test_tabling_numbers_freezes_and_gives_a_receipt(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    assert amendment.number == 1 and amendment.status == S.TABLED
    assert amendment.symbol == "C.G.D.Mig/D.1" and amendment.short_symbol == "D.1"
    assert amendment.tabled_at is not None and not amendment.is_late
    assert "Labour migration must be fair." in amendment.receipt_text
    assert amendment.receipt_sha256 == hashlib.sha256(amendment.receipt_text.encode()).hexdigest()
    second = table(committee, "employers", text["p3"], "The Office should assist constituents.")
    assert second.number == 2


def test_it_refuses_to_table_twice_and_keeps_the_receipt(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    receipt = amendment.receipt_sha256
    with pytest.raises(services.AlreadyTabled):
        services.table_amendment(access(committee, "workers"), user("workers"), amendment.pk)
    amendment.refresh_from_db()
    assert amendment.number == 1 and amendment.receipt_sha256 == receipt
    committee.refresh_from_db()
    assert committee.last_amendment_number == 1


def test_it_refuses_to_edit_a_tabled_amendment(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    with pytest.raises(services.AmendmentError):
        services.update_change(
            access(committee, "workers"),
            user("workers"),
            amendment.pk,
            change.pk,
            version=amendment.version,
            proposed_text="Something else.",
        )
    change.refresh_from_db()
    assert change.proposed_text == "Labour migration must be fair."


def test_it_refuses_late_tabling_and_the_secretariat_accepts_it_late(committee, text):
    committee.amendment_deadline = timezone.now() - timedelta(minutes=1)
    committee.save()
    amendment = prepare(committee, "employers", text["p1"], "Labour migration is good.")
    with pytest.raises(services.AmendmentError, match="deadline"):
        services.table_amendment(access(committee, "employers"), user("employers"), amendment.pk)
    amendment.refresh_from_db()
    assert amendment.status == S.DRAFT and amendment.number is None
    services.submit_late(access(committee, "employers"), user("employers"), amendment.pk)
    secretariat = access(committee, "secretariat")
    assert Amendment.objects.visible_to(secretariat).filter(pk=amendment.pk).exists()
    services.accept_late(secretariat, user("secretariat"), amendment.pk)
    amendment.refresh_from_db()
    assert amendment.number == 1 and amendment.is_late and amendment.status == S.TABLED


def test_the_secretariat_may_decline_a_late_amendment_back_to_the_group(committee, text):
    committee.amendment_deadline = timezone.now() - timedelta(minutes=1)
    committee.save()
    amendment = prepare(committee, "employers", text["p1"], "Labour migration is good.")
    services.submit_late(access(committee, "employers"), user("employers"), amendment.pk)
    with pytest.raises(services.AmendmentError):
        services.decline_late(access(committee, "secretariat"), user("secretariat"), amendment.pk)
    services.decline_late(
        access(committee, "secretariat"), user("secretariat"), amendment.pk, reason="Too late."
    )
    amendment.refresh_from_db()
    assert amendment.status == S.DRAFT and amendment.status_message == "Too late."


def test_withdrawal_then_taken_up_by_another_member(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    with pytest.raises(services.AmendmentError):
        services.withdraw(access(committee, "workers"), user("workers"), amendment.pk, reason="")
    with pytest.raises(PermissionDenied):
        services.withdraw(
            access(committee, "employers"), user("employers"), amendment.pk, reason="No."
        )
    services.withdraw(
        access(committee, "workers"), user("workers"), amendment.pk, reason="Agreed text."
    )
    amendment.refresh_from_db()
    assert amendment.status == S.WITHDRAWN
    services.take_up(
        access(committee, "secretariat"),
        user("secretariat"),
        amendment.pk,
        taken_up_by="Government member of Kenya",
    )
    amendment.refresh_from_db()
    assert amendment.status == S.TABLED and amendment.taken_up_by == "Government member of Kenya"
    assert amendment.history.filter(status=S.WITHDRAWN).exists()


def test_the_secretariat_marks_inadmissible_or_asks_for_clarification(committee, text):
    one = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    two = table(committee, "employers", text["p3"], "The Office should assist constituents.")
    secretariat, sofia = access(committee, "secretariat"), user("secretariat")
    with pytest.raises(services.AmendmentError):
        services.mark_inadmissible(secretariat, sofia, one.pk, reason=" ")
    services.mark_inadmissible(secretariat, sofia, one.pk, reason="Outside the agenda.")
    services.request_clarification(secretariat, sofia, two.pk, reason="Which Convention?")
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == S.INADMISSIBLE and one.status_message == "Outside the agenda."
    assert two.status == S.CLARIFICATION and two.status_message == "Which Convention?"
    services.reinstate(secretariat, sofia, two.pk, reason="Clarified by the Group.")
    two.refresh_from_db()
    assert two.status == S.TABLED
    with pytest.raises(PermissionDenied):
        services.mark_inadmissible(access(committee, "chair"), user("chair"), two.pk, reason="x")


def test_a_stale_version_is_refused(committee, text):
    amendment = prepare(committee, "employers", text["p1"], "Labour migration is good.")
    services.update_amendment(
        access(committee, "employers"),
        user("employers"),
        amendment.pk,
        version=amendment.version,
        explanatory_note="Simpler.",
    )
    with pytest.raises(services.AmendmentError, match="Someone else"):
        services.table_amendment(
            access(committee, "employers"),
            user("employers"),
            amendment.pk,
            version=amendment.version,
        )


def test_several_changes_in_one_amendment_and_an_insertion(committee, text):
    amendment = prepare(committee, "workers", text["a"], "ratify and apply the Conventions;")
    services.add_change(
        access(committee, "workers"),
        user("workers"),
        amendment.pk,
        version=amendment.version,
        paragraph_id=text["b"].pk,
        action="insert",
        insert_kind="clause",
        proposed_text="promote fair recruitment;",
        base_version=text["b"].version,
    )
    refs = list(amendment.changes.values_list("reference", flat=True))
    assert refs == ["Paragraph 2(a)", "new clause after Paragraph 2(b)"]
    tabled = services.table_amendment(access(committee, "workers"), user("workers"), amendment.pk)
    assert "Change 2: new clause after Paragraph 2(b)" in tabled.receipt_text


def test_the_reference_is_kept_as_tabled_when_numbers_change(committee, text):
    amendment = table(committee, "workers", text["p3"], "The Office should assist.")
    text["p1"].is_deleted = True
    text["p1"].save()
    assert amendment.changes.get().reference == "Paragraph 3"


@pytest.mark.parametrize(
    ("target", "action", "proposed", "message"),
    [
        ("deleted", "replace", "New words.", "deleted"),
        ("other", "replace", "New words.", "not in this committee"),
        ("p1", "replace", "Labour migration should be fair and effective.", "identical"),
        ("p1", "replace", "   ", "Write the proposed text"),
        ("p1", "explode", "x", "Choose what the change does"),
        ("p1", "insert", "x", "kind of unit"),
    ],
)
def test_it_refuses_bad_changes_and_saves_nothing(
    committee, text, target, action, proposed, message
):
    from drafting.models import Draft, Paragraph

    if target == "deleted":
        paragraph = text["p3"]
        paragraph.is_deleted = True
        paragraph.save()
    elif target == "other":
        other = Draft.objects.create(title="Another committee's draft")
        paragraph = Paragraph.objects.create(draft=other, kind="paragraph", text="Other.")
    else:
        paragraph = text[target]
    kwargs = {"insert_kind": "section"} if action == "insert" else {}
    with pytest.raises(services.AmendmentError, match=message):
        prepare(committee, "employers", paragraph, proposed, action=action, **kwargs)
    assert not Amendment.objects.exists() and not AmendmentChange.objects.exists()


def test_it_refuses_a_change_drafted_against_an_older_version(committee, text):
    paragraph = text["p1"]
    with pytest.raises(services.AmendmentError, match="changed since you opened it"):
        services.create_amendment(
            access(committee, "employers"),
            user("employers"),
            paragraph_id=paragraph.pk,
            action="replace",
            proposed_text="Other words.",
            base_version=paragraph.version + 1,
        )
    assert not Amendment.objects.exists()


def test_government_submitters_come_from_countries_or_a_regional_group(committee, text):
    countries = Country.objects.filter(code__in=["ARG", "BRA", "MEX"])
    amendment = prepare(committee, "government", text["p1"], "New words.", countries=countries)
    assert amendment.submitters == "Government members of Argentina, Brazil and Mexico"
    africa = committee.regional_groups.get(name="Africa group")
    amendment = prepare(committee, "africa", text["p1"], "Other words.", regional_group=africa)
    assert amendment.submitters == "Government members of the Africa group"


def test_it_refuses_an_empty_submitter_list_and_a_country_not_on_the_committee(committee, text):
    with pytest.raises(services.AmendmentError, match="countries or the regional group"):
        prepare(committee, "government", text["p1"], "New words.", countries=[])
    stranger = Country.objects.create(code="ISL", name="Iceland")
    with pytest.raises(services.AmendmentError, match="Iceland"):
        prepare(committee, "government", text["p1"], "New words.", countries=[stranger])
    assert not Amendment.objects.exists()


def test_subamendments_oral_by_the_secretariat_and_written_by_a_group(committee, text):
    amendment = table(committee, "workers", text["p1"], "Labour migration must be fair.")
    change = amendment.changes.get()
    with pytest.raises(services.AmendmentError):
        services.add_subamendment(
            access(committee, "secretariat"),
            user("secretariat"),
            change.pk,
            proposed_text="Labour migration must be fair and safe.",
        )
    oral = services.add_subamendment(
        access(committee, "secretariat"),
        user("secretariat"),
        change.pk,
        proposed_text="Labour migration must be fair and safe.",
        submitters="Employer Vice-Chairperson",
    )
    written = services.add_subamendment(
        access(committee, "employers"),
        user("employers"),
        change.pk,
        proposed_text="Labour migration must be orderly.",
    )
    assert oral.origin == Subamendment.Origin.ORAL and written.group.kind == "employers"
    assert written.submitters == "Employer members"
    assert oral.history.latest().history_user == user("secretariat")
    with pytest.raises(PermissionDenied):
        services.add_subamendment(
            access(committee, "observer"), user("observer"), change.pk, proposed_text="x y"
        )


def test_nobody_can_subamend_a_draft_they_cannot_see(committee, text):
    amendment = prepare(committee, "workers", text["p1"], "Labour migration must be fair.")
    with pytest.raises(services.AmendmentError):
        services.add_subamendment(
            access(committee, "employers"),
            user("employers"),
            amendment.changes.get().pk,
            proposed_text="Labour migration must be orderly.",
        )
