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
    mention = next(m for e in saturday for m in e.mentions if "Lavrov repeated" in m.text)
    assert mention.time is not None and mention.time.text == "Saturday"
    article = next(a for a in story if a.id == mention.article_id)
    assert article.body[mention.start : mention.end].strip() == mention.text


def test_build_series_lines_up_civilians_who_fled(story: list[Article]) -> None:
    series = {s.topic: s for s in build_series(story)}
    fled = series["people|flee"]
    dated = [(p.outlet, p.date, p.text) for p in fled.points if p.date]
    assert dated == [
        ("EA WorldView", dt.date(2016, 12, 4), "About 50,000"),
        ("The New Arab", dt.date(2016, 12, 5), "Tens of thousands"),
    ]
    assert [p.text for p in fled.points if p.date is None] == ["More than 21,000"]  # 002 has no date
    tens = next(p for p in fled.points if p.text == "Tens of thousands")
    assert 20_000 <= tens.value <= 99_999
    # 'two-thirds' stands in The New Arab's photo caption, a line without a full stop
    shares = sorted(round(p.value, 2) for p in series["share|control"].points)
    assert shares == [0.33, 0.6, 0.67]
