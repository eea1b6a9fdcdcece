"""Stories: group articles into developing stories, find copies, lay a story out in time."""

from __future__ import annotations

from manysides.stories.cluster import ClusterSettings, cluster_articles, update_stories
from manysides.stories.copies import find_copies, find_relays, independent_sources
from manysides.stories.figures import build_series
from manysides.stories.timeline import build_timeline

__all__ = [
    "ClusterSettings",
    "build_series",
    "build_timeline",
    "cluster_articles",
    "find_copies",
    "find_relays",
    "independent_sources",
    "update_stories",
]
