"""The dependency rule of the design: committee builds on drafting, discussion on committee;
drafting never imports committee; the text engine imports no Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imported_modules(path):
            if name.split(".")[0] in forbidden:
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("drafting", ("committee", "discussion")), ("committee", ("discussion",))],
)
def test_a_lower_layer_never_imports_a_higher_one(package, forbidden):
    assert offenders(package, forbidden) == []


def test_the_text_engine_imports_no_django():
    names = imported_modules(ROOT / "drafting" / "textdiff.py")
    assert not [n for n in names if n.split(".")[0] == "django"]
