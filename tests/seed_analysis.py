"""The seed story and the example corpus's main story, analysed once per test session by the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from manysides.models import Article, PubDate, Sentence, StoryAnalysis
from manysides.pipeline import analyze
from manysides.store import Store
from tests.conftest import CORPUS, SEEDS


@lru_cache(maxsize=2)
def analysed(folder: Path) -> tuple[StoryAnalysis, ...]:
    """Every story the pipeline finds in a folder with its manifest, largest first."""
    base = Path(tempfile.mkdtemp(prefix="manysides-compare-"))
    store = Store(base / "store.db")
    try:
        analyze([folder], store, base / "out", manifest=folder / "manifest.csv")
        stories = [store.analysis(s.id) for s in store.stories()]
    finally:
        store.close()
    return tuple(sorted(stories, key=lambda a: -len(a.articles)))


def seed_story() -> StoryAnalysis:
    """The Aleppo story of the seeds (the story holding SouthFront and The New Arab)."""
    for analysis in analysed(SEEDS):
        if {a.outlet for a in analysis.articles} >= {"SouthFront", "The New Arab"}:
            return analysis
    raise AssertionError("no story holds SouthFront and The New Arab")


def corpus_story() -> StoryAnalysis:
    """The Kessa story of the example corpus (its largest story)."""
    return analysed(CORPUS)[0]


def article_of(analysis: StoryAnalysis, file_prefix: str) -> Article:
    """The article read from the file whose name starts with `file_prefix` (first item of a round-up)."""
    for article in analysis.articles:
        if Path(article.source).name.startswith(file_prefix) and article.item in (None, 0):
            return article
    raise AssertionError(f"no article from {file_prefix}")


FIXTURES = Path(__file__).resolve().parent / "data" / "compare"


def fixture_articles() -> dict[str, Article]:
    """The hand-made articles of tests/data/compare/articles.json, sentences split on '. '."""
    out = {}
    for row in json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8")):
        body = row["body"]
        spans = [m.span() for m in re.finditer(r"\S[^.]*(?:\.|$)", body)]
        out[row["id"]] = Article(
            id=row["id"],
            page_id=row["id"],
            source=f"{row['id']}.txt",
            outlet=row["outlet"],
            date=PubDate(value=dt.date.fromisoformat(row["date"]), source="manifest"),
            body=body,
            sentences=[Sentence(start=start, end=end) for start, end in spans],
        )
    return out
