"""Turn the plain text of a draft (pasted, or read from a .docx) into a tree of units.

Pure functions: nothing here touches the database. `parse(text)` recognises

* sections: a line starting "Resolution concerning" / "Conclusions concerning" (also
  "Résolution concernant", "Conclusions concernant", "Resolución relativa", "Conclusiones
  sobre" ...);
* parts: "I.", "II." ... headings;
* paragraphs: "1.", "2." ...;
* clauses: "(a)" or "a)"; sub-clauses: "(i)" or "i)". "(i)" after "(h)" is the ninth clause,
  "(i)" after a clause ending with a colon (or followed by "(ii)") is its first sub-clause:
  the numbering in sequence decides, then what follows;
* unnumbered lines: preambular paragraphs in a resolution before its first numbered
  paragraph (or before any section); elsewhere joined to the unit before them (with a warning).

Numbers in the text are not stored: they are computed from order, so out-of-sequence numbers
only give a warning. Problems that would make a wrong draft (a clause with no paragraph, an
over-long unit, control characters) are errors, and an import with errors cannot be confirmed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from drafting import inputs
from drafting.models import MAX_TEXT_LENGTH
from drafting.outline import letters, roman

SECTION, PART, PREAMBLE, PARAGRAPH, CLAUSE, SUBCLAUSE = (
    "section",
    "part",
    "preamble",
    "paragraph",
    "clause",
    "subclause",
)

_SECTION_RE = re.compile(
    r"^(?:(?:draft|proposed|projet\s+de|proyecto\s+de)\s+)?"
    r"(resolution|r[ée]solution|resoluci[óo]n|conclusions|conclusiones)\s+"
    r"(concerning|on|concernant|sur|relativa|relativas|relativo|relativos|sobre|acerca)\b",
    re.IGNORECASE,
)
_PART_RE = re.compile(r"^([IVXLC]+)\.(?:\s+(.*)|$)")
_PARAGRAPH_RE = re.compile(r"^(\d{1,3})\.(?:\s+(.*)|$)")
_ITEM_RE = re.compile(r"^(?:\(([a-z]{1,4})\)|([a-z]{1,4})\))(?:\s+(.*)|$)")
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_CONTROL_RE = inputs.REFUSED


@dataclass
class Node:
    kind: str
    text: str
    children: list[Node] = field(default_factory=list)
    line: int = 0
    number: str = ""  # the number as it appeared in the text, for the preview


@dataclass
class Parsed:
    nodes: list[Node]
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.nodes) and not self.errors

    def walk(self):
        """(depth, node) for every node in reading order."""

        def go(nodes, depth):
            for node in nodes:
                yield depth, node
                yield from go(node.children, depth + 1)

        yield from go(self.nodes, 0)

    @property
    def count(self) -> int:
        return sum(1 for _ in self.walk())


def _is_resolution(heading: str) -> bool:
    match = _SECTION_RE.match(heading)
    return bool(match) and match.group(1).lower().startswith(("res", "rés"))


def _is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN_RE.match(token))


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for i, char in enumerate(token.lower()):
        value = values[char]
        nxt = values[token.lower()[i + 1]] if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total


def _is_letters(token: str) -> bool:
    return len(set(token)) == 1


def _item(line: str) -> tuple[str, str] | None:
    match = _ITEM_RE.match(line)
    if not match:
        return None
    return (match.group(1) or match.group(2)), (match.group(3) or "")


def parse(text: str) -> Parsed:
    """Parse the plain text of a draft (see the module docstring for the rules)."""
    lines = inputs.normalise(text).split("\n")
    result = Parsed(nodes=[])
    state = _State(result)
    numbered = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    for index, (number, line) in enumerate(numbered):
        following = [ln for _n, ln in numbered[index + 1 : index + 3]]
        state.feed(number, line, following)
    state.finish()
    if not result.nodes and not result.errors:
        result.errors.append(_("There is no text to import."))
    return result


class _State:
    def __init__(self, result: Parsed) -> None:
        self.result = result
        self.section: Node | None = None
        self.part: Node | None = None
        self.paragraph: Node | None = None
        self.clause: Node | None = None
        self.last: Node | None = None
        self.pending: Node | None = None  # a number on a line of its own: text comes next
        self.parts = 0
        self.paragraphs = 0
        self.clauses = 0
        self.subclauses = 0

    # where a new unit goes
    def _add(self, node: Node, parent: Node | None) -> None:
        (parent.children if parent else self.result.nodes).append(node)
        self.last = node

    def warn(self, line: int, message: str) -> None:
        self.result.warnings.append(
            _("Line %(line)s: %(message)s") % {"line": line, "message": message}
        )

    def error(self, line: int, message: str) -> None:
        self.result.errors.append(
            _("Line %(line)s: %(message)s") % {"line": line, "message": message}
        )

    def feed(self, line_no: int, line: str, following: list[str]) -> None:
        if _CONTROL_RE.search(line):
            self.error(line_no, _("contains control characters."))
            line = _CONTROL_RE.sub(" ", line)
        if len(line) > MAX_TEXT_LENGTH:
            self.error(
                line_no,
                _("is longer than %(limit)s characters.") % {"limit": f"{MAX_TEXT_LENGTH:,}"},
            )
        if self.pending is not None and not self._is_marked(line):
            self.pending.text = line
            self.pending = None
            return
        if self.pending is not None:
            self.error(self.pending.line, _("a number without text."))
            self.pending = None

        if _SECTION_RE.match(line):
            node = Node(SECTION, line, line=line_no)
            self._add(node, None)
            self.section, self.part, self.paragraph, self.clause = node, None, None, None
            self.parts = self.paragraphs = 0
            return

        match = _PART_RE.match(line)
        if match and _is_roman(match.group(1).lower()):
            value = _roman_value(match.group(1))
            if value != self.parts + 1:
                self.warn(
                    line_no,
                    _("part %(found)s. where %(expected)s. was expected.")
                    % {"found": match.group(1), "expected": roman(self.parts + 1).upper()},
                )
            self.parts += 1
            node = Node(PART, match.group(2) or "", line=line_no, number=f"{match.group(1)}.")
            self._add(node, self.section)
            self.part, self.paragraph, self.clause = node, None, None
            self._maybe_pending(node)
            return

        match = _PARAGRAPH_RE.match(line)
        if match:
            found = int(match.group(1))
            if found != self.paragraphs + 1:
                self.warn(
                    line_no,
                    _("paragraph %(found)s where %(expected)s was expected.")
                    % {"found": found, "expected": self.paragraphs + 1},
                )
            self.paragraphs += 1
            node = Node(PARAGRAPH, match.group(2) or "", line=line_no, number=f"{found}.")
            self._add(node, self.part or self.section)
            self.paragraph, self.clause, self.clauses = node, None, 0
            self._maybe_pending(node)
            return

        item = _item(line)
        if item:
            self._item(line_no, item, following)
            return

        self._unnumbered(line_no, line)

    def _is_marked(self, line: str) -> bool:
        return bool(
            _SECTION_RE.match(line)
            or _PART_RE.match(line)
            or _PARAGRAPH_RE.match(line)
            or _item(line)
        )

    def _maybe_pending(self, node: Node) -> None:
        if not node.text:
            self.pending = node

    def _item(self, line_no: int, item: tuple[str, str], following: list[str]) -> None:
        token, text = item
        if self.paragraph is None:
            self.error(
                line_no, _("clause (%(token)s) has no paragraph to belong to.") % {"token": token}
            )
            return
        next_clause = letters(self.clauses + 1)
        next_sub = roman(self.subclauses + 1) if self.clause is not None else None
        as_clause = _is_letters(token) and token == next_clause
        as_sub = token == next_sub
        if as_clause and as_sub:
            kind = self._decide(following)
        elif as_clause:
            kind = CLAUSE
        elif as_sub:
            kind = SUBCLAUSE
        elif self.clause is not None and _is_roman(token) and not self._looks_like_clause(token):
            kind = SUBCLAUSE
            self.warn(
                line_no,
                _("sub-clause (%(found)s) where (%(expected)s) was expected.")
                % {"found": token, "expected": next_sub},
            )
        else:
            kind = CLAUSE
            self.warn(
                line_no,
                _("clause (%(found)s) where (%(expected)s) was expected.")
                % {"found": token, "expected": next_clause},
            )
        node = Node(kind, text, line=line_no, number=f"({token})")
        if kind == CLAUSE:
            self.clauses += 1
            self._add(node, self.paragraph)
            self.clause, self.subclauses = node, 0
        else:
            self.subclauses += 1
            self._add(node, self.clause)
        self._maybe_pending(node)

    def _looks_like_clause(self, token: str) -> bool:
        """A letter token that continues the clause sequence closely enough."""
        return _is_letters(token) and abs(ord(token[0]) - ord(letters(self.clauses + 1)[0])) <= 1

    def _decide(self, following: list[str]) -> str:
        """'(i)' could be the next clause or the first sub-clause: look around."""
        for line in following:
            item = _item(line)
            if item is None:
                continue
            token = item[0]
            if token == roman(self.subclauses + 2):
                return SUBCLAUSE
            if token == letters(self.clauses + 2):
                return CLAUSE
            break
        assert self.clause is not None
        return SUBCLAUSE if self.clause.text.rstrip().endswith((":", "：")) else CLAUSE

    def _unnumbered(self, line_no: int, line: str) -> None:
        before_numbers = self.paragraph is None and self.part is None
        in_resolution = self.section is not None and _is_resolution(self.section.text)
        if (
            self.last is None
            or self.last.kind == PREAMBLE
            or (before_numbers and (in_resolution or self.last is self.section))
        ):
            self._add(Node(PREAMBLE, line, line=line_no), self.section)
            return
        self.last.text = f"{self.last.text}\n{line}" if self.last.text else line
        self.warn(line_no, _("has no number: joined to the unit before it."))

    def finish(self) -> None:
        if self.pending is not None:
            self.error(self.pending.line, _("a number without text."))
        for _depth, node in self.result.walk():
            if not node.text.strip():
                self.error(node.line, _("a unit without text."))


# A .docx is a zip archive. What it may unpack to, read from the archive's directory before
# anything is decompressed (zipfile never yields more than an entry's declared size): a real
# draft is a few hundred entries and a few megabytes of XML, while a crafted file of a few
# hundred kilobytes can unpack to gigabytes and hold the server for minutes.
MAX_DOCX_ENTRIES = 1000
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_RATIO = 100
_RATIO_FROM = 1024 * 1024  # small entries may compress very well; the ratio counts above this


def check_docx_archive(data: bytes) -> None:
    """ValueError with a readable message when the archive would unpack to too much."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ValueError(_("This file could not be read as a Word (.docx) document.")) from exc
    if len(entries) > MAX_DOCX_ENTRIES:
        raise ValueError(
            _("This Word document holds too many parts (%(count)s, at most %(limit)s).")
            % {"count": f"{len(entries):,}", "limit": f"{MAX_DOCX_ENTRIES:,}"}
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_DOCX_UNPACKED:
        raise ValueError(
            _("This Word document is too large once unpacked (%(size)s MB, at most %(limit)s MB).")
            % {"size": unpacked // (1024 * 1024), "limit": MAX_DOCX_UNPACKED // (1024 * 1024)}
        )
    for entry in entries:
        if entry.file_size > _RATIO_FROM and (
            entry.file_size > MAX_DOCX_RATIO * max(entry.compress_size, 1)
        ):
            raise ValueError(
                _(
                    "This Word document is compressed to an unusual degree (%(ratio)s to 1, at "
                    "most %(limit)s to 1) and is not read, for safety."
                )
                % {
                    "ratio": f"{entry.file_size // max(entry.compress_size, 1):,}",
                    "limit": MAX_DOCX_RATIO,
                }
            )


def docx_to_text(data: bytes) -> str:
    """The text of a .docx file, one line per paragraph, with Word's automatic numbering
    written out ("1.", "(a)", "(i)" by list level) so that `parse` can read it.

    Raises ValueError with a readable message when the file is not a Word document.
    """
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise ValueError(_("Reading .docx files is not available on this server.")) from exc
    check_docx_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ValueError(_("This file could not be read as a Word (.docx) document.")) from exc
    except Exception as exc:  # noqa: BLE001 - a broken zip/XML is bad input, not a crash
        raise ValueError(_("This file could not be read as a Word (.docx) document.")) from exc
    lines: list[str] = []
    counters = [0, 0, 0]
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        level = _list_level(paragraph)
        if level is not None and not _is_marked_text(text):
            level = min(level, 2)
            counters[level] += 1
            for deeper in range(level + 1, 3):
                counters[deeper] = 0
            n = counters[level]
            marker = [f"{n}.", f"({letters(n)})", f"({roman(n)})"][level]
            text = f"{marker} {text}"
        lines.append(text)
    return "\n".join(lines)


def _is_marked_text(text: str) -> bool:
    return bool(_PARAGRAPH_RE.match(text) or _ITEM_RE.match(text) or _PART_RE.match(text))


def _list_level(paragraph) -> int | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None:
        return None
    ilvl = ppr.numPr.ilvl
    return int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0
