"""Compare and summarize the stories of one bucket, on a worker; one Parquet file per bucket."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

from manysides.batch import tables
from manysides.batch.grouping import bucket_articles
from manysides.models import Story, StoryAnalysis

ANALYSES = pa.schema(
    [
        pa.field("story_id", pa.string()),
        pa.field("label", pa.string()),
        pa.field("articles", pa.int64()),
        pa.field("article_ids", pa.list_(pa.string())),
        pa.field("outlets", pa.int64()),
        pa.field("quote_groups", pa.int64()),
        pa.field("conflicts", pa.int64()),
        pa.field("summary", pa.list_(pa.string())),
        # The whole StoryAnalysis as JSON, its articles left out (they are in articles/).
        pa.field("analysis", pa.string()),
    ]
)


def analysis_path(out: Path, bucket: int) -> Path:
    return out / "analyses" / f"bucket-{bucket:05d}.parquet"


def compare_bucket(out: Path, bucket: int, stories: Sequence[Story], summaries: bool = True) -> int:
    """Analyze every story of the bucket and write the analyses; returns the stories analyzed.

    Without `summaries` the analyses are `analyze`'s less the cited summary, the costliest part.
    """
    # The pipeline imports every stage; load it on the worker only.
    from manysides.compare import compare_story
    from manysides.pipeline import analyze_story

    by_story = bucket_articles(out, bucket)
    rows = []
    for story in stories:
        articles = by_story.get(story.id, [])
        if articles:
            analysis = analyze_story(story, articles) if summaries else compare_story(story, articles)
            rows.append(_row(analysis))
    tables.write_table(pa.Table.from_pylist(rows, schema=ANALYSES), analysis_path(out, bucket))
    return len(rows)


def _row(analysis: StoryAnalysis) -> dict[str, object]:
    return {
        "story_id": analysis.story.id,
        "label": analysis.story.label,
        "articles": len(analysis.articles),
        "article_ids": [a.id for a in analysis.articles],
        "outlets": len(analysis.outlets),
        "quote_groups": len(analysis.quotes),
        "conflicts": sum(1 for g in analysis.quotes if g.conflict),
        "summary": [s.text for s in analysis.summary],
        "analysis": analysis.model_copy(update={"articles": []}).model_dump_json(),
    }
