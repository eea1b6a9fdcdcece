"""Stories: group articles into developing stories, find copies, lay a story out in time."""

from __future__ import annotations

from manysides.stories.cluster import ClusterSettings, cluster_articles, update_stories

__all__ = ["ClusterSettings", "cluster_articles", "update_stories"]
