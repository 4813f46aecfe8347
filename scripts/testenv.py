"""Decide what the test run can use, say it plainly, then run the tests.

PostgreSQL is what Draftroom runs on, so the tests run there; on a machine without it they fall
back to SQLite and say so. Without Chromium only the browser tests are skipped. Under CI=true a
missing database or browser is a failure, never a silent downgrade.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from urllib.parse import urlparse

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/draftroom"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 5432), 2):
            return True
    except OSError:
        return False


def main(argv: list[str]) -> int:
    ci = os.environ.get("CI", "").lower() == "true"
    cmd = argv[argv.index("--") + 1 :] if "--" in argv else argv
    url = os.environ.get("DATABASE_URL", DEFAULT_PG)
    env = dict(os.environ)
    if url.startswith("postgres"):
        if reachable(url):
            print(f"make test: PostgreSQL at {urlparse(url).hostname}:{urlparse(url).port or 5432}")
            env["DATABASE_URL"] = url
        elif ci:
            print("make test: PostgreSQL is not reachable and CI=true: failing.", file=sys.stderr)
            return 2
        else:
            print("make test: PostgreSQL is NOT reachable; running on SQLite instead.")
            env["DATABASE_URL"] = "sqlite:///:memory:"
    else:
        env["DATABASE_URL"] = url
        print(f"make test: database {url.split(':')[0]} (from DATABASE_URL)")
    if os.access(CHROMIUM, os.X_OK) or shutil.which("chromium"):
        print(f"make test: browser tests in headless Chromium ({CHROMIUM})")
        env["DRAFTROOM_BROWSER"] = (
            CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
        )
    elif ci:
        print("make test: Chromium is missing and CI=true: failing.", file=sys.stderr)
        return 2
    else:
        print("make test: Chromium is NOT installed; the browser tests will be skipped.")
        env["DRAFTROOM_BROWSER"] = ""
    # A name of its own per run: two runs against one PostgreSQL would drop each other's.
    env.setdefault("DRAFTROOM_TEST_DB", f"test_draftroom_{os.getpid()}")
    os.execvpe(cmd[0], cmd, env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
