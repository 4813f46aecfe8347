"""What kind of change each history entry records, as data.

Readers (the record, the history pages, exports) ask `history_kind`, never the wording of a
reason: reasons are free text in whatever language the user worked in. A service states the
kind of what it does with `@records(kind)`; a caller that does something more specific through
it (the floor adopting an amendment through `edit_text`, the secretariat making an editorial
correction) wraps the call in `recording(kind)`, and the outermost kind wins. A row saved as a
side effect of something else (siblings renumbered by an insertion) says so on the instance,
`row._history_kind`, which wins over both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record


class Kind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    EDITORIAL = "editorial", _("Editorial correction")
    RESTORED = "restored", _("Earlier version restored")
    INSERTED = "inserted", _("Inserted")
    MOVED = "moved", _("Moved")
    RENUMBERED = "renumbered", _("Renumbered")
    DELETED = "deleted", _("Deleted")
    UNDELETED = "undeleted", _("Deleted text restored")
    ADOPTED = "adopted", _("Amendment adopted")
    UNDONE = "undone", _("Decision undone")
    TRANSLATED = "translated", _("Translation saved")
    SOURCE_CHANGED = "source_changed", _("Source text changed")


class KindedHistory(models.Model):
    """The base of the historical models: each entry says what kind of change it records."""

    history_kind = models.CharField(
        _("kind of change"), max_length=24, choices=Kind.choices, blank=True, db_index=True
    )

    class Meta:
        abstract = True


_current: ContextVar[str | None] = ContextVar("history_kind", default=None)


@contextmanager
def recording(kind: str) -> Iterator[None]:
    """History entries written inside are of this kind, unless an outer caller said more."""
    token = _current.set(kind) if _current.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _current.reset(token)


def records[F: Callable[..., Any]](kind: str) -> Callable[[F], F]:
    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with recording(kind):
                return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


@receiver(pre_create_historical_record)
def _stamp_kind(sender, instance, history_instance, **kwargs) -> None:
    if isinstance(history_instance, KindedHistory) and not history_instance.history_kind:
        created = getattr(history_instance, "history_type", "") == "+"
        history_instance.history_kind = (
            # A kind set on the row describes that one save: taken, so the row's next save
            # (a renumbered sibling then moved itself) says what it did.
            instance.__dict__.pop("_history_kind", None)
            or _current.get()
            or (Kind.CREATED if created else Kind.EDITED)
        )
