"""Stories over the whole batch, then a shuffle of articles into buckets of whole stories.

Grouping needs every article at once, but only what the grouping reads (id,
title, body, date), so it works on light copies of the articles, read
partition by partition: the one structure of the batch that grows with the
corpus, so nothing the grouping does not read is kept in it. Comparing a story needs its full articles, which
are spread over the partitions; a shuffle writes each article into the bucket
of its story, so that each bucket holds whole stories and a few thousand
articles, and buckets are compared independently.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from manysides.batch import tables
from manysides.batch.worker import part_path
from manysides.models import Article, PubDate, Story
from manysides.stories import cluster_articles

# The columns story grouping reads (its term vectors come from title and body); the rest stays on disk.
# Entities are left out: ten or so per article, they were 40% of a light copy's memory.
GROUPING_COLUMNS = ["id", "page_id", "source", "outlet", "title", "body", "date"]
STORIES = tables.arrow_schema(Story)


def grouping_views(out: Path, keys: Iterable[str]) -> Iterator[Article]:
    """Each article once, with only the fields story grouping reads."""
    seen: set[str] = set()
    for key in keys:
        table = pq.read_table(part_path(out, "articles", key), columns=GROUPING_COLUMNS)
        for row in table.to_pylist():
            if row["id"] in seen:
                continue  # the same page twice in the input (a recrawl): one article
            seen.add(row["id"])
            yield _view(row)


def _view(row: dict[str, object]) -> Article:
    date = row["date"]
    assert isinstance(date, dict)
    return Article(
        id=str(row["id"]),
        page_id=str(row["page_id"]),
        source=str(row["source"]),
        outlet=str(row["outlet"]),
        title=str(row["title"]),
        body=str(row["body"]),
        date=PubDate(value=date["value"], source=date["source"]),
    )


def group_stories(out: Path, keys: Sequence[str]) -> list[Story]:
    """The stories of all articles in the finished partitions, written to `stories.parquet`."""
    stories = cluster_articles(list(grouping_views(out, keys)))
    tables.write_table(pa.Table.from_pylist([s.model_dump() for s in stories], schema=STORIES), out / "stories.parquet")
    return stories


def bucket_of(story_id: str, buckets: int) -> int:
    """The bucket a story's articles go to (stable across runs and machines)."""
    return zlib.crc32(story_id.encode("utf-8")) % buckets


def bucket_path(out: Path, bucket: int, key: str) -> Path:
    return out / "buckets" / f"bucket-{bucket:05d}" / f"{key}.parquet"


def split_partition(out: Path, key: str, story_of: Mapping[str, str], buckets: int) -> int:
    """Write a partition's articles into their stories' buckets, with a story_id column; returns files written."""
    table = pq.read_table(part_path(out, "articles", key))
    ids = table.column("id").to_pylist()
    story_ids = [story_of.get(i, "") for i in ids]
    table = table.append_column("story_id", pa.array(story_ids, pa.string()))
    assigned = pa.array([bucket_of(s, buckets) if s else -1 for s in story_ids], pa.int32())
    written = 0
    for bucket in sorted(set(assigned.to_pylist()) - {-1}):
        piece = table.filter(pc.equal(assigned, bucket))
        tables.write_table(piece, bucket_path(out, bucket, key))
        written += 1
    return written


def bucket_articles(out: Path, bucket: int) -> dict[str, list[Article]]:
    """A bucket's articles by story id, each article once."""
    folder = out / "buckets" / f"bucket-{bucket:05d}"
    by_story: dict[str, dict[str, Article]] = {}
    for path in sorted(folder.glob("*.parquet")):
        table = pq.read_table(path)
        story_ids = table.column("story_id").to_pylist()
        articles = tables.records(table.drop_columns(["story_id"]), Article)
        for story_id, article in zip(story_ids, articles, strict=True):
            by_story.setdefault(story_id, {})[article.id] = article
    return {story: list(found.values()) for story, found in by_story.items()}
