"""Every interface string has its French and Spanish translation, and the compiled catalogues
committed with the code are the ones the .po files give.

makemessages runs on a copy of the project, so the test never rewrites the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "es"]
SOURCES = [
    "config",
    "committee",
    "drafting",
    "discussion",
    "demo",
    "templates",
    "locale",
    "manage.py",
]

needs_gettext = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="GNU gettext tools are not installed"
)


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("i18n")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
        + [f"--locale={lang}" for lang in LANGUAGES],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert result.returncode == 0, result.stderr
    return copy


@needs_gettext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_interface_string_is_left_untranslated(fresh_catalogues, lang):
    po = fresh_catalogues / "locale" / lang / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ")][1:]
    assert missing == [], f"{len(missing)} untranslated in {lang}: {missing[:20]}"
    assert "msgid" not in fuzzy.split("\n\n", 1)[-1], f"fuzzy entries in {lang}"


@needs_gettext
@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogues_match_their_sources(tmp_path, lang):
    po = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    mo = ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
    assert compiled.read_bytes() == mo.read_bytes(), "run: manage.py compilemessages"
