"""Two secretariat sessions deciding at once on the SQLite demo (issue 14): the loser gets the
same 409 as on PostgreSQL, never a 500 "database is locked".

Each case runs in a process of its own on a file-based SQLite database (tests/committee/
sqlite_race.py): the rest of the run is on PostgreSQL, and an in-memory database has other
locks than the demo's file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_case(case: str, tmp_path: Path) -> dict:
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DRAFTROOM_TEST_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.committee.sqlite_race", case],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_decision_holds_the_write_lock_from_the_start_of_its_transaction(tmp_path):
    result = run_case("write_lock", tmp_path)
    assert result["other_writer"] == "database is locked"
    assert result["decision"] == "decided"


def test_two_decisions_at_once_one_is_recorded_and_the_other_refused_as_stale(tmp_path):
    result = run_case("race", tmp_path)
    assert result["first"] == "decided"
    assert result["second"] == "stale"
    assert result["decisions"] == 1
    assert result["statuses"] == ["adopted", "tabled"]


@pytest.mark.parametrize("case", ["busy"])
def test_a_database_too_busy_to_write_refuses_the_decision_and_changes_nothing(case, tmp_path):
    result = run_case(case, tmp_path)
    assert result["decision"] == "stale"
    assert result["decisions"] == 0
    assert result["statuses"] == ["tabled", "tabled"]
