"""The room screen: the page members follow on their laptops, the projector page opened with
the committee's screen key, and the live part both poll.

Every screen in the room polls the live part every second or two, so an unchanged poll must
cost next to nothing.

- A member's page gives its poll URL a signed token ("?t=..."): the committee and the user it
  was issued to, for ROOM_TOKEN_MAX_AGE. A poll carrying it is checked without the session or
  the user tables: one query reads the committee (by the token's id and the URL's slug),
  whether the user is still an active member, and the room's state, and an unchanged state
  answers 304 there. A changed state is rendered only after the full access check, with a
  fresh token. A poll without a token, and the page itself, go through the login and the
  session as every page does.
- The projector has no user: its address carries the committee's screen key, a random secret
  kept on the room's row and compared in constant time. One query reads the key and the state;
  renewing the key (secretariat) closes the old address at its next poll.

What the room shows is rendered once per state, mode and language whoever looks, and the state
lives in the database, so any number of app server processes answer alike.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committee.access import access_for
from committee.http import CommitteeRequest, committee_view
from committee.models import Committee, Membership
from discussion import services
from discussion.forms import RenewScreenKeyForm
from discussion.models import RoomState
from discussion.room_floor import screen_floor
from discussion.services import StaleError, key_fingerprint
from discussion.tally import tally

ROOM_TOKEN_SALT = "discussion.room-screen"
ROOM_TOKEN_MAX_AGE = 12 * 60 * 60  # seconds: a sitting day; any change issues a new token
ROOM_PANELS_CACHE_SECONDS = 10 * 60


def room_token(committee_id: int, user_id: int) -> str:
    """A signed, timestamped token for one user's room screen of one committee."""
    return signing.dumps([committee_id, user_id], salt=ROOM_TOKEN_SALT, compress=False)


def _read_room_token(token: str) -> tuple[int, int]:
    """(committee id, user id); raises signing.BadSignature (or SignatureExpired)."""
    value = signing.loads(token, salt=ROOM_TOKEN_SALT, max_age=ROOM_TOKEN_MAX_AGE)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise signing.BadSignature("malformed room token")
    return value[0], value[1]


def _poll_url(request: CommitteeRequest) -> str:
    url = reverse("discussion:room_screen", args=[request.committee.slug])
    if not request.user.is_authenticated:
        return url
    # A signed value is URL-safe (base64 letters, "-", "_" and ":"): no quoting needed.
    return f"{url}?t={room_token(request.committee.pk, request.user.pk)}"


def _panels_context(committee: Committee, projector: bool) -> dict:
    room = RoomState.objects.filter(committee=committee).select_related("point", "speaker").first()
    point = room.point if room else None
    t = tally(point) if point else None
    current = t.current if t else None
    return {
        "committee": committee,
        "room": room,
        "point": point,
        "tally": t,
        "current": current,
        "current_slot": t.slot_for(current) if t else None,
        "next_speakers": t.waiting[: 3 if projector else 4] if t else [],
        "floor": screen_floor(committee, condense=projector),
        "projector": projector,
    }


def _panels_html(request: HttpRequest, committee: Committee, etag: str, projector: bool) -> str:
    """What the room shows, rendered once per state version, mode and language, whoever looks.

    When something changes, every open screen asks at once: hundreds of renders of the same
    thing. The key is the room's ETag (state token, version, language), read from the database,
    so a stale copy can never be served, and each app server process keeps its own.
    """
    key = f"room-panels:{committee.pk}:{'projector' if projector else 'room'}:{etag}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "discussion/room.html#panels", _panels_context(committee, projector), request=request
        )
        cache.set(key, html, ROOM_PANELS_CACHE_SECONDS)
    return mark_safe(html)  # our own rendering, escaped when it was rendered


def _screen_context(
    request: HttpRequest, committee: Committee, etag: str, poll_url: str, projector: bool
) -> dict:
    return {
        "committee": committee,
        "etag": etag,
        "poll_url": poll_url,
        "panels": _panels_html(request, committee, etag, projector),
        # The clocks count from the server's time now, not from when the panels were rendered.
        "server_now": timezone.now(),
    }


def _room_context(request: CommitteeRequest, etag: str) -> dict:
    context = _screen_context(request, request.committee, etag, _poll_url(request), False)
    context["access"] = request.access
    return context


def _make_etag(token, version) -> str:
    return f'"{token or "none"}.{version or 0}.{get_language()}"'


def _room_etag(committee_id: int) -> str:
    """The room's state in one cheap query: its row's token and version, and the language."""
    state = RoomState.objects.filter(pk=committee_id).values_list("token", "version").first()
    return _make_etag(*(state or (None, None)))


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags or "*" in tags


def _not_modified_or(request: HttpRequest, etag: str, render_screen) -> HttpResponse:
    if _matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponseNotModified()
    else:
        response = render_screen()
    response["ETag"] = etag
    # Private to the committee, and asked again every second: revalidated, never stored shared.
    response["Cache-Control"] = "private, no-cache"
    return response


# The members' room screen ------------------------------------------------------------------


def _room_page(request: CommitteeRequest) -> HttpResponse:
    etag = _room_etag(request.committee.pk)
    return render(request, "discussion/room.html", _room_context(request, etag))


@committee_view()
@require_GET
def room(request: CommitteeRequest) -> HttpResponse:
    return _room_page(request)


def _screen_response(request: CommitteeRequest, etag: str) -> HttpResponse:
    return _not_modified_or(
        request,
        etag,
        lambda: render(request, "discussion/room.html#screen", _room_context(request, etag)),
    )


@committee_view()
def _room_screen_by_session(request: CommitteeRequest) -> HttpResponse:
    if not request.htmx:
        return _room_page(request)
    response = _screen_response(request, _room_etag(request.committee.pk))
    patch_vary_headers(response, ["HX-Request", "Cookie", "Accept-Language"])
    return response


