"""One row per story with its counts, in one query: for the stories list of the CLI and the web app."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from manysides.store.db import Store


class StoryRow(BaseModel):
    """One line of the stories list."""

    id: str
    label: str
    articles: int
    outlets: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    analyzed: bool
    keywords: list[str] = []


def story_rows(store: Store) -> list[StoryRow]:
    """Every story with its article, outlet and date counts, in one query."""
    rows = store.conn.execute(
        "SELECT s.id, s.label, count(a.id), count(DISTINCT a.outlet), min(a.date), max(a.date),"
        " EXISTS(SELECT 1 FROM analyses an WHERE an.story_id = s.id)"
        " FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id"
        " LEFT JOIN articles a ON a.id = sa.article_id GROUP BY s.id ORDER BY s.rowid"
    ).fetchall()
    keywords = {s.id: s.keywords for s in store.stories()}
    return [
        StoryRow(
            id=r[0],
            label=r[1],
            articles=r[2],
            outlets=r[3],
            first_date=r[4],
            last_date=r[5],
            analyzed=bool(r[6]),
            keywords=keywords.get(r[0], [])[:6],
        )
        for r in rows
    ]
