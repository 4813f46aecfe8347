"""Time and peak memory of the compilation's PDF (and DOCX), before and after, in one run.

    DATABASE_URL=sqlite:///bench.sqlite3 python scripts/measure_compilation_pdf.py [REV ...]

Each measurement runs in a fresh process (its peak RSS is its own) against the same database:
first the code at each git revision given (default: none), checked out with `git archive` into
a temporary folder, then the working tree. The database must hold a committee whose slug is
`labour-migration` (bench/generate.py makes one with 1,500 amendments).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from committee.exports import build_compilation, render
from committee.models import Committee
committee = Committee.objects.get(slug=os.environ.get("SLUG", "labour-migration"))
out = {}
for fmt in sys.argv[1:]:
    started = time.perf_counter()
    content = render(build_compilation(committee), fmt).content
    out[fmt] = {"seconds": round(time.perf_counter() - started, 2), "bytes": len(content)}
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def measure(tree: Path, formats: list[str]) -> dict:
    env = dict(os.environ, DEBUG=os.environ.get("DEBUG", "true"))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *formats],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    revisions = sys.argv[1:]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for rev in revisions:
            tree = Path(tmp) / rev.replace("/", "_")
            tree.mkdir()
            archive = subprocess.run(
                ["git", "archive", rev], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            rows.append((rev, measure(tree, ["pdf"]), measure(tree, ["docx"])))
        rows.append(("working tree", measure(ROOT, ["pdf"]), measure(ROOT, ["docx"])))
    print(f"{'code':<16} {'PDF s':>7} {'PDF peak MB':>12} {'DOCX s':>7} {'DOCX peak MB':>13}")
    for name, pdf, word in rows:
        print(
            f"{name:<16} {pdf['pdf']['seconds']:>7} {pdf['peak_mb']:>12} "
            f"{word['docx']['seconds']:>7} {word['peak_mb']:>13}"
        )


if __name__ == "__main__":
    main()
