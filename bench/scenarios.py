"""What the benchmark measures: one Scenario per row of the results table."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from django.urls import NoReverseMatch, get_resolver, reverse

from bench import floor
from bench.generate import amend_text
from bench.measure import Context, Request, Scenario, django_client

HX = {"HX-Request": "true"}


def compilation(ctx: Context, slug: str | None = None, label: str = "") -> Scenario:
    path = reverse("committee:compilation", args=[slug or ctx.committee.slug])
    return Scenario(
        "compilation",
        label or "Compilation of all amendments",
        lambda i: Request("GET", path, "secretariat"),
        target_ms=1000,
    )


def paragraph_amendments(ctx: Context) -> Scenario:
    path = reverse("committee:compilation", args=[ctx.committee.slug])
    path += f"?paragraph={ctx.busiest.pk}"
    return Scenario(
        "paragraph_compilation",
        "Amendments to the busiest paragraph (compilation filtered to it)",
        lambda i: Request("GET", path, "secretariat"),
    )


def console(ctx: Context) -> Scenario:
    return Scenario(
        "console",
        "Sitting console, busiest paragraph",
        lambda i: floor.console_request(ctx),
        target_ms=150,
    )


def adoption(ctx: Context) -> Scenario:
    return Scenario(
        "adoption",
        "Recording an adoption on the busiest paragraph",
        lambda i: floor.adoption_request(ctx, i),
        target_ms=250,
        runs=20,
        warmups=2,
    )


def prepare_amendment(ctx: Context) -> Scenario:
    """A Group coordinator saves a new draft amendment (POST to the real view)."""
    from drafting.models import Paragraph

    rng = random.Random(81)
    path = reverse("committee:amendment_new", args=[ctx.committee.slug])
    units = list(
        Paragraph.objects.filter(draft=ctx.draft, is_deleted=False, kind="paragraph")
        .exclude(text__endswith=":")
        .values_list("pk", flat=True)
    )

    def make(i: int) -> Request:
        paragraph = Paragraph.objects.get(pk=units[i % len(units)])
        data = {
            "action": "replace",
            "paragraph": paragraph.pk,
            "base_version": paragraph.version,
            "proposed_text": amend_text(paragraph.text, rng),
            "insert_kind": "",
            "language": "en",
            "explanatory_note": "",
        }
        return Request("POST", path, "employers", data=data, expect=(302,))

    return Scenario("prepare", "Preparing a draft amendment (POST)", make, runs=30)


def table_amendment(ctx: Context) -> Scenario:
    """Tabling one amendment: the draft is prepared in-process (untimed), the POST is timed."""
    from committee import services
    from committee.access import access_for
    from drafting.models import Paragraph

    rng = random.Random(82)
    user = ctx.users["workers"]
    units = list(
        Paragraph.objects.filter(draft=ctx.draft, is_deleted=False, kind="clause").values_list(
            "pk", flat=True
        )
    )

    def make(i: int) -> Request:
        paragraph = Paragraph.objects.get(pk=units[i % len(units)])
        access = access_for(user, ctx.committee.__class__.objects.get(pk=ctx.committee.pk))
        amendment = services.create_amendment(
            access,
            user,
            paragraph_id=paragraph.pk,
            action="replace",
            proposed_text=amend_text(paragraph.text, rng),
            base_version=paragraph.version,
        )
        path = reverse("committee:amendment_table", args=[ctx.committee.slug, amendment.pk])
        return Request("POST", path, "workers", data={"version": amendment.version}, expect=(302,))

    return Scenario("table", "Tabling one amendment (POST; numbered, receipt)", make, runs=30)


def room_poll_path(ctx: Context, user: str) -> str:
    """The poll URL the room page gives a screen: with the user's signed room token, when
    the discussion app issues them (older trees: the plain URL, checked by the session)."""
    from discussion import views

    try:
        from discussion import room as issuer
    except ImportError:  # older trees issued the token from the views module
        issuer = views
    path = reverse("discussion:room_screen", args=[ctx.committee.slug])
    if not hasattr(issuer, "room_token"):
        return path
    return path + "?" + urlencode({"t": issuer.room_token(ctx.committee.pk, ctx.users[user].pk)})


def _etag(ctx: Context) -> str:
    path = room_poll_path(ctx, "observer")
    return django_client(ctx, "observer").get(path, headers=HX)["ETag"]


def room_unchanged(ctx: Context) -> Scenario:
    path = room_poll_path(ctx, "observer")
    etag = {}

    def make(i: int) -> Request:
        if "value" not in etag:
            etag["value"] = _etag(ctx)
        return Request(
            "GET", path, "observer", headers={**HX, "If-None-Match": etag["value"]}, expect=(304,)
        )

    return Scenario(
        "room_unchanged",
        "Room screen poll, unchanged (304)",
        make,
        target_ms=10,
        runs=100,
        warmups=10,
    )


def room_changed(ctx: Context) -> Scenario:
    from discussion.services import bump_room

    path = room_poll_path(ctx, "observer")

    def make(i: int) -> Request:
        etag = _etag(ctx)
        bump_room(ctx.committee)
        return Request("GET", path, "observer", headers={**HX, "If-None-Match": etag})

    return Scenario("room_changed", "Room screen poll, changed (200, after a bump)", make)


def draft_page(ctx: Context) -> Scenario:
    path = reverse("drafting:draft", args=[ctx.draft.pk])
    return Scenario(
        "draft", "Draft page (secretariat)", lambda i: Request("GET", path, "secretariat")
    )


def redline(ctx: Context) -> Scenario:
    path = reverse("drafting:compare", args=[ctx.draft.pk])
    path += "?" + urlencode({"from": ctx.generated.import_when})
    return Scenario(
        "redline",
        "Redline: imported text against the text after the adoptions",
        lambda i: Request("GET", path, "secretariat"),
    )


def export(ctx: Context, fmt: str, target_ms: float, runs: int = 30) -> Scenario:
    path = reverse("drafting_export:panel", args=[ctx.draft.pk])
    path += "?" + urlencode({"document": "text", "format": fmt, "language": "en"})
    return Scenario(
        f"export_{fmt}",
        f"Export of the text: {fmt.upper()}",
        lambda i: Request("GET", path, "clerk"),
        target_ms=target_ms,
        runs=runs,
        warmups=1 if runs < 30 else 3,
    )


def compilation_export_path(ctx: Context) -> str | None:
    """The compilation's DOCX export, if the committee app has one (another helper's work)."""
    names = [
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and "compilation" in name
    ]
    for namespace in ("committee",):
        resolver = get_resolver()
        sub = resolver.namespace_dict.get(namespace)
        if sub:
            names += [
                f"{namespace}:{n}"
                for n in sub[1].reverse_dict
                if isinstance(n, str) and "compilation" in n and n != "compilation"
            ]
    for name in names:
        try:
            path = reverse(name, args=[ctx.committee.slug])
        except NoReverseMatch:
            continue
        for query in ("", "?format=docx"):
            response = django_client(ctx, "clerk").get(path + query)
            if response.status_code == 200 and "wordprocessingml" in response.get(
                "Content-Type", ""
            ):
                return path + query
    return None


def compilation_export(ctx: Context) -> Scenario:
    path = compilation_export_path(ctx)
    return Scenario(
        "export_compilation",
        "Export of the compilation: DOCX",
        lambda i: Request("GET", path, "clerk") if path else None,
        target_ms=None,
        runs=10,
        warmups=1,
        budget=30.0,
    )


def all_scenarios(ctx: Context, *, quick: bool) -> list[Scenario]:
    """In table order. Reads first, writes last (they add amendments and bump the room)."""
    return [
        compilation(ctx),
        paragraph_amendments(ctx),
        console(ctx),
        room_unchanged(ctx),
        room_changed(ctx),
        draft_page(ctx),
        redline(ctx),
        export(ctx, "docx", 1000),
        export(ctx, "akn", 1000),
        export(ctx, "pdf", 5000, runs=3 if quick else 8),
        compilation_export(ctx),
        prepare_amendment(ctx),
        table_amendment(ctx),
        adoption(ctx),
    ]
