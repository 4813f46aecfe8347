"""`manage.py export_text`: every format, and one clear line for each bad argument."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.drafting.test_export_formats import make_draft, modify

pytestmark = pytest.mark.django_db

MAGIC = {"docx": b"PK", "pdf": b"%PDF", "html": b"<!doctype html>", "akn": b"<?xml"}


@pytest.fixture
def draft():
    return make_draft()


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_each_format_by_id_and_by_symbol(draft, tmp_path, fmt, capsys):
    out = tmp_path / f"text.{fmt}"
    call_command("export_text", str(draft.pk), "--format", fmt, "-o", str(out))
    assert out.read_bytes().startswith(MAGIC[fmt])
    assert f"Wrote {out}" in capsys.readouterr().out
    by_symbol = tmp_path / f"again.{fmt}"
    call_command("export_text", draft.symbol, f"--format={fmt}", "--language=fr", "-o", by_symbol)
    assert by_symbol.read_bytes().startswith(MAGIC[fmt])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_changes_from_a_moment(draft, tmp_path):
    from django.utils import timezone

    moment = timezone.now().isoformat()
    modify(draft)
    out = tmp_path / "changes.html"
    call_command("export_text", str(draft.pk), "--format", "html", "-o", str(out),
                 "--changes-from-version", moment)  # fmt: skip
    html = out.read_text()
    assert "<del>ILO</del><ins>Office</ins>" in html
    assert "Text showing changes since" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["999999", "--format", "pdf", "-o", "{tmp}/x.pdf"], "No draft with the id or symbol"),
        (["{draft}", "--format", "odt", "-o", "{tmp}/x.odt"], "Unknown format 'odt'"),
        (["{draft}", "-o", "{tmp}/x.pdf"], "Say which format"),
        (["{draft}", "--format", "pdf"], "Say where to write"),
        (["{draft}", "--format", "pdf", "-o", "{tmp}/missing/x.pdf"], "Cannot write to"),
        (["{draft}", "--format", "pdf", "-o", "{tmp}"], "is a directory"),
        (["{draft}", "--format", "pdf", "-o", "{tmp}/x.pdf", "--language", "de"],
         "Unknown language de"),
        (["{draft}", "--format", "pdf", "-o", "{tmp}/x.pdf", "--changes-from-version", "soon"],
         "Not a version of the text: soon"),
        (["{draft}", "--format", "pdf", "-o", "{tmp}/x.pdf", "--changes-from-version", "h0"],
         "No change 0 in the history"),
    ],
)  # fmt: skip
def test_bad_arguments_fail_with_one_line(draft, tmp_path, args, message):
    args = [a.format(draft=draft.pk, tmp=tmp_path) for a in args]
    with pytest.raises(CommandError) as error:
        call_command("export_text", *args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not (tmp_path / "x.pdf").exists()


def test_a_failed_export_leaves_the_old_file_alone(draft, tmp_path, monkeypatch):
    out = tmp_path / "text.docx"
    out.write_bytes(b"the previous export")

    def broken(document):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("drafting.exports.docx.render_docx", broken)
    with pytest.raises(OSError):
        call_command("export_text", str(draft.pk), "--format", "docx", "-o", str(out))
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["text.docx"]


def test_a_failed_write_is_one_line_and_leaves_nothing_behind(draft, tmp_path, monkeypatch):
    out = tmp_path / "text.html"
    out.write_text("the previous export")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    with pytest.raises(CommandError, match="Cannot write to .*No space left on device"):
        call_command("export_text", str(draft.pk), "--format", "html", "-o", str(out))
    assert out.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["text.html"]


def test_a_file_in_place_of_the_folder(draft, tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(CommandError, match="Cannot write to"):
        call_command("export_text", str(draft.pk), "--format", "html", "-o", tmp_path / "file/x")
