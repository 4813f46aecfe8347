"""What profiling found (pyinstrument, in-process, on a 600-amendment committee with 90 on the
busiest paragraph), shown in the results under "What remains" when a target is missed.

Keys are scenario keys (bench/scenarios.py); "<key>:unavailable" explains a row not measured;
"_always" lines are shown on every run.
"""

FINDINGS: dict = {
    "compilation": (
        "the query count is constant (12); about 75% of the time is Django template rendering "
        "of ~2,000 change entries (committee/amendments/compilation.html and _entry.html), 20% "
        "building the slots. Fix: render each entry once and cache the HTML keyed by the "
        "change's pk and texts and the amendment's status/version (the diffs are already "
        "memoised), or load the compilation part by part (htmx, one part per request)."
    ),
    "console": (
        "about 30% is `committee.floor._size` → `word_diff` for every change on the paragraph, "
        "recomputed on each request only to order them; about 50% is rendering ~90 entries. "
        "Fix: memoise `_size` on (base_text, proposed_text) like "
        "`compilation.cached_changed_ranges` (or store the size on the change when it is tabled "
        "or re-based), and trim per-entry template work."
    ),
    "adoption": (
        "about 80% is `committee.floor._rebase_others`: one `AmendmentChange.save()` with its "
        "simple-history record per other pending change on the paragraph (two queries each: "
        "~180 queries for 90 changes), plus one merge3 each. Fix: collect the re-based changes "
        "and write them with `simple_history.utils.bulk_update_with_history` (one UPDATE batch, "
        "one INSERT batch), and skip rows whose texts and flags did not change."
    ),
    "room_unchanged": (
        "the poll carries the signed room token the page gave it, so an unchanged poll is one "
        "query (committee, membership and room state together) and no session or user read; "
        "on a quiet machine it answers in 1–2 ms in-process. A p95 above 10 ms here came with "
        "other processes busy on the two cores (see the load average)."
    ),
    "load": (
        "on two cores shared by gunicorn, PostgreSQL and the asyncio load client itself, the "
        "steady 304s are cheap (one query, no session), but every screen's first poll has no "
        "ETag and renders the screen in full (~17 ms in-process, half of it `room_floor` "
        "reading the whole draft's outline): 500 screens opening within one 2-second period "
        "is a burst of ~10 CPU-seconds, and the queue it builds is most of the p95. When other "
        "processes load the machine (see the load average) queues build further. Fix: render "
        "the floor panel once per room-state version (it does not depend on the viewer), or "
        "let htmx send the page's ETag (data-etag) with its first poll and treat 304 as 'no "
        "swap'; run the load client on another machine; measure on a quiet machine."
    ),
    "export_compilation_note": (
        "The compilation DOCX export (not a target) reads the amendments in a constant number "
        "of queries (their committee is set, not fetched per symbol), and paragraphs are added "
        "before the body's sectPr kept by `DocxBuilder.new_paragraph` with styles resolved "
        "once (python-docx's `add_paragraph` scanned the body and the styles on every call). "
        "What remains is python-docx's per-run cost (add_run, bold/italic)."
    ),
    "console:unavailable": (
        "the floor (sitting console) is not in this tree yet; `bench.floor.console_request` "
        "measures it as soon as `committee.floor` and the URL `committee:floor` exist."
    ),
    "adoption:unavailable": (
        "the floor (recording decisions) is not in this tree yet; `bench.floor.adoption_request` "
        "measures it as soon as `committee.floor` and `committee:floor_decide` exist."
    ),
    "export_compilation:unavailable": (
        "no DOCX export of the compilation in this tree yet; the bench finds it by its URL name "
        "(any committee URL named *compilation* answering a Word document) once it exists."
    ),
}
FINDINGS["_always"] = [FINDINGS["export_compilation_note"]]
