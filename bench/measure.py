"""Timing requests against the running server and counting their SQL queries in-process.

Each scenario is a function that returns the i-th request to make. It may prepare what the
request needs in-process first (a draft amendment to table, a bumped room); that part is never
timed. Timings come from real HTTP requests to gunicorn (keep-alive where the server allows);
query counts come from the same request made once through django.test.Client under
CaptureQueriesContext, against the same database, apart from the timed runs.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench.stats import Row


@dataclass
class Request:
    method: str
    path: str
    user: str
    data: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect: tuple[int, ...] = (200,)


@dataclass
class Context:
    """What the scenarios need: the generated committee, the logins, the server."""

    generated: object  # bench.generate.Generated
    users: dict  # username -> User
    sessions: dict[str, str]  # username -> session key
    csrf: str
    port: int = 0

    @property
    def committee(self):
        return self.generated.committee

    @property
    def draft(self):
        return self.generated.draft

    @property
    def busiest(self):
        return self.generated.busiest

    def cookie(self, user: str) -> str:
        from django.conf import settings

        return (
            f"{settings.SESSION_COOKIE_NAME}={self.sessions[user]}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}"
        )


@dataclass
class Scenario:
    key: str
    label: str
    make: Callable[[int], Request | None]
    target_ms: float | None = None
    runs: int = 30
    warmups: int = 3
    note: str = ""
    budget: float = 60.0  # seconds of timed runs; stop early (at least 3 runs) beyond it


class HttpClient:
    """One keep-alive connection to the server; reconnects when the server closes it."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, req: Request) -> tuple[int, dict[str, str], bytes, float]:
        headers = {
            "Host": f"127.0.0.1:{self.ctx.port}",
            "Cookie": self.ctx.cookie(req.user),
            "X-CSRFToken": self.ctx.csrf,
            **req.headers,
        }
        body = None
        if req.data is not None:
            body = urlencode(req.data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.ctx.port, timeout=120)
            started = time.perf_counter()
            try:
                self.conn.request(req.method, req.path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
                continue
            elapsed = time.perf_counter() - started
            out_headers = {k.lower(): v for k, v in response.getheaders()}
            if out_headers.get("connection", "").lower() == "close":
                self.close()
            return response.status, out_headers, content, elapsed
        raise AssertionError("unreachable")


def django_client(ctx: Context, user: str):
    from django.conf import settings
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = ctx.sessions[user]
    return client


def in_process(ctx: Context, req: Request):
    """The request through django.test.Client; returns (response, number of SQL queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = django_client(ctx, req.user)
    call = getattr(client, req.method.lower())
    with CaptureQueriesContext(connection) as queries:
        if req.data is not None:
            response = call(req.path, req.data, headers=req.headers)
        else:
            response = call(req.path, headers=req.headers)
    return response, len(queries.captured_queries)


class BenchFailure(RuntimeError):
    pass


def measure(
    ctx: Context,
    client: HttpClient,
    scenario: Scenario,
    *,
    runs: int | None = None,
    warmups: int | None = None,
) -> Row:
    row = Row(scenario.key, scenario.label, scenario.target_ms, note=scenario.note)
    runs = scenario.runs if runs is None else min(runs, scenario.runs)
    warmups = scenario.warmups if warmups is None else min(warmups, scenario.warmups)
    first = scenario.make(0)
    if first is None:
        row.available = False
        return row
    # Queries: once in-process after one in-process warm-up (caches of the process filled).
    response, _ = in_process(ctx, first)
    second = scenario.make(1)
    response, row.queries = in_process(ctx, second)
    if response.status_code not in second.expect:
        raise BenchFailure(
            f"{scenario.label}: in-process {second.method} {second.path} answered "
            f"{response.status_code}, expected {second.expect}"
        )
    started = time.monotonic()
    for i in range(warmups + runs):
        if len(row.timings) >= 3 and time.monotonic() - started > scenario.budget:
            row.note = (row.note + "; " if row.note else "") + "stopped at the time budget"
            break
        req = scenario.make(i + 2)
        status, _headers, _body, elapsed = client.send(req)
        if status not in req.expect:
            raise BenchFailure(
                f"{scenario.label}: {req.method} {req.path} answered {status}, "
                f"expected {req.expect}"
            )
        row.status = status
        if i >= warmups:
            row.timings.append(elapsed)
    return row
