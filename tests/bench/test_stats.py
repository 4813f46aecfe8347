from __future__ import annotations

import pytest

from bench.run import _admin_conninfo
from bench.stats import Load, Row, load_table, median, percentile, table


def test_p95_is_the_nearest_rank_never_an_interpolation():
    values = [float(v) for v in range(1, 31)]  # 30 runs
    assert percentile(values, 0.95) == 29.0
    assert percentile(list(range(1, 21)), 0.95) == 19
    assert percentile([5.0], 0.95) == 5.0


def test_percentile_ignores_the_order_of_the_runs():
    assert percentile([3.0, 1.0, 2.0, 10.0], 0.5) == 2.0


def test_it_refuses_statistics_of_nothing():
    with pytest.raises(ValueError):
        percentile([], 0.95)
    with pytest.raises(ValueError):
        median([])


def test_a_row_meets_its_target_only_when_p95_is_under_it():
    fast = Row("x", "Fast", target_ms=10, timings=[0.001] * 19 + [0.5])
    slow = Row("y", "Slow", target_ms=10, timings=[0.001] * 18 + [0.5, 0.5])
    assert fast.verdict == "met"  # one slow run in 20 is the 100th percentile, not the 95th
    assert slow.verdict == "MISSED"
    assert Row("z", "No target", timings=[0.1]).verdict == "—"


def test_a_row_not_measured_says_not_available():
    row = Row("console", "Sitting console", target_ms=150, available=False)
    assert row.verdict == "n/a"
    assert "not available" in table([row])


def test_the_table_shows_median_p95_queries_and_verdict():
    row = Row("c", "Compilation", target_ms=1000, timings=[0.2, 0.3, 1.2], queries=12)
    line = table([row]).splitlines()[-1]
    assert line == "| Compilation | 3 | 300 ms | 1.20 s | 12 | p95 < 1.00 s | MISSED |"


def _load(**kw) -> Load:
    base = dict(
        label="gthread",
        clients=500,
        period=2.0,
        duration=30.0,
        requests=7250,
        rps=241.0,
        median_ms=3.0,
        p95_ms=20.0,
        errors=0,
        statuses={304: 6750, 200: 500},
    )
    return Load(**{**base, **kw})


def test_a_load_is_held_when_every_screen_polled_on_time_without_errors():
    load = _load()
    assert load.expected_requests == pytest.approx(7250)
    assert load.verdict == "met"
    assert "| met |" in load_table([load])


def test_a_load_with_errors_or_slow_answers_or_dropped_polls_is_missed():
    assert _load(errors=1).verdict == "MISSED"
    assert _load(p95_ms=60.0).verdict == "MISSED"
    assert _load(requests=5000).verdict == "MISSED"
    assert _load(p95_ms=None, requests=0).verdict == "MISSED"


def test_the_bench_only_drops_its_own_database():
    admin, name = _admin_conninfo("postgres://postgres@127.0.0.1:5432/draftroom_bench")
    assert name == "draftroom_bench" and admin.endswith("/postgres")
    for url in ("postgres://postgres@127.0.0.1:5432/draftroom", "sqlite:///db.sqlite3"):
        with pytest.raises(SystemExit):
            _admin_conninfo(url)
