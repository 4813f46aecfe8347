"""Responses a shared cache or the browser's back button must not keep."""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Every page is someone's private view of a committee (a Group's drafts, the console):
    marked no-store unless the view chose its own caching (the room screen's ETag polling)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
