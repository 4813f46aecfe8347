"""Amendment pages: preparing, tabling, the receipt, the secretariat's actions, the compilation.

Thin views: every amendment a view touches is looked up through
`Amendment.objects.visible_to(access)` (another Group's draft is a 404, never a 403, so its
existence is not revealed), every write goes through committee.services.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from committee import compilation as comp
from committee import draft_services, forms, services
from committee import translation_services as tr
from committee.access import access_for
from committee.amendment_history import visible_history
from committee.http import CommitteeRequest, HtmxHttpRequest, committee_view
from committee.models import Amendment, AmendmentChange, Committee, Membership
from drafting.models import Paragraph, ParagraphTranslation
from drafting.outline import outline

Action = AmendmentChange.Action
Status = Amendment.Status


def _amendment(request: CommitteeRequest, pk: int) -> Amendment:
    return get_object_or_404(
        Amendment.objects.visible_to(request.access).select_related("group", "committee"),
        pk=pk,
    )


def _changes(amendment: Amendment) -> list[AmendmentChange]:
    return list(
        amendment.changes.filter(is_removed=False)
        .select_related("paragraph")
        .prefetch_related("subamendments")
    )


def _context(request: CommitteeRequest, **extra: Any) -> dict[str, Any]:
    return {"committee": request.committee, "access": request.access, **extra}


def _bad(request: CommitteeRequest, message: str, status: int = 400) -> HttpResponse:
    return render(
        request,
        "committee/amendments/problem.html",
        _context(request, message=message),
        status=status,
    )


# Lists and pages --------------------------------------------------------------------------


@committee_view()
def amendment_list(request: CommitteeRequest) -> HttpResponse:
    """The user's Group's amendments (drafts included) and, for the secretariat, late ones."""
    access = request.access
    visible = Amendment.objects.visible_to(access).select_related("group")
    own = (
        list(visible.filter(group_id__in=access.coordinated_group_ids).order_by("-updated_at"))
        if access.can_prepare_amendments
        else []
    )
    discarded = [a for a in own if a.is_discarded]
    own = [a for a in own if not a.is_discarded]
    late = list(visible.filter(status=Status.LATE)) if access.can_manage_amendments else []
    tabled = list(visible.tabled().order_by("number"))
    return render(
        request,
        "committee/amendments/list.html",
        _context(
            request,
            drafts=[a for a in own if not a.is_tabled],
            discarded=discarded,
            own_tabled=[a for a in own if a.is_tabled],
            late=late,
            tabled=tabled,
        ),
    )


@committee_view()
def amendment_detail(request: CommitteeRequest, pk: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    changes = _changes(amendment)
    rows = []
    for change in changes:
        base = change.base_text
        rows.append(
            {
                "change": change,
                "diff": comp.change_diff(change, base),
                "subamendments": [
                    (s, comp.diff(change.proposed_text, s.proposed_text))
                    for s in change.subamendments.all()
                ],
                "moved_on": change.paragraph.version != change.base_version,
            }
        )
    access = request.access
    languages = tr.translation_languages(request.committee)
    found = tr.states([amendment], languages, changes=changes).get(amendment.pk, {})
    return render(
        request,
        "committee/amendments/detail.html",
        _context(
            request,
            amendment=amendment,
            rows=rows,
            translations=[found[code] for code in languages],
            working_language=tr.language_name(tr.working_language(request.committee)),
            can_edit=access.may_edit_amendment(amendment),
            can_restore=amendment.is_discarded and access.coordinates(amendment.group_id),
            can_withdraw=access.may_withdraw_amendment(amendment),
            is_owner=access.coordinates(amendment.group_id),
            can_subamend=access.can_propose_subamendments and amendment.is_pending,
            deadline_passed=request.committee.deadline_passed(),
        ),
    )


@committee_view()
def amendment_receipt(request: CommitteeRequest, pk: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    if not amendment.is_tabled:
        raise Http404
    return render(
        request, "committee/amendments/receipt.html", _context(request, amendment=amendment)
    )


@committee_view()
def amendment_history(request: CommitteeRequest, pk: int) -> HttpResponse:
    """Who changed what and why; what others see is committee.amendment_history's rule."""
    amendment = _amendment(request, pk)
    records, changes = visible_history(request.access, amendment)
    return render(
        request,
        "committee/amendments/history.html",
        _context(
            request,
            amendment=amendment,
            records=records,
            change_records=changes,
        ),
    )


