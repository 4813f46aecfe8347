from __future__ import annotations

from committee import nav
from committee.models import Committee


def committee_nav(request) -> dict:
    """The committees the user belongs to, for the navigation (the current one is set by views),
    and the links the layers above the committee registered (committee.nav)."""
    access = getattr(request, "access", None)  # set by the committee's views
    links = {"committee_links": nav.links(access), "committee_link": nav.by_key(access)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_committees": [], **links}
    mine = Committee.objects.filter(memberships__user=user).distinct()
    return {"my_committees": mine, **links}
