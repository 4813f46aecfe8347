"""Behaviour of the word diff / three-way merge engine used for amendments."""

from __future__ import annotations

import html
import re
import sys
from itertools import accumulate, pairwise

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.textdiff import (
    EQUAL,
    INSERT,
    Merge,
    changed_ranges,
    diff_html,
    merge3,
    ranges_collide,
    tokenize,
    word_diff,
)

NBSP = "\u00a0"
NNBSP = "\u202f"

# Enough examples to explore edge cases while keeping the whole file to a few seconds.
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- strategies

WORDS = [
    # English
    "Members", "should", "shall", "promote", "decent", "work", "for", "migrant", "migrants",
    "workers", "the", "of", "and", "employers", "Convention", "Article", "1", "2019",
    # French
    "Les", "travailleurs", "migrants", "l", "emploi", "d", "une", "protection", "sociale",
    "États", "Membres", "devraient", "égalité", "à", "où", "Conférence", "générale",
    # Spanish
    "los", "trabajadores", "niño", "niñas", "año", "pingüino", "bilingüe", "política",
    "empleo", "garantizar", "será", "acción",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", NBSP, NNBSP, "\n", "  "]
PUNCTUATION = [",", ".", ";", ":", "!", "?", "«", "»", "(", ")", "-", "’", "'", "<", "&"]

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(SEPARATORS),
    st.sampled_from(PUNCTUATION),
)
pieces = st.lists(piece, max_size=30)
vocab_text = pieces.map("".join)
any_text = st.one_of(vocab_text, st.text(max_size=60))


@st.composite
def edited(draw, base: list[str]) -> list[str]:
    """A copy of ``base`` with one contiguous run of pieces replaced (possibly by nothing)."""
    start = draw(st.integers(0, len(base)))
    end = draw(st.integers(start, min(len(base), start + 4)))
    replacement = draw(st.lists(piece, max_size=4))
    return base[:start] + replacement + base[end:]


@st.composite
def edits_of_one_base(draw) -> tuple[str, str, str]:
    """A base and two independent edits of it (clean merges and conflicts both occur)."""
    base = draw(st.lists(piece, min_size=4, max_size=30))
    # One or two edits per side; the unchanged-side laws have their own tests.
    ours = draw(st.one_of(edited(base), edited(base).flatmap(edited)))
    theirs = draw(st.one_of(edited(base), edited(base).flatmap(edited)))
    return "".join(base), "".join(ours), "".join(theirs)


# A token neither side touches and that appears nowhere else, so edits on either side of it
# are always separated by an unchanged token and must merge.
FENCE = " § "


@st.composite
def edits_on_either_side_of_a_fence(draw) -> tuple[str, str, str, str]:
    """(base, ours, theirs, expected): one side edits before the fence, the other after."""
    left, right = draw(pieces), draw(pieces)
    new_left, new_right = draw(edited(left)), draw(edited(right))
    base = "".join(left) + FENCE + "".join(right)
    left_edit = "".join(new_left) + FENCE + "".join(right)
    right_edit = "".join(left) + FENCE + "".join(new_right)
    expected = "".join(new_left) + FENCE + "".join(new_right)
    if draw(st.booleans()):
        return base, left_edit, right_edit, expected
    return base, right_edit, left_edit, expected


def boundaries(text: str) -> set[int]:
    return {0, *accumulate(len(token) for token in tokenize(text))}


def old_side(ops: list[tuple[int, str]]) -> str:
    return "".join(text for op, text in ops if op != 1)


def new_side(ops: list[tuple[int, str]]) -> str:
    return "".join(text for op, text in ops if op != -1)


def inserted_runs(base: str, new: str) -> list[str]:
    return [text for op, text in word_diff(base, new) if op == 1]


# ------------------------------------------------------------------- tokenize: properties


@PROPERTY
@given(any_text)
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


