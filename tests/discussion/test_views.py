from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from committee.models import Group
from discussion import services
from discussion.models import Allocation, Point, RoomState, Speaker, Speech
from discussion.tally import tally
from tests.conftest import ROLES, login_request

pytestmark = pytest.mark.django_db

SLUG = "labour-migration"
COORDINATORS = {"employers", "workers", "government", "africa"}
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"discussion:{name}", args=[SLUG, *args])


def read_urls(point):
    return [
        url("index"),
        url("point", point.pk),
        url("summary", point.pk),
        url("room"),
        url("room_screen"),
    ]


def secretariat_posts(point, speaker):
    return [
        (url("point_move", point.pk), {"direction": "down"}),
        (url("allocations", point.pk), {"version": point.version}),
        (url("call_next", point.pk), {}),
        (url("open_point", point.pk), {}),
        (url("speaker_move", speaker.pk), {"direction": "down"}),
        (url("clock_start"), {"point": point.pk}),
        (url("clock_stop"), {"point": point.pk}),
        (url("finish"), {"point": point.pk}),
        (url("point_create"), {"text_en": "New question"}),
        (url("point_edit", point.pk), {"text_en": "Changed", "version": point.version}),
    ]


@pytest.fixture
def speaker(point, secretariat):
    gov = point.committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="First", group=gov)
    return services.add_speaker(point, secretariat, label="Second", group=gov)


# Permissions ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_from_every_url(client, point, speaker):
    urls = read_urls(point) + [url("summary_docx", point.pk), url("point_create")]
    urls += [u for u, _ in secretariat_posts(point, speaker)]
    urls += [url("speaker_add", point.pk), url("speaker_withdraw", speaker.pk)]
    for u in urls:
        response = client.post(u) if u not in read_urls(point) else client.get(u)
        assert response.status_code == 302, u
        assert response.url.startswith(reverse("login")), u


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_discussion_the_summary_and_the_room_screen(
    login, role, point, speaker
):
    client = login(role)
    for u in read_urls(point):
        assert client.get(u).status_code == 200, u
    assert client.get(url("room_screen"), **HTMX).status_code == 200


def test_someone_outside_the_committee_reads_nothing(client, point, django_user_model):
    django_user_model.objects.create_user("stranger", password="x-strong-pass-1")
    client.login(request=login_request(), username="stranger", password="x-strong-pass-1")
    for u in read_urls(point):
        assert client.get(u).status_code == 403, u
    assert client.get(url("room_screen"), **HTMX).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_and_the_clerk_export_the_summary_as_docx(login, role, point):
    response = login(role).get(url("summary_docx", point.pk))
    assert response.status_code == (200 if role in {"secretariat", "clerk"} else 403)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "secretariat"])
