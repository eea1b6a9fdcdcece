"""Export everything in the store: JSON (whole records), or one table as CSV or Parquet.

Missing values are None: an empty CSV cell, a null in Parquet.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import BinaryIO, Literal, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from manysides.errors import NotFound
from manysides.models import StoryAnalysis
from manysides.report.compare_views import claim_status
from manysides.store import Store

CsvTable = Literal["articles", "quotes", "entities", "comments", "stories", "claims", "figures", "naming", "summary"]
TABLES: tuple[CsvTable, ...] = (
    "articles",
    "quotes",
    "entities",
    "comments",
    "stories",
    "claims",
    "figures",
    "naming",
    "summary",
)


def export_json(store: Store, handle: TextIO) -> int:
    """All stories, their analyses and all articles as one JSON document; returns the number of articles."""
    articles = store.articles()
    document = {
        "stories": [s.as_dict() for s in store.stories()],
        "analyses": [a.as_dict() for a in analyses(store)],
        "articles": [a.as_dict() for a in articles],
        "skipped": [s.as_dict() for s in store.skipped()],
    }
    json.dump(document, handle, ensure_ascii=False, indent=1)
    return len(articles)


def export_csv(store: Store, table: CsvTable, handle: TextIO) -> int:
    """One table as CSV with a header row; returns the number of data rows."""
    rows = list(_rows(store, table))
    writer = csv.writer(handle)
    writer.writerow(HEADERS[table])
    writer.writerows(rows)
    return len(rows)


def export_parquet(store: Store, table: CsvTable, handle: BinaryIO) -> int:
    """One table as Parquet, column types inferred (dates stay dates); returns the number of rows."""
    rows = list(_rows(store, table))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in HEADERS[table]]
    arrays = [pa.array(list(values), type=None if values else pa.string()) for values in columns]
    pq.write_table(pa.Table.from_arrays(arrays, names=HEADERS[table]), handle)
    return len(rows)


HEADERS: dict[str, list[str]] = {
    "articles": [
        "article_id",
        "story_id",
        "outlet",
        "url",
        "title",
        "date",
        "date_source",
        "author",
        "words",
        "body",
    ],
    "quotes": ["article_id", "outlet", "kind", "speaker", "cue", "channel", "text"],
    "entities": ["article_id", "outlet", "label", "key", "text", "start", "end"],
    "comments": ["article_id", "order", "author", "text"],
    "stories": ["story_id", "label", "articles", "keywords"],
    "claims": ["story_id", "claim_id", "status", "text", "outlets", "independent_sources", "sources", "article_ids"],
    "figures": [
        "story_id",
        "topic",
        "counted",
        "unit",
        "verdict",
        "article_id",
        "outlet",
        "date",
        "value",
        "low",
        "high",
        "qualifier",
        "text",
    ],
    "naming": ["story_id", "outlet", "actor", "label", "count", "own_voice", "quoted", "scare_quoted"],
    "summary": ["story_id", "position", "text", "kind", "verified", "sources", "citations"],
}


def analyses(store: Store) -> Iterator[StoryAnalysis]:
    """The stored analysis of every story that has one, in story order."""
    for story in store.stories():
        try:
            yield store.analysis(story.id)
        except NotFound:
            continue


def _analysis_rows(store: Store, table: CsvTable) -> Iterator[list[object]]:
    for analysis in analyses(store):
        sid = analysis.story.id
        if table == "claims":
            for c in analysis.claims:
                status = claim_status(c, analysis.contradictions)
                articles = "; ".join(dict.fromkeys(m.article_id for m in c.mentions))
                yield [sid, c.id, status, c.text, "; ".join(c.outlets), len(c.sources), "; ".join(c.sources), articles]
        elif table == "figures":
            for t in analysis.figure_topics:
                for f in t.figures:
                    where = [f.article_id, f.outlet, f.date]
                    yield [
                        sid,
                        t.topic,
                        t.counted,
                        t.unit,
                        t.verdict,
                        *where,
                        f.value,
                        f.low,
                        f.high,
                        f.qualifier,
                        f.text,
                    ]
        elif table == "naming":
            for n in analysis.framing.naming:
                yield [sid, n.outlet, n.actor, n.label, n.count, n.own_voice, n.quoted, n.scare_quoted]
        else:
            for position, sentence in enumerate(analysis.summary, 1):
                cites = "; ".join(f"{c.article_id}:{c.start}-{c.end}" for c in sentence.citations)
                sources = "; ".join(sentence.sources)
                yield [sid, position, sentence.text, sentence.kind, sentence.verified, sources, cites]


def _rows(store: Store, table: CsvTable) -> Iterator[list[object]]:
    if table in ("claims", "figures", "naming", "summary"):
        yield from _analysis_rows(store, table)
        return
    if table == "stories":
        for story in store.stories():
            yield [story.id, story.label, len(story.article_ids), "; ".join(story.keywords)]
        return
    story_of = {a: s.id for s in store.stories() for a in s.article_ids}
    for article in store.articles():
        if table == "articles":
            yield [
                article.id,
                story_of.get(article.id),
                article.outlet,
                article.url,
                article.title,
                article.date.value,
                article.date.source,
                article.author,
                len(article.body.split()),
                article.body,
            ]
        elif table == "quotes":
            for q in article.quotes:
                yield [
                    article.id,
                    article.outlet,
                    q.kind,
                    q.speaker,
                    q.cue,
                    q.channel,
                    q.text,
                ]
        elif table == "entities":
            for e in article.entities:
                yield [article.id, article.outlet, e.label, e.key, e.text, e.start, e.end]
        else:
            for c in article.comments:
                yield [article.id, c.order, c.author, c.text]
