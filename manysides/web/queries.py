"""Read-only questions the web app asks the store: story rows, full-text search, an article's story."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from manysides.models import Article
from manysides.store import Store
from manysides.store.summaries import StoryRow, story_rows

WORD = re.compile(r"\w+", re.UNICODE)

__all__ = ["SearchHit", "SearchResult", "StoryRow", "fts_query", "search", "story_of", "story_rows"]


class SearchHit(BaseModel):
    """An article matching a search, with the passage around the first match."""

    article_id: str
    title: str
    outlet: str
    date: dt.date | None = None
    story_id: str | None = None
    snippet: str


class SearchResult(BaseModel):
    """One page of search hits and how many articles match in all, so a capped list never passes as complete."""

    query: str
    total: int
    offset: int
    hits: list[SearchHit]


def story_of(store: Store, article_id: str) -> str | None:
    row = store.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    return None if row is None else str(row[0])


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word quoted (so no operator syntax), the last one as a prefix."""
    words = WORD.findall(text)[:12]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(store: Store, text: str, limit: int = 100, offset: int = 0) -> SearchResult:
    """Articles matching all the words of `text`, best first: `limit` of them from `offset`, and the total."""
    query = fts_query(text)
    if not query:
        return SearchResult(query=text, total=0, offset=offset, hits=[])
    total = store.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchone()[0]
    rows = store.conn.execute(
        "SELECT a.data FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (query, limit, offset),
    ).fetchall()
    words = [w.lower() for w in WORD.findall(text)]
    hits = []
    for (data,) in rows:
        article = Article.model_validate_json(data)
        hits.append(
            SearchHit(
                article_id=article.id,
                title=article.title,
                outlet=article.outlet,
                date=article.date.value,
                story_id=story_of(store, article.id),
                snippet=snippet(article, words),
            )
        )
    return SearchResult(query=text, total=int(total), offset=offset, hits=hits)


def snippet(article: Article, words: list[str], width: int = 90) -> str:
    """Plain text around the first occurrence of any of `words` (escaped later, where it is shown)."""
    lowered = article.body.lower()
    hits = [i for w in words if (i := lowered.find(w)) >= 0]
    at = min(hits) if hits else 0
    start, end = max(0, at - width), min(len(article.body), at + width)
    text = " ".join(article.body[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(article.body) else "")
