"""A bounded load of room screens: N clients polling one URL every P seconds, on loopback only.

Each client keeps one HTTP/1.1 connection open, sends If-None-Match with the last ETag it saw
(as htmx polling through a browser cache does), and records latency and status. The run stops
by itself after `duration` seconds. Only 127.0.0.0/8 and ::1 are accepted as targets.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    duration: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "rps": self.requests / self.duration if self.duration else 0.0,
            "median_ms": statistics.median(self.latencies) * 1000 if self.latencies else None,
            "p95_ms": self.percentile(0.95) * 1000,
            "errors": self.errors,
            "statuses": dict(sorted(self.statuses.items())),
        }


def check_loopback(host: str) -> None:
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"loadpoll: refusing non-loopback target {host}")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    if length:
        await reader.readexactly(length)
    return status, headers


async def screen(url: str, cookie: str, period: float, until: float, result: Result) -> None:
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    etag = ""
    reader = writer = None
    await asyncio.sleep(random.uniform(0, period))  # screens were not all opened at once
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            request = (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
                f"HX-Request: true\r\nAccept: text/html\r\n"
                + (f"If-None-Match: {etag}\r\n" if etag else "")
                + "\r\n"
            )
            writer.write(request.encode())
            await writer.drain()
            status, headers = await asyncio.wait_for(_read_response(reader), timeout=10)
            result.latencies.append(time.monotonic() - started)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status >= 400:
                result.errors += 1
            etag = headers.get("etag", etag)
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader = writer = None
        except (TimeoutError, OSError, ConnectionError, ValueError, IndexError):
            result.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
        await asyncio.sleep(max(0.0, period - (time.monotonic() - started)))
    if writer is not None:
        writer.close()


async def run(url: str, cookie: str, clients: int, period: float, duration: float) -> Result:
    check_loopback(urlparse(url).hostname or "")
    result = Result()
    start = time.monotonic()
    until = start + duration
    await asyncio.gather(*(screen(url, cookie, period, until, result) for _ in range(clients)))
    result.duration = time.monotonic() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--period", type=float, default=2.0)
    parser.add_argument("--duration", type=float, default=30.0)
    args = parser.parse_args()
    print(
        asyncio.run(run(args.url, args.cookie, args.clients, args.period, args.duration)).summary()
    )


if __name__ == "__main__":
    main()
