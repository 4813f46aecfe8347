"""Exports of a draft's text: DOCX, PDF, HTML and Akoma Ntoso 3.0, clean or showing changes.

    document = build_document(draft, compare_to_rows=old_rows, meta={"session": ...})
    result = render(document, "docx")   # -> Export(content, filename, content_type)

`build_document` makes the neutral model (drafting.exports.document); each format renders it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from drafting.exports.document import (
    Block,
    Document,
    ExportError,
    build_document,
    register_row_source,
    resolve_rows,
    row_meta,
)

__all__ = [
    "FORMATS",
    "Block",
    "Document",
    "Export",
    "ExportError",
    "build_document",
    "export_meta",
    "register_row_source",
    "render",
    "resolve_rows",
    "row_meta",
]


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    extension: str
    content_type: str
    renderer: str  # "module:function", imported on use (WeasyPrint is heavy)


FORMATS: dict[str, Format] = {
    f.key: f
    for f in [
        Format(
            "docx",
            "Word (DOCX)",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "drafting.exports.docx:render_docx",
        ),
        Format("pdf", "PDF", "pdf", "application/pdf", "drafting.exports.pdf:render_pdf"),
        Format(
            "html", "HTML", "html", "text/html; charset=utf-8", "drafting.exports.html:render_html"
        ),
        Format(
            "akn",
            "Akoma Ntoso 3.0 (XML)",
            "akn.xml",
            "application/akn+xml",
            "drafting.exports.akn:render_akn",
        ),
    ]
}


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str


def get_format(key: str | None) -> Format:
    if key not in FORMATS:
        raise ExportError(
            _("Unknown format %(format)s: choose one of %(choices)s.")
            % {"format": key or "", "choices": ", ".join(FORMATS)}
        )
    return FORMATS[key]


def render(document: Document, format_key: str) -> Export:
    from importlib import import_module

    fmt = get_format(format_key)
    module, function = fmt.renderer.split(":")
    renderer: Callable[[Document], bytes | str] = getattr(import_module(module), function)
    content = renderer(document)
    if isinstance(content, str):
        content = content.encode("utf-8")
    return Export(content, f"{document.filename_stem}.{fmt.extension}", fmt.content_type)


def export_meta(draft) -> dict:
    """What the access policy knows about the draft's committee (session, committee name...).

    The policy (settings.DRAFTING_ACCESS_POLICY) may offer `export_meta(draft) -> dict`; drafting
    itself knows no committee.
    """
    from drafting.access import policy

    hook = getattr(policy(), "export_meta", None)
    return dict(hook(draft) or {}) if hook else {}
