"""Figures over time: the same measured thing (people who fled, were killed...) across articles.

What a figure is, what it counts and the range its wording allows is found by
`compare.figures`, and figures are aligned on what they count by
`compare.contradictions.figure_topics`; here the aligned figures become series
to chart. "more than 21,000 civilians have fled" and "about 50,000 civilians
... fled" form one series, in date order: growth over time is an update to
show, not a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence

from manysides.models import Article, FigureSeries


def build_series(story_articles: Sequence[Article]) -> list[FigureSeries]:
    """Series of figures about the same measured thing given by at least two articles, in date order."""
    # compare imports this package when it loads, so its figure finder is imported on first use
    from manysides.compare.contradictions import figure_topics
    from manysides.compare.figures import find_figures

    topics = figure_topics([f for article in story_articles for f in find_figures(article)])
    return [t.as_series() for t in topics if len({f.article_id for f in t.figures}) >= 2]
