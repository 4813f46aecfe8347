"""Run by test_floor_sqlite.py in a process of its own, on a file-based SQLite database (the
test run itself is on PostgreSQL): `python -m tests.committee.sqlite_race CASE`, with
DATABASE_URL naming the file. Prints one line of JSON: what each attempt ended in.

Cases:
- `write_lock`: while a decision's transaction has only read, can another connection start
  writing? (It must not: the transaction holds the write lock from its start.)
- `race`: two threads decide on the same console state; the second starts while the first is
  inside its transaction (events, no sleeps).
- `busy`: a decision while another connection holds the write lock and the wait is over at
  once (busy_timeout 0): refused as stale, nothing changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from unittest import mock


def main(case: str) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from committee import floor
    from committee.demo import seed_committee
    from committee.models import Amendment, Decision, Stage
    from tests.committee.amendment_fixtures import access, make_draft, table, user
    from tests.committee.floor_fixtures import to_stage

    call_command("migrate", verbosity=0)
    committee = seed_committee()
    text = make_draft(committee)
    to_stage(committee, Stage.COMMITTEE)
    p1 = text["p1"]
    first = table(committee, "workers", p1, "Labour migration must be fair and effective.")
    second = table(committee, "employers", p1, "Labour migration should be fair and efficient.")
    view = floor.console(committee, p1.pk)
    state, token = view.floor.version, view.token
    path = connection.settings_dict["NAME"]
    real_lock_floor = floor.lock_floor

    def decide(amendment):
        return floor.decide(
            access(committee, "secretariat"), user("secretariat"), amendment.pk,
            outcome="adopted", paragraph_id=p1.pk, state=state, text_version=token,
        )  # fmt: skip

    def outcome(amendment) -> str:
        try:
            decide(amendment)
            return "decided"
        except floor.StaleConsole:
            return "stale"
        except Exception as error:  # what the bug gave: reported, not hidden
            return f"error: {type(error).__name__}: {error}"

    result: dict = {}
    if case == "write_lock":

        def probe(committee_row):
            floor_row = real_lock_floor(committee_row)
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                result["other_writer"] = "got the write lock"
            except sqlite3.OperationalError as error:
                result["other_writer"] = str(error)
            finally:
                other.close()
            return floor_row

        with mock.patch.object(floor, "lock_floor", probe):
            result["decision"] = outcome(first)
    elif case == "race":
        inside, started = threading.Event(), threading.Event()
        outcomes: dict[str, str] = {}

        def hold(committee_row):
            floor_row = real_lock_floor(committee_row)
            if threading.current_thread().name == "first":
                inside.set()  # the first is in its transaction and has read...
                started.wait()  # ...when the second sets out to decide
            return floor_row

        def run(name, amendment, wait_for=None):
            try:
                if wait_for is not None:
                    wait_for.wait()
                    started.set()
                outcomes[name] = outcome(amendment)
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=run, args=("first", first), name="first"),
            threading.Thread(target=run, args=("second", second, inside), name="second"),
        ]
        with mock.patch.object(floor, "lock_floor", hold):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        result.update(outcomes)
    elif case == "busy":
        holder = sqlite3.connect(path, timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout = 0")
            result["decision"] = outcome(first)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    result["decisions"] = Decision.objects.count()
    result["statuses"] = sorted(
        Amendment.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
