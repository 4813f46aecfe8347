"""Every amendment URL, every role: who gets the page, who is refused, who gets a 404."""

from __future__ import annotations

import pytest

from committee.models import Amendment
from tests.committee.amendment_fixtures import prepare, table
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

COORDINATORS = {"employers", "workers", "government", "africa"}
EVERYONE = set(ROLES)
B = "/c/labour-migration/"


@pytest.fixture
def setup(committee, text):
    draft = prepare(committee, "employers", text["p1"], "Labour migration is fair.")
    tabled = table(committee, "workers", text["p3"], "The Office should assist constituents.")
    return {"draft": draft, "tabled": tabled, "change": tabled.changes.get(), "text": text}


def status_for(role: str, ok: set[str], hidden: set[str] | None = None) -> int:
    if role in ok:
        return 200
    if hidden is not None and role in hidden:
        return 404
    return 403


# (name, path builder, roles that get 200, roles that get 404 (the rest get 403))
GET_CASES = [
    ("list", lambda s: "amendments/", EVERYONE, None),
    ("compilation", lambda s: "compilation/", EVERYONE, None),
    ("compilation filtered", lambda s: "compilation/?status=tabled&q=Office", EVERYONE, None),
    ("new: choose a paragraph", lambda s: "amendments/new/", COORDINATORS, None),
    (
        "new: editor",
        lambda s: f"amendments/new/?paragraph={s['text']['p1'].pk}",
        COORDINATORS,
        None,
    ),
    ("deadline", lambda s: "amendments/deadline/", {"secretariat"}, None),
    ("draft detail", lambda s: f"amendments/{s['draft'].pk}/", {"employers"}, EVERYONE),
    ("draft history", lambda s: f"amendments/{s['draft'].pk}/history/", {"employers"}, EVERYONE),
    ("draft receipt", lambda s: f"amendments/{s['draft'].pk}/receipt/", set(), EVERYONE),
    ("draft edit", lambda s: f"amendments/{s['draft'].pk}/edit/", {"employers"}, COORDINATORS),
    (
        "draft add change",
        lambda s: f"amendments/{s['draft'].pk}/changes/new/",
        {"employers"},
        COORDINATORS,
    ),
    (
        "draft edit change",
        lambda s: f"amendments/{s['draft'].pk}/changes/{s['draft'].changes.get().pk}/edit/",
        {"employers"},
        COORDINATORS,
    ),
    ("draft withdraw", lambda s: f"amendments/{s['draft'].pk}/withdraw/", {"employers"}, EVERYONE),
    ("tabled detail", lambda s: f"amendments/{s['tabled'].pk}/", EVERYONE, None),
    ("tabled receipt", lambda s: f"amendments/{s['tabled'].pk}/receipt/", EVERYONE, None),
    ("tabled history", lambda s: f"amendments/{s['tabled'].pk}/history/", EVERYONE, None),
    ("tabled withdraw", lambda s: f"amendments/{s['tabled'].pk}/withdraw/", {"workers"}, None),
    (
        "tabled inadmissible",
        lambda s: f"amendments/{s['tabled'].pk}/inadmissible/",
        {"secretariat"},
        None,
    ),
    ("tabled clarify", lambda s: f"amendments/{s['tabled'].pk}/clarify/", {"secretariat"}, None),
    ("tabled second", lambda s: f"amendments/{s['tabled'].pk}/second/", {"secretariat"}, None),
    (
        "tabled take up",
        lambda s: f"amendments/{s['tabled'].pk}/take-up/",
        {"secretariat"},
        None,
    ),
    (
        "subamend",
        lambda s: f"amendments/{s['tabled'].pk}/changes/{s['change'].pk}/subamend/",
        COORDINATORS | {"secretariat"},
        None,
    ),
    (
        "tabled edit",
        lambda s: f"amendments/{s['tabled'].pk}/edit/",
        set(),
        None,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path", "ok", "hidden"), GET_CASES, ids=[c[0] for c in GET_CASES])
def test_every_role_gets_what_its_role_allows(login, setup, role, name, path, ok, hidden):
    client = login(role)
    response = client.get(B + path(setup))
    expected = status_for(role, ok, hidden)
    if name == "tabled edit" and role in COORDINATORS:
        expected = 400  # a coordinator is told clearly that a tabled text is frozen
    assert response.status_code == expected, (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_the_compilation_fragment_is_checked_like_the_page(login, setup, role):
    response = login(role).get(B + "compilation/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"D.1" in response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_preview_fragment_is_for_coordinators_only(login, setup, role):
    paragraph = setup["text"]["p1"]
    response = login(role).post(
        B + "amendments/new/",
        {
            "preview": "1",
            "paragraph": paragraph.pk,
            "base_version": paragraph.version,
            "action": "replace",
            "proposed_text": "Labour migration should be fair, safe and effective.",
        },
        headers={"HX-Request": "true"},
    )
    if role in COORDINATORS:
        assert response.status_code == 200
        assert b"<ins>safe</ins>" in response.content or b"<ins>" in response.content
        assert b"<html" not in response.content
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_the_group_tables_its_draft(login, setup, role):
    draft = setup["draft"]
    response = login(role).post(B + f"amendments/{draft.pk}/table/", {"version": draft.version})
    draft.refresh_from_db()
    if role == "employers":
        assert response.status_code == 302 and draft.number == 2
    else:
        assert response.status_code == (404 if role in COORDINATORS else 403)
        assert draft.number is None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_marks_inadmissible(login, setup, role):
    tabled = setup["tabled"]
    response = login(role).post(
        B + f"amendments/{tabled.pk}/inadmissible/",
        {"version": tabled.version, "reason": "Out of order."},
    )
    tabled.refresh_from_db()
    if role == "secretariat":
        assert response.status_code == 302 and tabled.status == Amendment.Status.INADMISSIBLE
    else:
        assert response.status_code == 403 and tabled.status == Amendment.Status.TABLED


@pytest.mark.parametrize("role", ROLES)
def test_only_the_submitting_group_withdraws(login, setup, role):
    tabled = setup["tabled"]
    response = login(role).post(
        B + f"amendments/{tabled.pk}/withdraw/", {"version": tabled.version, "reason": "Agreed."}
    )
    tabled.refresh_from_db()
    if role == "workers":
        assert response.status_code == 302 and tabled.status == Amendment.Status.WITHDRAWN
    else:
        assert response.status_code == 403 and tabled.status == Amendment.Status.TABLED


@pytest.mark.parametrize(
    "path",
    [
        "amendments/",
        "amendments/new/",
        "compilation/",
        "amendments/deadline/",
        "amendments/1/",
        "amendments/1/receipt/",
        "amendments/1/history/",
        "amendments/1/withdraw/",
    ],
)
def test_it_sends_anonymous_visitors_to_log_in(client, setup, path):
    response = client.get(B + path)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_unknown_action_is_a_404(login, setup):
    assert (
        login("secretariat").get(B + f"amendments/{setup['tabled'].pk}/explode/").status_code == 404
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_draft_page_links_lead_to_the_committee(login, setup, role):
    paragraph = setup["text"]["p1"]
    propose = login(role).get(f"/c/propose/{paragraph.pk}/?action=insert")
    if role in COORDINATORS:
        assert propose.status_code == 302
        assert propose.url == f"{B}amendments/new/?action=insert&paragraph={paragraph.pk}"
    else:
        assert propose.status_code == 403
    listed = login(role).get(f"/c/paragraph/{paragraph.pk}/amendments/")
    assert listed.status_code == 302 and listed.url.endswith(f"?paragraph={paragraph.pk}")
