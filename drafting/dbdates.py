"""Dates PostgreSQL can hold and Python cannot (before year 1, after 9999, infinity).

Python's datetime stops at year 1, PostgreSQL goes back to 4713 BC: one such value in a row
(a deadline typed as year 1 in Geneva is 1 BC in UTC) made every query reading it fail, and with
it every page of the committee. Forms bound dates (drafting.inputs); this is the second line of
defence for what is already stored or written by other means: such a value reads as None (no
date), so the page shows and the secretariat can set the date again.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created


def _safe(loader_cls):
    import psycopg
    from psycopg.adapt import Loader

    class Safe(Loader):
        # Django compares the connection's time zone with its loader's.
        timezone = getattr(loader_cls, "timezone", None)
        format = loader_cls.format

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self.wrapped = loader_cls(oid, context)

        def load(self, data):
            try:
                return self.wrapped.load(data)
            except (psycopg.DataError, OverflowError, ValueError):
                return None

    Safe.__name__ = f"Safe{loader_cls.__name__}"
    return Safe


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    from psycopg.pq import Format

    adapters = connection.connection.adapters
    for name in ("timestamptz", "timestamp", "date"):
        oid = adapters.types[name].oid
        for fmt in (Format.TEXT, Format.BINARY):
            loader = adapters.get_loader(oid, fmt)
            if loader is not None and not loader.__name__.startswith("Safe"):
                adapters.register_loader(oid, _safe(loader))


def install() -> None:
    connection_created.connect(_register, dispatch_uid="drafting.dbdates")
