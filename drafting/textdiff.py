"""Word-level diff and three-way merge for amendment text.

Pure Python (no Django) so it can be used from views, forms, management commands and
tests alike.

Public API
----------
``tokenize(text) -> list[str]``
    Split text into tokens such that ``"".join(tokenize(text)) == text``:

    * a *word* is a maximal run of word characters: letters and digits in any script
      (``\\w``, so accented letters such as é, ñ, ü are part of the word, and so is ``_``),
      plus combining marks, so a decomposed "é" (``e`` + U+0301) stays one word;
    * a *space* token is a maximal run of white space, including no-break spaces
      (U+00A0, U+202F) and line breaks;
    * every other character is a token on its own: punctuation, symbols, apostrophes
      (``'`` and ``’``) and hyphens. "l’emploi" is therefore ``l``, ``’``, ``emploi`` and
      "workers'" is ``workers``, ``'``. Keeping apostrophes and hyphens out of words makes
      elision changes (``de`` -> ``d’``) and punctuation-only edits show up as small,
      precise changes instead of whole-word replacements.

``word_diff(old, new) -> list[tuple[int, str]]``
    Diff at token granularity: ``(-1, text)`` deleted, ``(0, text)`` equal,
    ``(1, text)`` inserted. A change inside a word shows the whole old word deleted and
    the whole new word inserted. Adjacent operations of the same kind are merged, there
    are no empty strings, and inside a replaced region the deletion precedes the
    insertion.

``diff_html(old, new) -> str``
    The same diff as HTML: every piece of text escaped, deletions in ``<del>``, insertions
    in ``<ins>``. White space is kept as is, so render it with ``white-space: pre-wrap``.

``merge3(base, ours, theirs) -> Merge``
    Three-way merge on tokens. Each side's edits against ``base`` are hunks (a base token
    range ``[start, end)`` replaced by new tokens). Edits whose base ranges overlap or
    touch conflict (touching includes two insertions at the same point and an insertion
    at the edge of the other side's replaced range); edits separated by at least one
    unchanged base token merge; the same edit made on both sides is applied once.
    ``Merge.text`` is ``None`` on conflict and ``Merge.conflicts`` then lists the base
    token ranges in conflict (a range is empty, ``start == end``, when both sides insert
    at the same point).

``changed_ranges(base, new) -> list[tuple[int, int]]``
    The base token ranges an edit touches, i.e. the ranges of the hunks ``merge3`` uses.
    Store these per amendment to detect amendments that collide on one paragraph without
    running a full merge.

``ranges_collide(a, b) -> bool``
    Whether two base token ranges overlap or touch: the exact rule ``merge3`` uses to
    declare a conflict (identical edits aside, which only ``merge3`` can see).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

__all__ = [
    "Merge",
    "changed_ranges",
    "diff_html",
    "merge3",
    "ranges_collide",
    "tokenize",
    "word_diff",
]

DELETE, EQUAL, INSERT = -1, 0, 1

# Bounds the work diff-match-patch may spend searching for the minimal diff, counted in steps
# of its bisection (each step costs about as many operations as steps before it), never in
# seconds: a budget in seconds gives a coarser diff on a busy machine than on an idle one.
# A paragraph diffs in a few dozen steps, so this only matters for pathological input (two
# long, wholly different texts), where a coarser (still exact) diff beats tying up a request
# worker. Correctness never depends on it: every diff joins back to old and new, merge3
# places hunks by base token index, and merge3's identity laws are short-circuited rather
# than relying on two diffs coming out the same.
BISECT_STEPS = 1500


class _StepBudget:
    """Stands in for dmp's deadline: dmp asks `time.time() > deadline` once per bisection step,
    which Python answers with `deadline < now`, so counting those questions counts the steps."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def __lt__(self, _now: object) -> bool:
        self.left -= 1
        return self.left < 0


# Marks (category M*) are not \w in Python, but they belong to the letter they modify.
_TOKEN_RE = re.compile(r"(\w+)|(\s+)|(.)", re.DOTALL)

# Token i is encoded as one code point. Surrogates are skipped so that every encoded
# string is valid Unicode; that leaves room for more than a million distinct tokens.
_SURROGATE_START, _SURROGATE_END = 0xD800, 0xE000
_MAX_CODE_POINT = 0x10FFFF
_BLANK_LINE_END = re.compile(r"\n\r?\n$")
_BLANK_LINE_START = re.compile(r"^\r?\n\r?\n")


def tokenize(text: str) -> list[str]:
    """Split ``text`` into word, white-space and single punctuation tokens (see module doc)."""
    tokens: list[str] = []
    previous_is_word = False
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if match.group(1) is not None:
            is_word = True
        elif match.group(3) is not None:
            is_word = unicodedata.category(token).startswith("M")
        else:
            is_word = False
        if is_word and previous_is_word:
            # Only reachable through a combining mark: glue it and what follows to the word.
            tokens[-1] += token
        else:
            tokens.append(token)
        previous_is_word = is_word
    return tokens


