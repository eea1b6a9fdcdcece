"""Story grouping on the seed pages: one story, the round-up's other items apart, incremental."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from manysides.models import Article, PubDate, Skipped, Story, stable_id
from manysides.stories import update_stories

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "stories"


def _title_and_body(text: str) -> tuple[str, str]:
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if len(line.split()) >= 4:
            return line, "\n".join(lines[index + 1 :]).strip()
    return "", text


def _items(text: str, spec: dict[str, object]) -> list[str]:
    """The round-up cut at its item headings (what the extractor will do)."""
    rest = text.split(str(spec["end"]))[0]
    parts = []
    for heading in spec["items"]:  # type: ignore[attr-defined]
        before, after = rest.split(heading, 1)
        parts.append(before)
        rest = heading + after
    return [*parts, rest]


def seed_articles() -> list[Article]:
    """The five seeds as articles, the live blog 004 as its five items."""
    splits = json.loads((DATA / "seed_items.json").read_text(encoding="utf-8"))
    articles = []
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (SEEDS / row["file"]).read_text(encoding="utf-8")
            day = dt.date.fromisoformat(row["date"]) if row["date"] else None
            spec = splits.get(row["file"])
            parts = _items(text, spec) if spec else [text]
            page_id = stable_id(row["url"])
            for number, part in enumerate(parts, start=1):
                title, body = _title_and_body(part)
                item = number if spec else None
                articles.append(
                    Article(
                        id=Article.make_id(page_id, item),
                        page_id=page_id,
                        source=row["file"],
                        url=row["url"],
                        outlet=row["outlet"],
                        title=title,
                        body=body,
                        item=item,
                        date=PubDate(value=day, source="manifest" if day else "unknown"),
                    )
                )
    return articles


def unrelated_article() -> Article:
    title, body = _title_and_body((DATA / "unrelated_flood.txt").read_text(encoding="utf-8"))
    day = dt.date(2016, 11, 30)
    return Article(
        id="flood",
        page_id="flood",
        source="flood",
        outlet="Wire",
        title=title,
        body=body,
        date=PubDate(value=day, source="input"),
    )


def _names(stories: list[Story], articles: list[Article]) -> set[frozenset[str]]:
    label = {a.id: a.source.split("_")[0] + (f"#{a.item}" if a.item else "") for a in articles}
    return {frozenset(label[i] for i in s.article_ids) for s in stories}


SEED_STORY = frozenset({"000", "001", "002", "003", "004#1"})


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [*seed_articles(), unrelated_article()]


def test_update_stories_groups_the_five_seeds_as_one_story(articles: list[Article]) -> None:
    stories = update_stories(articles, [], lambda _: [])
    groups = _names(stories, articles)
    assert SEED_STORY in groups
    assert frozenset({"flood"}) in groups
    # The round-up's other items (4: same city, same week, another event) stay out.
    for item in ("004#2", "004#3", "004#4", "004#5"):
        assert not any(item in g and "000" in g for g in groups)
    assert sum(len(s.article_ids) for s in stories) == len(articles)


def test_update_stories_ids_and_labels_are_stable(articles: list[Article]) -> None:
    first = update_stories(articles, [], lambda _: [])
    again = update_stories(list(reversed(articles)), [], lambda _: [])
    assert [(s.id, s.label, s.article_ids) for s in first] == [(s.id, s.label, s.article_ids) for s in again]
    seed = next(s for s in first if len(s.article_ids) == 5)
    earliest = next(a for a in articles if a.source.startswith("000"))
    assert seed.id == stable_id("story", earliest.id)
    assert "Aleppo" in seed.label


def test_update_stories_adds_new_articles_to_existing_stories(articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    early = [a for a in articles if a.source[:3] in {"000", "001"}]
    stories = update_stories(early, [], lambda _: [])
    assert len(stories) == 1
    later = [a for a in articles if a not in early]
    updated = update_stories(later, stories, lambda s: [by_id[i] for i in s.article_ids])
    assert updated[0].id == stories[0].id
    assert _names(updated, articles) == _names(update_stories(articles, [], lambda _: []), articles)


def test_update_stories_on_the_extractor_output_of_the_seeds() -> None:
    from manysides.extract import extract_page
    from manysides.ingest import read_inputs, read_manifest

    rows = read_manifest(SEEDS / "manifest.csv", strict=False)
    pages = [p for p in read_inputs([SEEDS], rows, exclude=[SEEDS / "manifest.csv"]) if not isinstance(p, Skipped)]
    articles = [a for page in pages for a in extract_page(page)]
    stories = update_stories(articles, [], lambda _: [])
    by_id = {a.id: a for a in articles}
    seed = max(stories, key=lambda s: len(s.article_ids))
    members = {(Path(by_id[i].source).name[:3], by_id[i].item) for i in seed.article_ids}
    # The extractor numbers the round-up's items from 0; its first item is the seed story.
    assert members == {("000", None), ("001", None), ("002", None), ("003", None), ("004", 0)}
    assert len(stories) == 5


def test_update_stories_reads_back_only_stories_a_new_article_could_join(articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    flood = [a for a in articles if a.id == "flood"]
    early = [a for a in articles if a.source[:3] in {"000", "001"}]
    stories = update_stories([*flood, *early], [], lambda _: [])
    read: list[str] = []

    def articles_of(story: Story) -> list[Article]:
        read.append(story.id)
        return [by_id[i] for i in story.article_ids]

    later = next(a for a in articles if a.source.startswith("003"))
    updated = update_stories([later], stories, articles_of)
    seed = next(s for s in stories if "flood" not in s.article_ids)
    assert read == [seed.id]
    assert [s.id for s in updated] == [s.id for s in stories]
    assert later.id in next(s for s in updated if s.id == seed.id).article_ids
