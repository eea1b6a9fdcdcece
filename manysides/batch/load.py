"""Load a finished batch from its Parquet files into the SQLite store, one transaction per page."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

from manysides.batch import tables
from manysides.batch.comparison import analysis_path
from manysides.batch.worker import part_path
from manysides.models import Article, Page, Skipped, Story, StoryAnalysis
from manysides.store import Store


def load_partition(out: Path, key: str, store: Store) -> int:
    """Store a partition's pages with their articles, and its skipped inputs; returns new pages."""
    pages = tables.records(pq.read_table(part_path(out, "pages", key)), Page)
    articles: dict[str, list[Article]] = defaultdict(list)
    for article in tables.records(pq.read_table(part_path(out, "articles", key)), Article):
        articles[article.page_id].append(article)
    added = sum(1 for page in pages if page.id in articles and store.add_page(page, articles[page.id]))
    for skipped in tables.records(pq.read_table(part_path(out, "skipped", key)), Skipped):
        store.add_skipped(skipped)
    return added


def load_stories(stories: list[Story], store: Store) -> None:
    """Replace the store's stories with the batch's."""
    store.save_stories(stories)


def load_analyses(out: Path, bucket: int, store: Store) -> int:
    """Store a bucket's analyses, with their articles read back from the store."""
    table = pq.read_table(analysis_path(out, bucket), columns=["article_ids", "analysis"])
    for ids, data in zip(table.column("article_ids").to_pylist(), table.column("analysis").to_pylist(), strict=True):
        analysis = StoryAnalysis.model_validate_json(data)
        store.save_analysis(analysis.model_copy(update={"articles": store.articles(ids)}))
    return int(table.num_rows)
