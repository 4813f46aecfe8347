"""A clause deleted before the committee stage must not make its paragraph undecidable (issue 14).

The console's text token and the check made on a decision cover the same units: the paragraph
and its clauses, deleted ones included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee import floor
from committee.models import Amendment, Decision, Stage
from drafting import services as text_services
from tests.committee.amendment_fixtures import access, add, table, user
from tests.committee.floor_fixtures import decide, to_stage

SLUG = "labour-migration"


@pytest.fixture
def deleted_clause(committee, text):
    """Clause (c) of paragraph 2 deleted in the drafting group, then the committee stage."""
    from drafting.models import Paragraph

    c = add(text["draft"], Paragraph.Kind.CLAUSE, "promote ethical recruitment;", text["p2"], 2)
    text["draft"].refresh_from_db()
    text_services.delete_unit(
        text["draft"], c.pk, base_version=text["draft"].version, user=user("secretariat"),
        reason="Drafting group: merged into (b)",
    )  # fmt: skip
    to_stage(committee, Stage.COMMITTEE)
    text["c"] = c
    text["d1"] = table(committee, "workers", text["a"], "ratify all the relevant Conventions;")
    return text


def test_a_decision_with_the_consoles_tokens_is_recorded(committee, deleted_clause):
    view = floor.console(committee, deleted_clause["p2"].pk)
    decision = decide(
        committee,
        deleted_clause["d1"],
        paragraph_id=deleted_clause["p2"].pk,
        state=view.floor.version,
        text_version=view.token,
    )
    assert decision.outcome == Decision.Outcome.ADOPTED
    view = floor.console(committee, deleted_clause["p2"].pk)
    declared = floor.declare_paragraph(
        access(committee, "secretariat"),
        user("secretariat"),
        deleted_clause["p2"].pk,
        state=view.floor.version,
        text_version=view.token,
    )
    assert declared.outcome == Decision.Outcome.PARAGRAPH_ADOPTED_AS_AMENDED


def test_restoring_the_deleted_clause_still_makes_the_console_stale(committee, deleted_clause):
    view = floor.console(committee, deleted_clause["p2"].pk)
    draft = deleted_clause["draft"]
    draft.refresh_from_db()
    text_services.undelete_unit(
        draft, deleted_clause["c"].pk, base_version=draft.version, user=user("secretariat"),
        reason="Editorial correction: restored",
    )  # fmt: skip
    with pytest.raises(floor.StaleConsole):
        decide(
            committee,
            deleted_clause["d1"],
            paragraph_id=deleted_clause["p2"].pk,
            text_version=view.token,
        )


def _form(view, **extra):
    return {"state": view.floor.version, "text_version": view.token, **extra}


def test_the_console_decides_and_adopts_the_paragraph_then_the_conclusions(
    login, committee, deleted_clause
):
    client = login("secretariat")
    p2 = deleted_clause["p2"]
    view = floor.console(committee, p2.pk)
    response = client.post(
        reverse("committee:floor_decide", args=[SLUG]),
        _form(view, amendment=deleted_clause["d1"].pk, paragraph=p2.pk, outcome="adopted"),
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Amendment.objects.get(pk=deleted_clause["d1"].pk).status == "adopted"
    # Every paragraph adopted, from the console's own forms: the text can then move on.
    for stop in floor.console(committee).stops:
        view = floor.console(committee, stop.pk)
        response = client.post(
            reverse("committee:floor_declare", args=[SLUG]), _form(view, paragraph=stop.pk)
        )
        assert response.status_code == 302, (stop.label, response.content.decode()[:500])
    response = client.post(
        reverse("committee:stage_advance", args=[SLUG]),
        {"confirm": "1", "from_stage": "committee"},
    )
    assert response.status_code == 302
    from committee import stages

    assert stages.current_stage(committee) == Stage.ADOPTED_BY_COMMITTEE
