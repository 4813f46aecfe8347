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
        "the 304 path is already minimal in the view (one query for the room state); the other "
        "four queries are the session, the user, the committee and the memberships. On a quiet "
        "machine it answers in 3–4 ms; a p95 above 10 ms here came with other processes busy on "
        "the two cores (see the load average). Fix if needed: cached sessions "
        "(SESSION_ENGINE=cached_db with a local-memory or Redis cache) save a query per poll."
    ),
    "load": (
        "on two cores shared by gunicorn, PostgreSQL and the asyncio load client itself, 250 "
        "polls a second is near the limit: each 304 costs ~3–4 ms of CPU in Django (five "
        "queries: session, user, committee, memberships, room state). When other processes "
        "load the machine (see the load average in the machine table) queues build and p95 "
        "goes to seconds; the sync workers also close every connection, so 500 screens "
        "reconnect on every poll. Fix: keep gthread with keep-alive above the poll period; "
        "answer the unchanged poll before the session middleware (a signed room token in the "
        "URL checked by a tiny middleware, or cached sessions and a cached access); run the "
        "load client on another machine; and measure on a quiet machine."
    ),
    "export_compilation_note": (
        "The compilation DOCX export (not a target) grows with the amendments: an N+1 query on "
        "`Amendment.committee` (`Amendment.symbol` in `committee/exports/__init__.py` `_item`: "
        "one query per amendment; add `select_related('committee')` or set "
        "`amendment.committee = committee`) and python-docx's `add_paragraph`, which scans the "
        "whole body for `w:sectPr` on every call (quadratic in paragraphs; in "
        "`drafting/exports/docx.py` keep the sectPr element and insert new paragraphs with "
        "`sectPr.addprevious(p)`). The same python-docx cost is most of the text DOCX export."
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
