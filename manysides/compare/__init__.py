"""Compare: a story's coverage across outlets, side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from manysides.compare.coverage import entity_rows, outlet_coverage
from manysides.compare.crosscheck import cross_check
from manysides.compare.quotes import group_quotes
from manysides.models import Article, Story, StoryAnalysis

__all__ = ["compare_story"]


def compare_story(story: Story, articles: Sequence[Article]) -> StoryAnalysis:
    """The story's outlets, entities and quotes; the summary is filled by summarize."""
    ordered = sorted(articles, key=lambda a: (a.date.value is None, a.date.value, a.outlet, a.id))
    analysis = StoryAnalysis(
        story=story,
        articles=ordered,
        outlets=outlet_coverage(ordered),
        entities=entity_rows(ordered),
        quotes=group_quotes(ordered),
        summary=[],
        generated=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    return cross_check(analysis)