def _code_point(index: int) -> str:
    code = index + 1  # U+0000 is left unused to keep encoded strings printable in debuggers.
    if code >= _SURROGATE_START:
        code += _SURROGATE_END - _SURROGATE_START
    if code > _MAX_CODE_POINT:
        raise ValueError("too many distinct tokens to diff")
    return chr(code)


class _TokenDiffer(diff_match_patch):
    """diff-match-patch over token-encoded strings (one character per token).

    The stock semantic-lossless pass judges boundaries by looking at characters, which here
    are arbitrary code points. This override runs the same algorithm but scores a boundary
    with the real tokens on either side of it, so ties are broken at readable places
    (after a space, at a sentence end) exactly as dmp would on plain text.
    """

    def __init__(self, vocabulary: list[str]) -> None:
        super().__init__()
        self._vocabulary = vocabulary

    def _token(self, char: str) -> str:
        code = ord(char)
        if code >= _SURROGATE_END:
            code -= _SURROGATE_END - _SURROGATE_START
        return self._vocabulary[code - 1]

    def _score(self, one: str, two: str) -> int:
        # Same scale as dmp's diff_cleanupSemanticScore: 6 best (edge) to 0 (mid-word).
        if not one or not two:
            return 6
        left, right = self._token(one[-1]), self._token(two[0])
        char1, char2 = left[-1], right[0]
        non_alnum1, non_alnum2 = not char1.isalnum(), not char2.isalnum()
        space1 = non_alnum1 and char1.isspace()
        space2 = non_alnum2 and char2.isspace()
        break1 = space1 and char1 in "\r\n"
        break2 = space2 and char2 in "\r\n"
        # A run of white space is a single token, so a blank line sits inside one token.
        if (break1 and _BLANK_LINE_END.search(left)) or (break2 and _BLANK_LINE_START.match(right)):
            return 5
        if break1 or break2:
            return 4
        if non_alnum1 and not space1 and space2:
            return 3
        if space1 or space2:
            return 2
        if non_alnum1 or non_alnum2:
            return 1
        return 0

    def diff_cleanupSemanticLossless(self, diffs: list[tuple[int, str]]) -> None:  # noqa: N802
        pointer = 1
        while pointer < len(diffs) - 1:
            if diffs[pointer - 1][0] == EQUAL and diffs[pointer + 1][0] == EQUAL:
                equality1 = diffs[pointer - 1][1]
                edit = diffs[pointer][1]
                equality2 = diffs[pointer + 1][1]

                offset = self.diff_commonSuffix(equality1, edit)
                if offset:
                    common = edit[-offset:]
                    equality1 = equality1[:-offset]
                    edit = common + edit[:-offset]
                    equality2 = common + equality2

                best = (equality1, edit, equality2)
                best_score = self._score(equality1, edit) + self._score(edit, equality2)
                while edit and equality2 and edit[0] == equality2[0]:
                    equality1 += edit[0]
                    edit = edit[1:] + equality2[0]
                    equality2 = equality2[1:]
                    score = self._score(equality1, edit) + self._score(edit, equality2)
                    # >= prefers trailing over leading white space in the edit, as dmp does.
                    if score >= best_score:
                        best_score = score
                        best = (equality1, edit, equality2)

                if diffs[pointer - 1][1] != best[0]:
                    if best[0]:
                        diffs[pointer - 1] = (EQUAL, best[0])
                    else:
                        del diffs[pointer - 1]
                        pointer -= 1
                    diffs[pointer] = (diffs[pointer][0], best[1])
                    if best[2]:
                        diffs[pointer + 1] = (EQUAL, best[2])
                    else:
                        del diffs[pointer + 1]
                        pointer -= 1
            pointer += 1