@PROPERTY
@given(any_text)
def test_tokens_are_never_empty_and_spaces_are_maximal_runs(text: str) -> None:
    tokens = tokenize(text)
    assert all(tokens)
    for left, right in pairwise(tokens):
        assert not (left.isspace() and right.isspace())


# ----------------------------------------------------------------- tokenize: hand-written


def test_accented_letters_stay_inside_words() -> None:
    assert tokenize("égalité niño pingüino") == ["égalité", " ", "niño", " ", "pingüino"]


def test_a_combining_accent_stays_with_its_letter() -> None:
    assert tokenize("e\u0301te\u0301 ok") == ["e\u0301te\u0301", " ", "ok"]


def test_apostrophes_and_hyphens_are_tokens_of_their_own() -> None:
    assert tokenize("l’emploi d'une") == ["l", "’", "emploi", " ", "d", "'", "une"]
    assert tokenize("workers' rights") == ["workers", "'", " ", "rights"]
    assert tokenize("non-discrimination") == ["non", "-", "discrimination"]


def test_no_break_spaces_are_white_space() -> None:
    text = f"«{NBSP}emploi{NBSP}» ; oui{NNBSP}!"
    assert tokenize(text) == ["«", NBSP, "emploi", NBSP, "»", " ", ";", " ", "oui", NNBSP, "!"]


def test_every_punctuation_mark_is_a_single_token() -> None:
    assert tokenize("?!...") == ["?", "!", ".", ".", "."]


def test_empty_text_has_no_tokens() -> None:
    assert tokenize("") == []


# ------------------------------------------------------------------ word_diff: properties