def _room_screen_by_token(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    try:
        committee_id, user_id = _read_room_token(token)
    except signing.SignatureExpired:
        # A screen left open longer than a token lives: reload the page (which needs a login).
        response = HttpResponseForbidden(_("This room screen has expired: reload the page."))
        response["HX-Refresh"] = "true"
        return response
    except signing.BadSignature:
        raise PermissionDenied from None
    room_state = RoomState.objects.filter(pk=OuterRef("pk"))
    state = (
        Committee.objects.filter(pk=committee_id, slug=slug)
        .annotate(
            member=Exists(
                Membership.objects.filter(
                    committee_id=OuterRef("pk"), user_id=user_id, user__is_active=True
                )
            ),
            room_token=Subquery(room_state.values("token")[:1]),
            room_version=Subquery(room_state.values("version")[:1]),
        )
        .values_list("member", "room_token", "room_version")
        .first()
    )
    if state is None or not state[0]:
        # Another committee's token, or a user who is no longer on the committee.
        raise PermissionDenied
    etag = _make_etag(state[1], state[2])
    if not _matches(request.headers.get("If-None-Match", ""), etag):
        # Something changed: check the access in full before showing anything.
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        committee = Committee.objects.select_related("session").get(pk=committee_id)
        access = access_for(user, committee) if user is not None else None
        if access is None or not access.can_read:
            raise PermissionDenied
        request.user = user
        request.committee = committee  # type: ignore[attr-defined]
        request.access = access  # type: ignore[attr-defined]
    response = _screen_response(request, etag)  # type: ignore[arg-type]
    patch_vary_headers(response, ["HX-Request", "Accept-Language"])
    return response


@login_not_required  # a poll with a token is checked by the token; without, login as usual
@require_GET
def room_screen(request: HttpRequest, slug: str) -> HttpResponse:
    """The room screen's live part, polled every second by every screen in the room.

    Unchanged state answers 304 before anything is rendered. Without htmx it is the full page.
    """
    token = request.GET.get("t")
    if token is not None and getattr(request, "htmx", False):
        return _room_screen_by_token(request, slug, token)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _room_screen_by_session(request, slug)


# The projector -----------------------------------------------------------------------------


def _projector_state(slug: str, key: str) -> tuple[int, str]:
    """(committee id, ETag) for a valid screen key, in one query; 403 for any other key."""
    row = (
        RoomState.objects.filter(committee__slug=slug)
        .values_list("committee_id", "screen_key", "token", "version")
        .first()
    )
    # Compared in constant time, and a missing room compared too, so that timing tells nothing.
    stored = row[1] if row else secrets.token_urlsafe(32)
    if not secrets.compare_digest(stored.encode(), key.encode()) or row is None:
        raise PermissionDenied(_("This screen key is not valid: it may have been renewed."))
    return row[0], _make_etag(row[2], row[3])


def _projector_urls(slug: str, key: str) -> tuple[str, str]:
    return (
        reverse("discussion:projector", args=[slug, key]),
        reverse("discussion:projector_screen", args=[slug, key]),
    )


def _projector_context(request: HttpRequest, committee_id: int, etag: str, key: str) -> dict:
    committee = Committee.objects.get(pk=committee_id)
    return _screen_context(
        request, committee, etag, _projector_urls(committee.slug, key)[1], projector=True
    )


def _refused(request: HttpRequest) -> HttpResponse:
    response = render(request, "discussion/projector.html#refused", status=403)
    # A projector polling with a key that was just renewed: reload, to show why it stopped.
    response["HX-Refresh"] = "true"
    return response


@login_not_required  # the screen key in the address stands in for a login
@require_GET
def projector(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """The room screen for the room's projector: no menu, no names, fitted to the screen."""
    try:
        committee_id, etag = _projector_state(slug, key)
    except PermissionDenied:
        return render(request, "discussion/projector.html", {}, status=403)
    response = render(
        request, "discussion/projector.html", _projector_context(request, committee_id, etag, key)
    )
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"  # the address holds the key
    return response


@login_not_required  # the screen key in the address stands in for a login
@require_GET
def projector_screen(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """The projector's live part: 304 while unchanged, after one query."""
    try:
        committee_id, etag = _projector_state(slug, key)
    except PermissionDenied:
        return _refused(request)
    response = _not_modified_or(
        request,
        etag,
        lambda: render(
            request,
            "discussion/projector.html#screen",
            _projector_context(request, committee_id, etag, key),
        ),
    )
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@committee_view(lambda a: a.is_secretariat)
def projector_key(request: CommitteeRequest) -> HttpResponse:
    """The secretariat's page: the projector's address, and renewing its key."""
    room = services.room_state(request.committee)
    form = RenewScreenKeyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.renew_screen_key(
                    request.committee, request.user, expected=form.cleaned_data["current"]
                )
            except StaleError as error:
                messages.error(request, error.message)
                status = 409
                room.refresh_from_db()
            else:
                messages.success(
                    request,
                    _("The screen key was renewed: the old projector address no longer works."),
                )
                return redirect("discussion:projector_key", request.committee.slug)
        else:
            messages.error(request, _("The form was not understood; nothing was changed."))
            status = 400
        form = RenewScreenKeyForm()
    form.initial["current"] = key_fingerprint(room.screen_key)
    page = _projector_urls(request.committee.slug, room.screen_key)[0]
    response = render(
        request,
        "discussion/projector_key.html",
        {
            "committee": request.committee,
            "access": request.access,
            "form": form,
            "projector_url": request.build_absolute_uri(page),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


__all__ = [
    "projector",
    "projector_key",
    "projector_screen",
    "room",
    "room_screen",
    "room_token",
]
