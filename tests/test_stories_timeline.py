"""The seed story in time: dated developments and the figures that change between articles."""

from __future__ import annotations

import datetime as dt

import pytest

from manysides.models import Article
from manysides.stories import build_series, build_timeline
from tests.test_stories import seed_articles


@pytest.fixture(scope="module")
def story() -> list[Article]:
    return [a for a in seed_articles() if (a.item or 1) == 1]


def test_build_timeline_dates_developments_from_october_to_december(story: list[Article]) -> None:
    events = build_timeline(story)
    days = [e.date for e in events]
    assert days == sorted(d for d in days if d)
    assert days[0] == dt.date(2016, 10, 18) and days[-1] == dt.date(2016, 12, 5)
    # "Lavrov repeated on Saturday" in the 4 December round-up is 3 December.
    saturday = [e for e in events if e.date == dt.date(2016, 12, 3)]
    assert any("Lavrov" in e.label for e in saturday)
    mention = next(m for e in saturday for m in e.mentions if "Lavrov" in m.text)
    assert mention.time is not None and mention.time.text == "Saturday"
    article = next(a for a in story if a.id == mention.article_id)
    assert article.body[mention.start : mention.end].strip() == mention.text


def test_build_series_lines_up_civilians_who_fled(story: list[Article]) -> None:
    series = {s.topic: s for s in build_series(story)}
    fled = series["people fled"]
    assert [p.value for p in fled.points if p.date] == [50_000, 10_000]
    assert {p.text for p in fled.points} == {"About 50,000", "Tens of thousands", "More than 21,000"}
    shares = sorted(round(p.value, 2) for p in series["share taken"].points)
    assert shares == [0.33, 0.6, 0.67]
