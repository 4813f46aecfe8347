"""The committee's members: the list, one by one, the import with its preview, invitations.

The secretariat manages every member; a Group coordinator sees the members of their Group.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from committee import invitations, members_file, members_import, setup
from committee import setup_forms as forms
from committee.http import CommitteeRequest, committee_view
from committee.models import Membership

SECRETARIAT = lambda a: a.is_secretariat  # noqa: E731


def _context(request: CommitteeRequest, **extra) -> dict:
    return {"committee": request.committee, "access": request.access, **extra}


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@committee_view(lambda a: a.is_secretariat or a.is_coordinator)
def member_list(request: CommitteeRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(committee=request.committee)
        .select_related("user", "group", "country", "regional_group")
        .prefetch_related("invitations")
        .order_by("-is_active", "role", "group__kind", "user__last_name", "user__username")
    )
    if not request.access.is_secretariat:
        memberships = memberships.filter(group_id__in=request.access.coordinated_group_ids)
    return render(
        request,
        "committee/members.html",
        _context(
            request,
            memberships=memberships,
            uninvited=invitations.not_yet_invited(request.committee).count()
            if request.access.is_secretariat
            else 0,
            invite_form=forms.ConfirmForm(),
        ),
    )


@committee_view(SECRETARIAT)
def member_new(request: CommitteeRequest) -> HttpResponse:
    form = forms.MemberForm(request.POST or None, committee=request.committee)
    if request.method == "POST":
        if form.is_valid():
            row = members_import.Row(line=1, cells=form.cells())
            try:
                membership = setup.save_member_row(request.access, request.user, row)
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("%(name)s added.") % {"name": membership.user.get_full_name()}
                )
                return redirect("committee:members", request.committee.slug)
        return render(
            request, "committee/setup/member_form.html", _context(request, form=form), status=400
        )
    return render(request, "committee/setup/member_form.html", _context(request, form=form))


def _membership(request: CommitteeRequest, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "group", "country", "regional_group"),
        committee=request.committee,
        pk=pk,
    )


@committee_view(SECRETARIAT)
def member_edit(request: CommitteeRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    # The secretariat, clerks and observers have no Group: only (de)activated here.
    form = None
    if membership.role in (Membership.Role.MEMBER, Membership.Role.COORDINATOR):
        form = forms.MemberForm(
            request.POST or None, committee=request.committee, membership=membership
        )
    status = 200
    if request.method == "POST" and form is None:
        status = 400
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            row = members_import.Row(line=1, cells=form.cells(), existing=membership)
            try:
                setup.save_member_row(
                    request.access, request.user, row, state=form.cleaned_data["state"]
                )
            except setup.SetupError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Member saved."))
                return redirect("committee:members", request.committee.slug)
    active_form = forms.ActiveForm(
        initial={
            "active": "0" if membership.is_active else "1",
            "state": setup.member_state(membership),
        }
    )
    return render(
        request,
        "committee/setup/member_form.html",
        _context(request, form=form, membership=membership, active_form=active_form),
        status=status,
    )


@committee_view(SECRETARIAT)
def member_active(request: CommitteeRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    if request.method != "POST":
        return redirect("committee:member_edit", request.committee.slug, membership.pk)
    form = forms.ActiveForm(request.POST)
    if form.is_valid():
        try:
            setup.set_active(
                request.access,
                request.user,
                membership.pk,
                active=form.cleaned_data["active"],
                reason=form.cleaned_data["reason"],
                state=form.cleaned_data["state"],
            )
        except setup.SetupError as error:
            messages.error(request, error.message)
        else:
            done = _("reactivated") if form.cleaned_data["active"] else _("deactivated")
            messages.success(
                request,
                _("%(name)s %(done)s.") % {"name": membership.user.get_full_name(), "done": done},
            )
            return redirect("committee:members", request.committee.slug)
    else:
        messages.error(request, _("Give a reason."))
    return redirect("committee:member_edit", request.committee.slug, membership.pk)


@committee_view(lambda a: a.is_secretariat or a.is_coordinator)
def member_history(request: CommitteeRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    if not request.access.is_secretariat and not request.access.coordinates(membership.group_id):
        raise PermissionDenied
    records = list(
        membership.history.select_related("history_user", "group", "country", "regional_group")
    )
    return render(
        request,
        "committee/setup/member_history.html",
        _context(request, membership=membership, records=records),
    )


@committee_view(SECRETARIAT)
def member_invite(request: CommitteeRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    if request.method != "POST":
        return redirect("committee:member_edit", request.committee.slug, membership.pk)
    if forms.ConfirmForm(request.POST).is_valid():
        try:
            invitations.invite(
                request.access, request.user, membership, base_url=_base_url(request)
            )
        except invitations.InvitationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": membership.user.email},
            )
    return redirect("committee:members", request.committee.slug)


@committee_view(SECRETARIAT)
def members_invite(request: CommitteeRequest) -> HttpResponse:
    if request.method == "POST" and forms.ConfirmForm(request.POST).is_valid():
        sent, failed = invitations.invite_all(
            request.access, request.user, base_url=_base_url(request)
        )
        messages.success(request, _("%(n)s invitations sent.") % {"n": sent})
        for message in failed:
            messages.error(request, message)
    return redirect("committee:members", request.committee.slug)


@committee_view(SECRETARIAT)
def members_import_view(request: CommitteeRequest) -> HttpResponse:
    """Upload: the preview, every row checked, nothing saved. Confirm: save all, or nothing."""
    committee = request.committee
    if request.method == "POST" and "payload" in request.POST:
        confirm = forms.ImportConfirmForm(request.POST)
        raw = (
            members_file.unsign(committee, request.POST["payload"]) if confirm.is_valid() else None
        )
        if raw is None:
            messages.error(
                request, _("The preview has expired or was altered: upload the file again.")
            )
            return redirect("committee:members_import", committee.slug)
        result, rows = members_import.apply(request.access, request.user, raw)
        if result is None:
            return _preview(request, forms.ImportForm(), rows, raw, status=409)
        messages.success(
            request,
            _("%(added)s members added, %(changed)s changed, %(unchanged)s unchanged.")
            % {"added": result.added, "changed": result.changed, "unchanged": result.unchanged},
        )
        return redirect("committee:members", committee.slug)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                raw = members_file.read_table(form.cleaned_data["file"])
            except members_file.ImportFileError as error:
                form.add_error("file", error.message)
            else:
                rows = members_import.check(committee, raw)
                return _preview(request, form, rows, raw)
        return render(
            request, "committee/setup/import.html", _context(request, form=form), status=400
        )
    return render(request, "committee/setup/import.html", _context(request, form=form))


def _preview(request, form, rows, raw, status: int = 200) -> HttpResponse:
    errors = sum(1 for r in rows if r.errors)
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("new", "changed", "unchanged")}
    return render(
        request,
        "committee/setup/import.html",
        _context(
            request,
            form=form,
            rows=rows,
            errors=errors,
            counts=counts,
            payload=members_file.sign(request.committee, raw) if not errors else "",
        ),
        status=status if not errors or status != 200 else 400,
    )
