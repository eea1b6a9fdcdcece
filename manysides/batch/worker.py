"""The per-partition work done on a worker: extract, annotate, write the partition's Parquet files."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa

from manysides.annotate import annotate
from manysides.annotate.nlp import load_nlp
from manysides.batch import tables
from manysides.errors import ManysidesError
from manysides.extract import extract_page
from manysides.models import Article, Page, Skipped

# One folder per table under the output folder, one file per partition inside it.
TABLES = ("articles", "quotes", "entities", "skipped", "pages")

T = TypeVar("T")


@dataclass
class PartitionResult:
    """What a partition produced and how long each stage took (wall and CPU seconds)."""

    key: str
    digest: str
    pages: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)


def part_path(out: Path, table: str, key: str) -> Path:
    """Where a partition's table is written."""
    return out / table / f"{key}.parquet"


def process_partition(
    key: str, digest: str, pages: Sequence[Page], skipped: Sequence[Skipped], out: Path, keep_pages: bool
) -> PartitionResult:
    """Extract and annotate a partition's pages and write its tables; pages that fail are skipped."""
    result = PartitionResult(key, digest, pages=len(pages), skipped=list(skipped))
    with _stage(result, "extract"):
        extracted: list[Article] = []
        for page in pages:
            try:
                extracted += extract_page(page)
            except ManysidesError as exc:
                result.skipped.append(Skipped(source=page.source, reason=str(exc).removeprefix(f"{page.source}: ")))
    with _stage(result, "annotate"):
        articles = annotate(extracted)
    with _stage(result, "write"):
        _write(out, key, articles, result.skipped, pages if keep_pages else None)
    result.articles = len(articles)
    return result


@contextmanager
def _stage(result: PartitionResult, stage: str) -> Iterator[None]:
    """Time a stage in wall seconds and in CPU seconds of this process (the machine may be shared)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    result.seconds[stage] = time.perf_counter() - wall
    result.cpu[stage] = time.process_time() - cpu


def _write(out: Path, key: str, articles: list[Article], skipped: list[Skipped], pages: Sequence[Page] | None) -> None:
    # The articles file is written last: its presence is what a reader takes as "partition written".
    tables.write_table(tables.quote_rows(articles), part_path(out, "quotes", key))
    tables.write_table(tables.entity_rows(articles), part_path(out, "entities", key))
    skipped_rows = pa.Table.from_pylist([s.model_dump() for s in skipped], schema=tables.SKIPPED)
    tables.write_table(skipped_rows, part_path(out, "skipped", key))
    if pages is not None:
        page_rows = pa.Table.from_pylist([p.model_dump() for p in pages], schema=tables.PAGES)
        tables.write_table(page_rows, part_path(out, "pages", key))
    tables.write_table(tables.article_rows(articles), part_path(out, "articles", key))


def timed(work: Callable[..., T], *args: Any) -> tuple[T, float, float]:
    """Run `work(*args)` on a worker; return its value with the CPU and wall seconds it took there."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = work(*args)
    return value, time.process_time() - cpu, time.perf_counter() - wall


def warm_up() -> None:
    """Load the models a worker needs before its first task, so no task pays for it."""
    load_nlp()
