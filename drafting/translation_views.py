"""Parallel texts: the side-by-side view, the translation queue and the in-place translation editor.

Readable by everyone who may view the draft (drafting.access.can_view); translations are edited
by those the policy lets translate (`can_translate`: the secretariat). Fragments are partials of
`drafting/translations/parallel.html` (`#cell`, `#editor`); every URL also answers as a full page
and every form works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from drafting import access
from drafting import translation_services as ts
from drafting.models import Draft, Paragraph, ParagraphTranslation
from drafting.outline import Unit, outline
from drafting.services import DraftingError
from drafting.textdiff import diff_html


class TranslationRequest(HttpRequest):
    htmx: HtmxDetails
    draft: Draft
    can_edit: bool
    can_translate: bool


def translation_view(*, translate: bool = False) -> Callable:
    """Load the draft; 403 unless the user may view it (and translate it, if asked)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, draft_id: int, *args, **kwargs) -> HttpResponse:
            draft = get_object_or_404(Draft, pk=draft_id)
            if not access.can_view(request.user, draft):
                raise PermissionDenied
            can_translate = ts.can_translate(request.user, draft)
            if translate and not can_translate:
                raise PermissionDenied
            request.draft = draft  # type: ignore[attr-defined]
            request.can_edit = access.can_edit(request.user, draft)  # type: ignore[attr-defined]
            request.can_translate = can_translate  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _context(request: TranslationRequest, **extra) -> dict:
    draft = request.draft
    context = access.page_context(request.user, draft)
    context.update(
        draft=draft,
        can_edit=request.can_edit,
        can_translate=request.can_translate,
        source_language=draft.language,
        language_names={code: ts.language_name(code) for code in draft.text_languages},
    )
    context.update(extra)
    return context


def _language(draft: Draft, language: str) -> str:
    try:
        return ts.check_language(draft, language)
    except ts.UnknownLanguage:
        raise Http404(_("This text has no such language.")) from None


def _unit(draft: Draft, pk: int) -> Unit:
    get_object_or_404(Paragraph, pk=pk, draft=draft)
    unit = next((u for u in outline(draft) if u.pk == pk), None)
    if unit is None:  # a deleted unit is not translated
        raise Http404(_("This unit has been deleted."))
    return unit


def _parallel_url(draft: Draft, pk: int | None = None, language: str | None = None) -> str:
    url = reverse("drafting_translations:parallel", args=[draft.pk])
    return f"{url}#t-{pk}-{language}" if pk and language else url


# ---------------------------------------------------------------------------- side by side


@translation_view()
def parallel(request: TranslationRequest) -> HttpResponse:
    """Two or three languages side by side, one row per unit (?lang=en&lang=fr chooses)."""
    draft = request.draft
    available = draft.text_languages
    asked = [code for code in request.GET.getlist("lang") if code]
    unknown = [code for code in asked if code not in available]
    error = None
    if unknown:
        error = _("Unknown language %(language)s: choose among %(choices)s.") % {
            "language": ", ".join(unknown),
            "choices": ", ".join(available),
        }
    languages = [code for code in available if code in asked] or available
    rows = ts.parallel_rows(draft, languages)
    return render(
        request,
        "drafting/translations/parallel.html",
        _context(request, rows=rows, languages=languages, available=available, error=error),
        status=400 if error else 200,
    )


@translation_view()
def cell(request: TranslationRequest, pk: int, language: str) -> HttpResponse:
    draft = request.draft
    language = _language(draft, language)
    unit = _unit(draft, pk)
    if not request.htmx:
        return redirect(_parallel_url(draft, pk, language))
    return render(
        request,
        "drafting/translations/parallel.html#cell",
        _context(request, unit=unit, cell=_cell(unit, language)),
    )


def _cell(unit: Unit, language: str) -> ts.Cell:
    row = ParagraphTranslation.objects.filter(paragraph=unit.paragraph, language=language).first()
    return ts.cell_for(unit.paragraph, language, row)


