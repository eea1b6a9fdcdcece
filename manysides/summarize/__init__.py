"""Summarize: a neutral story summary in which every sentence cites its sources, verified before output."""

from manysides.summarize.story import LENGTHS, sentence_count, summarize_story, summarize_timeline
from manysides.summarize.verify import verify

__all__ = ["LENGTHS", "sentence_count", "summarize_story", "summarize_timeline", "verify"]