def test_only_the_secretariat_runs_the_discussion(login, role, point, speaker):
    client = login(role)
    before = RoomState.objects.get(committee=point.committee).version
    assert client.get(url("point_create")).status_code == 403
    assert client.get(url("point_edit", point.pk)).status_code == 403
    assert client.get(url("allocations", point.pk)).status_code == 403
    for u, data in secretariat_posts(point, speaker):
        assert client.post(u, data).status_code == 403, u
    assert RoomState.objects.get(committee=point.committee).version == before
    assert Point.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_speaker_for_which_group(login, role, point):
    client = login(role)
    committee = point.committee
    for group in committee.groups.all():
        coordinates = {
            Group.Kind.EMPLOYERS: {"employers"},
            Group.Kind.WORKERS: {"workers"},
            Group.Kind.GOVERNMENT: {"government", "africa"},
        }[group.kind]
        allowed = role == "secretariat" or role in coordinates
        response = client.post(url("speaker_add", point.pk), {"label": "X", "group": group.pk})
        assert response.status_code == (302 if allowed else 403), (role, group.kind)
        assert Speaker.objects.filter(point=point, group=group).exists() == allowed
    observers = client.post(url("speaker_add", point.pk), {"label": "ILO observer", "group": ""})
    assert observers.status_code == (302 if role == "secretariat" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_withdraw_a_waiting_speaker(login, role, point, secretariat):
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    speaker = services.add_speaker(point, secretariat, label="W", group=workers)
    response = login(role).post(url("speaker_withdraw", speaker.pk))
    allowed = role in {"secretariat", "workers"}
    assert response.status_code == (302 if allowed else 403)
    speaker.refresh_from_db()
    assert (speaker.status == Speaker.Status.WITHDRAWN) == allowed


def test_the_add_speaker_form_offers_a_coordinator_only_their_own_group(login, point):
    form = login("employers").get(url("point", point.pk)).context["form"]
    assert [label for _, label in form.fields["group"].widget.choices] == ["Employers' group"]


def test_another_committees_point_is_not_found(login, point, secretariat):
    from committee.models import Committee, Session

    other = Committee.objects.create(session=Session.objects.get(), name="O", slug="o", acronym="O")
    foreign = services.create_point(other, secretariat, text_en="Q")
    assert login("secretariat").get(url("point", foreign.pk)).status_code == 404


def test_navigation_links_to_the_discussion_and_the_room_screen(login, committee):
    content = login("observer").get(f"/c/{SLUG}/").content.decode()
    assert url("index") in content
    assert url("room") in content


# The room screen's conditional polling ------------------------------------------------------


def test_unchanged_room_state_answers_304_with_no_body(login, point, speaker):
    client = login("observer")
    first = client.get(url("room_screen"), **HTMX)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    again = client.get(url("room_screen"), HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_change_answers_200_with_the_new_state(login, point, speaker, secretariat):
    client = login("observer")
    etag = client.get(url("room_screen"), **HTMX)["ETag"]
    services.call_next(point.pk, secretariat, None)
    changed = client.get(url("room_screen"), HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"First" in changed.content
    assert b'id="room-screen"' in changed.content
    assert b"<html" not in changed.content


def test_the_304_is_answered_without_rendering_or_computing_the_tally(
    login, point, speaker, django_assert_max_num_queries
):
    client = login("observer")
    etag = client.get(url("room_screen"), **HTMX)["ETag"]
    # session, user, committee, memberships, room state: nothing of the discussion itself.
    with django_assert_max_num_queries(5):
        assert client.get(url("room_screen"), HTTP_IF_NONE_MATCH=etag, **HTMX).status_code == 304


def test_the_room_screen_url_renders_as_a_full_page_without_htmx(login, point):
    response = login("observer").get(url("room_screen"))
    assert response.status_code == 200
    assert b"<html" in response.content
    assert b"room-screen" in response.content


def test_the_etag_differs_by_interface_language(login, point):
    client = login("observer")
    en = client.get(url("room_screen"), **HTMX)["ETag"]
    fr = client.get(url("room_screen"), HTTP_ACCEPT_LANGUAGE="fr", **HTMX)["ETag"]
    assert en != fr


def test_the_room_screen_shows_speaker_remaining_time_next_speakers_and_an_overrun(
    login, point, speaker, secretariat
):
    first = services.call_next(point.pk, secretariat, None)
    services.start_clock(point.committee, secretariat, first.pk)
    Speech.objects.update(started_at=F("started_at") - timedelta(seconds=610))
    response = login("observer").get(url("room"))
    content = response.content.decode()
    assert "First" in content
    assert "Government group" in content
    assert "−0:10" in content  # ten seconds over the Government group's 10:00
    assert (
        'id="room-overrun"' in content
        and 'id="room-overrun" data-overrun-marker hidden' not in content
    )
    assert "Second" in content  # next speaker
    assert "room-screen" in content


# Bad input ------------------------------------------------------------------------------------


def test_a_negative_allocation_is_refused_with_a_message(login, point):
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    response = login("secretariat").post(
        url("allocations", point.pk), {"version": point.version, f"g{workers.pk}": "-5:00"}
    )
    assert response.status_code == 400
    assert "minutes:seconds" in response.content.decode()
    assert Allocation.objects.get(point=point, group=workers).seconds == 600


def test_an_allocation_over_ten_hours_is_refused_with_a_message(login, point):
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    response = login("secretariat").post(
        url("allocations", point.pk), {"version": point.version, f"g{workers.pk}": "601:00"}
    )
    assert response.status_code == 400
    assert "10 hours" in response.content.decode()
    assert Allocation.objects.get(point=point, group=workers).seconds == 600


def test_a_stale_allocation_form_is_refused_with_a_message(login, point, secretariat):
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    client = login("secretariat")
    response = client.post(
        url("allocations", point.pk), {"version": point.version - 1, f"g{workers.pk}": "1:00"}
    )
    assert response.status_code == 409
    assert "Someone changed this point" in response.content.decode()


def test_allocations_are_saved_in_minutes_and_seconds(login, point):
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    africa = point.committee.regional_groups.get(name="Africa group")
    response = login("secretariat").post(
        url("allocations", point.pk),
        {"version": point.version, f"g{workers.pk}": "12:30", f"r{africa.pk}": "5:00"},
    )
    assert response.status_code == 302
    assert Allocation.objects.get(point=point, group=workers).seconds == 750
    assert Allocation.objects.get(point=point, regional_group=africa).seconds == 300


def test_a_speaker_from_a_group_not_on_the_committee_is_refused_with_a_message(login, point):
    from committee.models import Committee, Session

    other = Committee.objects.create(session=Session.objects.get(), name="O", slug="o", acronym="O")
    foreign = Group.objects.create(committee=other, kind=Group.Kind.WORKERS, name="W")
    response = login("secretariat").post(
        url("speaker_add", point.pk), {"label": "X", "group": foreign.pk}
    )
    assert response.status_code == 400
    assert "not added" in response.content.decode()
    assert not Speaker.objects.exists()


def test_starting_a_second_clock_is_refused_with_a_message(login, point, speaker, secretariat):
    first = services.call_next(point.pk, secretariat, None)
    client = login("secretariat")
    assert (
        client.post(url("clock_start"), {"point": point.pk, "speaker": first.pk}).status_code == 302
    )
    response = client.post(url("clock_start"), {"point": point.pk, "speaker": first.pk})
    assert response.status_code == 400
    assert "already running" in response.content.decode()
    assert Speech.objects.count() == 1


def test_calling_the_next_speaker_on_an_empty_list_is_refused_with_a_message(login, point):
    response = login("secretariat").post(url("call_next", point.pk), {"expected": ""})
    assert response.status_code == 400
    assert "Nobody is waiting" in response.content.decode()


def test_a_stale_reorder_is_refused_with_a_message_and_nothing_moves(
    login, point, speaker, secretariat
):
    first = point.speakers.get(label="First")
    response = login("secretariat").post(
        url("speaker_move", speaker.pk), {"direction": "up", "order": f"{first.pk}"}
    )
    assert response.status_code == 409
    assert "changed since you loaded it" in response.content.decode()
    assert [s.label for s in tally(point).waiting] == ["First", "Second"]


def test_a_malformed_form_is_refused_not_a_500(login, point, speaker):
    client = login("secretariat")
    response = client.post(url("speaker_move", speaker.pk), {"direction": "up", "order": "1,x"})
    assert response.status_code == 400
    assert client.post(url("call_next", point.pk), {"expected": "abc"}).status_code == 400
    assert client.post(url("clock_start"), {"point": "abc"}).status_code == 404
    assert client.post(url("clock_start"), {}).status_code == 404


def test_a_refused_action_from_htmx_answers_the_console_partial_with_the_message(login, point):
    response = login("secretariat").post(url("call_next", point.pk), **HTMX)
    assert response.status_code == 400
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="console"')
    assert "Nobody is waiting" in content


def test_an_empty_question_is_refused(login, point):
    response = login("secretariat").post(url("point_create"), {"text_en": ""})
    assert response.status_code == 400
    assert Point.objects.count() == 1


def test_a_stale_point_edit_is_refused(login, point):
    client = login("secretariat")
    assert (
        client.post(
            url("point_edit", point.pk), {"text_en": "New", "version": point.version}
        ).status_code
        == 302
    )
    response = client.post(
        url("point_edit", point.pk), {"text_en": "Newer", "version": point.version}
    )
    assert response.status_code == 409
    point.refresh_from_db()
    assert point.text_en == "New"
    assert point.history.first().history_change_reason == "Point for discussion edited"


# Summary -----------------------------------------------------------------------------------


def test_the_summary_lists_speakers_in_order_and_time_per_group(login, demo):
    content = login("observer").get(url("summary", demo[0].pk)).content.decode()
    assert content.index("Employer Vice-Chairperson") < content.index("Worker Vice-Chairperson")
    assert "6:52" in content  # the Employer Vice-Chairperson's 412 seconds
    assert "Africa group" in content
    assert "19:25" in content  # 412 + 455 + 298 seconds in all


def test_the_summary_exports_as_a_docx_that_reads_back(login, demo):
    from docx import Document

    response = login("clerk").get(url("summary_docx", demo[0].pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "General discussion: point 1" in text
    speakers, times = doc.tables
    rows = [[c.text for c in row.cells] for row in speakers.rows]
    assert rows[1] == ["1", "Employer Vice-Chairperson", "Employers' group", "6:52"]
    assert len(rows) == 4
    totals = [c.text for c in times.rows[-1].cells]
    assert totals[0] == "Total"
    assert totals[2] == "19:25"


def test_the_summary_docx_is_a4_with_session_date_and_page_numbers(login, demo):
    from docx import Document
    from docx.shared import Mm

    doc = Document(BytesIO(login("clerk").get(url("summary_docx", demo[0].pk)).content))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    fields = section.footer._element.xpath(".//w:fldSimple/@w:instr")
    assert [f.strip() for f in fields] == ["PAGE", "NUMPAGES"]
    text = "\n".join(p.text for p in doc.paragraphs)
    point = demo[0]
    assert point.committee.session.name in text
    assert str(timezone.localdate().year) in text
    assert doc.core_properties.title.startswith("Summary of point")
    assert "python-docx" not in (doc.core_properties.comments or "")


def test_the_point_speaks_the_interface_language_when_translated(login, demo):
    client = login("observer")
    fr = client.get(url("point", demo[0].pk), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Quels sont les principaux" in fr
    # Not translated: the working language.
    fr2 = client.get(url("point", demo[1].pk), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "fair recruitment" in fr2


def test_the_secretariat_runs_a_point_through_every_console_action(login, point, speaker):
    client = login("secretariat")
    first = point.speakers.get(label="First")
    created = client.post(url("point_create"), {"text_en": "A second question"})
    assert created.status_code == 302
    second_point = Point.objects.get(text_en="A second question")
    assert second_point.number == 2
    assert (
        client.post(
            url("point_move", second_point.pk),
            {"direction": "up", "order": f"{point.pk},{second_point.pk}"},
        ).status_code
        == 302
    )
    point.refresh_from_db()
    assert point.number == 2
    assert client.post(url("open_point", point.pk)).status_code == 302
    assert RoomState.objects.get(committee=point.committee).point == point
    order = f"{first.pk},{speaker.pk}"
    assert (
        client.post(
            url("speaker_move", speaker.pk), {"direction": "up", "order": order}
        ).status_code
        == 302
    )
    assert client.post(url("call_next", point.pk), {"expected": speaker.pk}).status_code == 302
    assert (
        client.post(url("clock_start"), {"point": point.pk, "speaker": speaker.pk}).status_code
        == 302
    )
    assert client.post(url("clock_stop"), {"point": point.pk}).status_code == 302
    assert client.post(url("finish"), {"point": point.pk, "speaker": speaker.pk}).status_code == 302
    speaker.refresh_from_db()
    assert speaker.status == Speaker.Status.DONE
    assert Speech.objects.get(speaker=speaker).stopped_at is not None
    ended_again = client.post(url("finish"), {"point": point.pk})
    assert ended_again.status_code == 400
    assert "Nobody has the floor" in ended_again.content.decode()


def test_a_console_action_from_htmx_answers_the_console_partial(login, point, speaker):
    response = login("secretariat").post(url("call_next", point.pk), **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="console"')
    assert "First has the floor." in content


def test_adding_a_speaker_twice_lists_them_once_with_a_message(login, point):
    client = login("workers")
    workers = point.committee.groups.get(kind=Group.Kind.WORKERS)
    first = client.post(url("speaker_add", point.pk), {"label": "", "group": workers.pk})
    again = client.post(url("speaker_add", point.pk), {"label": "", "group": workers.pk})
    assert first.status_code == 302 and again.status_code == 400
    assert "already on the speakers" in again.content.decode()
    assert Speaker.objects.filter(point=point, group=workers).count() == 1
