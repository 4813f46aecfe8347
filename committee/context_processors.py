from __future__ import annotations

from committee.models import Committee


def committee_nav(request) -> dict:
    """The committees the user belongs to, for the navigation; the current one is set by views."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_committees": []}
    return {"my_committees": Committee.objects.filter(memberships__user=user).distinct()}
