"""Pages of the committee's set-up: the first start (superuser), then the secretariat's pages.

Thin views: a form checks the input's shape, committee.setup (or .composition) does the write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from committee import composition as comp
from committee import setup
from committee import setup_forms as forms
from committee.access import access_for
from committee.http import CommitteeRequest, committee_view
from committee.models import Committee, Composition, Group, Membership, RegionalGroup, Session

SECRETARIAT = lambda a: a.is_secretariat  # noqa: E731


def superuser_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _context(request: CommitteeRequest, **extra) -> dict:
    return {"committee": request.committee, "access": request.access, **extra}


# The first start (superuser) ------------------------------------------------------------------


@superuser_view
def start(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.prefetch_related("committees")
    return render(request, "committee/setup/start.html", {"sessions": sessions})


@superuser_view
def session_new(request: HttpRequest) -> HttpResponse:
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                setup.create_session(request.user, **form.cleaned_data)
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Session created."))
                return redirect("committee:setup")
        return render(request, "committee/setup/session_form.html", {"form": form}, status=400)
    return render(request, "committee/setup/session_form.html", {"form": form})


@superuser_view
def committee_new(request: HttpRequest) -> HttpResponse:
    form = forms.CommitteeCreateForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                committee, membership = setup.create_committee(request.user, **form.cleaned_data)
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Committee created."))
                if membership.user_id == request.user.pk:
                    return redirect("committee:setup_overview", committee.slug)
                return _invite_secretariat(request, committee, membership)
        return render(request, "committee/setup/committee_form.html", {"form": form}, status=400)
    return render(request, "committee/setup/committee_form.html", {"form": form})


def _invite_secretariat(request, committee: Committee, membership: Membership) -> HttpResponse:
    from committee.invitations import InvitationError, invite
    from committee.setup import Role

    # The superuser acts for the committee's secretariat just this once, to send the invitation.
    access = access_for(membership.user, committee)
    if Role.SECRETARIAT in access.roles and membership.user.password.startswith("!"):
        try:
            invite(access, request.user, membership, base_url=request.build_absolute_uri("/"))
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": membership.user.email},
            )
        except InvitationError as error:
            messages.error(request, error.message)
    return redirect("committee:setup")


# The secretariat's set-up pages ---------------------------------------------------------------


@committee_view(SECRETARIAT)
def overview(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    sizes = comp.sizes_in_force(committee)
    return render(
        request,
        "committee/setup/overview.html",
        _context(
            request,
            missing=setup.missing(committee),
            sizes=comp.counted_members(committee),
            weights=comp.ilc_weights(sizes),
            sentence=comp.voting_strength_sentence(sizes),
            groups=committee.groups.all(),
            regional_groups=committee.regional_groups.prefetch_related("countries"),
        ),
    )


@committee_view(SECRETARIAT)
def committee_settings(request: CommitteeRequest) -> HttpResponse:
    form = forms.CommitteeSettingsForm(request.POST or None, committee=request.committee)
    if request.method == "POST":
        if form.is_valid():
            setup.update_committee(request.access, request.user, **form.cleaned_data)
            messages.success(request, _("Committee saved."))
            return redirect("committee:setup_overview", request.committee.slug)
        return render(
            request, "committee/setup/settings.html", _context(request, form=form), status=400
        )
    return render(request, "committee/setup/settings.html", _context(request, form=form))


@committee_view(SECRETARIAT)
def groups(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    names = {g.kind: g.name for g in committee.groups.all()}
    form = forms.GroupNamesForm(request.POST or None, initial=names, prefix="groups")
    regional_form = forms.RegionalGroupForm(prefix="regional")
    status = 200
    if request.method == "POST":
        status = 400
        if "regional-name" in request.POST:
            form = forms.GroupNamesForm(initial=names, prefix="groups")
            regional_form = forms.RegionalGroupForm(request.POST, prefix="regional")
            if regional_form.is_valid():
                try:
                    setup.save_regional_group(
                        request.access,
                        None,
                        name=regional_form.cleaned_data["name"],
                        codes=regional_form.cleaned_data["countries"],
                    )
                except setup.SetupError as error:
                    regional_form.add_error("name", error.message)
                else:
                    messages.success(request, _("Regional group saved."))
                    return redirect("committee:setup_groups", committee.slug)
        elif form.is_valid():
            setup.rename_groups(request.access, form.cleaned_data)
            messages.success(request, _("Groups saved."))
            return redirect("committee:setup_groups", committee.slug)
    return render(
        request,
        "committee/setup/groups.html",
        _context(
            request,
            form=form,
            regional_form=regional_form,
            regional_groups=committee.regional_groups.prefetch_related("countries"),
            kinds=Group.Kind,
        ),
        status=status,
    )


@committee_view(SECRETARIAT)
def regional_group(request: CommitteeRequest, pk: int) -> HttpResponse:
    regional = get_object_or_404(RegionalGroup, committee=request.committee, pk=pk)
    initial = {
        "name": regional.name,
        "countries": ", ".join(regional.countries.values_list("code", flat=True)),
    }
    form = forms.RegionalGroupForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                setup.save_regional_group(
                    request.access,
                    regional,
                    name=form.cleaned_data["name"],
                    codes=form.cleaned_data["countries"],
                )
            except setup.SetupError as error:
                form.add_error("name", error.message)
            else:
                messages.success(request, _("Regional group saved."))
                return redirect("committee:setup_groups", request.committee.slug)
    return render(
        request,
        "committee/setup/regional_group.html",
        _context(request, form=form, regional=regional),
        status=status,
    )


@committee_view(SECRETARIAT)
def officers(request: CommitteeRequest) -> HttpResponse:
    form = forms.OfficersForm(request.POST or None, committee=request.committee)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                setup.appoint_officers(request.access, request.user, form.cleaned_data)
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Officers saved."))
                return redirect("committee:setup_overview", request.committee.slug)
    return render(
        request, "committee/setup/officers.html", _context(request, form=form), status=status
    )


@committee_view(SECRETARIAT)
def draft(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    form = forms.DraftForm(request.POST or None, initial={"symbol": f"{committee.acronym}/D.1"})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                created = setup.create_draft(request.access, request.user, **form.cleaned_data)
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Draft created: now import its text."))
                return redirect("drafting:import", created.pk)
    return render(
        request, "committee/setup/draft.html", _context(request, form=form), status=status
    )


# The composition and the weights ------------------------------------------------------------


@committee_view()
def composition(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    counted = comp.counted_members(committee)
    form = None
    status = 200
    if request.access.is_secretariat:
        form = forms.CompositionForm(
            request.POST or None,
            committee=committee,
            initial={k: counted[k] for k in comp.KINDS},
        )
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    comp.record_composition(request.access, request.user, **form.cleaned_data)
                except comp.CompositionError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Composition recorded."))
                    return redirect("committee:composition", committee.slug)
    elif request.method == "POST":
        raise PermissionDenied
    rows = [
        (c, comp.ilc_weights(c.sizes), comp.voting_strength_sentence(c.sizes))
        for c in Composition.objects.filter(committee=committee).select_related("created_by")
    ]
    in_force = comp.composition_in_force(committee)
    sizes = in_force.sizes if in_force else counted
    return render(
        request,
        "committee/setup/composition.html",
        _context(
            request,
            form=form,
            rows=rows,
            in_force=in_force,
            counted=counted,
            sizes=sizes,
            weights=comp.ilc_weights(sizes),
            sentence=comp.voting_strength_sentence(sizes),
            kinds=Group.Kind,
        ),
        status=status,
    )
