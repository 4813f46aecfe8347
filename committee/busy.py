"""A database too busy to take a write is a refusal the user can act on, not a 500.

With SQLite's IMMEDIATE transactions (config/settings.py) a second writer waits for the first;
only a wait longer than the timeout ends in OperationalError "database is locked". The floor's
writes turn that into `StaleConsole` (409): nothing was changed, and the console reloads."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db import OperationalError
from django.utils.translation import gettext as _


def is_busy(error: OperationalError) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text


def refused_when_busy(refusal: type[Exception]) -> Callable:
    """Decorate a service: a busy database raises `refusal(message)` instead."""

    def decorator(service: Callable) -> Callable:
        @wraps(service)
        def wrapper(*args, **kwargs):
            try:
                return service(*args, **kwargs)
            except OperationalError as error:
                if not is_busy(error):
                    raise
                raise refusal(
                    _(
                        "Someone else was recording a decision at the same moment. Nothing "
                        "was changed: the console now shows the current state."
                    )
                ) from None

        return wrapper

    return decorator
