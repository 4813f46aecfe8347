"""References to units ("Paragraph 5(c)", "the chapeau of Paragraph 5", "new clause after
Paragraph 3(a)", "Resolution, preambular paragraph 1") in the language of a document.

A reference is stored as written when an amendment was drafted or a decision recorded, in the
language of whoever did it. A French or Spanish document must not quote "the chapeau of
Paragraph 3": `localise` reads a reference written in any interface language and writes it again
in the active one, with the words of drafting.outline; a reference it does not understand (typed
by hand) is returned as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The first word of a section heading names it in references ("Resolution, paragraph 2").
SECTION_WORDS = {
    gettext_noop("Resolution"): ("resolution", "résolution", "resolución"),
    gettext_noop("Conclusions"): ("conclusions", "conclusiones"),
}

NOUNS = ("paragraph", "clause", "subclause", "preamble", "part")


def section_word(word: str) -> str:
    """A section's name in the active language ("Résolution"), or the word as written."""
    folded = word.strip().lower()
    for msgid, forms in SECTION_WORDS.items():
        if folded in forms:
            return _(msgid)
    return word


def nouns() -> dict[str, str]:
    """The nouns of new units in the active language (as drafting.outline writes them)."""
    return {
        "paragraph": _("new paragraph"),
        "clause": _("new clause"),
        "subclause": _("new sub-clause"),
        "preamble": _("new preambular paragraph"),
        "part": _("new part"),
    }


def _template(message: str, **groups: str) -> str:
    pattern = re.escape(message)
    for name, group in groups.items():
        pattern = pattern.replace(re.escape(f"%({name})s"), f"(?P<{name}>{group})")
    return pattern


@lru_cache(maxsize=8)
def _grammar(language: str) -> dict:
    with translation.override(language):
        flags = re.IGNORECASE
        return {
            "chapeau": re.compile(
                "^" + _template(_("the chapeau of %(reference)s"), reference=".+") + "$", flags
            ),
            "after": re.compile(
                "^"
                + _template(_("%(noun)s after %(reference)s"), noun=".+?", reference=".+")
                + "$",
                flags,
            ),
            "nouns": {v.lower(): k for k, v in nouns().items()},
            "part": re.compile(
                "^" + _template(_("Part %(number)s"), number="[IVXLCDM]+") + "$", flags
            ),
            "paragraph": [
                re.compile(
                    "^(?:(?P<section>[^,]+), )?"
                    + _template(message, number=r"\d+")
                    + r"(?P<path>(?:\([a-z]+\))*)$",
                    flags,
                )
                for message in (_("Paragraph %(number)s"), _("paragraph %(number)s"))
            ],
            "preamble": re.compile(
                "^(?:(?P<section>[^,]+), )?"
                + _template(_("preambular paragraph %(number)s"), number=r"\d+")
                + "$",
                flags,
            ),
        }


def _parse(text: str, depth: int = 0):
    """The reference as a small tree, or None when it is not one drafting writes."""
    if depth > 3:
        return None
    for language, _name in settings.LANGUAGES:
        g = _grammar(language)
        if m := g["chapeau"].match(text):
            inner = _parse(m["reference"], depth + 1)
            if inner:
                return ("chapeau", inner)
        if m := g["after"].match(text):
            kind = g["nouns"].get(m["noun"].lower())
            inner = _parse(m["reference"], depth + 1)
            if kind and inner:
                return ("after", kind, inner)
        if kind := g["nouns"].get(text.lower()):
            return ("new", kind)
        if m := g["part"].match(text):
            return ("part", m["number"].upper())
        for pattern in g["paragraph"]:
            if m := pattern.match(text):
                return ("paragraph", m["section"], m["number"], m["path"])
        if m := g["preamble"].match(text):
            return ("preamble", m["section"], m["number"])
    return None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(tree) -> str:
    kind = tree[0]
    if kind == "chapeau":
        return _("the chapeau of %(reference)s") % {"reference": _render(tree[1])}
    if kind == "after":
        return _("%(noun)s after %(reference)s") % {
            "noun": nouns()[tree[1]],
            "reference": _render(tree[2]),
        }
    if kind == "new":
        return _capital(nouns()[tree[1]])
    if kind == "part":
        return _("Part %(number)s") % {"number": tree[1]}
    section = tree[1]
    prefix = f"{section_word(section)}, " if section else ""
    if kind == "paragraph":
        message = _("paragraph %(number)s") if section else _("Paragraph %(number)s")
        return prefix + message % {"number": tree[2]} + tree[3]
    return _capital(prefix + _("preambular paragraph %(number)s") % {"number": tree[2]})


@lru_cache(maxsize=4096)
def _localise(text: str, language: str) -> str:
    tree = _parse(text.strip())
    if tree is None:
        return text
    with translation.override(language):
        return _render(tree)


def localise(text: str) -> str:
    """`text`, a reference in any interface language, in the active language."""
    if not text:
        return text
    return _localise(text, translation.get_language() or settings.LANGUAGE_CODE)
