"""Figures over time: the same measured thing (people who fled, were killed...) across articles.

A figure is a number, or a number in words ("tens of thousands", "two-thirds"),
next to what it counts and what happened to them. Figures are grouped by that
happening ("fled", "killed", "taken"), so "more than 21,000 civilians have
fled" and "about 50,000 civilians ... fled" form one series, in date order:
growth over time is an update to show, not a conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from manysides.models import Article, FigurePoint, FigureSeries

HAPPENINGS = {
    "fled": "fled", "flee": "fled", "fleeing": "fled", "departure": "fled", "displaced": "fled",
    "evacuated": "evacuated", "evacuation": "evacuated",
    "killed": "killed", "dead": "killed", "died": "killed", "fatalities": "killed", "deaths": "killed",
    "wounded": "wounded", "injured": "wounded",
    "remain": "remain", "remaining": "remain", "trapped": "remain", "besieged": "remain",
    "arrested": "arrested", "detained": "arrested",
    "seized": "taken", "taken": "taken", "captured": "taken", "controls": "taken", "control": "taken",
    "retaken": "taken", "recaptured": "taken", "liberated": "taken",
}  # fmt: skip
PEOPLE = {
    "civilians", "people", "residents", "families", "children", "fighters", "rebels", "militants",
    "soldiers", "troops", "refugees", "inhabitants", "persons", "men", "women",
}  # fmt: skip
WORD_NUMBERS = {
    "tens of thousands": 10_000.0, "hundreds of thousands": 100_000.0, "thousands": 1_000.0,
    "hundreds": 100.0, "dozens": 24.0, "a thousand": 1_000.0, "two-thirds": 2 / 3, "two thirds": 2 / 3,
    "a third": 1 / 3, "one third": 1 / 3, "half": 0.5, "a quarter": 0.25, "three quarters": 0.75,
}  # fmt: skip
QUALIFIER = r"(?P<qual>more than|less than|fewer than|at least|at most|about|around|nearly|almost|some|over|up to|an estimated|roughly|approximately)?\s*"  # noqa: E501
NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*(?:%|percent)?|\d+/\d+|"
    + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
    + r")(?P<scale>\s+(?:million|thousand))?"
)
FIGURE = re.compile(rf"\b{QUALIFIER}{NUMBER}(?![\w/])", re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
UNITS = re.compile(
    r"\s*(?:hours?|days?|weeks?|months?|years?|minutes?|tons?|tonnes?|km|kilometers?|kilometres?|miles?|"
    r"meters?|metres?|kg|dollars?|euros?|\$)\b",
    re.IGNORECASE,
)
AFTER_WORDS = 9
BEFORE_WORDS = 5


def build_series(story_articles: Sequence[Article]) -> list[FigureSeries]:
    """Series of figures about the same happening reported by at least two articles, in date order."""
    points: dict[str, list[FigurePoint]] = defaultdict(list)
    for article in story_articles:
        for topic, point in _figures(article):
            points[topic].append(point)
    series = []
    for topic, found in sorted(points.items()):
        if len({p.article_id for p in found}) < 2:
            continue
        ordered = sorted(found, key=lambda p: (p.date or dt.date.max, p.article_id, p.start))
        series.append(FigureSeries(topic=topic, points=ordered))
    return series


def _figures(article: Article) -> list[tuple[str, FigurePoint]]:
    found = []
    for match in FIGURE.finditer(article.body):
        value = _value(match["num"], match["scale"])
        if value is None or _is_date(match, article.body) or _is_measure(article.body, match.end()):
            continue
        topic = _topic(article.body, match.start(), match.end(), share=value < 1 or "%" in match["num"])
        if topic is None:
            continue
        found.append(
            (
                topic,
                FigurePoint(
                    article_id=article.id,
                    outlet=article.outlet,
                    date=article.date.value,
                    value=value,
                    text=match.group().strip(),
                    start=match.start(),
                    end=match.end(),
                    qualifier=(match["qual"] or "").lower(),
                ),
            )
        )
    return found


def _value(number: str, scale: str | None) -> float | None:
    text = number.lower().strip()
    if text in WORD_NUMBERS:
        value = WORD_NUMBERS[text]
    elif "/" in text:
        top, bottom = text.split("/")
        value = int(top) / int(bottom) if int(bottom) else 0.0
    elif text.endswith(("%", "percent")):
        value = float(re.sub(r"[^\d.]", "", text)) / 100
    else:
        value = float(text.replace(",", ""))
    if scale:
        value *= 1_000_000 if "million" in scale.lower() else 1_000
    return value


def _is_date(match: re.Match[str], text: str) -> bool:
    """Years and days of the month are not figures."""
    number = match["num"]
    if re.fullmatch(r"(1[89]|20)\d\d", number):
        return True
    before = text[max(0, match.start() - 12) : match.start()]
    return bool(
        re.search(
            r"(January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\s*$",
            before,
        )
    )


def _is_measure(text: str, end: int) -> bool:
    """'72 hours', '280 tons', '5 km': amounts of time or matter, not counts of people."""
    return bool(UNITS.match(text, end))


def _topic(text: str, start: int, end: int, share: bool) -> str | None:
    """'civilians fled', 'share taken': what the figure counts and what happened, from nearby words."""
    after = [w.lower() for w in _WORD.findall(text[end : end + 120])][:AFTER_WORDS]
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])][-BEFORE_WORDS:]
    happening = next((HAPPENINGS[w] for w in after if w in HAPPENINGS), None)
    if happening is None and share:
        happening = next((HAPPENINGS[w] for w in reversed(before) if w in HAPPENINGS), None)
    if happening is None:
        return None
    if share:
        return f"share {happening}"
    counted = next((w for w in after if w in PEOPLE), None)
    return f"people {happening}" if counted else None
