"""Fuzz the web-archive reader: any bytes give pages and skips, never an exception or raw control bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzz.harness import instrumented, run

with instrumented():
    from manysides.ingest import read_inputs
    from manysides.models import Page, Skipped

_FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-warc-"))


def one_input(data: bytes) -> None:
    """Read `data` as a WARC (gzipped or not, as its first bytes say)."""
    path = _FOLDER / ("archive.warc.gz" if data.startswith(b"\x1f\x8b") else "archive.warc")
    path.write_bytes(data)
    items = list(read_inputs([path]))
    assert items, "a web archive gave neither a page nor a reason"
    for item in items:
        assert item.source.startswith(str(path)), item
        if isinstance(item, Skipped):
            assert item.reason and not any(ch < " " for ch in item.reason), item
        else:
            assert isinstance(item, Page) and item.content.strip()


if __name__ == "__main__":
    run(one_input)
