"""Export the compilation of amendments as DOCX, PDF, HTML or Akoma Ntoso.

python manage.py export_compilation labour-migration --format docx -o compilation.docx
python manage.py export_compilation C.G.D.Mig/D.1 --format pdf --pending-only -o next.pdf

The committee is named by its slug, or by the id or symbol of the draft it works on. The command
runs with no user, so it exports what every member of the committee sees: tabled amendments only,
never a Group's draft nor an amendment submitted late and not yet accepted.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from committee.exports import FORMATS, ExportError, build_compilation, render
from committee.models import Amendment, Committee, Group
from drafting.exports.document import LANGUAGES
from drafting.management.commands.export_text import checked_output, write_atomically

Status = Amendment.Status


def find_committee(spec: str) -> Committee:
    """The committee with that slug, or the one working on the draft with that id or symbol."""
    spec = spec.strip()
    if not spec:
        raise CommandError("Say which committee: its slug, or its draft's id or symbol.")
    by_slug = Committee.objects.filter(slug=spec).select_related("session", "draft").first()
    if by_slug is not None:
        return by_slug
    query = Q(draft__symbol=spec)
    if spec.isdigit():
        query |= Q(draft_id=int(spec))
    found = list(Committee.objects.filter(query).select_related("session", "draft")[:2])
    if not found:
        raise CommandError(
            f"No committee with the slug {spec!r} and no draft {spec!r} held by one."
        )
    if len(found) > 1:
        raise CommandError(f"Several committees match {spec!r}: give the committee's slug.")
    return found[0]


class Command(BaseCommand):
    help = "Export the compilation of amendments (tabled ones only) as DOCX, PDF, HTML or AKN."

    def add_arguments(self, parser) -> None:
        parser.add_argument("committee", help="the committee's slug, or its draft's id or symbol")
        parser.add_argument("--format", dest="fmt", help="|".join(FORMATS))
        parser.add_argument("-o", "--output", help="the file to write")
        parser.add_argument(
            "--pending-only",
            action="store_true",
            help="only the amendments still pending (for the next sitting)",
        )
        parser.add_argument(
            "--language",
            help="language of the compilation (amendments not yet translated are shown in the "
            "working language, marked): " + "|".join(LANGUAGES),
        )
        parser.add_argument("--group", help="only one Group's: " + "|".join(Group.Kind.values))
        parser.add_argument("--status", help="only one status: " + "|".join(Status.values))

    def handle(self, *args, **options) -> None:
        fmt, path = checked_output(options.get("fmt"), options.get("output"), FORMATS)
        language = options.get("language")
        if language is not None and language not in LANGUAGES:
            raise CommandError(
                f"Unknown language {language!r}: choose one of {', '.join(LANGUAGES)}."
            )
        committee = find_committee(options["committee"])
        params = {}
        if options.get("group"):
            group = committee.groups.filter(kind=options["group"]).first()
            if group is None:
                raise CommandError(
                    f"Unknown Group {options['group']!r}: choose one of "
                    f"{', '.join(Group.Kind.values)}."
                )
            params["group"] = str(group.pk)
        if options.get("status"):
            status = options["status"]
            if status not in Status.values or status in Amendment.UNTABLED:
                shown = [s for s in Status.values if s not in Amendment.UNTABLED]
                raise CommandError(f"Unknown status {status!r}: choose one of {', '.join(shown)}.")
            params["status"] = status
        started = time.perf_counter()
        try:
            document = build_compilation(
                committee,
                params=params,
                pending_only=options["pending_only"],
                language=language,
            )
            result = render(document, fmt)
        except ExportError as error:
            raise CommandError(str(error)) from None
        try:
            write_atomically(path, result.content)
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error.strerror or error}.") from None
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {path}: {document.total} amendments "
            f"({len(result.content):,} bytes, {elapsed:.2f} s)."
        )
