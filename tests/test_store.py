from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from manysides.errors import NotFound, StoreError
from manysides.models import Article, Comment, Page, Story
from manysides.store import Store


def _page_with_article(text: str) -> tuple[Page, Article]:
    page = Page.make(source="x.txt", content=text, kind="text", url="https://example.org/x")
    article = Article(
        id=Article.make_id(page.id, None),
        page_id=page.id,
        source=page.source,
        outlet="Example",
        title="A title",
        body=text,
        comments=[Comment(author="Reader", text="A comment", order=0)],
    )
    return page, article


def test_store_uses_wal_and_adds_a_page_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        page, article = _page_with_article("Rebels refused to leave the city on Tuesday.")
        assert store.add_page(page, [article]) is True
        assert store.add_page(page, [article]) is False
        assert store.count("pages") == 1 and store.count("articles") == 1 and store.count("comments") == 1
        assert store.articles([article.id])[0].body == article.body


def test_store_full_text_search_and_bad_query(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        page, article = _page_with_article("Rebels refused to leave the besieged city.")
        store.add_page(page, [article])
        assert [a.id for a in store.search("besieged")] == [article.id]
        assert store.search("ceasefire") == []
        with pytest.raises(StoreError, match="not a valid full-text query"):
            store.search('"unbalanced')


def test_store_stories_replace_and_keep_ids(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        page, article = _page_with_article("Some text about the siege.")
        store.add_page(page, [article])
        story = Story(id="s1", label="Siege", article_ids=[article.id])
        store.save_stories([story])
        store.save_stories([story])
        assert store.stories() == [story]
        assert store.unassigned_articles() == []
        with pytest.raises(NotFound):
            store.story("nope")


def test_store_rolls_back_a_failed_page(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        page, article = _page_with_article("Text.")
        broken = article.model_copy(update={"page_id": "missing-page"})  # violates the foreign key
        with pytest.raises(sqlite3.IntegrityError):
            store.add_page(page, [broken])
        assert store.count("pages") == 0 and store.count("articles") == 0


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "not.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable manysides database"):
        Store(path)
