"""Typed requests and the decorator that loads a committee and the user's access to it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from committee.access import Access, access_for
from committee.models import Committee


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class CommitteeRequest(HtmxHttpRequest):
    committee: Committee
    access: Access


def committee_view(
    allowed: Callable[[Access], bool] = lambda a: a.can_read,
) -> Callable:
    """Load the committee named in the URL; refuse (403) users whose access does not allow."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            committee = get_object_or_404(Committee.objects.select_related("session"), slug=slug)
            access = access_for(request.user, committee)
            access.require(allowed(access))
            request.committee = committee  # type: ignore[attr-defined]
            request.access = access  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
