"""The floor's pages: the sitting console (secretariat), the stages, the comparison of two
stages and the record (every committee role). Thin: check the role, call committee.floor or
committee.stages, render the page (or, for htmx, its `console` partial)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee import floor, record, stages
from committee.composition import ilc_weights, report_paragraph, voting_strength_sentence
from committee.http import CommitteeRequest, committee_view
from committee.models import Decision, Group, Stage

Outcome = Decision.Outcome


def _secretariat(a) -> bool:
    return a.can_run_floor


def _console_url(request: CommitteeRequest, paragraph_id=None) -> str:
    url = reverse("committee:floor", args=[request.committee.slug])
    return f"{url}?p={paragraph_id}" if paragraph_id not in (None, "") else url


def _vote_table(sizes: dict, values=None) -> str:
    """The vote table of a decision form: empty, or with the figures a refused form held."""
    values = values or {}
    # The composition in force and its weights (committee.composition).
    weights = ilc_weights(sizes) or {}
    rows = [
        (k.value, k.label, sizes.get(k.value, 0), weights.get(k.value, "—"))
        + tuple(values.get(f"vote_{k.value}_{key}", "") for key in floor.VOTE_KEYS)
        + (values.get(f"weight_{k.value}", ""),)
        for k in Group.Kind
    ]
    return render_to_string(
        "committee/floor/console.html#vote_table",
        {
            "vote_groups": rows,
            "vote_open": any(any(row[4:]) for row in rows),
            "vote_sentence": voting_strength_sentence(sizes),
            "weights_reason": values.get("weights_reason", ""),
        },
    )


def _render_console(
    request: CommitteeRequest,
    paragraph_id=None,
    *,
    error: str = "",
    status: int = 200,
    posted=None,
    focus: str = "",
) -> HttpResponse:
    """The console; `posted`: a refused decision form, shown again with everything typed."""
    try:
        view = floor.console(request.committee, paragraph_id)
    except floor.FloorError as exc:
        view, error, status = floor.console(request.committee), exc.message, 404
    outcomes = [(o.value, o.label) for o in Outcome if o.value in floor.AMENDMENT_OUTCOMES]
    sizes = floor.group_sizes(request.committee)
    context = {
        "committee": request.committee,
        "access": request.access,
        "view": view,
        "error": error,
        # An open amendment gets every outcome but "taken up"; a withdrawn one only that.
        "open_outcomes": [(v, label) for v, label in outcomes if v != Outcome.TAKEN_UP],
        "reopen_outcomes": [(v, label) for v, label in outcomes if v == Outcome.TAKEN_UP],
        # The same for every amendment on the page: rendered once, not once per amendment.
        "vote_table": _vote_table(sizes),
        "posted": posted or {},
        # Where the secretary was (htmx): the next amendment after it comes into focus.
        "focus": focus or (f"entry-{_posted_pk(posted)}" if _posted_pk(posted) else ""),
        "posted_pk": _posted_pk(posted),
        "posted_vote_table": _vote_table(sizes, posted) if posted else "",
    }
    template = "committee/floor/console.html"
    if request.htmx and not request.htmx.boosted:
        template += "#console"
    return render(request, template, context, status=status)


@committee_view(_secretariat)
@require_GET
def console(request: CommitteeRequest) -> HttpResponse:
    return _render_console(request, request.GET.get("p"))


def _after(request: CommitteeRequest, paragraph_id, message: str, anchor: str = "") -> HttpResponse:
    """Back to the console; `anchor`: where the secretary was, so the page does not jump."""
    if request.htmx:
        messages.success(request, message)
        return _render_console(request, paragraph_id, focus=anchor)
    messages.success(request, message)
    return redirect(_console_url(request, paragraph_id) + (f"#{anchor}" if anchor else ""))


def _posted_pk(posted) -> int | None:
    try:
        return int(posted.get("amendment")) if posted else None
    except (TypeError, ValueError):
        return None


def _refused(
    request: CommitteeRequest, paragraph_id, exc: floor.FloorError, *, keep: bool = False
) -> HttpResponse:
    """A refused write shows the console as it now is; a decision form keeps what was typed."""
    status = 409 if isinstance(exc, floor.StaleConsole) else 400
    posted = request.POST if keep else None
    return _render_console(request, paragraph_id, error=exc.message, status=status, posted=posted)


def _votes(post) -> dict:
    votes: dict = {
        kind: {key: post.get(f"vote_{kind}_{key}", "") for key in floor.VOTE_KEYS}
        for kind in floor.GROUP_KINDS
    }
    # The secretariat may correct the weights for this vote, with a reason.
    votes["weights"] = {kind: post.get(f"weight_{kind}", "") for kind in floor.GROUP_KINDS}
    votes["weights_reason"] = post.get("weights_reason", "")
    return votes


@committee_view(_secretariat)
@require_POST
def decide(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    paragraph_id = post.get("paragraph")
    try:
        decision = floor.decide(
            request.access,
            request.user,
            post.get("amendment"),
            outcome=post.get("outcome", ""),
            paragraph_id=paragraph_id,
            state=post.get("state", ""),
            text_version=post.get("text_version", ""),
            subamendment_text=post.get("subamendment_text", ""),
            change_id=post.get("change") or None,
            subamended_by=post.get("subamended_by", ""),
            taken_up_by=post.get("taken_up_by", ""),
            votes=_votes(post),
            note=post.get("note", ""),
        )
    except floor.FloorError as exc:
        return _refused(request, paragraph_id, exc, keep=True)
    taken_with = decision.identical.select_related("amendment", "identical_to__amendment")
    message = " ".join(floor.describe(d) for d in [decision, *taken_with])
    return _after(request, decision.paragraph_id, message, anchor=f"entry-{decision.amendment_id}")


@committee_view(_secretariat)
@require_POST
def declare(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    paragraph_id = post.get("paragraph")
    try:
        decision = floor.declare_paragraph(
            request.access,
            request.user,
            paragraph_id,
            state=post.get("state", ""),
            text_version=post.get("text_version", ""),
            note=post.get("note", ""),
        )
    except floor.FloorError as exc:
        return _refused(request, paragraph_id, exc)
    return _after(request, paragraph_id, floor.describe(decision))


@committee_view(_secretariat)
@require_POST
def undo(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    paragraph_id = post.get("paragraph")
    try:
        decision = floor.undo_last(
            request.access,
            request.user,
            decision_id=post.get("decision"),
            state=post.get("state", ""),
            reason=post.get("reason", ""),
        )
    except floor.FloorError as exc:
        return _refused(request, paragraph_id, exc)
    return _after(
        request,
        decision.paragraph_id,
        _("Undone: %(what)s") % {"what": floor.describe(decision)},
        anchor=f"entry-{decision.amendment_id}" if decision.amendment_id else "floor-paragraph",
    )


@committee_view(_secretariat)
@require_POST
def show(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    paragraph_id = post.get("paragraph")
    try:
        floor.show_on_floor(
            request.access,
            request.user,
            paragraph_id=paragraph_id if post.get("clear") != "1" else None,
            amendment_id=post.get("amendment") or None,
        )
    except floor.FloorError as exc:
        return _refused(request, paragraph_id, exc)
    if post.get("clear") == "1":
        return _after(request, paragraph_id, _("The room screen shows the discussion again."))
    shown = post.get("amendment")
    return _after(
        request,
        paragraph_id,
        _("Shown on the room screen."),
        anchor=f"entry-{shown}" if str(shown or "").isdigit() else "floor-paragraph",
    )


@committee_view(_secretariat)
@require_POST
def order(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    paragraph_id = post.get("paragraph")
    try:
        expected = [floor._int(v) for v in post.get("order", "").split(",") if v.strip()]
        floor.move_in_order(
            request.access,
            request.user,
            paragraph_id,
            post.get("amendment"),
            post.get("direction", ""),
            expected=expected if "order" in post else None,
        )
    except floor.FloorError as exc:
        return _refused(request, paragraph_id, exc)
    moved = post.get("amendment")
    anchor = f"entry-{moved}" if str(moved or "").isdigit() else ""
    return _after(request, paragraph_id, _("Order of discussion changed."), anchor=anchor)


# Stages ------------------------------------------------------------------------------------


def _stages_page(request: CommitteeRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    committee = request.committee
    stage = stages.current_stage(committee)
    target = stages.next_stage(stage)
    back = stages.previous_stage(stage)
    return render(
        request,
        "committee/floor/stages.html",
        {
            "committee": committee,
            "access": request.access,
            "stage": stage,
            "stage_label": stages.stage_label(stage),
            "all_stages": [(s.value, s.label) for s in stages.ORDER],
            "next_stage": target,
            "next_label": stages.ADVANCE_LABELS.get(target, "") if target else "",
            "previous_label": stages.stage_label(back) if back else "",
            "may_advance": target is not None and stages.may_advance(request.access, stage),
            "may_reopen": stages.may_reopen(request.access, stage),
            "transitions": committee.stage_transitions.select_related("user", "snapshot"),
            "versions": stages.version_choices(committee),
            "error": error,
            "final": stage == Stage.ADOPTED_BY_CONFERENCE,
        },
        status=status,
    )


@committee_view()
@require_GET
def stage_list(request: CommitteeRequest) -> HttpResponse:
    return _stages_page(request)


@committee_view(lambda a: a.is_secretariat or a.is_clerk)
@require_POST
def stage_advance(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    try:
        transition = stages.advance(
            request.access,
            request.user,
            from_stage=post.get("from_stage", ""),
            confirm=post.get("confirm") == "1",
            reason=post.get("reason", ""),
            date=post.get("date", ""),
        )
    except stages.StageError as exc:
        return _stages_page(request, error=exc.message, status=400)
    messages.success(
        request,
        _("The text is now at the stage “%(stage)s”.")
        % {"stage": transition.get_to_stage_display()},
    )
    return redirect("committee:stages", request.committee.slug)


@committee_view(_secretariat)
@require_POST
def stage_reopen(request: CommitteeRequest) -> HttpResponse:
    post = request.POST
    try:
        transition = stages.reopen(
            request.access,
            request.user,
            from_stage=post.get("from_stage", ""),
            reason=post.get("reason", ""),
        )
    except stages.StageError as exc:
        return _stages_page(request, error=exc.message, status=400)
    messages.success(
        request,
        _("Reopened: the text is back at the stage “%(stage)s”.")
        % {"stage": transition.get_to_stage_display()},
    )
    return redirect("committee:stages", request.committee.slug)


@committee_view()
@require_GET
def stage_compare(request: CommitteeRequest) -> HttpResponse:
    committee = request.committee
    versions = stages.version_choices(committee)
    old = request.GET.get("from") or versions[0][0]
    new = request.GET.get("to") or "current"
    context = {
        "committee": committee,
        "access": request.access,
        "versions": versions,
        "old": old,
        "new": new,
        "rows": None,
        "error": "",
    }
    try:
        rows, old_label, new_label = stages.compare(committee, old, new)
    except stages.StageError as exc:
        context["error"] = exc.message
        return render(request, "committee/floor/compare.html", context, status=400)
    context.update(rows=rows, old_label=old_label, new_label=new_label)
    return render(request, "committee/floor/compare.html", context)


# The record --------------------------------------------------------------------------------


@committee_view(lambda a: a.can_read_record)
@require_GET
def record_page(request: CommitteeRequest) -> HttpResponse:
    return render(
        request,
        "committee/floor/record.html",
        {
            "committee": request.committee,
            "access": request.access,
            "record": record.build(request.committee),
            "composition": report_paragraph(request.committee),
        },
    )
