"""Messages stored as they were written ("Amendment D.12 adopted", "Editorial correction: …"),
read again in the active language.

The reasons kept in the histories are written once, in the language of whoever acted. A French
or Spanish page or document shows them in its own language: `localise` finds the interface
message the stored text was made from, in any of the interface's languages (the catalogues
themselves are the grammar), and writes it again in the active language, its arguments
localised in turn ("Re-based after Amendment D.3 adopted"). Anything else (a reason typed by
hand) is shown exactly as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import trans_real

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
MIN_LITERAL = 4  # templates with fewer fixed letters than this would match anything


@lru_cache(maxsize=8)
def _grammar(language: str) -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    """(exact text -> msgid, [(pattern of the text, msgid)]) of the language's catalogue."""
    # English is the msgids themselves: read them from another language's catalogue.
    source = language
    if language == "en":
        source = next((code for code in _languages() if code != "en"), "en")
    catalogue = trans_real.translation(source)._catalog
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern, str]] = []
    for msgid in list(catalogue.keys()):
        if not isinstance(msgid, str) or not msgid or "\x04" in msgid:
            continue
        text = catalogue[msgid] if language != "en" else msgid
        if not isinstance(text, str) or not text:
            continue
        names = PLACEHOLDER.findall(msgid)
        if not names:
            exact.setdefault(text, msgid)
            continue
        if sorted(PLACEHOLDER.findall(text)) != sorted(names) or len(set(names)) != len(names):
            continue
        literal = PLACEHOLDER.sub("", text)
        if len(literal.strip(" :;,.()—-")) < MIN_LITERAL or "%" in literal:
            continue
        pattern = "".join(
            f"(?P<{part}>.+?)" if i % 2 else re.escape(part)
            for i, part in enumerate(PLACEHOLDER.split(text))
        )
        patterns.append((re.compile(f"^{pattern}$", re.S), msgid))
    # The longest fixed text first: "Amendment %(symbol)s adopted as subamended" before
    # "Amendment %(symbol)s adopted".
    patterns.sort(key=lambda item: -len(PLACEHOLDER.sub("", item[1])))
    return exact, patterns


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _read(text: str, depth: int) -> str:
    for language in _languages():
        exact, _patterns = _grammar(language)
        if text in exact:
            return _(exact[text])
    if depth > 2:
        return text
    for language in _languages():
        _exact, patterns = _grammar(language)
        for pattern, msgid in patterns:
            match = pattern.match(text)
            if match:
                parts = {k: _read(v, depth + 1) for k, v in match.groupdict().items()}
                return _(msgid) % parts
    return text


@lru_cache(maxsize=4096)
def _localise(text: str, language: str) -> str:
    with translation.override(language):
        return _read(text, 0)


def localise(text: str) -> str:
    """`text`, a stored message in any interface language, in the active language."""
    if not text or not text.strip():
        return text
    return _localise(text, translation.get_language() or settings.LANGUAGE_CODE)
