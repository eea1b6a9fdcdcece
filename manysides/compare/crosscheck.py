"""Cross-check a story's coverage: claims with their independent sources, figures, contradictions, framing."""

from __future__ import annotations

from manysides.compare.actors import merge_actors
from manysides.compare.claims import align_claims
from manysides.compare.contradictions import figure_topics, find_contradictions
from manysides.compare.corroboration import SourceFinder
from manysides.compare.figures import find_figures
from manysides.compare.framing import frame_story, mark_wording
from manysides.models import StoryAnalysis
from manysides.stories import find_copies


def cross_check(analysis: StoryAnalysis) -> StoryAnalysis:
    """Fill the analysis' claims, figure_topics, contradictions and framing from its articles."""
    articles = analysis.articles
    marks = [m for a in articles for m in mark_wording(a)]
    editorial = {(m.article_id, m.start) for m in marks if m.kind == "editorial"}
    sources = SourceFinder(articles, analysis.copies or find_copies(articles))
    claims = align_claims(articles, sources, skip=editorial)
    topics = figure_topics([f for a in articles for f in find_figures(a)])
    analysis.claims = claims
    analysis.figure_topics = topics
    analysis.contradictions = find_contradictions(topics, claims, analysis.quotes, articles)
    analysis.framing = frame_story(articles, claims, marks, merge_actors(articles))
    return analysis
