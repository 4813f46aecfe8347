"""The projector: the room screen at its own address, opened with the committee's screen key
instead of a login; the secretariat renews the key, which closes the old address."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from committee import floor
from committee.models import Floor, Group, Stage
from discussion import services
from discussion.models import RoomState
from discussion.services import key_fingerprint
from tests.committee.amendment_fixtures import K, access, add, make_draft, table, user
from tests.committee.floor_fixtures import to_stage
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

SLUG = "labour-migration"
KEY_PAGE = reverse("discussion:projector_key", args=[SLUG])
HTMX = {"HTTP_HX_REQUEST": "true"}


def key_of(committee) -> str:
    return services.room_state(committee).screen_key


def page_url(key: str) -> str:
    return reverse("discussion:projector", args=[SLUG, key])


def screen_url(key: str) -> str:
    return reverse("discussion:projector_screen", args=[SLUG, key])


def test_the_projector_opens_with_the_key_and_no_login_and_shows_no_menu_or_name(
    committee, point, secretariat
):
    gov = point.committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    services.call_next(point.pk, secretariat, None)
    response = Client().get(page_url(key_of(committee)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Government member of Ghana" in html  # the room screen itself
    assert 'id="room-screen"' in html and "data-fit" in html
    assert "mainnav" not in html and "Log out" not in html
    assert secretariat.get_full_name() not in html
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("key", ["", "x", "not-the-key" * 4])
def test_a_wrong_key_is_refused_and_shows_nothing(committee, point, key):
    services.open_point(point.pk, user("secretariat"))
    key_of(committee)
    for url in (page_url(key or "x"), screen_url(key or "x")):
        response = Client().get(url, **HTMX)
        assert response.status_code == 403
        assert b"How should we govern migration?" not in response.content


def test_a_key_for_another_committee_slug_is_refused(committee):
    key = key_of(committee)
    response = Client().get(reverse("discussion:projector", args=["another-committee", key]))
    assert response.status_code == 403


def test_the_poll_with_the_key_answers_304_in_one_query_and_follows_changes(
    committee, point, secretariat, django_assert_max_num_queries
):
    services.open_point(point.pk, secretariat)
    key = key_of(committee)
    screen = Client()
    first = screen.get(screen_url(key), **HTMX)
    assert first.status_code == 200
    assert b'id="room-screen"' in first.content
    etag = first["ETag"]
    with django_assert_max_num_queries(1):
        unchanged = screen.get(screen_url(key), HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert unchanged.status_code == 304
    gov = point.committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    changed = screen.get(screen_url(key), HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Government member of Ghana" in changed.content
    # The fragment polls its own address again: the key, not a user's token.
    assert re.search(rf'hx-get="{re.escape(screen_url(key))}"', changed.content.decode())


def test_renewing_the_key_closes_the_old_address_at_once(committee, point, login):
    services.open_point(point.pk, user("secretariat"))
    old = key_of(committee)
    etag = Client().get(screen_url(old), **HTMX)["ETag"]
    client = login("secretariat")
    response = client.post(KEY_PAGE, {"current": key_fingerprint(old)})
    assert response.status_code == 302
    new = key_of(committee)
    assert new != old and len(new) >= 40
    # Even a poll whose state is unchanged is refused, and told to reload (to say why).
    refused = Client().get(screen_url(old), HTTP_IF_NONE_MATCH=etag, **HTMX)
    assert refused.status_code == 403
    assert refused["HX-Refresh"] == "true"
    assert Client().get(page_url(old)).status_code == 403
    assert Client().get(page_url(new)).status_code == 200


def test_each_room_has_its_own_random_key(committee):
    first = key_of(committee)
    services.renew_screen_key(committee, user("secretariat"))
    second = key_of(committee)
    assert first != second
    assert RoomState.objects.filter(screen_key=second).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_sees_the_projector_address(login, committee, role):
    key = key_of(committee)
    response = login(role).get(KEY_PAGE)
    if role == "secretariat":
        assert response.status_code == 200
        assert page_url(key) in response.content.decode()
        assert b"Renew the screen key" in response.content
    else:
        assert response.status_code == 403
        assert key.encode() not in response.content


def test_anonymous_is_sent_to_log_in_for_the_projector_address(client, committee):
    key = key_of(committee)
    for response in (client.get(KEY_PAGE), client.post(KEY_PAGE, {"current": "x"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert key_of(committee) == key


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_renews_the_key(login, committee, role):
    key = key_of(committee)
    response = login(role).post(KEY_PAGE, {"current": key_fingerprint(key)})
    if role == "secretariat":
        assert response.status_code == 302
        assert key_of(committee) != key
    else:
        assert response.status_code == 403
        assert key_of(committee) == key


def test_a_renewal_from_a_stale_page_is_refused_and_changes_nothing(login, committee):
    seen = key_of(committee)
    services.renew_screen_key(committee, user("secretariat"))  # a colleague, meanwhile
    current = key_of(committee)
    client = login("secretariat")
    response = client.post(KEY_PAGE, {"current": key_fingerprint(seen)})
    assert response.status_code == 409
    assert key_of(committee) == current
    assert page_url(current) in response.content.decode()
    assert b"renewed by someone else" in response.content
    assert client.post(KEY_PAGE, {}).status_code == 400
    assert key_of(committee) == current


# What the screen shows ---------------------------------------------------------------------


@pytest.fixture
def text(committee):
    t = make_draft(committee)
    t["i"] = add(t["draft"], K.SUBCLAUSE, "in line with national law;", t["a"], 0)
    t["ii"] = add(t["draft"], K.SUBCLAUSE, "without delay;", t["a"], 1)
    to_stage(committee, Stage.COMMITTEE)
    return t


def show(committee, paragraph, amendment=None):
    floor.show_on_floor(
        access(committee, "secretariat"),
        user("secretariat"),
        paragraph_id=paragraph.pk,
        amendment_id=amendment.pk if amendment else None,
    )


def levels(html: str) -> dict[str, int]:
    """The level each unit of the floor is shown at, by its number."""
    found = re.findall(r'room-unit level-(\d)[^"]*"><span class="number">([^<]+)</span>', html)
    return {number: int(level) for level, number in found}


def test_every_level_is_indented_from_the_paragraph_down(committee, text, login):
    show(committee, text["p2"])
    html = Client().get(page_url(key_of(committee))).content.decode()
    assert levels(html) == {"2.": 0, "(a)": 1, "(i)": 2, "(ii)": 2, "(b)": 1}
    room = login("observer").get(reverse("discussion:room", args=[SLUG])).content.decode()
    assert levels(room) == levels(html)


def test_calling_a_speaker_takes_the_screen_back_from_a_paragraph(
    committee, text, point, secretariat
):
    show(committee, text["p1"])
    key = key_of(committee)
    before = Client().get(screen_url(key), **HTMX)
    assert b'id="room-floor"' in before.content
    gov = committee.groups.get(kind=Group.Kind.GOVERNMENT)
    services.add_speaker(point, secretariat, label="Government member of Ghana", group=gov)
    services.call_next(point.pk, secretariat, None)
    after = Client().get(screen_url(key), HTTP_IF_NONE_MATCH=before["ETag"], **HTMX)
    assert after.status_code == 200
    assert b'id="room-floor"' not in after.content
    assert b"Government member of Ghana" in after.content
    assert b'id="room-remaining"' in after.content  # with the Group's clock
    assert Floor.objects.get(pk=committee.pk).paragraph_id is None
    # The console puts a paragraph back on the screen as before.
    show(committee, text["p1"])
    again = Client().get(screen_url(key), **HTMX)
    assert b'id="room-floor"' in again.content


def test_opening_a_point_takes_the_screen_back_too(committee, text, point, secretariat):
    services.open_point(point.pk, secretariat)
    show(committee, text["p1"])
    services.open_point(point.pk, secretariat)  # the same point, shown again
    html = Client().get(screen_url(key_of(committee)), **HTMX).content
    assert b'id="room-floor"' not in html
    assert b"How should we govern migration?" in html


LONG = " ".join(f"word{n}" for n in range(120))


def test_a_long_paragraph_is_condensed_around_the_amended_words_on_the_projector(
    committee, text, login
):
    p3 = text["p3"]
    p3.text = LONG
    p3.save()
    amendment = table(committee, "workers", p3, LONG.replace("word60", "CHANGED"))
    show(committee, p3, amendment)
    projector = Client().get(page_url(key_of(committee))).content.decode()
    diff = re.search(r'<p class="room-diff">(.*?)</p>', projector).group(1)
    assert "<del>word60</del>" in diff and "<ins>CHANGED</ins>" in diff
    assert "word55" in diff and "word65" in diff  # the words around the change
    assert "word5 " not in diff and "word110" not in diff  # far from it: cut
    assert diff.count("…") == 2
    # The laptops' room screen, which may scroll, shows the whole text.
    room = login("observer").get(reverse("discussion:room", args=[SLUG])).content.decode()
    assert "word110" in re.search(r'<p class="room-diff">(.*?)</p>', room).group(1)


@pytest.mark.parametrize("role", ROLES)
def test_the_room_page_links_the_secretariat_to_projector_mode(login, committee, role):
    html = login(role).get(reverse("discussion:room", args=[SLUG])).content.decode()
    assert (f'href="{KEY_PAGE}"' in html) == (role == "secretariat")


def test_two_renewals_from_the_same_page_renew_once(committee):
    seen = key_fingerprint(key_of(committee))
    renewed = services.renew_screen_key(committee, user("secretariat"), expected=seen)
    with pytest.raises(services.StaleError):
        services.renew_screen_key(committee, user("secretariat"), expected=seen)
    assert key_of(committee) == renewed
