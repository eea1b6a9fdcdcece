"""Compare: a story's coverage across outlets, side by side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from manysides.compare.actors import merge_actors
from manysides.compare.coverage import entity_rows, outlet_coverage
from manysides.compare.crosscheck import cross_check
from manysides.compare.quotes import group_quotes
from manysides.models import Article, Story, StoryAnalysis
from manysides.stories import build_timeline, find_copies

__all__ = ["compare_story"]


def compare_story(story: Story, articles: Sequence[Article]) -> StoryAnalysis:
    """Everything but the summary: outlets, entities, actors, quotes, copies, timeline, claims, framing."""
    ordered = sorted(articles, key=lambda a: (a.date.value is None, a.date.value, a.outlet, a.id))
    actors = merge_actors(ordered)
    analysis = StoryAnalysis(
        story=story,
        articles=ordered,
        outlets=outlet_coverage(ordered),
        entities=entity_rows(ordered),
        actors=actors,
        quotes=group_quotes(ordered, actors),
        copies=find_copies(ordered),
        timeline=build_timeline(ordered),
        summary=[],
        generated=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    return cross_check(analysis)
