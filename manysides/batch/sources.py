"""The batch's input: every page under the given paths, streamed, cut into numbered partitions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from manysides.ingest import read_inputs
from manysides.models import Page, Skipped, stable_id


@dataclass(frozen=True)
class Partition:
    """A run of consecutive pages; its key and digest tell a rerun whether it is already done."""

    index: int
    pages: list[Page]
    skipped: list[Skipped]

    @property
    def key(self) -> str:
        return f"part-{self.index:06d}"

    @property
    def digest(self) -> str:
        return stable_id(*(p.id for p in self.pages), *(s.source for s in self.skipped))


def read_pages(paths: Iterable[Path]) -> Iterator[Page | Skipped]:
    """Pages of files, folders, JSONL and WARC inputs, streamed in a stable order (folders sorted)."""
    return read_inputs(paths)


def partitions(items: Iterable[Page | Skipped], size: int) -> Iterator[Partition]:
    """Consecutive partitions of `size` pages (skipped inputs ride along with the pages around them)."""
    pages: list[Page] = []
    skipped: list[Skipped] = []
    index = 0
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        pages.append(item)
        if len(pages) == size:
            yield Partition(index, pages, skipped)
            pages, skipped, index = [], [], index + 1
    if pages or skipped:
        yield Partition(index, pages, skipped)
