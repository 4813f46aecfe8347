"""Each language's punctuation around generated labels.

French sets a no-break space before the high signs (: ; ? !); English and Spanish none.
"""

from __future__ import annotations

from django.utils import translation

NO_BREAK_SPACE = "\u00a0"


def colon(language: str | None = None) -> str:
    """ ":" as the language writes it after a label ("Texte actuel :")."""
    language = (language or translation.get_language() or "en")[:2]
    return f"{NO_BREAK_SPACE}:" if language == "fr" else ":"


def label(text: str, language: str | None = None) -> str:
    """`text` followed by the language's colon."""
    return f"{text}{colon(language)}"
