"""The optional manifest: a CSV giving url, outlet and date per input file."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from manysides.errors import ManifestError

REQUIRED = ("file",)
KNOWN = ("file", "url", "outlet", "date")


@dataclass(frozen=True)
class ManifestRow:
    file: str
    url: str | None
    outlet: str | None
    date: dt.date | None
    problem: str | None = None  # why the row cannot be used: its file is then skipped, not read without it


def read_manifest(path: Path, today: dt.date | None = None, strict: bool = True) -> dict[str, ManifestRow]:
    """Rows keyed by file name; a missing column or a bad date names the row.

    Not strict, a bad row does not stop the reading: it comes back with its `problem` set.
    """
    today = today or dt.date.today()
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or [])
            missing = [c for c in REQUIRED if c not in columns]
            if missing:
                raise ManifestError(str(path), f"missing column(s) {', '.join(missing)}; expected {','.join(KNOWN)}")
            rows = [_row(path, n, raw, today, strict) for n, raw in enumerate(reader, 2)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(str(path), f"cannot be read as CSV ({exc})") from exc
    return {row.file: row for row in rows if row.file}


def _row(path: Path, line: int, raw: dict[str, str | None], today: dt.date, strict: bool) -> ManifestRow:
    name = Path((raw.get("file") or "").strip()).name
    try:
        if not name:
            raise ManifestError(f"{path}:{line}", "empty 'file' value")
        day = parse_day(raw.get("date"), f"{path}:{line}", today)
    except ManifestError as exc:
        if strict:
            raise
        return ManifestRow(file=name, url=None, outlet=None, date=None, problem=str(exc))
    return ManifestRow(
        file=name,
        url=(raw.get("url") or "").strip() or None,
        outlet=(raw.get("outlet") or "").strip() or None,
        date=day,
    )


def parse_day(value: str | None, where: str, today: dt.date) -> dt.date | None:
    """An ISO date, or None when empty; a malformed or future date is an error."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise ManifestError(where, f"date {value!r} is not YYYY-MM-DD") from exc
    if day > today + dt.timedelta(days=1):
        raise ManifestError(where, f"date {value!r} is in the future")
    return day
