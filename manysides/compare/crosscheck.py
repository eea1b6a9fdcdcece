"""Cross-check a story's coverage: claims with their independent sources, figures, contradictions, framing."""

from __future__ import annotations

from manysides.compare.claims import align_claims
from manysides.compare.contradictions import figure_topics, find_contradictions
from manysides.compare.corroboration import SourceFinder
from manysides.compare.figures import find_figures
from manysides.compare.framing import frame_story, mark_wording
from manysides.models import StoryAnalysis


def cross_check(analysis: StoryAnalysis) -> StoryAnalysis:
    """Fill the analysis' claims, figure_topics, contradictions and framing from its articles.

    Reads the copies and actors `compare_story` has already found.
    """
    articles = analysis.articles
    marks = [m for a in articles for m in mark_wording(a)]
    editorial = {(m.article_id, m.start) for m in marks if m.kind == "editorial"}
    sources = SourceFinder(articles, analysis.copies)
    claims = align_claims(articles, sources, skip=editorial)
    topics = figure_topics([f for a in articles for f in find_figures(a)])
    analysis.claims = claims
    analysis.figure_topics = topics
    analysis.contradictions = find_contradictions(topics, claims, analysis.quotes, articles)
    analysis.framing = frame_story(articles, claims, marks, analysis.actors)
    return analysis
