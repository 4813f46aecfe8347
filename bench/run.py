"""`make bench`: a large committee on PostgreSQL, measured behind gunicorn with production settings.

    python -m bench.run            # full size (1,500 amendments), about five minutes
    python -m bench.run --quick    # a smaller committee, under a minute: a smoke check

It creates its own database (draftroom_bench, dropped at the end; BENCH_DATABASE_URL or
--database-url to change it), migrates it, generates the committee, starts gunicorn on a free
loopback port with DEBUG off, times every page over HTTP, counts its SQL queries in-process,
runs the room-screen polling load, writes bench/results.md and prints it. gunicorn is stopped
(its whole process group) whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/draftroom_bench"


@dataclass(frozen=True)
class ServerConfig:
    label: str
    args: tuple[str, ...]


GTHREAD = ServerConfig(
    "gunicorn gthread, 2 workers × 16 threads, keep-alive 10 s",
    ("--worker-class", "gthread", "--workers", "2", "--threads", "16", "--keep-alive", "10"),
)
SYNC = ServerConfig(
    "gunicorn sync, 4 workers (no keep-alive)",
    ("--worker-class", "sync", "--workers", "4"),
)


# The database --------------------------------------------------------------------------------


def _admin_conninfo(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name or not parsed.scheme.startswith("postgres"):
        raise SystemExit(f"bench: DATABASE_URL must be a PostgreSQL URL with a database: {url}")
    if not name.startswith("draftroom_bench"):
        raise SystemExit(f"bench: refusing to drop a database not named draftroom_bench*: {name}")
    admin = urlunparse(parsed._replace(path="/postgres", scheme="postgresql"))
    return admin, name


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _admin_conninfo(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# The server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in its own process group, stopped with the whole group."""

    def __init__(self, config: ServerConfig, env: dict[str, str]) -> None:
        self.config = config
        self.env = env
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log = WORK / f"gunicorn-{config.args[1]}.log"

    def __enter__(self) -> Server:
        WORK.mkdir(exist_ok=True)
        cmd = [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", "120", "--backlog", "2048", "--no-control-socket",
            "--error-logfile", str(self.log),
            *self.config.args,
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited at start; see {self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), 0.5) as s:
                    s.sendall(b"GET /accounts/login/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    if s.recv(64).split(b" ")[1:2] == [b"200"]:
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"bench: gunicorn did not answer within 30 s; see {self.log}")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = os.getpgid(self.proc.pid)
        os.killpg(pgid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.proc.wait(timeout=5)


# Facts about the machine ---------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    import django
    import gunicorn
    from django.db import connection

    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return {
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "PostgreSQL": pg.split()[0],
        "Django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "Load average at start (1, 5, 15 min)": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# The run -------------------------------------------------------------------------------------


def sessions_for(usernames: list[str]) -> tuple[dict, dict[str, str]]:
    """Log the users in: a session each, made in this process, sent as a cookie by the clients."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    users, sessions = {}, {}
    for name in usernames:
        user = get_user_model().objects.get(username=name)
        client = Client()
        client.force_login(user)
        users[name] = user
        sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return users, sessions


def run_load(ctx, config: ServerConfig, clients: int, period: float, duration: float):
    from bench import loadpoll
    from bench.scenarios import room_poll_path
    from bench.stats import Load

    # The URL the room page gives its screen: with the observer's signed room token.
    url = f"http://127.0.0.1:{ctx.port}{room_poll_path(ctx, 'observer')}"
    result = asyncio.run(loadpoll.run(url, ctx.cookie("observer"), clients, period, duration))
    summary = result.summary()
    return Load(
        label=config.label,
        clients=clients,
        period=period,
        duration=duration,
        requests=summary["requests"],
        rps=summary["rps"],
        median_ms=summary["median_ms"],
        p95_ms=summary["p95_ms"] if result.latencies else None,
        errors=summary["errors"],
        statuses=summary["statuses"],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller committee, under a minute")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database after")
    parser.add_argument("--clients", type=int, default=None, help="room screens (500)")
    parser.add_argument("--duration", type=float, default=None, help="load seconds (30)")
    parser.add_argument(
        "--output", default=None, help="bench/results.md (quick: bench/work/results-quick.md)"
    )
    args = parser.parse_args(argv)

    output = (
        Path(args.output)
        if args.output
        else ((WORK / "results-quick.md") if args.quick else (ROOT / "bench" / "results.md"))
    )
    clients = args.clients or (100 if args.quick else 500)
    duration = args.duration or (8.0 if args.quick else 30.0)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=args.database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    env.pop("DRAFTROOM_TESTING", None)
    os.environ.update(env)
    started = time.monotonic()
    step = _stepper(started)

    step(f"database {urlparse(args.database_url).path.lstrip('/')} (re)created")
    recreate_database(args.database_url)
    try:
        return _run(args, env, output, clients, duration, step, started)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            recreate_database(args.database_url, drop_only=True)
            step("database dropped")


def analyze() -> None:
    """Planner statistics for the tables just filled in bulk, as autovacuum would gather them
    within a minute on a live server: without them PostgreSQL plans for empty tables (a
    nested loop over every amendment of the committee took 45 ms instead of 3 ms)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _stepper(started: float):
    def step(message: str) -> None:
        print(f"bench [{time.monotonic() - started:6.1f} s] {message}", flush=True)

    return step


def _run(args, env, output: Path, clients: int, duration: float, step, started: float) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from bench import generate, scenarios
    from bench.measure import Context, HttpClient, in_process, measure
    from bench.report import render

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    step("migrated, static files collected")

    size = generate.QUICK if args.quick else generate.FULL
    small_size = generate.TINY if args.quick else generate.QUICK
    generated = generate.generate(size)
    step(
        f"generated {generated.amendments} amendments, {generated.units} units, "
        f"{generated.words} words in {generated.seconds:.1f} s"
    )
    small = generate.generate(small_size, slug="bench-small", seed=9)
    step(f"generated the comparison committee ({small.amendments} amendments)")
    analyze()
    step("statistics gathered (ANALYZE)")

    users, sessions = sessions_for(["secretariat", "employers", "workers", "clerk", "observer"])
    ctx = Context(generated=generated, users=users, sessions=sessions, csrf=secrets.token_hex(16))
    small_ctx = Context(generated=small, users=users, sessions=sessions, csrf=ctx.csrf)
    facts = machine_facts()

    # The compilation's query count at two sizes: it must not grow with the amendments.
    small_req = scenarios.compilation(small_ctx).make(0)
    in_process(small_ctx, small_req)
    _, small_queries = in_process(small_ctx, small_req)

    rows, loads = [], []
    runs = 10 if args.quick else None
    warmups = 2 if args.quick else None
    with Server(GTHREAD, env) as server:
        ctx.port = server.port
        step(f"gunicorn up on 127.0.0.1:{server.port} ({GTHREAD.label})")
        client = HttpClient(ctx)
        try:
            for scenario in scenarios.all_scenarios(ctx, quick=args.quick):
                row = measure(ctx, client, scenario, runs=runs, warmups=warmups)
                rows.append(row)
                shown = f"p95 {row.p95_ms:.1f} ms" if row.timings else "not available"
                step(f"{row.label}: {shown}, {row.queries} queries")
        finally:
            client.close()
        loads.append(run_load(ctx, GTHREAD, clients, 2.0, duration))
        step(
            f"load: {loads[-1].rps:.0f} req/s, p95 {loads[-1].p95_ms} ms, {loads[-1].errors} errors"
        )
    if not args.quick:
        with Server(SYNC, env) as server:
            ctx.port = server.port
            step(f"gunicorn up on 127.0.0.1:{server.port} ({SYNC.label})")
            loads.append(run_load(ctx, SYNC, clients, 2.0, duration))
            step(
                f"load: {loads[-1].rps:.0f} req/s, p95 {loads[-1].p95_ms} ms, "
                f"{loads[-1].errors} errors"
            )

    facts["Load average at the end (1, 5, 15 min)"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = render(
        quick=args.quick,
        facts=facts,
        generated=generated,
        small=small,
        small_queries=small_queries,
        rows=rows,
        loads=loads,
        seconds=time.monotonic() - started,
    )
    output.parent.mkdir(exist_ok=True)
    output.write_text(text)
    print()
    print(text)
    step(f"written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
