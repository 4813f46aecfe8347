"""Importing the list of members: preview with per-row errors, all or nothing, idempotent."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.models import Membership

pytestmark = pytest.mark.django_db

HEADER = "name,email,group,country,regional group,seat,officer,role\n"
GOOD = HEADER + (
    "Amina Diallo,amina@example.org,Government,SEN,Africa group,titular,,member\n"
    "Jean Dupont,jean@example.org,Employeurs,,,titulaire,,coordonnateur\n"
    "María López,maria@example.org,Workers,,,deputy,,\n"
    "Kofi Mensah,kofi@example.org,Gobierno,Ghana,,suplente,Reporter,\n"
)


@pytest.fixture(autouse=True)
def no_reporter(committee):
    """The demo's Reporter steps down, so that the list may name one."""
    Membership.objects.filter(committee=committee, officer="reporter").update(officer="")


def upload(content: bytes | str, name: str = "members.csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def preview(client, committee, content, name="members.csv"):
    return client.post(f"/c/{committee.slug}/members/import/", {"file": upload(content, name)})


def confirm(client, committee, response):
    return client.post(
        f"/c/{committee.slug}/members/import/", {"payload": response.context["payload"]}
    )


def imported(committee) -> int:
    return Membership.objects.filter(
        committee=committee, user__email__endswith="example.org"
    ).count()


def test_the_preview_saves_nothing_and_the_confirmation_saves_every_row(committee, login):
    client = login("secretariat")
    response = preview(client, committee, GOOD)
    assert response.status_code == 200
    assert response.context["counts"] == {"new": 4, "changed": 0, "unchanged": 0}
    assert imported(committee) == 0
    assert confirm(client, committee, response).status_code == 302
    amina = Membership.objects.get(user__email="amina@example.org")
    assert (amina.group.kind, amina.country.code, amina.regional_group.name) == (
        "government",
        "SEN",
        "Africa group",
    )
    jean = Membership.objects.get(user__email="jean@example.org")
    assert (jean.group.kind, jean.role, jean.seat) == ("employers", "coordinator", "titular")
    maria = Membership.objects.get(user__email="maria@example.org")
    assert maria.seat == "deputy" and maria.user.get_full_name() == "María López"
    kofi = Membership.objects.get(user__email="kofi@example.org")
    assert (kofi.country.code, kofi.officer) == ("GHA", "reporter")


def test_importing_the_same_file_twice_adds_nobody_twice(committee, login):
    client = login("secretariat")
    confirm(client, committee, preview(client, committee, GOOD))
    assert imported(committee) == 4
    again = preview(client, committee, GOOD)
    assert again.context["counts"] == {"new": 0, "changed": 0, "unchanged": 4}
    confirm(client, committee, again)
    assert imported(committee) == 4
    # A changed row updates the member, with the change in the history.
    moved = GOOD.replace(
        "María López,maria@example.org,Workers", "María López,maria@example.org,Employers"
    )
    changed = preview(client, committee, moved)
    assert changed.context["counts"] == {"new": 0, "changed": 1, "unchanged": 3}
    confirm(client, committee, changed)
    maria = Membership.objects.get(user__email="maria@example.org")
    assert maria.group.kind == "employers"
    assert [h.group.kind for h in maria.history.all()][:2] == ["employers", "workers"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("Ana,amina@example.org,Government,KEN,,,,", "already on line 2"),
        ("Ana,ana@example.org,Government,Atlantis,,,,", "Unknown country"),
        ("Ana,ana@example.org,Observers,,,,,", "Unknown Group"),
        ("Ana,ana@example.org,Government,,,,,", "needs a country"),
        ("Ana,not-an-email,Workers,,,,,", "is not an e-mail address"),
        ("Ana,ana@example.org,Workers,,Atlantis group,,,", "Unknown regional group"),
        ('=HYPERLINK("http://x"),ana@example.org,Workers,,,,,', "holds a formula"),
        ("Ana,ana@example.org,Workers,,,,Employer Vice-Chairperson,", "must be a member of"),
        ("Ana,ana@example.org,Workers,,,,Worker Vice-Chairperson,", "is already held by"),
        ("Ana,ana@example.org,Government,KEN,,,Reporter,", "is already given on line 5"),
    ],
)
def test_a_bad_row_is_shown_in_the_preview_and_nothing_is_saved(committee, login, line, message):
    client = login("secretariat")
    response = preview(client, committee, GOOD + line + "\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert not response.context["payload"]
    assert imported(committee) == 0


def test_a_signed_preview_that_no_longer_holds_is_refused_whole(committee, login):
    """Between the preview and the confirmation someone took the e-mail: nothing is saved."""
    from django.contrib.auth import get_user_model

    client = login("secretariat")
    response = preview(client, committee, GOOD)
    User = get_user_model()
    User.objects.create(username="a1", email="kofi@example.org")
    User.objects.create(username="a2", email="KOFI@example.org")
    refused = confirm(client, committee, response)
    assert refused.status_code == 409
    assert "Several accounts share the e-mail" in refused.content.decode()
    assert imported(committee) == 0
    tampered = client.post(
        f"/c/{committee.slug}/members/import/", {"payload": response.context["payload"] + "x"}
    )
    assert tampered.status_code == 302 and imported(committee) == 0


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_list_is_imported_and_a_formula_cell_refused(committee, login):
    client = login("secretariat")
    header = ["Name", "E-mail", "Group", "Country", "Regional group", "Seat", "Officer", "Role"]
    rows = [header] + [
        [f"Worker {i}", f"w{i}@example.org", "Workers", None, None, "Titular", None, "Member"]
        for i in range(1, 21)
    ]
    response = preview(client, committee, xlsx(rows), "members.xlsx")
    assert response.status_code == 200 and response.context["counts"]["new"] == 20
    confirm(client, committee, response)
    assert imported(committee) == 20
    formula = preview(
        client, committee, xlsx([header, ['=A1&"x"', "f@example.org", "Workers"]]), "m.xlsx"
    )
    assert formula.status_code == 400 and "holds a formula" in formula.content.decode()
    assert imported(committee) == 20


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "not a CSV or XLSX file"),
        (b"PK\x03\x04 broken zip", "members.xlsx", "not a CSV or XLSX file"),
        (b"a" * (10 * 1024 * 1024), "big.csv", "larger than 2 MB"),
        ("who,where\nAna,Geneva\n", "members.csv", "missing: name, email"),
        ("", "empty.csv", "empty"),
    ],
    ids=["png", "broken-xlsx", "10MB", "no-columns", "empty"],
)
def test_a_file_that_is_not_a_list_of_members_is_refused(committee, login, content, name, message):
    client = login("secretariat")
    response = preview(client, committee, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert imported(committee) == 0


@pytest.mark.parametrize("username", ["employers", "chair", "clerk", "observer"])
def test_only_the_secretariat_imports(committee, login, username):
    client = login(username)
    assert client.get(f"/c/{committee.slug}/members/import/").status_code == 403
    assert preview(client, committee, GOOD).status_code == 403
    assert imported(committee) == 0


def test_checking_a_long_list_reads_the_database_a_few_times_not_once_per_row(
    committee, django_assert_max_num_queries
):
    from committee.members_import import check

    codes = ["KEN", "NGA", "SEN", "GHA", "MEX", "BRA", "FRA", "DEU", "IND", "JPN"]
    raw = [
        {
            "line": i + 2,
            "cells": {
                "name": f"Delegate {i}",
                "email": f"d{i}@example.org",
                "group": "Government",
                "country": codes[i % len(codes)],
                "regional_group": "Africa group" if i % len(codes) < 4 else "",
                "seat": "",
                "officer": "",
                "role": "",
            },
        }
        for i in range(300)
    ]
    with django_assert_max_num_queries(40):
        rows = check(committee, raw)
    assert [r.status for r in rows] == ["new"] * 300
