"""A story laid out in time: its dated developments, and its figures as series.

An event is a day and what happened on it, as reported by one or more
articles. Each sentence that names a day ("on Saturday", "November 4", "the day
before") is a dated mention, its date normalised against the article's
publication date; an article's lead sentence with no date of its own reports
the publication day, with less confidence. Mentions of one day are grouped by
what they say, so two developments of the same day stay two events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from manysides.annotate.timex import find_times
from manysides.models import Article, Event, EventMention, Sentence, TimeExpression, stable_id
from manysides.stories.vectors import Vector, cosine, normalise, terms, weigh

# Mentions of one day this similar (rarity-weighted cosine) report the same development.
SAME_EVENT = 0.2
LEAD_CONFIDENCE = 0.5
MAX_LABEL = 220


@dataclass
class _Mention:
    mention: EventMention
    day: dt.date
    vector: Vector
    confidence: float


def build_timeline(story_articles: Sequence[Article]) -> list[Event]:
    """The distinct dated developments of a story, in date order, with the articles reporting each."""
    mentions = [m for article in story_articles for m in _mentions(article)]
    by_day: dict[dt.date, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_day[mention.day].append(mention)
    events = [event for day in sorted(by_day) for event in _events(day, by_day[day])]
    return events


def sentence_spans(article: Article) -> list[Sentence]:
    """The article's sentences, or a plain split on sentence and line ends when it was not annotated
    (a headline or a caption ends without a full stop)."""
    if article.sentences:
        return article.sentences
    spans = []
    for match in re.finditer(r"[^\n.!?]+(?:[.!?]+[\"”’)]*|$)", article.body, re.MULTILINE):
        text = match.group()
        if text.strip():
            start = match.start() + len(text) - len(text.lstrip())
            spans.append(Sentence(start=start, end=match.end()))
    return spans


def _mentions(article: Article) -> list[_Mention]:
    published = article.date.value
    times = [t for t in find_times(article.body, published) if t.day is not None]
    found: list[_Mention] = []
    for index, sentence in enumerate(sentence_spans(article)):
        inside = [t for t in times if sentence.start <= t.start < sentence.end]
        if inside:
            # The most specific, most certain date of the sentence dates it.
            time = max(inside, key=lambda t: (t.confidence, -t.start))
            found.append(_mention(article, sentence, time, time.confidence))
        elif index == 0 and published is not None:
            found.append(_mention(article, sentence, None, LEAD_CONFIDENCE))
    return found


def _mention(article: Article, sentence: Sentence, time: TimeExpression | None, confidence: float) -> _Mention:
    text = article.body[sentence.start : sentence.end].strip()
    day = time.day if time and time.day else article.date.value
    assert day is not None
    mention = EventMention(
        article_id=article.id,
        outlet=article.outlet,
        start=sentence.start,
        end=sentence.end,
        text=text,
        time=time,
    )
    counts: dict[str, float] = {}
    for term in terms(text):
        counts[term] = counts.get(term, 0.0) + 1.0
    return _Mention(mention, day, weigh(counts), confidence)


def _events(day: dt.date, mentions: list[_Mention]) -> list[Event]:
    """Group one day's mentions by what they say (greedy, most confident first)."""
    groups: list[tuple[Vector, list[_Mention]]] = []
    for mention in sorted(mentions, key=lambda m: (-m.confidence, m.mention.article_id, m.mention.start)):
        scores = [cosine(normalise(centre), mention.vector) for centre, _ in groups]
        best = max(range(len(groups)), key=scores.__getitem__, default=None)
        if best is not None and scores[best] >= SAME_EVENT:
            centre, members = groups[best]
            for term, weight in mention.vector.items():
                centre[term] = centre.get(term, 0.0) + weight
            members.append(mention)
        else:
            groups.append((dict(mention.vector), [mention]))
    return [_event(day, members) for _, members in groups]


def _event(day: dt.date, members: list[_Mention]) -> Event:
    first = members[0].mention
    label = first.text if len(first.text) <= MAX_LABEL else first.text[: MAX_LABEL - 1].rstrip() + "…"
    article_ids = sorted({m.mention.article_id for m in members})
    return Event(
        id=stable_id("event", day.isoformat(), first.article_id, str(first.start)),
        date=day,
        label=label,
        article_ids=article_ids,
        mentions=[m.mention for m in members],
        confidence=max(m.confidence for m in members),
    )
