"""Thin views: load, check the role, call a service, render the page or its partial."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotModified,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import Access, access_for
from committee.http import CommitteeRequest, committee_view
from committee.models import Committee, Membership
from discussion import services
from discussion.export import summary_docx
from discussion.forms import AllocationForm, PointForm, SpeakerForm
from discussion.models import Point, RoomState, Speaker
from discussion.services import DiscussionError, StaleError
from discussion.tally import tally
from drafting import inputs

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _secretariat(a: Access) -> bool:
    return a.is_secretariat


def _may_add_speakers(a: Access) -> bool:
    return a.is_secretariat or a.is_coordinator


def _may_add_speaker_for(a: Access, group_id: int | None) -> bool:
    """The secretariat adds anyone; a coordinator only their own Group's speakers."""
    return a.is_secretariat or a.coordinates(group_id)


def _point(request: CommitteeRequest, pk: int) -> Point:
    return get_object_or_404(
        Point.objects.select_related("committee"), pk=pk, committee=request.committee
    )


def _ids(value: str | None) -> list[int] | None:
    """The comma-separated ids a form saw, to compare with what is there now."""
    if value is None:
        return None
    ids = [inputs.int_or_none(v) for v in value.split(",") if v.strip()]
    if None in ids:
        raise DiscussionError(_("The form was not understood; nothing was changed."))
    return ids