@translation_view(translate=True)
@require_http_methods(["GET", "POST"])
def edit(request: TranslationRequest, pk: int, language: str) -> HttpResponse:
    draft = request.draft
    language = _language(draft, language)
    unit = _unit(draft, pk)
    current = _cell(unit, language)
    form = {
        "text": current.text,
        "reason": "",
        "version": current.version,
        "source_version": unit.paragraph.version,
    }
    error = conflict = None
    status = 200
    if request.method == "POST":
        form = {
            key: request.POST.get(key, "")
            for key in ("text", "reason", "version", "source_version")
        }
        try:
            ts.save_translation(
                draft,
                pk,
                language,
                text=form["text"],
                base_version=form["version"],
                source_version=form["source_version"],
                user=request.user,
                reason=form["reason"],
            )
        except ts.StaleTranslation as exc:
            conflict = _conflict(exc, form["text"])
            form["version"] = exc.current_version
            status = 409
        except DraftingError as exc:
            error, status = exc.message, 400
        else:
            unit = _unit(draft, pk)
            if request.htmx:
                return render(
                    request,
                    "drafting/translations/parallel.html#cell",
                    _context(request, unit=unit, cell=_cell(unit, language)),
                )
            messages.success(
                request,
                _("%(reference)s saved in %(language)s.")
                % {
                    "reference": unit.reference or unit.paragraph.get_kind_display(),
                    "language": ts.language_name(language),
                },
            )
            return redirect(_parallel_url(draft, pk, language))
    context = _context(
        request,
        unit=unit,
        cell=current,
        language=language,
        form=form,
        error=error,
        conflict=conflict,
    )
    if request.htmx:
        # htmx swaps only 2xx answers: the editor with its message is the answer.
        return render(request, "drafting/translations/parallel.html#editor", context)
    return render(request, "drafting/translations/edit.html", context, status=status)


def _conflict(exc: ts.StaleTranslation, mine: str) -> dict:
    mine = mine.replace("\r\n", "\n").strip()
    by = exc.changed_by
    return {
        "mine": mine,
        "current_text": exc.current_text,
        "current_version": exc.current_version,
        "changed_by": (by.get_full_name() or by.get_username()) if by else _("someone"),
        "changed_at": exc.changed_at,
        "change_reason": exc.change_reason,
        "diff": diff_html(exc.current_text, mine),
    }


@translation_view()
def history(request: TranslationRequest, pk: int, language: str) -> HttpResponse:
    """The translation's own history: every version, who, why, what changed."""
    draft = request.draft
    language = _language(draft, language)
    paragraph = get_object_or_404(Paragraph, pk=pk, draft=draft)
    unit = next(u for u in outline(draft, include_deleted=True) if u.pk == pk)
    row = ParagraphTranslation.objects.filter(paragraph=paragraph, language=language).first()
    entries = []
    previous = None
    records = (
        row.history.select_related("history_user").order_by("history_date", "history_id")
        if row
        else []
    )
    for record in records:
        entries.append(
            {
                "record": record,
                "who": _who(record.history_user),
                "diff": diff_html(previous.text, record.text)
                if previous is not None and previous.text != record.text
                else "",
                "flagged": record.needs_update and (previous is None or not previous.needs_update),
            }
        )
        previous = record
    entries.reverse()
    return render(
        request,
        "drafting/translations/history.html",
        _context(request, unit=unit, language=language, entries=entries, translation=row),
    )


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else _("system")


# ---------------------------------------------------------------------------- the queue


@translation_view()
def queue(request: TranslationRequest) -> HttpResponse:
    """Everything awaiting translation (missing or needing update), per language, with counts."""
    draft = request.draft
    chosen = request.GET.get("language") or ""
    if chosen and chosen not in draft.translation_languages:
        raise Http404(_("This text has no such language."))
    queues = ts.awaiting(draft)
    shown = [q for q in queues if q.language == chosen] if chosen else queues
    return render(
        request,
        "drafting/translations/queue.html",
        _context(
            request,
            queues=queues,
            shown=shown,
            chosen=chosen,
            titles=[
                (q.language, q.name, (draft.title_translations or {}).get(q.language, ""))
                for q in queues
            ],
        ),
    )


@translation_view(translate=True)
@require_POST
def title(request: TranslationRequest, language: str) -> HttpResponse:
    draft = request.draft
    language = _language(draft, language)
    try:
        ts.save_title(
            draft,
            language,
            title=request.POST.get("title", ""),
            base_title=request.POST.get("base_title", ""),
            user=request.user,
        )
    except DraftingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The title in %(language)s was saved.") % {"language": ts.language_name(language)},
        )
    return redirect(reverse("drafting_translations:queue", args=[draft.pk]) + "#titles")
