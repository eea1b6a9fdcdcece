"""The per-partition work done on a worker: extract, annotate, write the partition's Parquet files."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from manysides.annotate import annotate
from manysides.annotate.nlp import load_nlp
from manysides.batch import tables
from manysides.errors import ManysidesError
from manysides.extract import extract_page
from manysides.models import Article, Page, Skipped

# One folder per table under the output folder, one file per partition inside it.
TABLES = ("articles", "quotes", "entities", "skipped", "pages")


@dataclass
class PartitionResult:
    """What a partition produced and how long each stage took (seconds)."""

    key: str
    digest: str
    pages: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def part_path(out: Path, table: str, key: str) -> Path:
    """Where a partition's table is written."""
    return out / table / f"{key}.parquet"


def process_partition(
    key: str, digest: str, pages: Sequence[Page], skipped: Sequence[Skipped], out: Path, keep_pages: bool
) -> PartitionResult:
    """Extract and annotate a partition's pages and write its tables; pages that fail are skipped."""
    result = PartitionResult(key, digest, pages=len(pages), skipped=list(skipped))
    started = time.perf_counter()
    extracted: list[Article] = []
    for page in pages:
        try:
            extracted += extract_page(page)
        except ManysidesError as exc:
            result.skipped.append(Skipped(source=page.source, reason=str(exc).removeprefix(f"{page.source}: ")))
    result.seconds["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    articles = annotate(extracted)
    result.seconds["annotate"] = time.perf_counter() - started
    started = time.perf_counter()
    _write(out, key, articles, result.skipped, pages if keep_pages else None)
    result.seconds["write"] = time.perf_counter() - started
    result.articles = len(articles)
    return result


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


def warm_up() -> None:
    """Load the models a worker needs before its first task, so no task pays for it."""
    load_nlp()
