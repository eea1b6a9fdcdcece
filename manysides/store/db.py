"""The embedded SQLite store (WAL): pages, articles, comments, stories, analyses."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir

from manysides.errors import NotFound, StoreError
from manysides.models import Article, Page, Skipped, Story, StoryAnalysis
from manysides.store.schema import SCHEMA, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 30_000
# Any change to the schema text (a new table, a new index) makes every store set itself up again.
_SCHEMA_DIGEST = hashlib.sha1(SCHEMA.encode("utf-8")).hexdigest()[:16]


def default_db_path() -> Path:
    """The store in the user's data folder, used when --db is not given."""
    return Path(user_data_dir("manysides")) / "manysides.db"


class Store:
    """One SQLite database; every write is a transaction, so a killed run loses nothing stored."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # Setting up takes the write lock; a store already on this schema (every web request,
            # every reader beside a running ingest) only reads here.
            if self._schema_digest() != _SCHEMA_DIGEST:
                self._set_up()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable manysides database ({exc})") from exc

    def _schema_digest(self) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_digest'").fetchone()
        except sqlite3.OperationalError:  # no meta table yet: a new store
            return None
        return str(row[0]) if row else None

    def _set_up(self) -> None:
        self.conn.execute("PRAGMA journal_mode = WAL")
        # executescript commits on its own; every statement in SCHEMA is idempotent.
        self.conn.executescript(SCHEMA)
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_digest', ?)",
                (_SCHEMA_DIGEST,),
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # pages and articles

    def has_page(self, page_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM pages WHERE id = ?", (page_id,)).fetchone() is not None

    def add_page(self, page: Page, articles: Sequence[Article]) -> bool:
        """Store a page with its articles atomically; False when it was already stored."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO pages(id, source, url, kind, outlet, date, content) VALUES (?,?,?,?,?,?,?)",
                (page.id, page.source, page.url, page.kind, page.outlet, _iso(page.date), page.content),
            )
            if cursor.rowcount == 0:
                return False
            for article in articles:
                self._insert_article(conn, article)
            conn.execute("DELETE FROM skipped WHERE source = ?", (page.source,))
        return True

    def _insert_article(self, conn: sqlite3.Connection, article: Article) -> None:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO articles(id, page_id, url, outlet, title, date, date_source, data)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.page_id,
                article.url,
                article.outlet,
                article.title,
                _iso(article.date.value),
                article.date.source,
                article.model_dump_json(),
            ),
        )
        if cursor.rowcount == 0:
            return
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, body, outlet) VALUES (?,?,?,?)",
            (cursor.lastrowid, article.title, article.body, article.outlet),
        )
        conn.executemany(
            "INSERT INTO comments(article_id, ord, author, text) VALUES (?,?,?,?)",
            [(article.id, c.order, c.author, c.text) for c in article.comments],
        )

    def add_skipped(self, skipped: Skipped) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO skipped(source, reason) VALUES (?, ?)",
                (skipped.source, skipped.reason),
            )

    def skipped(self) -> list[Skipped]:
        rows = self.conn.execute("SELECT source, reason FROM skipped ORDER BY source")
        return [Skipped(source=s, reason=r) for s, r in rows]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Articles by id (in the order asked), or all articles in insertion order."""
        if ids is None:
            rows = self.conn.execute("SELECT data FROM articles ORDER BY rowid").fetchall()
            return [Article.model_validate_json(r[0]) for r in rows]
        wanted = list(ids)
        found = {a.id: a for a in self._articles_where(wanted)}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise NotFound(f"article(s) not in the store: {', '.join(missing[:5])}")
        return [found[i] for i in wanted]

    def _articles_where(self, ids: list[str]) -> Iterator[Article]:
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for (data,) in self.conn.execute(f"SELECT data FROM articles WHERE id IN ({marks})", part):
                yield Article.model_validate_json(data)

    def articles_of_pages(self, page_ids: Iterable[str]) -> list[Article]:
        ids = list(page_ids)
        out: list[Article] = []
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT data FROM articles WHERE page_id IN ({marks}) ORDER BY rowid", part
            ).fetchall()
            out += [Article.model_validate_json(r[0]) for r in rows]
        return out

    def unassigned_articles(self) -> list[Article]:
        rows = self.conn.execute(
            "SELECT data FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY rowid"
        ).fetchall()
        return [Article.model_validate_json(r[0]) for r in rows]

    def count(self, table: str) -> int:
        if table not in {"pages", "articles", "comments", "stories", "analyses", "skipped"}:
            raise ValueError(f"unknown table {table!r}")
        row = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0])

    # stories and analyses

    def stories(self) -> list[Story]:
        rows = self.conn.execute("SELECT data FROM stories ORDER BY rowid").fetchall()
        return [Story.model_validate_json(r[0]) for r in rows]

    def story(self, story_id: str) -> Story:
        row = self.conn.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story {story_id!r} in {self.path}; `manysides stories` lists them")
        return Story.model_validate_json(row[0])

    def stories_version(self) -> int:
        """A counter every save_stories raises: a regrouping begun at an older one must start again."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'stories_version'").fetchone()
        return int(row[0]) if row else 0

    def save_stories(self, stories: Sequence[Story], expected_version: int | None = None) -> bool:
        """Replace the story table with `stories` (ids are stable across runs).

        With `expected_version`, nothing is written and False returned when another run saved stories since.
        """
        with self.transaction() as conn:
            version = self.stories_version()
            if expected_version is not None and version != expected_version:
                return False
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('stories_version', ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(version + 1),),
            )
            keep = [s.id for s in stories]
            marks = ",".join("?" * len(keep)) or "''"
            conn.execute(f"DELETE FROM analyses WHERE story_id NOT IN ({marks})", keep)
            conn.execute(f"DELETE FROM story_articles WHERE story_id NOT IN ({marks})", keep)
            conn.execute(f"DELETE FROM stories WHERE id NOT IN ({marks})", keep)
            for story in stories:
                conn.execute(
                    "INSERT INTO stories(id, label, data) VALUES (?,?,?) ON CONFLICT(id) DO UPDATE SET"
                    " label = excluded.label, data = excluded.data, updated_at = datetime('now')",
                    (story.id, story.label, story.model_dump_json()),
                )
                conn.execute("DELETE FROM story_articles WHERE story_id = ?", (story.id,))
                conn.executemany(
                    "INSERT OR IGNORE INTO story_articles(story_id, article_id) VALUES (?, ?)",
                    [(story.id, a) for a in story.article_ids],
                )
        return True

    def save_analysis(self, analysis: StoryAnalysis) -> bool:
        """Store a story's analysis; False (nothing written) when the story has changed or gone since."""
        with self.transaction() as conn:
            row = conn.execute("SELECT data FROM stories WHERE id = ?", (analysis.story.id,)).fetchone()
            if row is None or Story.model_validate_json(row[0]).article_ids != analysis.story.article_ids:
                return False
            conn.execute(
                "INSERT OR REPLACE INTO analyses(story_id, data, generated) VALUES (?,?,?)",
                (analysis.story.id, analysis.model_dump_json(), analysis.generated.isoformat()),
            )
        return True

    def analysis(self, story_id: str) -> StoryAnalysis:
        row = self.conn.execute("SELECT data FROM analyses WHERE story_id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"story {story_id!r} has no analysis in {self.path}; run `manysides analyze` first")
        return StoryAnalysis.model_validate_json(row[0])

    def search(self, query: str, limit: int = 50) -> list[Article]:
        """Articles matching an FTS5 query over title, body and outlet."""
        try:
            rows = self.conn.execute(
                "SELECT a.data FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search {query!r} is not a valid full-text query ({exc})") from exc
        return [Article.model_validate_json(r[0]) for r in rows]


def _iso(day: object) -> str | None:
    return None if day is None else str(day)
