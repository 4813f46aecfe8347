"""The draft page, its in-place editor, structure actions, history, comparison and import.

Views are thin: they check access (drafting.access), call a service, and render a page or one
of its partials (`drafting/draft.html#unit`, `#editor`) for htmx. Everything works as plain
links and forms without JavaScript.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from drafting import access, inputs, services
from drafting.compare import redline, rows_as_of, summary
from drafting.forms import ImportForm, InsertForm
from drafting.history import Kind as HistoryKind
from drafting.history import recording
from drafting.importer import docx_to_text, parse
from drafting.models import Draft, Paragraph
from drafting.outline import Unit, outline
from drafting.textdiff import diff_html, merge3

Kind = Paragraph.Kind
logger = logging.getLogger(__name__)

# The kind a new unit placed inside another usually has.
CHILD_KIND = {
    Kind.SECTION: Kind.PARAGRAPH,
    Kind.PART: Kind.PARAGRAPH,
    Kind.PARAGRAPH: Kind.CLAUSE,
    Kind.CLAUSE: Kind.SUBCLAUSE,
}


class DraftRequest(HttpRequest):
    htmx: HtmxDetails
    draft: Draft
    can_edit: bool


def draft_view(*, edit: bool = False, structure: bool = False) -> Callable:
    """Load the draft named in the URL; 403 unless the user may view it (and edit, if asked).

    `structure`: the action changes the structure or restores versions, allowed only while the
    text may be edited freely (the policy's edit mode; see drafting.access.edit_mode).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, draft_id: int, *args, **kwargs) -> HttpResponse:
            draft = get_object_or_404(Draft, pk=draft_id)
            if not access.can_view(request.user, draft):
                raise PermissionDenied
            can_edit = access.can_edit(request.user, draft)
            if edit and not can_edit:
                raise PermissionDenied
            if structure and access.edit_mode(request.user, draft) != access.FREE:
                raise PermissionDenied
            request.draft = draft  # type: ignore[attr-defined]
            request.can_edit = can_edit  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _context(request: DraftRequest, **extra) -> dict:
    draft = request.draft
    context = access.page_context(request.user, draft)
    context.update(
        draft=draft,
        can_edit=request.can_edit,
        can_export=access.can_export(request.user, draft),
        paragraph_actions=_actions_template(request.user, draft),
        show_deleted=request.GET.get("deleted") == "1",
    )
    context.update(extra)
    return context


def _actions_template(user, draft: Draft) -> str | None:
    """The policy's per-unit actions template; a missing one is logged, not a broken page."""
    name = access.paragraph_actions(user, draft)
    if not name:
        return None
    try:
        get_template(name)
    except TemplateDoesNotExist:
        logger.warning("Paragraph actions template %s does not exist", name)
        return None
    return name


def _unit(draft: Draft, pk: int) -> Unit:
    get_object_or_404(Paragraph, pk=pk, draft=draft)
    return next(u for u in outline(draft, include_deleted=True) if u.pk == pk)


def _draft_url(draft: Draft, pk: int | None = None, *, deleted: bool = False) -> str:
    url = reverse("drafting:draft", args=[draft.pk])
    if deleted:
        url += "?deleted=1"
    return f"{url}#p-{pk}" if pk else url


# ---------------------------------------------------------------------------- the text


@draft_view()
def draft_detail(request: DraftRequest) -> HttpResponse:
    show_deleted = request.GET.get("deleted") == "1"
    units = outline(request.draft, include_deleted=show_deleted)
    return render(request, "drafting/draft.html", _context(request, units=units))


@draft_view()
def unit_fragment(request: DraftRequest, pk: int) -> HttpResponse:
    unit = _unit(request.draft, pk)
    if not request.htmx:
        return redirect(_draft_url(request.draft, pk, deleted=unit.deleted))
    return render(request, "drafting/draft.html#unit", _context(request, unit=unit))


@draft_view(edit=True)
@require_http_methods(["GET", "POST"])
def edit_unit(request: DraftRequest, pk: int) -> HttpResponse:
    draft = request.draft
    unit = _unit(draft, pk)
    if unit.deleted:
        messages.error(request, _("This unit has been deleted; restore it before editing it."))
        return redirect(_draft_url(draft, pk, deleted=True))
    paragraph = unit.paragraph
    form = {"text": paragraph.text, "reason": "", "version": paragraph.version}
    error = conflict = None
    status = 200
    if request.method == "POST":
        form = {
            "text": request.POST.get("text", ""),
            "reason": request.POST.get("reason", ""),
            "version": request.POST.get("version", ""),
        }
        reason = form["reason"]
        try:
            if access.edit_mode(request.user, draft) == access.EDITORIAL:
                # The text is before the committee: only labelled editorial corrections.
                reason = " ".join(reason.split())
                if not reason:
                    raise services.InvalidText(
                        _(
                            "The text now changes only through decided amendments. An "
                            "editorial correction needs a reason; it is shown in the record."
                        )
                    )
                reason = access.editorial_reason(reason)
                kind = HistoryKind.EDITORIAL
            else:
                kind = HistoryKind.EDITED
            with recording(kind):
                services.edit_text(
                    draft,
                    pk,
                    text=form["text"],
                    base_version=form["version"],
                    user=request.user,
                    reason=reason,
                )
        except services.StaleVersion as exc:
            conflict = _conflict(exc, form["text"])
            form["version"] = exc.current_version
            status = 409
        except services.DraftingError as exc:
            error = exc.message
            status = 400
        else:
            if request.htmx:
                return render(
                    request, "drafting/draft.html#unit", _context(request, unit=_unit(draft, pk))
                )
            messages.success(
                request, _("%(reference)s saved.") % {"reference": unit.reference or _("Text")}
            )
            return redirect(_draft_url(draft, pk))
    context = _context(request, unit=unit, form=form, error=error, conflict=conflict)
    if request.htmx:
        # htmx swaps only 2xx answers: the editor with its message is the answer.
        return render(request, "drafting/draft.html#editor", context)
    return render(request, "drafting/edit.html", context, status=status)


def _conflict(exc: services.StaleVersion, mine: str) -> dict:
    """What the conflict panel shows: both texts, their diff, and a clean merge if there is one."""
    mine = mine.replace("\r\n", "\n").strip()
    base = (
        exc.paragraph.history.filter(version=exc.base_version)
        .order_by("-history_date", "-history_id")
        .first()
    )
    merged = None
    if base is not None:
        result = merge3(base.text, mine, exc.current_text)
        if result.clean and result.text not in (mine, exc.current_text):
            merged = result.text
    by = exc.changed_by
    return {
        "mine": mine,
        "current_text": exc.current_text,
        "current_version": exc.current_version,
        "changed_by": (by.get_full_name() or by.get_username()) if by else _("someone"),
        "changed_at": exc.changed_at,
        "change_reason": exc.change_reason,
        "diff": diff_html(exc.current_text, mine),
        "merged": merged,
        "merged_diff": diff_html(exc.current_text, merged) if merged is not None else "",
        "next_version": exc.current_version + 1,
    }


# ---------------------------------------------------------------------------- structure


@draft_view(edit=True, structure=True)
@require_http_methods(["GET", "POST"])
def insert_unit(request: DraftRequest) -> HttpResponse:
    """Insert after ?after=<id>, or as the first unit inside ?parent=<id> (or at the top)."""
    draft = request.draft
    params = request.POST if request.method == "POST" else request.GET
    after = _param_unit(draft, params.get("after"))
    parent = _param_unit(draft, params.get("parent")) if after is None else None
    if after is not None:
        default_kind = after.kind
    elif parent is not None:
        default_kind = CHILD_KIND.get(parent.kind, Kind.PARAGRAPH)
    else:
        default_kind = Kind.SECTION
    error, status = None, 200
    if request.method == "POST":
        form = InsertForm(request.POST)
        if form.is_valid():
            try:
                unit = services.insert_unit(
                    draft,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    reason=form.cleaned_data["reason"],
                    base_version=form.cleaned_data["draft_version"],
                    after_id=after.pk if after else None,
                    parent_id=parent.pk if parent else None,
                    user=request.user,
                )
            except services.StaleDraft as exc:
                error, status = exc.message, 409
            except services.DraftingError as exc:
                error, status = exc.message, 400
            else:
                messages.success(request, _("The new unit was inserted."))
                return redirect(_draft_url(draft, unit.pk))
        else:
            status = 400
    else:
        form = InsertForm(initial={"kind": default_kind, "draft_version": draft.version})
    return render(
        request,
        "drafting/insert.html",
        _context(request, form=form, after=after, parent=parent, error=error),
        status=status,
    )


def _param_unit(draft: Draft, value) -> Unit | None:
    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return _unit(draft, pk)


@draft_view(edit=True, structure=True)
@require_POST
def move_unit(request: DraftRequest, pk: int) -> HttpResponse:
    draft = request.draft
    get_object_or_404(Paragraph, pk=pk, draft=draft)
    try:
        services.move_unit(
            draft,
            pk,
            direction=request.POST.get("direction") or None,
            after_id=request.POST.get("after") or None,
            base_version=request.POST.get("draft_version"),
            reason=request.POST.get("reason", ""),
            user=request.user,
        )
    except services.DraftingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Moved."))
    return redirect(_draft_url(draft, pk))


@draft_view(edit=True, structure=True)
@require_http_methods(["GET", "POST"])
def delete_unit(request: DraftRequest, pk: int) -> HttpResponse:
    return _reason_action(request, pk, services.delete_unit, "delete")


@draft_view(edit=True, structure=True)
@require_http_methods(["GET", "POST"])
def undelete_unit(request: DraftRequest, pk: int) -> HttpResponse:
    return _reason_action(request, pk, services.undelete_unit, "undelete")


def _reason_action(request: DraftRequest, pk: int, service, action: str) -> HttpResponse:
    draft = request.draft
    unit = _unit(draft, pk)
    error, status = None, 200
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            service(
                draft,
                pk,
                base_version=request.POST.get("draft_version"),
                reason=reason,
                user=request.user,
            )
        except services.StaleDraft as exc:
            error, status = exc.message, 409
        except services.DraftingError as exc:
            error, status = exc.message, 400
        else:
            if action == "delete":
                messages.success(
                    request, _("Deleted. It stays in the history and can be restored.")
                )
                return redirect(_draft_url(draft))
            messages.success(request, _("Restored."))
            return redirect(_draft_url(draft, pk))
    return render(
        request,
        "drafting/confirm.html",
        _context(request, unit=unit, action=action, error=error, reason=reason),
        status=status,
    )


# ---------------------------------------------------------------------------- history


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("system")


@draft_view()
def paragraph_history(request: DraftRequest, pk: int) -> HttpResponse:
    draft = request.draft
    unit = _unit(draft, pk)
    records = list(unit.paragraph.history.order_by("history_date", "history_id"))
    entries = []
    previous = None
    for record in records:
        entries.append(
            {
                "record": record,
                "who": _who(record.history_user),
                "what": record.get_history_kind_display(),
                "diff": diff_html(previous.text, record.text)
                if previous is not None and previous.text != record.text
                else "",
                "restorable": record.text != unit.paragraph.text and bool(record.text.strip()),
            }
        )
        previous = record
    entries.reverse()
    return render(
        request,
        "drafting/paragraph_history.html",
        _context(request, unit=unit, entries=entries, error=None),
    )


@draft_view(edit=True, structure=True)
@require_POST
def restore_version(request: DraftRequest, pk: int) -> HttpResponse:
    draft = request.draft
    get_object_or_404(Paragraph, pk=pk, draft=draft)
    try:
        services.restore_version(
            draft,
            pk,
            history_id=request.POST.get("history_id"),
            base_version=request.POST.get("version"),
            reason=request.POST.get("reason", ""),
            user=request.user,
        )
    except services.DraftingError as exc:
        messages.error(request, exc.message)
        return redirect("drafting:paragraph_history", draft.pk, pk)
    messages.success(request, _("The earlier version was restored as a new version."))
    return redirect(_draft_url(draft, pk))


def _operations(draft: Draft, limit: int = 300) -> list[dict]:
    """The draft's history, one entry per operation (records sharing one history_date)."""
    records = list(
        Paragraph.history.filter(draft_id=draft.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit * 20]
    )
    draft_records = list(
        draft.history.select_related("history_user").order_by("-history_date", "-history_id")[
            :limit
        ]
    )
    by_date: dict[datetime, dict] = {}
    for record in draft_records:
        by_date[record.history_date] = {
            "when": record.history_date,
            "who": _who(record.history_user),
            "reason": record.history_change_reason or "",
            "units": [],
        }
    for when, group in groupby(records, key=lambda r: r.history_date):
        group = list(group)
        entry = by_date.setdefault(
            when,
            {
                "when": when,
                "who": _who(group[0].history_user),
                "reason": group[0].history_change_reason or "",
                "units": [],
            },
        )
        entry["units"] = [
            {"record": r, "kind": r.get_kind_display(), "text": r.text} for r in reversed(group)
        ]
    ops = sorted(by_date.values(), key=lambda e: e["when"], reverse=True)[:limit]
    for op in ops:
        op["key"] = op["when"].isoformat()
    return ops


@draft_view()
def draft_history(request: DraftRequest) -> HttpResponse:
    ops = _operations(request.draft)
    with_text = [op for op in ops if op["units"]]
    default_from = (with_text or ops)[-1]["key"] if ops else ""
    return render(
        request,
        "drafting/history.html",
        _context(request, operations=ops, default_from=default_from),
    )


def _parse_when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        raise ValueError(
            _("“%(value)s” is not a point in the history.") % {"value": value[:40]}
        ) from None
    # A point in the history lies within the dates the app accepts (year 1 cannot be compared).
    inputs.check_date(when, error=ValueError)
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


@draft_view()
def compare(request: DraftRequest) -> HttpResponse:
    draft = request.draft
    ops = _operations(draft)
    try:
        old_when = _parse_when(request.GET.get("from"))
        new_when = _parse_when(request.GET.get("to"))
    except ValueError as exc:
        return render(
            request,
            "drafting/compare.html",
            _context(request, operations=ops, error=str(exc), rows=None),
            status=400,
        )
    if old_when is None:
        # By default: from the first text the draft had (its first import or first unit).
        with_text = [op for op in ops if op["units"]]
        old_when = (with_text or ops)[-1]["when"] if ops else draft.created_at
    old_rows = rows_as_of(draft, old_when)
    new_rows = rows_as_of(draft, new_when) if new_when else list(draft.paragraphs.all())
    rows = redline(draft, old_rows, new_rows)
    only_changes = request.GET.get("changes") == "1"
    shown = [r for r in rows if r.status != "unchanged" or r.moved] if only_changes else rows
    return render(
        request,
        "drafting/compare.html",
        _context(
            request,
            operations=ops,
            rows=shown,
            counts=summary(rows),
            old_when=old_when,
            new_when=new_when,
            old_key=old_when.isoformat(),
            new_key=new_when.isoformat() if new_when else "",
            only_changes=only_changes,
            error=None,
        ),
    )


# ---------------------------------------------------------------------------- import


@draft_view(edit=True, structure=True)
@require_http_methods(["GET", "POST"])
def import_text(request: DraftRequest) -> HttpResponse:
    draft = request.draft
    has_text = draft.paragraphs.filter(is_deleted=False).exists()
    parsed = error = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["text"] or ""
            upload = form.cleaned_data.get("file")
            if upload is not None:
                try:
                    text = docx_to_text(upload.read())
                except ValueError as exc:
                    error, status = str(exc), 400
            if error is None:
                parsed = parse(text)
                data = form.data.copy()
                data["text"] = text  # the preview carries the text; nothing is stored yet
                form = ImportForm(data)
                form.is_valid()
                replacing = bool(form.cleaned_data.get("replace")) and has_text
                refusal = access.replace_refusal(request.user, draft) if replacing else None
                if refusal:
                    error, status = refusal, 409
                elif request.POST.get("action") == "confirm" and parsed.ok:
                    try:
                        count = services.add_outline(
                            draft,
                            parsed.nodes,
                            base_version=form.cleaned_data["draft_version"],
                            user=request.user,
                            reason=form.cleaned_data["reason"],
                            replace=bool(form.cleaned_data["replace"]) and has_text,
                        )
                    except services.StaleDraft as exc:
                        error, status = exc.message, 409
                    except services.DraftingError as exc:
                        error, status = exc.message, 400
                    else:
                        messages.success(request, _("%(count)s units imported.") % {"count": count})
                        return redirect(_draft_url(draft))
                elif not parsed.ok:
                    status = 400
        else:
            status = 400
    else:
        form = ImportForm(initial={"draft_version": draft.version})
    return render(
        request,
        "drafting/import.html",
        _context(
            request,
            form=form,
            parsed=parsed,
            preview=list(parsed.walk()) if parsed else [],
            error=error,
            has_text=has_text,
        ),
        status=status,
    )
