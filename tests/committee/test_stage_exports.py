"""Each stage's text and stage-to-stage redlines, from the export panel and the command."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.management import call_command

from committee.models import Stage
from committee.stage_exports import adopted_title
from tests.committee.amendment_fixtures import table
from tests.committee.floor_fixtures import decide, to_stage

pytestmark = pytest.mark.django_db
ROLES = ["secretariat", "employers", "workers", "government", "africa", "chair", "clerk",
         "observer"]  # fmt: skip
EXPORTERS = {"secretariat", "clerk"}


def url(committee, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/c/{committee.slug}/exports/text/?{query}"


@pytest.fixture
def adopted(committee, text):
    """The text adopted by the Conference, one amendment adopted on the way."""
    to_stage(committee, Stage.COMMITTEE)
    amendment = table(
        committee, "workers", text["p1"], "Labour migration should be fair, safe and effective."
    )
    decide(committee, amendment)
    to_stage(committee, Stage.ADOPTED_BY_CONFERENCE)
    draft = text["draft"]
    draft.title = "Draft conclusions concerning labour migration"
    draft.save()
    return text


def words(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("role", ROLES)
def test_only_secretariat_and_clerks_download_stage_texts(login, committee, adopted, role):
    response = login(role).get(url(committee, stage="adopted_by_conference", format="html"))
    assert response.status_code == (200 if role in EXPORTERS else 403)


def test_anonymous_visitors_are_sent_to_log_in(client, committee, adopted):
    response = client.get(url(committee, stage="adopted_by_conference", format="html"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_panel_offers_each_stage_reached(login, committee, adopted):
    content = login("clerk").get(f"/c/{committee.slug}/exports/").content.decode()
    assert 'id="stage-export"' in content
    for name in ("drafting_group", "committee", "adopted_by_committee", "adopted_by_conference"):
        assert f'value="{name}"' in content


def test_the_adopted_text_is_titled_as_the_conference_titles_it(login, committee, adopted):
    response = login("clerk").get(url(committee, stage="adopted_by_conference", format="docx"))
    text = words(response.content)
    assert "Conclusions as adopted by the Conference" in text
    assert "Conclusions concerning labour migration" in text
    assert "Draft conclusions concerning" not in text
    assert "fair, safe and effective" in text
    disposition = response["Content-Disposition"]
    assert "D.0-adopted_by_conference-en.docx" in disposition


def test_a_redline_between_stages_names_the_stages_in_words(login, committee, adopted):
    response = login("secretariat").get(
        url(committee, stage="adopted_by_committee", since="drafting_group", format="html",
            language="fr")
    )  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert "drafting_group" not in content.split("<main", 1)[0].split("</style>")[-1]
    assert "texte du groupe de rédaction" in content
    assert "<ins>, safe</ins>" in content
    assert "-adopted_by_committee-fr-changes.html" in response["Content-Disposition"]


def test_unknown_stages_and_formats_get_the_panel_with_a_message(login, committee, adopted):
    client = login("clerk")
    for params in ({"stage": "nonsense", "format": "pdf"}, {"stage": "plenary", "format": "x"},
                   {"stage": "plenary", "since": "plenary", "format": "docx"}):  # fmt: skip
        response = client.get(url(committee, **params))
        assert response.status_code == 400
        assert b'class="message error"' in response.content


def test_a_stage_not_reached_is_refused_in_words(login, committee, text):
    response = login("clerk").get(url(committee, stage="adopted_by_conference", format="html"))
    assert response.status_code == 400
    assert b"has not reached that stage" in response.content


def test_the_command_takes_the_stage_names_the_readme_shows(committee, adopted, tmp_path):
    out = tmp_path / "committee.docx"
    call_command("export_text", "D.0", "--format", "docx", "--stage", "committee", "-o", out)
    text = words(out.read_bytes())
    assert "Draft conclusions as amended by the Committee" in text
    out = tmp_path / "redline.docx"
    call_command("export_text", "D.0", "--format", "docx", "--stage", "adopted_by_committee",
                 "--changes-from", "drafting_group", "-o", out)  # fmt: skip
    text = words(out.read_bytes())
    assert "since the drafting group's text" in text
    assert "since drafting_group" not in text


def test_titles_lose_draft_once_adopted_in_each_language():
    assert adopted_title("Draft resolution and conclusions concerning X") == (
        "Resolution and conclusions concerning X"
    )
    assert adopted_title("Projet de résolution et de conclusions concernant X") == (
        "Résolution et conclusions concernant X"
    )
    assert adopted_title("Proyecto de resolución y de conclusiones relativas a X") == (
        "Resolución y conclusiones relativas a X"
    )