@PROPERTY
@given(any_text, any_text)
def test_diff_joins_back_to_old_and_new(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert old_side(ops) == old
    assert new_side(ops) == new


@PROPERTY
@given(vocab_text, vocab_text)
def test_diff_of_related_texts_joins_back_to_old_and_new(old: str, new: str) -> None:
    ops = word_diff(old, old + new)
    assert (old_side(ops), new_side(ops)) == (old, old + new)


@PROPERTY
@given(any_text, any_text)
def test_every_change_starts_and_ends_on_token_boundaries(old: str, new: str) -> None:
    ops = word_diff(old, new)
    old_offset = new_offset = 0
    old_cuts, new_cuts = boundaries(old), boundaries(new)
    for op, text in ops:
        if op != 1:
            assert old_offset in old_cuts
            old_offset += len(text)
            assert old_offset in old_cuts
        if op != -1:
            assert new_offset in new_cuts
            new_offset += len(text)
            assert new_offset in new_cuts


@PROPERTY
@given(any_text, any_text)
def test_diff_is_normalised(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert all(text for _, text in ops)
    kinds = [op for op, _ in ops]
    for left, right in pairwise(kinds):
        assert left != right, "adjacent operations of one kind must be merged"
        assert (left, right) != (1, -1), "a deletion comes before its insertion"


@PROPERTY
@given(any_text)
def test_an_unchanged_text_is_one_equal_run(text: str) -> None:
    assert word_diff(text, text) == ([(0, text)] if text else [])


@PROPERTY
@given(any_text, any_text)
def test_html_shows_both_texts_when_the_other_side_is_removed(old: str, new: str) -> None:
    rendered = diff_html(old, new)
    without_del = re.sub(r"<del>.*?</del>", "", rendered, flags=re.DOTALL)
    without_ins = re.sub(r"<ins>.*?</ins>", "", rendered, flags=re.DOTALL)
    assert html.unescape(re.sub(r"</?ins>", "", without_del)) == new
    assert html.unescape(re.sub(r"</?del>", "", without_ins)) == old


# ---------------------------------------------------------------- word_diff: hand-written


def test_a_change_inside_a_word_replaces_the_whole_word() -> None:
    assert word_diff("the migrant workers", "the migrants workers") == [
        (0, "the "),
        (-1, "migrant"),
        (1, "migrants"),
        (0, " workers"),
    ]


def test_an_accent_change_replaces_the_whole_word() -> None:
    assert word_diff("la politica de empleo", "la política de empleo") == [
        (0, "la "),
        (-1, "politica"),
        (1, "política"),
        (0, " de empleo"),
    ]


def test_spanish_words_with_tilde_and_diaeresis_diff_as_words() -> None:
    ops = word_diff("el niño bilingüe", "la niña bilingüe")
    assert ops == [(-1, "el niño"), (1, "la niña"), (0, " bilingüe")]


def test_an_elision_change_only_touches_the_article() -> None:
    assert word_diff("de une protection", "d’une protection") == [
        (-1, "de "),
        (1, "d’"),
        (0, "une protection"),
    ]


def test_an_apostrophe_after_a_word_is_a_separate_insertion() -> None:
    assert word_diff("the workers rights", "the workers' rights") == [
        (0, "the workers"),
        (1, "'"),
        (0, " rights"),
    ]


def test_a_comma_added_is_a_punctuation_only_edit() -> None:
    assert word_diff("Members should promote", "Members, should promote") == [
        (0, "Members"),
        (1, ","),
        (0, " should promote"),
    ]


def test_french_no_break_space_before_punctuation_is_a_white_space_edit() -> None:
    old = f"Les travailleurs{NBSP}: «{NBSP}emploi{NBSP}»"
    new = f"Les travailleurs{NNBSP}: «{NBSP}emploi décent{NBSP}»"
    assert word_diff(old, new) == [
        (0, "Les travailleurs"),
        (-1, NBSP),
        (1, NNBSP),
        (0, f": «{NBSP}emploi"),
        (1, " décent"),
        (0, f"{NBSP}»"),
    ]


def test_both_texts_empty_gives_no_operations() -> None:
    assert word_diff("", "") == []
    assert diff_html("", "") == ""


def test_empty_old_text_is_one_insertion() -> None:
    assert word_diff("", "Article 1.") == [(1, "Article 1.")]


def test_empty_new_text_is_one_deletion() -> None:
    assert word_diff("Article 1.", "") == [(-1, "Article 1.")]


def test_html_escapes_script_and_ampersand_as_text() -> None:
    old = "Workers & employers"
    new = "Workers & employers <script>alert('x')</script>"
    rendered = diff_html(old, new)
    assert "<script>" not in rendered
    assert rendered == (
        "Workers &amp; employers<ins> &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</ins>"
    )


def test_html_wraps_deletions_and_insertions() -> None:
    assert diff_html("the migrant workers", "the migrants workers") == (
        "the <del>migrant</del><ins>migrants</ins> workers"
    )


def test_html_escapes_equal_and_deleted_text_too() -> None:
    assert diff_html('<b>"R&D"</b> x', '<b>"R&D"</b> y') == (
        "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; <del>x</del><ins>y</ins>"
    )


def test_more_than_65536_distinct_tokens_still_diff_correctly() -> None:
    count = 70_000  # crosses both the surrogate block and the BMP when encoded
    words = [f"w{i}" for i in range(count)]
    old = " ".join(words)
    changed = [*words]
    changed[10] = "début"
    changed[60_000] = "changé"
    changed[-1] = "fin"
    new = " ".join(changed)

    ops = word_diff(old, new)

    assert old_side(ops) == old and new_side(ops) == new
    assert [text for op, text in ops if op == -1] == ["w10", "w60000", f"w{count - 1}"]
    assert [text for op, text in ops if op == 1] == ["début", "changé", "fin"]


# -------------------------------------------------------------------- merge3: properties


@PROPERTY
@given(any_text, any_text)
def test_merging_an_edit_with_the_unchanged_base_gives_the_edit(base: str, edit: str) -> None:
    assert merge3(base, base, edit) == Merge(edit, [])
    assert merge3(base, edit, base) == Merge(edit, [])


@PROPERTY
@given(any_text, any_text)
def test_the_same_edit_on_both_sides_merges_to_that_edit(base: str, edit: str) -> None:
    assert merge3(base, edit, edit) == Merge(edit, [])


@PROPERTY
@given(edits_of_one_base())
def test_merge_is_symmetric(texts: tuple[str, str, str]) -> None:
    base, ours, theirs = texts
    assert merge3(base, ours, theirs) == merge3(base, theirs, ours)


@PROPERTY
@given(edits_of_one_base())
def test_a_conflict_has_no_text_and_a_clean_merge_has_no_conflicts(
    texts: tuple[str, str, str],
) -> None:
    merge = merge3(*texts)
    assert (merge.text is None) == bool(merge.conflicts)
    assert merge.clean == (merge.text is not None)


@PROPERTY
@given(edits_of_one_base())
def test_a_clean_merge_contains_what_each_side_inserted(texts: tuple[str, str, str]) -> None:
    base, ours, theirs = texts
    merge = merge3(base, ours, theirs)
    if merge.text is not None:
        for run in inserted_runs(base, ours) + inserted_runs(base, theirs):
            assert run in merge.text


@PROPERTY
@given(edits_of_one_base())
def test_colliding_changed_ranges_are_what_makes_a_merge_conflict(
    texts: tuple[str, str, str],
) -> None:
    base, ours, theirs = texts
    ours_ranges, theirs_ranges = changed_ranges(base, ours), changed_ranges(base, theirs)
    collisions = [(a, b) for a in ours_ranges for b in theirs_ranges if ranges_collide(a, b)]
    merge = merge3(base, ours, theirs)
    if not collisions:
        assert merge.clean
    if not merge.clean:
        assert collisions
        for start, end in merge.conflicts:
            assert 0 <= start <= end <= len(tokenize(base))


@PROPERTY
@given(edits_on_either_side_of_a_fence())
def test_edits_separated_by_an_unchanged_token_land_in_the_right_place(
    texts: tuple[str, str, str, str],
) -> None:
    base, ours, theirs, expected = texts
    assert merge3(base, ours, theirs) == Merge(expected, [])


# ------------------------------------------------------------------ merge3: hand-written

ILO_BASE = (
    "1. Members should take measures to ensure that migrant workers enjoy equality of "
    "treatment with nationals in respect of social security, and should promote "
    "decent work in the informal economy."
)


def test_disjoint_amendments_to_an_ilo_paragraph_merge() -> None:
    ours = ILO_BASE.replace("Members should take", "Members shall take")
    theirs = ILO_BASE.replace("in the informal economy", "in the informal and rural economy")
    merge = merge3(ILO_BASE, ours, theirs)
    assert merge == Merge(
        "1. Members shall take measures to ensure that migrant workers enjoy equality of "
        "treatment with nationals in respect of social security, and should promote "
        "decent work in the informal and rural economy.",
        [],
    )


def test_overlapping_amendments_conflict() -> None:
    ours = ILO_BASE.replace("migrant workers", "all migrant workers and their families")
    theirs = ILO_BASE.replace("migrant workers", "refugees")
    merge = merge3(ILO_BASE, ours, theirs)
    assert merge.text is None
    [(start, end)] = merge.conflicts
    assert tokenize(ILO_BASE)[start:end] == ["migrant", " ", "workers"]


def test_two_insertions_at_the_same_point_conflict() -> None:
    base = "Les travailleurs migrants"
    merge = merge3(base, "Les travailleurs migrants âgés", "Les travailleurs migrants jeunes")
    assert merge.text is None
    assert merge.conflicts == [(5, 5)]


def test_a_replacement_next_to_an_insertion_conflicts() -> None:
    base = "los trabajadores migrantes"
    # "trabajadores" (token 2) replaced; an insertion right after it, before the space.
    ours = "los empleados migrantes"
    theirs = "los trabajadores, migrantes"
    assert changed_ranges(base, ours) == [(2, 3)]
    assert changed_ranges(base, theirs) == [(3, 3)]
    merge = merge3(base, ours, theirs)
    assert merge == Merge(None, [(2, 3)])


def test_an_insertion_at_the_edge_of_a_replacement_conflicts() -> None:
    base = "decent work"
    # A comma inserted before the space (1, 1) touches the space replaced by a NBSP (1, 2).
    assert merge3(base, "decent, work", f"decent{NBSP}work") == Merge(None, [(1, 2)])


def test_edits_separated_by_one_unchanged_token_merge() -> None:
    base = "a b"
    # Tokens: "a" (0), " " (1), "b" (2); the space is left alone by both sides.
    assert merge3(base, "x b", "a y") == Merge("x y", [])


def test_edits_separated_by_one_unchanged_word_merge() -> None:
    base = "workers,employers,governments"
    merge = merge3(base, "workers;employers,governments", "workers,employers;governments")
    assert merge == Merge("workers;employers;governments", [])


def test_the_same_amendment_from_two_delegations_applies_once() -> None:
    base = "Members should promote decent work."
    shared = "Members should promote decent work for all."
    ours = "Members shall promote decent work for all."
    assert merge3(base, ours, shared) == Merge("Members shall promote decent work for all.", [])


def test_merge_of_empty_texts() -> None:
    assert merge3("", "", "") == Merge("", [])
    assert merge3("", "Article 1", "") == Merge("Article 1", [])
    assert merge3("", "Article 1", "Article 2") == Merge(None, [(0, 0)])
    assert merge3("Article 1", "", "") == Merge("", [])
    assert merge3("Article 1", "", "Article 2") == Merge(None, [(0, 3)])


# ------------------------------------------------------------- changed_ranges / collide


def test_changed_ranges_lists_base_token_ranges() -> None:
    # Tokens: Members(0) ' '(1) should(2) ' '(3) promote(4)
    assert changed_ranges("Members should promote", "Members shall promote") == [(2, 3)]
    assert changed_ranges("Members should promote", "Members should promote.") == [(5, 5)]
    assert changed_ranges("same", "same") == []


@pytest.mark.parametrize(
    ("a", "b", "collide"),
    [
        ((2, 5), (4, 8), True),  # overlap
        ((2, 5), (5, 8), True),  # touching edges
        ((3, 3), (3, 3), True),  # two insertions at one point
        ((3, 3), (1, 3), True),  # insertion at the end of a replacement
        ((3, 3), (3, 6), True),  # insertion at the start of a replacement
        ((0, 1), (2, 3), False),  # one unchanged token between
        ((4, 4), (5, 5), False),  # insertions one token apart
    ],
)
def test_ranges_collide_when_they_overlap_or_touch(
    a: tuple[int, int], b: tuple[int, int], collide: bool
) -> None:
    assert ranges_collide(a, b) is collide
    assert ranges_collide(b, a) is collide


def test_a_busy_machine_gets_the_same_diff_as_an_idle_one(monkeypatch) -> None:
    old = "Migration should be safe and orderly."
    new = "Migration should be safe, orderly and regular."
    idle = word_diff(old, new)
    # A clock that jumps a minute at every look: what a stalled process on a loaded machine
    # sees. A budget in seconds would give up and mark the whole sentence as replaced.
    dmp_module = sys.modules[diff_match_patch.__module__]
    now = iter(range(0, 10**9, 60))
    monkeypatch.setattr(dmp_module.time, "time", lambda: float(next(now)))
    busy = word_diff(old, new)
    assert busy == idle
    assert (EQUAL, "Migration should be safe") in busy and (INSERT, "regular") in busy


def test_two_long_unrelated_texts_diff_within_a_bounded_number_of_steps() -> None:
    old = ", ".join(f"w{i}" for i in range(3500))
    new = ". ".join(f"v{i}" for i in range(3500))
    ops = word_diff(old, new)
    assert "".join(t for op, t in ops if op != 1) == old
    assert "".join(t for op, t in ops if op != -1) == new
