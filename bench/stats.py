"""Statistics and the results table: pure Python, no Django, so they are easy to test."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1): the smallest value with q of the values at or
    below it. p95 of 30 runs is the 29th fastest, never an interpolation between runs."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    if not values:
        raise ValueError("no values")
    return statistics.median(values)


@dataclass
class Row:
    """One measured thing: its timings (seconds), its queries, its target."""

    key: str
    label: str
    target_ms: float | None = None  # p95 must be under this
    timings: list[float] = field(default_factory=list)
    queries: int | None = None
    status: int | None = None
    note: str = ""
    available: bool = True

    @property
    def median_ms(self) -> float | None:
        return median(self.timings) * 1000 if self.timings else None

    @property
    def p95_ms(self) -> float | None:
        return percentile(self.timings, 0.95) * 1000 if self.timings else None

    @property
    def verdict(self) -> str:
        if not self.available or not self.timings:
            return "n/a"
        if self.target_ms is None:
            return "—"
        return "met" if self.p95_ms < self.target_ms else "MISSED"


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms"


def target_text(target_ms: float | None) -> str:
    return f"p95 < {fmt_ms(target_ms)}" if target_ms is not None else "—"


def table(rows: list[Row]) -> str:
    lines = [
        "| What | Runs | Median | p95 | SQL queries | Target | Result |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        label = row.label + (f" ({row.note})" if row.note else "")
        if not row.available:
            lines.append(
                f"| {label} | — | — | — | — | {target_text(row.target_ms)} | not available |"
            )
            continue
        queries = "—" if row.queries is None else str(row.queries)
        lines.append(
            f"| {label} | {len(row.timings)} | {fmt_ms(row.median_ms)} | {fmt_ms(row.p95_ms)} "
            f"| {queries} | {target_text(row.target_ms)} | {row.verdict} |"
        )
    return "\n".join(lines)


@dataclass
class Load:
    """A polling load: what was offered, what was held."""

    label: str
    clients: int
    period: float
    duration: float
    requests: int
    rps: float
    median_ms: float | None
    p95_ms: float | None
    errors: int
    statuses: dict[int, int]
    target_p95_ms: float = 50.0

    @property
    def offered_rps(self) -> float:
        return self.clients / self.period

    @property
    def expected_requests(self) -> float:
        """Screens start at random moments in the first period: on average half a period late."""
        return self.clients * max(0.0, self.duration - self.period / 2) / self.period

    @property
    def held_rps(self) -> float:
        return self.requests / max(self.period, self.duration - self.period / 2)

    @property
    def verdict(self) -> str:
        if self.p95_ms is None:
            return "MISSED"
        held = self.requests >= 0.95 * self.expected_requests
        return "met" if held and self.errors == 0 and self.p95_ms < self.target_p95_ms else "MISSED"


def load_table(loads: list[Load]) -> str:
    lines = [
        "| Server | Screens | Offered | Held | Median | p95 | Errors | Responses | Target "
        "| Result |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for load in loads:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(load.statuses.items())) or "—"
        lines.append(
            f"| {load.label} | {load.clients} every {load.period:g} s for {load.duration:g} s "
            f"| {load.offered_rps:.0f}/s | {load.held_rps:.0f}/s | {fmt_ms(load.median_ms)} "
            f"| {fmt_ms(load.p95_ms)} | {load.errors} | {statuses} "
            f"| p95 < {fmt_ms(load.target_p95_ms)}, no errors | {load.verdict} |"
        )
    return "\n".join(lines)
