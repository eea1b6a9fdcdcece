"""The same quote across articles: who carried it first, through which channels, credited to whom.

Quotes are matched on their words, after folding case, punctuation and editors'
insertions in square brackets: exactly, when one is a trimmed part of the other,
or when lightly edited (rapidfuzz). A group whose carriers credit the words to
different actors, after merging aliases, is an attribution conflict.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from manysides.annotate.names import fold, name_key
from manysides.compare.actors import actor_index, merge_actors
from manysides.models import Actor, Article, Quote, QuoteCarrier, QuoteGroup

QUOTED_KINDS = frozenset({"direct", "partial", "block"})
SAME_QUOTE = 90  # rapidfuzz ratio of two whole quotes, lightly edited
TRIMMED_QUOTE = 95  # partial ratio when one quote is cut from the other
MAX_SHINGLE_QUOTES = 200  # three-word runs shared by more quotes than this are not compared on
MIN_TRIMMED_CHARS = 25
# Short phrases ("top secret", "political revolution") are echoed by many people: no conflict from them.
MIN_CONFLICT_WORDS = 6  # below this, a shared fragment is a common phrase, not a copied quote


def quote_words(text: str) -> str:
    """The words of a quote without case, punctuation or bracketed insertions."""
    text = re.sub(r"\[[^\]]*\]", " ", fold(text))
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def same_quote(a: str, b: str) -> bool:
    """Whether two folded quotes are the same words: equal, trimmed, or lightly edited."""
    if a == b:
        return True
    if fuzz.ratio(a, b) >= SAME_QUOTE:
        return True
    shorter = min(len(a), len(b))
    return shorter >= MIN_TRIMMED_CHARS and fuzz.partial_ratio(a, b) >= TRIMMED_QUOTE


def group_quotes(articles: Sequence[Article], actors: Sequence[Actor] | None = None) -> list[QuoteGroup]:
    """Every quote once, with each article carrying it (earliest first) and any attribution conflict."""
    actors = list(actors) if actors is not None else merge_actors(articles)
    index = actor_index(actors)
    labels = {a.id: a.label for a in actors}
    items = [(article, quote) for article in articles for quote in article.quotes if quote.kind in QUOTED_KINDS]
    clusters = cluster_quotes([quote_words(quote.text) for _, quote in items])
    groups = [_group([items[i] for i in cluster], index, labels) for cluster in clusters]
    groups.sort(key=lambda g: (not g.conflict, -len(g.carriers), _first_date(g)))
    return groups


def cluster_quotes(words: Sequence[str]) -> list[list[int]]:
    """Indexes of the same quote, in first-seen order; only quotes sharing a three-word run are compared."""
    shingles: dict[tuple[str, ...], list[int]] = {}
    for i, text in enumerate(words):
        tokens = text.split()
        runs = {tuple(tokens[j : j + 3]) for j in range(max(1, len(tokens) - 2))}
        for run in runs:
            shingles.setdefault(run, []).append(i)
    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in shingles.values():
        if len(members) > MAX_SHINGLE_QUOTES:
            continue  # a run as common as "we are going" is no evidence; copies share rarer runs too
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if root(a) != root(b) and same_quote(words[a], words[b]):
                    parent[max(root(a), root(b))] = min(root(a), root(b))
    clusters: dict[int, list[int]] = {}
    for i in range(len(words)):
        clusters.setdefault(root(i), []).append(i)
    return list(clusters.values())


def _group(members: list[tuple[Article, Quote]], index: dict[str, str], labels: dict[str, str]) -> QuoteGroup:
    carriers = _carriers(members, index)
    named = {c.actor_id or name_key(c.speaker) for c in carriers if c.speaker}
    channels = sorted({c.channel for c in carriers if c.channel})
    return QuoteGroup(
        text=max((c.text for c in carriers), key=len),
        carriers=carriers,
        conflict=len(carriers[0].text.split()) >= MIN_CONFLICT_WORDS and _conflict(named, labels),
        earliest_article_id=carriers[0].article_id,
        channels=channels,
        speaker_ids=sorted(named),
    )


def _conflict(speakers: set[str], labels: dict[str, str]) -> bool:
    """Two people, or two groups, credited with the same words. A person and a group ("Russia" and its
    spokesman) differ in detail, not in who spoke, so they are not a conflict by themselves."""
    people = {s for s in speakers if labels.get(s, "PERSON") == "PERSON"}
    groups = speakers - people
    return len(people) > 1 or len(groups) > 1


def _carriers(members: list[tuple[Article, Quote]], index: dict[str, str]) -> list[QuoteCarrier]:
    """One carrier per article (its first copy of the quote), earliest date first; unknown dates last."""
    seen: set[str] = set()
    carriers = []
    for article, quote in sorted(members, key=lambda m: (_date_key(m[0]), m[0].id, m[1].start)):
        if article.id in seen:
            continue
        seen.add(article.id)
        carriers.append(
            QuoteCarrier(
                article_id=article.id,
                outlet=article.outlet,
                date=article.date.value,
                speaker=quote.speaker,
                channel=quote.channel,
                text=quote.text,
                kind=quote.kind,
                cue=quote.cue,
                role=quote.role,
                actor_id=index.get(quote.speaker_key or "") if quote.speaker else None,
                start=quote.start,
                end=quote.end,
            )
        )
    return carriers


def _date_key(article: Article) -> tuple[bool, dt.date]:
    return (article.date.value is None, article.date.value or dt.date.max)


def _first_date(group: QuoteGroup) -> dt.date:
    return group.carriers[0].date or dt.date.max
