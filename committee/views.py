from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from committee.http import CommitteeRequest, HtmxHttpRequest, committee_view
from committee.models import Committee, Membership


def home(request: HtmxHttpRequest) -> HttpResponse:
    committees = list(Committee.objects.filter(memberships__user=request.user).distinct())
    if len(committees) == 1 and not request.user.is_superuser:
        return redirect("committee:detail", slug=committees[0].slug)
    if request.user.is_superuser:
        committees = list(Committee.objects.all())
    return render(request, "committee/home.html", {"committees": committees})


@committee_view()
def committee_detail(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    groups = committee.groups.annotate(
        size=Count("memberships__user", distinct=True, filter=Q(memberships__is_active=True))
    )
    officers = (
        Membership.objects.filter(committee=committee)
        .exclude(officer="")
        .select_related("user", "group", "country")
    )
    regional = committee.regional_groups.prefetch_related("countries")
    return render(
        request,
        "committee/detail.html",
        {
            "committee": committee,
            "access": request.access,
            "groups": groups,
            "officers": officers,
            "regional_groups": regional,
        },
    )
