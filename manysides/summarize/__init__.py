"""Summarize: a short summary of a story in which every sentence cites its articles."""

from manysides.summarize.extractive import summarize_articles

__all__ = ["summarize_articles"]
