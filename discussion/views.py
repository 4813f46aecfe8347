"""Thin views: load, check the role, call a service, render the page or its partial."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import Access
from committee.http import CommitteeRequest, committee_view
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
