"""Reading a list of members from a CSV or XLSX upload, and signing the rows for the preview.

`read_table(file)` turns the upload into rows of cell texts, the columns named by the first row
in English, French or Spanish (committee.members_import.HEADERS), or raises ImportFileError
with one readable line. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io

from django.core import signing
from django.utils.translation import gettext as _

from committee.members_import import HEADERS, _key
from committee.models import Committee

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
SIGNING_SALT = "committee.members_import"


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was saved."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Reading the file ---------------------------------------------------------------------------


def read_table(upload) -> list[dict]:
    """[{"line": 2, "cells": {"name": ..., "email": ...}}, ...] from a CSV or XLSX upload."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)s MB: split the list.") % {"size": MAX_BYTES // 2**20}
        )
    data = upload.read(MAX_BYTES + 1)
    if data.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(data)
    else:
        lines = _csv_lines(data)
    return _rows(lines)


def _xlsx_lines(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        lines = []
        for row in sheet.iter_rows(max_row=MAX_ROWS + 2):
            lines.append([_cell_text(cell) for cell in row])
        book.close()
    except Exception as error:  # noqa: BLE001 - any damage to the zip or its XML
        raise ImportFileError(_("This is not a CSV or XLSX file that can be read.")) from error
    return lines


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _csv_lines(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV or XLSX file that can be read."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("This is not a CSV or XLSX file that can be read."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        reader = csv.reader(io.StringIO(text), dialect)
        return [line for _n, line in zip(range(MAX_ROWS + 2), reader, strict=False)]
    except csv.Error as error:
        raise ImportFileError(_("This is not a CSV or XLSX file that can be read.")) from error


def _rows(lines: list[list[str]]) -> list[dict]:
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if any(c.strip() for c in line)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    header_line, header = numbered[0]
    columns = [HEADERS.get(_key(h)) for h in header]
    missing = [c for c in ("name", "email") if c not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s members: split the list.") % {"max": MAX_ROWS}
        )
    rows = []
    for n, line in body:
        cells = {c: "" for c in HEADERS.values()}
        for column, text in zip(columns, line, strict=False):
            if column:
                cells[column] = str(text).strip()
        rows.append({"line": n, "cells": cells})
    return rows


def sign(committee: Committee, rows: list[dict]) -> str:
    """The checked rows, signed, for the confirming form: what is saved is what was previewed."""
    return signing.dumps({"c": committee.pk, "rows": rows}, salt=SIGNING_SALT, compress=True)


def unsign(committee: Committee, token: str) -> list[dict] | None:
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=6 * 3600)
    except signing.BadSignature:
        return None
    return data["rows"] if data.get("c") == committee.pk else None
