"""The committee's export panel and the download of the compilation of amendments.

GET /c/<slug>/exports/ shows the panel; GET /c/<slug>/exports/compilation/?format=... returns
the file as an attachment (a plain GET form, no JavaScript). Only the secretariat and plenary
clerks (`access.can_export`) get here. An export holds what the user's compilation page shows,
which is the tabled amendments only: no Group's draft ever leaves in a file.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committee import exports, stage_exports
from committee.exports import FORMATS, ExportError, build_compilation, check_params
from committee.http import CommitteeRequest, committee_view
from committee.models import Amendment
from drafting.exports.document import LANGUAGES
from drafting.outline import outline

Status = Amendment.Status
TRUE = ("1", "on", "true", "yes")


@require_GET
@committee_view(lambda a: a.can_export)
def export_panel(request: CommitteeRequest) -> HttpResponse:
    return _panel(request, [])


def unknown_language(language: str) -> str:
    """The refusal of a language the exports are not made in."""
    return _("Unknown language %(language)s: choose one of %(choices)s.") % {
        "language": language,
        "choices": ", ".join(LANGUAGES),
    }


@require_GET
@committee_view(lambda a: a.can_export)
def compilation_export(request: CommitteeRequest) -> HttpResponse:
    params = request.GET
    if "format" not in params:
        return _panel(request, [])
    errors: list[str] = []
    if params.get("format") not in FORMATS:
        errors.append(_("Choose a format."))
    language = params.get("language") or ""
    if language and language not in LANGUAGES:
        errors.append(unknown_language(language))
    errors += check_params(params)
    if errors:
        return _panel(request, errors, status=400)
    try:
        document = build_compilation(
            request.committee,
            access=request.access,
            params=params,
            pending_only=params.get("pending", "") in TRUE,
            language=language or None,
        )
        result = exports.render(document, params["format"])
    except ExportError as error:
        return _panel(request, [str(error)], status=400)
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = content_disposition_header(True, result.filename)
    response["Cache-Control"] = "private, no-store"
    return response


RECORD_FORMATS = ("docx", "pdf", "html")


@require_GET
@committee_view(lambda a: a.can_export)
def record_export(request: CommitteeRequest) -> HttpResponse:
    """The record of decisions as a file: DOCX, PDF or standalone HTML."""
    from committee.exports import record as record_export_module

    committee = request.committee
    format_key = request.GET.get("format", "docx")
    language = request.GET.get("language") or (
        committee.draft.language if committee.draft_id else "en"
    )
    errors: list[str] = []
    if format_key not in RECORD_FORMATS:
        errors.append(_("Choose a format."))
    if language not in LANGUAGES:
        errors.append(unknown_language(language))
    if errors:
        return _panel(request, errors, status=400)
    if format_key == "html":
        content = record_export_module.record_html(committee, language).encode()
    elif format_key == "pdf":
        content = record_export_module.record_pdf(committee, language)
    else:
        content = record_export_module.record_docx(committee, language)
    response = HttpResponse(content, content_type=record_export_module.CONTENT_TYPES[format_key])
    response["Content-Disposition"] = content_disposition_header(
        True, record_export_module.filename(committee, format_key)
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@committee_view(lambda a: a.can_export)
def stage_text_export(request: CommitteeRequest) -> HttpResponse:
    """The text at a stage, or a redline between two stages, as a file in any format."""
    from drafting.exports import FORMATS as TEXT_FORMATS
    from drafting.exports import build_document, export_meta, resolve_rows, row_meta
    from drafting.exports import render as render_text

    committee = request.committee
    params = request.GET
    stage = params.get("stage", "")
    since = params.get("since", "")
    format_key = params.get("format", "")
    language = params.get("language") or (committee.draft.language if committee.draft_id else "")
    errors: list[str] = []
    names = [*stage_exports.NAMES, "current"]
    if committee.draft_id is None:
        errors.append(_("This committee has no text yet."))
    if stage not in names or (since and since not in names):
        errors.append(_("Choose a stage of the text."))
    if since and since == stage:
        errors.append(_("Choose two different stages to compare."))
    if format_key not in TEXT_FORMATS:
        errors.append(_("Choose a format."))
    if language not in LANGUAGES:
        errors.append(unknown_language(language))
    if errors:
        return _panel(request, errors, status=400)
    draft = committee.draft
    try:
        rows, _label = resolve_rows(draft, stage, language)
        meta = export_meta(draft)
        meta.update({k: v for k, v in row_meta(draft, stage, language).items() if k != "label"})
        old_rows = None
        if since:
            old_rows, meta["compared_to"] = resolve_rows(draft, since, language)
        document = build_document(
            draft, rows=rows, compare_to_rows=old_rows, meta=meta, language=language
        )
        result = render_text(document, format_key)
    except ExportError as error:
        return _panel(request, [str(error)], status=400)
    name = stage_exports.filename(draft, stage, language, changes=bool(since))
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{name}.{TEXT_FORMATS[format_key].extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _panel(request: CommitteeRequest, errors: list[str], status: int = 200) -> HttpResponse:
    committee = request.committee
    params = request.GET
    units = outline(committee.draft) if committee.draft_id else []
    default_language = committee.draft.language if committee.draft_id else "en"
    context = {
        "committee": committee,
        "access": request.access,
        "errors": errors,
        "formats": FORMATS.values(),
        "languages": [(code, code.upper()) for code in LANGUAGES],
        "groups": committee.groups.all(),
        "statuses": [(s.value, s.label) for s in Status if s not in Amendment.UNTABLED],
        "units": [u for u in units if u.reference and not u.deleted],
        "record_formats": [("docx", "Word (DOCX)"), ("pdf", "PDF"), ("html", "HTML")],
        "stages": stage_exports.available(committee) if committee.draft_id else [],
        "chosen": {
            "stage": params.get("stage", ""),
            "since": params.get("since", ""),
            "format": params.get("format", "docx"),
            "language": params.get("language") or default_language,
            "pending": params.get("pending", "") in TRUE,
            "group": params.get("group", ""),
            "status": params.get("status", ""),
            "paragraph": params.get("paragraph", ""),
            "q": params.get("q", ""),
        },
    }
    return render(request, "committee/export/panel.html", context, status=status)
