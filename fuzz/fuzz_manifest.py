"""Fuzz the manifest reader: any bytes give rows or one ManifestError naming the file."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from fuzz.harness import instrumented, run

with instrumented():
    from manysides.errors import ManifestError
    from manysides.ingest.manifest import read_manifest

_FILE = Path(tempfile.mkdtemp(prefix="fuzz-manifest-")) / "manifest.csv"


def one_input(data: bytes) -> None:
    """Read `data` as a manifest; check each row is usable or says why not."""
    _FILE.write_bytes(data)
    today = dt.date.today()
    try:
        rows = read_manifest(_FILE, today=today, strict=False)
    except ManifestError as exc:
        assert exc.source.startswith(str(_FILE)), exc
        return
    for name, row in rows.items():
        assert name and name == row.file and "/" not in name, row
        if row.problem:
            assert row.problem.startswith(f"{_FILE}:") and row.date is None, row
        elif row.date is not None:
            assert row.date <= today + dt.timedelta(days=1), row


if __name__ == "__main__":
    run(one_input)