def _token_diff(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Normalised diff of two token sequences, with token lists instead of strings."""
    vocabulary: list[str] = []
    codes: dict[str, str] = {}

    def encode(tokens: Sequence[str]) -> str:
        chars = []
        for token in tokens:
            char = codes.get(token)
            if char is None:
                char = codes[token] = _code_point(len(vocabulary))
                vocabulary.append(token)
            chars.append(char)
        return "".join(chars)

    encoded_old, encoded_new = encode(old), encode(new)
    differ = _TokenDiffer(vocabulary)
    diffs = differ.diff_main(encoded_old, encoded_new, False, _StepBudget(BISECT_STEPS))
    differ.diff_cleanupSemantic(diffs)

    # dmp may leave empty strings, split runs, or (after overlap extraction) an insertion
    # before a deletion; rebuild as equal / delete-then-insert runs.
    result: list[tuple[int, list[str]]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            result.append((DELETE, deleted.copy()))
            deleted.clear()
        if inserted:
            result.append((INSERT, inserted.copy()))
            inserted.clear()

    for op, chars in diffs:
        tokens = [differ._token(char) for char in chars]
        if not tokens:
            continue
        if op == DELETE:
            deleted.extend(tokens)
        elif op == INSERT:
            inserted.extend(tokens)
        else:
            flush()
            if result and result[-1][0] == EQUAL:
                result[-1][1].extend(tokens)
            else:
                result.append((EQUAL, tokens))
    flush()
    return result


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """Diff ``old`` against ``new`` word by word (see module doc for the guarantees)."""
    return [(op, "".join(tokens)) for op, tokens in _token_diff(tokenize(old), tokenize(new))]


def diff_html(old: str, new: str) -> str:
    """Render :func:`word_diff` as escaped HTML with ``<del>`` and ``<ins>``."""
    parts = []
    for op, text in word_diff(old, new):
        escaped = html.escape(text, quote=True)
        if op == DELETE:
            parts.append(f"<del>{escaped}</del>")
        elif op == INSERT:
            parts.append(f"<ins>{escaped}</ins>")
        else:
            parts.append(escaped)
    return "".join(parts)


@dataclass(frozen=True)
class Merge:
    """Outcome of :func:`merge3`: ``text`` is ``None`` exactly when ``conflicts`` is not empty."""

    text: str | None
    conflicts: list[tuple[int, int]]

    @property
    def clean(self) -> bool:
        return self.text is not None


@dataclass(frozen=True)
class _Hunk:
    start: int
    end: int
    replacement: tuple[str, ...]


def _hunks(base: Sequence[str], new: Sequence[str]) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    position = 0
    pending: _Hunk | None = None
    for op, tokens in _token_diff(base, new):
        if op == EQUAL:
            if pending is not None:
                hunks.append(pending)
                pending = None
            position += len(tokens)
            continue
        if pending is None:
            pending = _Hunk(position, position, ())
        if op == DELETE:
            position += len(tokens)
            pending = _Hunk(pending.start, position, pending.replacement)
        else:
            pending = _Hunk(pending.start, pending.end, pending.replacement + tuple(tokens))
    if pending is not None:
        hunks.append(pending)
    return hunks


def changed_ranges(base: str, new: str) -> list[tuple[int, int]]:
    """Base token ranges ``[start, end)`` that the edit ``base -> new`` replaces.

    An insertion gives an empty range at its position. Ranges are sorted and never touch
    each other.
    """
    return [(hunk.start, hunk.end) for hunk in _hunks(tokenize(base), tokenize(new))]


def ranges_collide(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two base token ranges overlap or touch (share at least an edge)."""
    # Closed-interval intersection: touching edges count, so two insertions at one point
    # and an insertion at the edge of a replacement collide, while any unchanged token
    # between the ranges keeps them apart.
    return a[0] <= b[1] and b[0] <= a[1]


def merge3(base: str, ours: str, theirs: str) -> Merge:
    """Three-way merge of two edits of ``base`` (see module doc for the rules)."""
    # These shortcuts make the identity laws hold by construction and skip all diffing in
    # the common case of a single amendment.
    if ours == theirs or theirs == base:
        return Merge(ours, [])
    if ours == base:
        return Merge(theirs, [])

    base_tokens = tokenize(base)
    our_hunks = _hunks(base_tokens, tokenize(ours))
    their_hunks = _hunks(base_tokens, tokenize(theirs))

    # The same edit on both sides is applied once and cannot collide with anything else:
    # hunks from one side never touch, so nothing touches a hunk both sides share.
    shared = set(our_hunks) & set(their_hunks)
    tagged = [(hunk, 0) for hunk in our_hunks if hunk not in shared]
    tagged += [(hunk, 1) for hunk in their_hunks if hunk not in shared]
    tagged.sort(key=lambda item: (item[0].start, item[0].end, item[1]))

    # Group hunks that collide, transitively. Sorted by start, a hunk collides with the
    # group iff it starts at or before the group's furthest end.
    conflicts: list[tuple[int, int]] = []
    group_start = group_end = -1
    group_sides: set[int] = set()

    def close_group() -> None:
        if len(group_sides) > 1:
            conflicts.append((group_start, group_end))

    for hunk, side in tagged:
        if group_sides and hunk.start <= group_end:
            group_end = max(group_end, hunk.end)
            group_sides.add(side)
        else:
            close_group()
            group_start, group_end, group_sides = hunk.start, hunk.end, {side}
    close_group()

    if conflicts:
        return Merge(None, conflicts)

    merged: list[str] = []
    position = 0
    for hunk in sorted(set(our_hunks) | set(their_hunks), key=lambda h: (h.start, h.end)):
        merged.extend(base_tokens[position : hunk.start])
        merged.extend(hunk.replacement)
        position = hunk.end
    merged.extend(base_tokens[position:])
    return Merge("".join(merged), [])
