"""The compilation's Word export reads 2 or 8 amendments in as many queries."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.committee.amendment_fixtures import table

P1 = "Labour migration should be fair and effective."


def _export_queries(client) -> int:
    url = reverse("committee:compilation_export", args=["labour-migration"]) + "?format=docx"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    return len(queries.captured_queries)


def test_the_docx_export_does_not_query_once_per_amendment(login, committee, text):
    for i in range(2):
        table(committee, "workers", text["p1"], P1.replace("fair", f"fair ({i})"))
    client = login("clerk")
    few = _export_queries(client)
    for i in range(6):
        table(committee, "employers", text["p3"], text["p3"].text + f" Item {i}.")
    assert _export_queries(client) == few