# Preparing --------------------------------------------------------------------------------


def _live_units(committee: Committee):
    if committee.draft_id is None:
        return []
    return outline(committee.draft)


def _preview(action: str, base: str, proposed: str) -> str:
    proposed = services.normalise(proposed)
    if action == Action.INSERT:
        return comp.diff("", proposed)
    if action == Action.DELETE:
        return comp.diff(base, "")
    return comp.diff(base, proposed)


def _change_page(
    request: CommitteeRequest,
    *,
    form,
    unit,
    base_text: str,
    action: str,
    amendment: Amendment | None = None,
    submitters_form=None,
    error: str = "",
    status: int = 200,
    change: AmendmentChange | None = None,
) -> HttpResponse:
    proposed = form["proposed_text"].value() or ""
    context = _context(
        request,
        form=form,
        unit=unit,
        base_text=base_text,
        action=action,
        amendment=amendment,
        change=change,
        submitters_form=submitters_form,
        preview=_preview(action, base_text, proposed),
        error=error,
    )
    template = "committee/amendments/change_form.html"
    if request.htmx and "preview" in request.POST:
        template += "#preview"
    return render(request, template, context, status=status)


@committee_view(lambda a: a.can_prepare_amendments)
def amendment_new(request: CommitteeRequest) -> HttpResponse:
    """Propose an amendment: without a paragraph, the text to choose from; with one, the editor."""
    committee = request.committee
    paragraph_id = request.POST.get("paragraph") or request.GET.get("paragraph")
    if not paragraph_id:
        return render(
            request,
            "committee/amendments/text.html",
            _context(request, units=_live_units(committee), target=None),
        )
    return _change_editor(request, paragraph_id, amendment=None)