def _int(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    number = inputs.int_or_none(value)
    if number is None:
        raise DiscussionError(_("The form was not understood; nothing was changed."))
    return number


# Points -------------------------------------------------------------------------------------


@committee_view()
@require_GET
def index(request: CommitteeRequest) -> HttpResponse:
    return _index(request)


def _index(request: CommitteeRequest, status: int = 200) -> HttpResponse:
    points = list(Point.objects.filter(committee=request.committee))
    room = RoomState.objects.filter(committee=request.committee).first()
    return render(
        request,
        "discussion/index.html",
        {
            "committee": request.committee,
            "access": request.access,
            "points": points,
            "order": ",".join(str(p.pk) for p in points),
            "room": room,
        },
        status=status,
    )


@committee_view(_secretariat)
def point_create(request: CommitteeRequest) -> HttpResponse:
    form = PointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        point = services.create_point(
            request.committee,
            request.user,
            text_en=form.cleaned_data["text_en"],
            text_fr=form.cleaned_data["text_fr"],
            text_es=form.cleaned_data["text_es"],
        )
        messages.success(request, _("Point %(n)s added.") % {"n": point.number})
        return redirect("discussion:allocations", request.committee.slug, point.pk)
    return render(
        request,
        "discussion/point_form.html",
        {"committee": request.committee, "access": request.access, "form": form},
        status=400 if form.is_bound else 200,
    )


@committee_view(_secretariat)
def point_edit(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    initial = {
        "text_en": point.text_en,
        "text_fr": point.text_fr,
        "text_es": point.text_es,
        "version": point.version,
    }
    form = PointForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_point(
                    point.pk,
                    request.user,
                    version=form.cleaned_data["version"] or 0,
                    text_en=form.cleaned_data["text_en"],
                    text_fr=form.cleaned_data["text_fr"],
                    text_es=form.cleaned_data["text_es"],
                )
            except DiscussionError as exc:
                form.add_error(None, exc.message)
                status = 409
            else:
                messages.success(request, _("Point %(n)s saved.") % {"n": point.number})
                return redirect("discussion:point", request.committee.slug, point.pk)
    return render(
        request,
        "discussion/point_form.html",
        {"committee": request.committee, "access": request.access, "form": form, "point": point},
        status=status,
    )


@committee_view(_secretariat)
@require_POST
def point_move(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    try:
        services.move_point(
            point.pk,
            request.user,
            request.POST.get("direction", ""),
            _ids(request.POST.get("order")),
        )
    except DiscussionError as exc:
        messages.error(request, exc.message)
        return _index(request, status=409 if isinstance(exc, StaleError) else 400)
    return redirect("discussion:index", request.committee.slug)


@committee_view(_secretariat)
def allocations(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = AllocationForm(point, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.set_allocations(
                    point.pk,
                    request.user,
                    version=form.cleaned_data["version"],
                    values=form.seconds,
                )
            except DiscussionError as exc:
                form.add_error(None, exc.message)
                status = 409 if isinstance(exc, StaleError) else 400
            else:
                messages.success(request, _("Time allocated."))
                return redirect("discussion:point", request.committee.slug, point.pk)
    return render(
        request,
        "discussion/allocations.html",
        {"committee": request.committee, "access": request.access, "point": point, "form": form},
        status=status,
    )


# The console of one point -------------------------------------------------------------------


def _console(request: CommitteeRequest, point: Point, form=None, status=200) -> HttpResponse:
    t = tally(point)
    room = RoomState.objects.filter(committee=request.committee).first()
    access = request.access
    context = {
        "committee": request.committee,
        "access": access,
        "point": point,
        "tally": t,
        "current_slot": t.slot_for(t.current),
        "waiting_order": ",".join(str(s.pk) for s in t.waiting),
        "next_speaker": t.waiting[0] if t.waiting else None,
        "room": room,
        "room_elsewhere": room is not None and room.speaker_id and room.point_id != point.pk,
        "may_add": _may_add_speakers(access),
        "form": form
        or (SpeakerForm(request.committee, access) if _may_add_speakers(access) else None),
        "withdrawable": {
            s.pk for s in t.waiting if access.is_secretariat or access.coordinates(s.group_id)
        },
    }
    template = "discussion/point.html#console" if request.htmx else "discussion/point.html"
    return render(request, template, context, status=status)


@committee_view()
@require_GET
def point_detail(request: CommitteeRequest, pk: int) -> HttpResponse:
    return _console(request, _point(request, pk))


def _act(request: CommitteeRequest, point: Point, action: Callable[[], str]) -> HttpResponse:
    """Run a service; on success redirect (or re-render the console for htmx), else say why."""
    try:
        done = action()
    except DiscussionError as exc:
        messages.error(request, exc.message)
        return _console(request, point, status=409 if isinstance(exc, StaleError) else 400)
    if done:
        messages.success(request, done)
    if request.htmx:
        return _console(request, point)
    return redirect("discussion:point", request.committee.slug, point.pk)


@committee_view(_may_add_speakers)
@require_POST
def speaker_add(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    form = SpeakerForm(request.committee, request.access, request.POST)
    if not form.is_valid():
        messages.error(request, _("The speaker was not added: see the form."))
        return _console(request, point, form=form, status=400)
    group = form.cleaned_data["group"]
    if not _may_add_speaker_for(request.access, group.pk if group else None):
        raise PermissionDenied

    def add() -> str:
        speaker = services.add_speaker(
            point,
            request.user,
            label=form.cleaned_data["label"],
            group=group,
            country=form.cleaned_data["country"],
            regional_group=form.cleaned_data["regional_group"],
        )
        return _("%(speaker)s added to the speakers' list.") % {"speaker": speaker}

    return _act(request, point, add)


def _speaker(request: CommitteeRequest, pk: int) -> Speaker:
    return get_object_or_404(
        Speaker.objects.select_related("point__committee"),
        pk=pk,
        point__committee=request.committee,
    )


@committee_view(_secretariat)
@require_POST
def speaker_move(request: CommitteeRequest, pk: int) -> HttpResponse:
    speaker = _speaker(request, pk)

    def move() -> str:
        services.move_speaker(
            speaker.pk,
            request.user,
            request.POST.get("direction", ""),
            _ids(request.POST.get("order")),
        )
        return ""

    return _act(request, speaker.point, move)


@committee_view(_may_add_speakers)
@require_POST
def speaker_withdraw(request: CommitteeRequest, pk: int) -> HttpResponse:
    speaker = _speaker(request, pk)
    if not _may_add_speaker_for(request.access, speaker.group_id):
        raise PermissionDenied

    def withdraw() -> str:
        services.withdraw_speaker(speaker.pk, request.user)
        return _("%(speaker)s withdrawn from the speakers' list.") % {"speaker": speaker}

    return _act(request, speaker.point, withdraw)


@committee_view(_secretariat)
@require_POST
def call_next(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)

    def call() -> str:
        speaker = services.call_next(point.pk, request.user, _int(request.POST.get("expected")))
        return _("%(speaker)s has the floor.") % {"speaker": speaker}

    return _act(request, point, call)


@committee_view(_secretariat)
@require_POST
def open_point(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)

    def show() -> str:
        services.open_point(point.pk, request.user)
        return _("Point %(n)s is on the room screen.") % {"n": point.number}

    return _act(request, point, show)


def _clock_point(request: CommitteeRequest) -> Point:
    """The console the clock buttons were pressed on (where to answer)."""
    try:
        pk = _int(request.POST.get("point"))
    except DiscussionError as exc:
        raise Http404 from exc
    if pk is None:
        raise Http404
    return _point(request, pk)


@committee_view(_secretariat)
@require_POST
def clock_start(request: CommitteeRequest) -> HttpResponse:
    point = _clock_point(request)

    def start() -> str:
        services.start_clock(request.committee, request.user, _int(request.POST.get("speaker")))
        return ""

    return _act(request, point, start)


@committee_view(_secretariat)
@require_POST
def clock_stop(request: CommitteeRequest) -> HttpResponse:
    point = _clock_point(request)

    def stop() -> str:
        services.stop_clock(request.committee, request.user)
        return ""

    return _act(request, point, stop)


@committee_view(_secretariat)
@require_POST
def finish(request: CommitteeRequest) -> HttpResponse:
    point = _clock_point(request)

    def end() -> str:
        services.finish_speech(request.committee, request.user, _int(request.POST.get("speaker")))
        return _("The speech has ended.")

    return _act(request, point, end)


# Summary ------------------------------------------------------------------------------------


@committee_view()
@require_GET
def summary(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    return render(
        request,
        "discussion/summary.html",
        {
            "committee": request.committee,
            "access": request.access,
            "point": point,
            "tally": tally(point),
        },
    )


@committee_view(lambda a: a.can_export)
@require_GET
def summary_export(request: CommitteeRequest, pk: int) -> HttpResponse:
    point = _point(request, pk)
    response = HttpResponse(summary_docx(tally(point)), content_type=DOCX)
    filename = f"{request.committee.slug}-point-{point.number}-summary.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The room screen ----------------------------------------------------------------------------
#
# Every screen in the room polls the live part every second or two, so an unchanged poll must
# cost next to nothing. The page gives its poll URL a signed token ("?t=..."): the committee and
# the user it was issued to, for ROOM_TOKEN_MAX_AGE. A poll carrying it is checked without the
# session or the user tables: one query reads the committee (by the token's id and the URL's
# slug), whether the user is still an active member, and the room's state, and an unchanged
# state answers 304 there. A changed state is rendered only after the full access check, with
# a fresh token. A poll without a token, and the page itself, go through the login and the
# session as every page does.

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


def _panels_context(committee: Committee) -> dict:
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
        "next_speakers": t.waiting[:4] if t else [],
    }


def _panels_html(request: CommitteeRequest, etag: str) -> str:
    """What the room shows, rendered once per state version and language, whoever looks.

    When something changes, every open screen asks at once: hundreds of renders of the same
    thing. The key is the room's ETag (state token, version, language), read from the database,
    so a stale copy can never be served, and each app server process keeps its own.
    """
    key = f"room-panels:{request.committee.pk}:{etag}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "discussion/room.html#panels", _panels_context(request.committee), request=request
        )
        cache.set(key, html, ROOM_PANELS_CACHE_SECONDS)
    return mark_safe(html)  # our own rendering, escaped when it was rendered


def _room_context(request: CommitteeRequest, etag: str) -> dict:
    return {
        "committee": request.committee,
        "access": request.access,
        "etag": etag,
        "poll_url": _poll_url(request),
        "panels": _panels_html(request, etag),
        # The clocks count from the server's time now, not from when the panels were rendered.
        "server_now": timezone.now(),
    }


def _make_etag(token, version) -> str:
    return f'"{token or "none"}.{version or 0}.{get_language()}"'


def _room_etag(committee_id: int) -> str:
    """The room's state in one cheap query: its row's token and version, and the language."""
    state = RoomState.objects.filter(pk=committee_id).values_list("token", "version").first()
    return _make_etag(*(state or (None, None)))


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags or "*" in tags


def _room_page(request: CommitteeRequest) -> HttpResponse:
    etag = _room_etag(request.committee.pk)
    return render(request, "discussion/room.html", _room_context(request, etag))


@committee_view()
@require_GET
def room(request: CommitteeRequest) -> HttpResponse:
    return _room_page(request)


def _screen_response(request: CommitteeRequest, etag: str) -> HttpResponse:
    if _matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponseNotModified()
    else:
        response = render(request, "discussion/room.html#screen", _room_context(request, etag))
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


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

    Unchanged state answers 304 before anything is rendered. The state comes from the database,
    so any number of app server processes answer alike. Without htmx it is the full page.
    """
    token = request.GET.get("t")
    if token is not None and getattr(request, "htmx", False):
        return _room_screen_by_token(request, slug, token)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _room_screen_by_session(request, slug)
