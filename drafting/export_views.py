"""The export panel: choose a document, a format and a language, and download it.

GET /drafts/<id>/export/ shows the form; the same URL with `format=` returns the file. Only users
the access policy lets export (`can_export`) get here; a plain GET form, no JavaScript.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drafting import access, exports
from drafting.exports import FORMATS, ExportError, build_document, export_meta
from drafting.exports import resolve_rows as _resolve_rows
from drafting.exports.document import LANGUAGES, check_language
from drafting.models import Draft

DOCUMENTS = {"text": "clean", "changes": "changes"}


def can_export(user, draft: Draft) -> bool:
    if not user.is_authenticated:
        return False
    return bool(access.policy().can_export(user, draft))


@require_GET
def export_panel(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = get_object_or_404(Draft, pk=draft_id)
    if not can_export(request.user, draft):
        raise PermissionDenied
    params = request.GET
    if "format" not in params:
        return _panel(request, draft, params, [])
    errors: list[str] = []
    document_kind = params.get("document", "text")
    if document_kind not in DOCUMENTS:
        errors.append(_("Choose the text or the text showing changes."))
    if params.get("format") not in FORMATS:
        errors.append(_("Choose a format."))
    try:
        language = check_language(params.get("language"), draft.language)
    except ExportError as error:
        errors.append(str(error))
        language = draft.language
    since = (params.get("since") or "").strip()
    if document_kind == "changes" and not since:
        errors.append(_("Say since when the changes are shown."))
    if errors:
        return _panel(request, draft, params, errors, status=400)
    meta = export_meta(draft)
    try:
        old_rows = None
        if document_kind == "changes":
            old_rows, meta["compared_to"] = _resolve_rows(draft, since, language)
        document = build_document(draft, compare_to_rows=old_rows, meta=meta, language=language)
        result = exports.render(document, params["format"])
    except ExportError as error:
        return _panel(request, draft, params, [str(error)], status=400)
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = content_disposition_header(True, result.filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _panel(request: HttpRequest, draft: Draft, params, errors: list[str], status: int = 200):
    context = {
        **access.page_context(request.user, draft),
        "draft": draft,
        "errors": errors,
        "formats": FORMATS.values(),
        "languages": [(code, code.upper()) for code in LANGUAGES],
        "chosen": {
            "document": params.get("document", "text"),
            "format": params.get("format", "docx"),
            "language": params.get("language") or draft.language or get_language(),
            "since": params.get("since", ""),
        },
        "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    return render(request, "drafting/export/panel.html", context, status=status)
