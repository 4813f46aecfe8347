"""The dependency rule of the design: drafting <- committee <- discussion <- demo.

A layer builds only on those to its left: it never imports a higher one, never reaches it
through an `import_module` string, and its templates never link to a higher one's URLs. The
text engine imports no Django.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["drafting", "committee", "discussion", "demo"]
URL_TAG = re.compile(r"""{%\s*url\s+["']([a-z_]+):""")


def above(layer: str) -> tuple[str, ...]:
    return tuple(LAYERS[LAYERS.index(layer) + 1 :])


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def import_offenders(layer: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for name in sorted(imported_modules(path))
        if name.split(".")[0] in above(layer)
    ]


def template_offenders(layer: str) -> list[str]:
    folders = [ROOT / "templates" / layer, ROOT / layer / "templates"]
    return [
        f"{path.relative_to(ROOT)} links to {namespace}:"
        for folder in folders
        for path in sorted(folder.rglob("*.html"))
        for namespace in sorted(set(URL_TAG.findall(path.read_text(encoding="utf-8"))))
        if namespace in above(layer)
    ]


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_a_lower_layer_never_imports_a_higher_one(layer):
    assert import_offenders(layer) == []


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_a_lower_layers_templates_never_link_to_a_higher_one(layer):
    assert template_offenders(layer) == []


def test_the_rule_sees_import_module_strings_and_template_links(tmp_path):
    module = tmp_path / "sneaky.py"
    module.write_text('from importlib import import_module\nimport_module("discussion.demo")\n')
    assert "discussion.demo" in imported_modules(module)
    assert URL_TAG.findall("""<a href="{% url 'discussion:room' slug %}">""") == ["discussion"]


def test_the_text_engine_imports_no_django():
    names = imported_modules(ROOT / "drafting" / "textdiff.py")
    assert not [n for n in names if n.split(".")[0] == "django"]