@committee_view(lambda a: a.can_prepare_amendments)
def change_new(request: CommitteeRequest, pk: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    if not request.access.may_edit_amendment(amendment):
        return _bad(request, _("This amendment has been submitted; it can no longer be changed."))
    paragraph_id = request.POST.get("paragraph") or request.GET.get("paragraph")
    if not paragraph_id:
        return render(
            request,
            "committee/amendments/text.html",
            _context(request, units=_live_units(request.committee), target=amendment),
        )
    return _change_editor(request, paragraph_id, amendment=amendment)


def _change_editor(request: CommitteeRequest, paragraph_id, *, amendment) -> HttpResponse:
    committee, access = request.committee, request.access
    try:
        unit = services._unit(committee, paragraph_id)
    except services.UnknownParagraph as error:
        return _bad(request, error.message, status=404)
    except services.AmendmentError as error:
        return _bad(request, error.message)
    paragraph = unit.paragraph
    group = services.coordinated_group(access)
    requested = request.POST.get("action") or request.GET.get("action") or Action.REPLACE
    action = requested if requested in Action.values else Action.REPLACE
    initial = {
        "action": action,
        "paragraph": paragraph.pk,
        "base_version": paragraph.version,
        "insert_kind": request.GET.get("kind") or unit.kind,
        "proposed_text": paragraph.text if action == Action.REPLACE else "",
        "form_token": secrets.token_urlsafe(24),
    }
    submitters_form = None
    if request.method != "POST":
        form = forms.ChangeForm(initial=initial)
        if amendment is None:
            submitters_form = forms.SubmittersForm(
                committee=committee,
                group=group,
                access=access,
                initial=_default_submitters(request, group),
            )
        return _change_page(
            request,
            form=form,
            unit=unit,
            base_text=paragraph.text,
            action=action,
            amendment=amendment,
            submitters_form=submitters_form,
        )

    form = forms.ChangeForm(request.POST)
    if amendment is None:
        submitters_form = forms.SubmittersForm(
            request.POST, committee=committee, group=group, access=access
        )
    if "preview" in request.POST:
        return _change_page(
            request,
            form=form,
            unit=unit,
            base_text=paragraph.text,
            action=action,
            amendment=amendment,
            submitters_form=submitters_form,
        )
    valid = form.is_valid() and (submitters_form is None or submitters_form.is_valid())
    error = ""
    if valid:
        data = form.cleaned_data
        change = {
            "paragraph_id": paragraph.pk,
            "action": data["action"],
            "insert_kind": data.get("insert_kind") or "",
            "proposed_text": data.get("proposed_text") or "",
            "base_version": data["base_version"],
        }
        try:
            if amendment is None:
                created = services.create_amendment(
                    access,
                    request.user,
                    **change,
                    **submitters_form.submitter_kwargs(),
                    form_token=data.get("form_token") or "",
                )
                messages.success(request, _("Draft amendment saved. Only your Group can see it."))
                return redirect("committee:amendment", committee.slug, created.pk)
            services.add_change(
                access,
                request.user,
                amendment.pk,
                version=request.POST.get("version"),
                **change,
            )
            messages.success(request, _("Change added to the draft amendment."))
            return redirect("committee:amendment", committee.slug, amendment.pk)
        except services.AmendmentError as problem:
            error = problem.message
    return _change_page(
        request,
        form=form,
        unit=unit,
        base_text=paragraph.text,
        action=form.data.get("action", action),
        amendment=amendment,
        submitters_form=submitters_form,
        error=error,
        status=400,
    )


def _default_submitters(request: CommitteeRequest, group) -> dict:
    """A Government coordinator submits for their regional group, or else their country."""
    if group.kind != group.Kind.GOVERNMENT:
        return {}
    membership = (
        Membership.objects.filter(
            committee=request.committee,
            user=request.user,
            group=group,
            role=Membership.Role.COORDINATOR,
        )
        .select_related("regional_group", "country")
        .first()
    )
    if membership is None:
        return {}
    if membership.regional_group_id:
        return {"regional_group": membership.regional_group}
    if membership.country_id:
        return {"countries": [membership.country]}
    return {}


@committee_view(lambda a: a.can_prepare_amendments)
def change_edit(request: CommitteeRequest, pk: int, change: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    if not request.access.may_edit_amendment(amendment):
        return _bad(request, _("This amendment has been submitted; it can no longer be changed."))
    item = get_object_or_404(amendment.changes.select_related("paragraph"), pk=change)
    unit = next((u for u in _live_units(request.committee) if u.pk == item.paragraph_id), None)
    form = forms.EditChangeForm(request.POST or None, initial={"proposed_text": item.proposed_text})
    page = {
        "unit": unit,
        "base_text": item.base_text,
        "action": item.action,
        "amendment": amendment,
        "change": item,
    }
    if request.method == "POST" and "preview" not in request.POST:
        error = ""
        if form.is_valid():
            try:
                services.update_change(
                    request.access,
                    request.user,
                    amendment.pk,
                    item.pk,
                    version=request.POST.get("version"),
                    proposed_text=form.cleaned_data["proposed_text"],
                )
                messages.success(request, _("Change saved."))
                return redirect("committee:amendment", request.committee.slug, amendment.pk)
            except services.AmendmentError as problem:
                error = problem.message
        return _change_page(request, form=form, error=error, status=400, **page)
    return _change_page(request, form=form, **page)


@committee_view(lambda a: a.can_prepare_amendments)
@require_POST
def change_remove(request: CommitteeRequest, pk: int, change: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    try:
        services.remove_change(
            request.access,
            request.user,
            amendment.pk,
            change,
            version=request.POST.get("version"),
        )
        messages.success(request, _("Change removed from the draft."))
    except services.AmendmentError as problem:
        messages.error(request, problem.message)
    return redirect("committee:amendment", request.committee.slug, amendment.pk)


@committee_view(lambda a: a.can_prepare_amendments)
def amendment_edit(request: CommitteeRequest, pk: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    if not request.access.may_edit_amendment(amendment):
        return _bad(request, _("This amendment has been submitted; it can no longer be changed."))
    initial = {
        "countries": list(amendment.submitter_countries.all()),
        "regional_group": amendment.submitter_regional_group,
        "language": amendment.language,
        "explanatory_note": amendment.explanatory_note,
    }
    form = forms.SubmittersForm(
        request.POST or None,
        committee=request.committee,
        group=amendment.group,
        access=request.access,
        initial=initial,
    )
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_amendment(
                    request.access,
                    request.user,
                    amendment.pk,
                    version=request.POST.get("version"),
                    **form.submitter_kwargs(),
                )
                messages.success(request, _("Draft amendment saved."))
                return redirect("committee:amendment", request.committee.slug, amendment.pk)
            except services.AmendmentError as problem:
                error = problem.message
    return render(
        request,
        "committee/amendments/edit.html",
        _context(request, amendment=amendment, form=form, error=error),
        status=status,
    )


# Tabling and the actions after it ---------------------------------------------------------


@committee_view(lambda a: a.can_prepare_amendments)
@require_POST
def amendment_table(request: CommitteeRequest, pk: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    slug = request.committee.slug
    try:
        services.table_amendment(
            request.access, request.user, amendment.pk, version=request.POST.get("version")
        )
    except services.AlreadyTabled as done:
        messages.info(request, done.message)
        return redirect("committee:amendment_receipt", slug, amendment.pk)
    except services.AmendmentError as problem:
        messages.error(request, problem.message)
        return redirect("committee:amendment", slug, amendment.pk)
    messages.success(request, _("Amendment tabled."))
    return redirect("committee:amendment_receipt", slug, amendment.pk)


@dataclass(frozen=True)
class StatusAction:
    service: Any
    form: type
    title: Any
    button: Any
    secretariat: bool  # else: the submitting Group's coordinators
    to_receipt: bool = False


ACTIONS: dict[str, StatusAction] = {
    "discard": StatusAction(
        draft_services.discard_draft,
        forms.OptionalReasonForm,
        gettext_lazy("Discard the draft"),
        gettext_lazy("Discard"),
        secretariat=False,
    ),
    "restore": StatusAction(
        draft_services.restore_draft,
        forms.OptionalReasonForm,
        gettext_lazy("Take the draft back"),
        gettext_lazy("Take back"),
        secretariat=False,
    ),
    "withdraw": StatusAction(
        services.withdraw,
        forms.ReasonForm,
        gettext_lazy("Withdraw the amendment"),
        gettext_lazy("Withdraw"),
        secretariat=False,
    ),
    "submit-late": StatusAction(
        services.submit_late,
        forms.OptionalReasonForm,
        gettext_lazy("Submit to the secretariat after the deadline"),
        gettext_lazy("Submit late"),
        secretariat=False,
    ),
    "accept-late": StatusAction(
        services.accept_late,
        forms.OptionalReasonForm,
        gettext_lazy("Accept the amendment late"),
        gettext_lazy("Accept and number it"),
        secretariat=True,
        to_receipt=True,
    ),
    "decline-late": StatusAction(
        services.decline_late,
        forms.MessageForm,
        gettext_lazy("Decline the late amendment"),
        gettext_lazy("Decline"),
        secretariat=True,
    ),
    "inadmissible": StatusAction(
        services.mark_inadmissible,
        forms.ReasonForm,
        gettext_lazy("Mark the amendment inadmissible"),
        gettext_lazy("Mark inadmissible"),
        secretariat=True,
    ),
    "clarify": StatusAction(
        services.request_clarification,
        forms.MessageForm,
        gettext_lazy("Ask the Group to clarify"),
        gettext_lazy("Request clarification"),
        secretariat=True,
    ),
    "reinstate": StatusAction(
        services.reinstate,
        forms.ReasonForm,
        gettext_lazy("Reinstate as tabled"),
        gettext_lazy("Reinstate"),
        secretariat=True,
    ),
    "take-up": StatusAction(
        services.take_up,
        forms.TakeUpForm,
        gettext_lazy("Record that another member took it up"),
        pgettext_lazy("button", "Record"),
        secretariat=True,
    ),
    "second": StatusAction(
        services.record_seconding,
        forms.SecondForm,
        gettext_lazy("Record who seconded it"),
        pgettext_lazy("button", "Record"),
        secretariat=True,
    ),
}


@committee_view()
def amendment_action(request: CommitteeRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    access = request.access
    amendment = _amendment(request, pk)
    allowed = (
        access.can_manage_amendments if spec.secretariat else access.coordinates(amendment.group_id)
    )
    if not allowed:
        raise PermissionDenied
    form = spec.form(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                spec.service(
                    access,
                    request.user,
                    amendment.pk,
                    version=request.POST.get("version"),
                    **form.cleaned_data,
                )
                messages.success(request, _("Done: %(action)s.") % {"action": spec.title})
                name = "amendment_receipt" if spec.to_receipt else "amendment"
                return redirect(f"committee:{name}", request.committee.slug, amendment.pk)
            except services.AmendmentError as problem:
                error = problem.message
    return render(
        request,
        "committee/amendments/action.html",
        _context(request, amendment=amendment, form=form, spec=spec, error=error),
        status=status,
    )


@committee_view(lambda a: a.can_propose_subamendments)
def subamendment_new(request: CommitteeRequest, pk: int, change: int) -> HttpResponse:
    amendment = _amendment(request, pk)
    if not amendment.is_tabled:
        raise Http404
    item = get_object_or_404(amendment.changes.filter(is_removed=False), pk=change)
    group = None if request.access.is_secretariat else services.coordinated_group(request.access)
    form = forms.SubamendmentForm(
        request.POST or None,
        access=request.access,
        group=group,
        initial={"proposed_text": item.proposed_text},
    )
    error, status = "", 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.add_subamendment(
                    request.access, request.user, item.pk, **form.cleaned_data
                )
                messages.success(request, _("Subamendment recorded."))
                return redirect("committee:amendment", request.committee.slug, amendment.pk)
            except services.AmendmentError as problem:
                error = problem.message
    proposed = form["proposed_text"].value() or ""
    return render(
        request,
        "committee/amendments/subamendment_form.html",
        _context(
            request,
            amendment=amendment,
            change=item,
            form=form,
            error=error,
            preview=comp.diff(item.proposed_text, services.normalise(proposed)),
        ),
        status=status,
    )


@committee_view(lambda a: a.can_manage_amendments)
def deadline(request: CommitteeRequest) -> HttpResponse:
    form = forms.DeadlineForm(request.POST or None, committee=request.committee)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            services.set_deadline(request.access, request.user, form.cleaned_data["deadline"])
            messages.success(request, _("Deadline saved."))
            return redirect("committee:amendments", request.committee.slug)
    return render(
        request, "committee/amendments/deadline.html", _context(request, form=form), status=status
    )


# The compilation --------------------------------------------------------------------------


@committee_view()
def compilation(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    working = tr.working_language(committee)
    languages = [working, *tr.translation_languages(committee)]
    language = request.GET.get("language") or working
    if language not in languages:
        return _bad(
            request,
            _("Unknown language %(language)s: choose one of %(choices)s.")
            % {"language": language, "choices": ", ".join(languages)},
        )
    amendments = comp.tabled_amendments(request.access, request.GET)
    result = comp.localise(committee, comp.build(committee, amendments, request.GET), language)
    counts = (
        Amendment.objects.visible_to(request.access)
        .tabled()
        .values("status")
        .annotate(n=Count("pk"))
    )
    template = "committee/amendments/compilation.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        _context(
            request,
            compilation=result,
            groups=committee.groups.all(),
            statuses=[(s.value, s.label) for s in Status if s not in Amendment.UNTABLED],
            units=_live_units(committee),
            params=request.GET,
            status_counts={row["status"]: row["n"] for row in counts},
            languages=[(code, tr.language_name(code)) for code in languages],
            language=language,
            language_label=tr.language_name(language),
            working_label=tr.language_name(working),
        ),
    )


# Translations of amendments (committee.translation_services) ------------------------------


@committee_view(lambda a: a.can_translate)
def translation_queue(request: CommitteeRequest) -> HttpResponse:
    """Amendments awaiting translation, per language, with counts (the secretariat's)."""
    return render(
        request,
        "committee/amendments/translation_queue.html",
        _context(request, queues=tr.awaiting(request.access)),
    )


@committee_view(lambda a: a.can_translate)
def amendment_translate(request: CommitteeRequest, pk: int, language: str) -> HttpResponse:
    """The amendment's words (and note) in one language: version-checked, all or nothing."""
    amendment = _amendment(request, pk)
    try:
        language = tr.check_language(request.committee, language)
    except services.AmendmentError as problem:
        return _bad(request, problem.message, status=404)
    changes = _changes(amendment)
    state = tr.states([amendment], [language], changes=changes)[amendment.pk][language]
    units = {u.pk: u for u in _live_units(request.committee)}
    unit_texts = {
        t.paragraph_id: t
        for t in ParagraphTranslation.objects.filter(
            paragraph_id__in={c.paragraph_id for c in changes}, language=language
        )
    }
    posted = request.POST if request.method == "POST" else None
    error, conflict, status = "", {}, 200
    if posted is not None:
        texts = {
            str(c.change.pk): posted.get(f"text-{c.change.pk}", "")
            for c in state.changes
            if c.needs_words
        }
        versions = {key: posted.get(f"version-{key}") for key in texts}
        note = posted.get("note") if state.note_needed else None
        try:
            tr.save_translation(
                request.access,
                request.user,
                amendment.pk,
                language,
                texts=texts,
                versions=versions,
                note=note,
                note_version=posted.get("note_version"),
                reason=posted.get("reason", ""),
            )
        except tr.StaleTranslation as stale:
            error, conflict, status = stale.message, stale.current, 409
        except services.AmendmentError as problem:
            error, status = problem.message, 400
        else:
            messages.success(
                request,
                _("%(amendment)s saved in %(language)s.")
                % {"amendment": amendment, "language": tr.language_name(language)},
            )
            url = reverse("committee:amendment", args=[request.committee.slug, amendment.pk])
            return redirect(f"{url}#translations")
    rows = []
    for item in state.changes:
        if not item.needs_words:
            continue
        key = str(item.change.pk)
        saved_now = conflict.get(f"change {key}")
        unit_row = unit_texts.get(item.change.paragraph_id)
        unit = units.get(item.change.paragraph_id)
        current_unit = (
            unit_row is not None
            and unit is not None
            and unit_row.text.strip()
            and not unit_row.needs_update
            and unit_row.source_version == unit.paragraph.version
        )
        rows.append(
            {
                "item": item,
                "diff": comp.change_diff(item.change, item.change.base_text),
                "unit_text": unit_row.text if unit_row is not None else "",
                "unit_current": bool(current_unit),
                "value": posted.get(f"text-{key}", "") if posted is not None else item.text,
                "version": saved_now[1] if saved_now else item.version,
                "saved_now": saved_now,
            }
        )
    note_now = conflict.get("note")
    return render(
        request,
        "committee/amendments/translate.html",
        _context(
            request,
            amendment=amendment,
            language=language,
            language_label=tr.language_name(language),
            working_label=tr.language_name(tr.working_language(request.committee)),
            state=state,
            rows=rows,
            note_value=posted.get("note", "") if posted is not None else state.note,
            note_version=note_now[1] if note_now else state.note_version,
            note_now=note_now,
            reason=posted.get("reason", "") if posted is not None else "",
            error=error,
            conflict=bool(conflict),
        ),
        status=status,
    )


# Links from the draft page (drafting knows no committee) ----------------------------------


def _committee_for_paragraph(request: HtmxHttpRequest, paragraph_id: int, allowed) -> Committee:
    paragraph = get_object_or_404(Paragraph, pk=paragraph_id)
    for committee in Committee.objects.filter(draft_id=paragraph.draft_id):
        if allowed(access_for(request.user, committee)):
            return committee
    raise PermissionDenied


def propose(request: HtmxHttpRequest, paragraph_id: int) -> HttpResponse:
    committee = _committee_for_paragraph(request, paragraph_id, lambda a: a.can_prepare_amendments)
    query = request.GET.copy()
    query["paragraph"] = str(paragraph_id)
    url = reverse("committee:amendment_new", args=[committee.slug])
    return redirect(f"{url}?{query.urlencode()}")


def paragraph_amendments(request: HtmxHttpRequest, paragraph_id: int) -> HttpResponse:
    committee = _committee_for_paragraph(request, paragraph_id, lambda a: a.can_read)
    url = reverse("committee:compilation", args=[committee.slug])
    return redirect(f"{url}?paragraph={paragraph_id}")
