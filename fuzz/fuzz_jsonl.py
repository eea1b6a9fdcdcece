"""Fuzz the JSONL reader: every non-blank line becomes a page or a skip naming its line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzz.harness import instrumented, run

with instrumented():
    from manysides.ingest import read_inputs
    from manysides.models import Page

_FILE = Path(tempfile.mkdtemp(prefix="fuzz-jsonl-")) / "records.jsonl"


def one_input(data: bytes) -> None:
    """Read `data` as JSONL; nothing may vanish and nothing may raise."""
    _FILE.write_bytes(data)
    items = list(read_inputs([_FILE]))
    lines = [n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    if not lines or (len(items) == 1 and items[0].source == str(_FILE)):
        # blank, or unreadable as a whole (binary): one skip for the file
        assert len(items) == 1 and items[0].source == str(_FILE), items
        return
    assert [i.source for i in items] == [f"{_FILE}:{n}" for n in lines], items
    for item in items:
        if isinstance(item, Page):
            assert item.content.strip() and "\x00" not in item.content
            assert item.kind in ("html", "text")


if __name__ == "__main__":
    run(one_input)
