"""Export the text of a draft: clean or showing changes, as DOCX, PDF, HTML or Akoma Ntoso.

python manage.py export_text C.G.D.Mig/D.1 --format docx -o text.docx
python manage.py export_text 3 --format pdf --changes-from-version 2017-06-10T15:00 -o changes.pdf
python manage.py export_text C.G.D.Mig/D.1 --format docx --language fr -o texte.docx
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from drafting.exports import FORMATS, ExportError, build_document, export_meta, render, resolve_rows
from drafting.exports.document import LANGUAGES, ROW_SOURCES, check_language, row_meta
from drafting.models import Draft


def find_draft(spec: str) -> Draft:
    spec = spec.strip()
    query = Q(symbol=spec)
    if spec.isdigit():
        query |= Q(pk=int(spec))
    drafts = list(Draft.objects.filter(query)[:2])
    if not drafts:
        raise CommandError(f"No draft with the id or symbol {spec!r}.")
    if len(drafts) > 1:
        raise CommandError(f"Several drafts match {spec!r}: give the draft's id.")
    return drafts[0]


def checked_output(fmt: str | None, output: str | None, formats) -> tuple[str, Path]:
    """The format and the file an export command was asked for, or one line saying what is wrong."""
    if not fmt:
        raise CommandError(f"Say which format with --format ({'|'.join(formats)}).")
    if fmt not in formats:
        raise CommandError(f"Unknown format {fmt!r}: choose one of {', '.join(formats)}.")
    if not output:
        raise CommandError("Say where to write the export with -o FILE.")
    path = Path(output)
    if path.is_dir():
        raise CommandError(f"{path} is a directory: give a file name.")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir() or not os.access(directory, os.W_OK):
        raise CommandError(f"Cannot write to {path}: the folder does not exist or is read-only.")
    return fmt, path


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Export the text of a draft (clean or showing changes) as DOCX, PDF, HTML or AKN."

    def add_arguments(self, parser) -> None:
        parser.add_argument("draft", help="the draft's id or document symbol")
        parser.add_argument("--format", dest="fmt", help="|".join(FORMATS))
        parser.add_argument("-o", "--output", help="the file to write")
        parser.add_argument(
            "--changes-from-version",
            dest="since",
            help="show the changes since this version: an ISO date or date-time, a history "
            "id, or a named version such as 'current'",
        )
        parser.add_argument(
            "--stage",
            help="export the text as it was at a named stage (e.g. adopted_by_committee) "
            "instead of as it stands",
        )
        parser.add_argument(
            "--changes-from",
            dest="changes_from",
            help="show the changes since a named stage (e.g. drafting_group)",
        )
        parser.add_argument(
            "--language",
            help="language of the text and headings (translations; units not yet translated "
            "are shown in the working language, marked): " + "|".join(LANGUAGES),
        )
        parser.add_argument("--author", help="author of the tracked changes (DOCX)")

    def handle(self, *args, **options) -> None:
        fmt, path = checked_output(options.get("fmt"), options.get("output"), FORMATS)
        draft = find_draft(options["draft"])
        try:
            language = check_language(options.get("language"), draft.language)
        except ExportError as error:
            raise CommandError(str(error)) from None
        meta = export_meta(draft)
        if options.get("author"):
            meta["author"] = options["author"]
        named = [n for n in ROW_SOURCES if n != "current"]
        for option in ("stage", "changes_from"):
            if options.get(option) and options[option] not in ROW_SOURCES:
                raise CommandError(
                    f"Unknown stage {options[option]!r}: choose one of {', '.join(named)}."
                )
        if options.get("since") and options.get("changes_from"):
            raise CommandError("Give either --changes-from-version or --changes-from, not both.")
        started = time.perf_counter()
        try:
            old_rows = rows = None
            if options.get("stage"):
                rows, _label = resolve_rows(draft, options["stage"], language)
                stage_meta = row_meta(draft, options["stage"], language)
                meta.update({k: v for k, v in stage_meta.items() if k in ("title", "heading")})
            since = options.get("since") or options.get("changes_from")
            if since:
                old_rows, label = resolve_rows(draft, since, language)
                meta.setdefault("compared_to", label)
            document = build_document(
                draft, rows=rows, compare_to_rows=old_rows, meta=meta, language=language
            )
            result = render(document, fmt)
        except ExportError as error:
            raise CommandError(str(error)) from None
        try:
            write_atomically(path, result.content)
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error.strerror or error}.") from None
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Wrote {path} ({len(result.content):,} bytes, {elapsed:.2f} s).")
