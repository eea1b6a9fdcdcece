"""The store's tables. Records are kept whole as JSON beside the columns queries need."""

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    kind TEXT NOT NULL,
    outlet TEXT,
    date TEXT,
    content TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL REFERENCES pages(id),
    url TEXT,
    outlet TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    date_source TEXT NOT NULL,
    data TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS articles_page ON articles(page_id);
CREATE TABLE IF NOT EXISTS comments (
    article_id TEXT NOT NULL REFERENCES articles(id),
    ord INTEGER NOT NULL,
    author TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, ord)
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, outlet, content='');
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id);
CREATE TABLE IF NOT EXISTS analyses (
    story_id TEXT PRIMARY KEY REFERENCES stories(id),
    data TEXT NOT NULL,
    generated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (
    source TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL DEFAULT (datetime('now'))
);
"""
