"""The Chair's view page (read-only; the Chairperson, the Vice-Chairpersons, the secretariat).
htmx asks for its `chair` partial every few seconds, so it follows the sitting."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from committee import floor
from committee.http import CommitteeRequest, committee_view
from discussion.chair import chair_view


@committee_view(lambda a: a.can_follow_as_chair)
@require_GET
def chair(request: CommitteeRequest) -> HttpResponse:
    status = 200
    paragraph_id = request.GET.get("p") or None
    try:
        view = chair_view(request.committee, paragraph_id)
    except floor.FloorError:
        view, status = chair_view(request.committee), 404
    template = "discussion/chair.html"
    if request.htmx and not request.htmx.boosted:
        template += "#chair"
    context = {
        "committee": request.committee,
        "access": request.access,
        "view": view,
        "ahead": paragraph_id is not None and status == 200,
    }
    return render(request, template, context, status=status)
