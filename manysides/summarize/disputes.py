"""Disputed points as disputes: "X says A; Y says B", each side cited to its own passage.

Sides come from the contradictions compare finds (`StoryAnalysis.contradictions`) when it
has any; otherwise from credited quotes that speak of the same thing with opposite polarity
(one denies or refuses what the other asserts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from manysides.models import Article, Citation, Contradiction, ContradictionSide, Quote, SummarySentence
from manysides.summarize.compose import earliest
from manysides.summarize.text import content_stems, words

MAX_QUOTE_WORDS = 30
CAMPS = (
    ("state", re.compile(r"\b(?:minister|ministry|army|military|government|president|colonel|general|police)\b", re.I)),
    (
        "armed group",
        re.compile(r"\b(?:group|faction|committee|rebels?|opposition|brigade|commander|political officer)\b", re.I),
    ),
)
SEPARATOR = re.compile(r",\s+|\s+[–—-]\s+|;\s+")
MIN_SEGMENT_WORDS = 6
NEGATION_WINDOW = 3  # words after a negation that it denies
COMMON_SHARE = 0.3  # a stem in more than this share of the quotes is the story's topic, not a point
NEGATION = re.compile(
    r"\b(?:no|not|never|cannot|can't|won't|refus\w*|reject\w*|den(?:y|ies|ied)|unacceptable|out of the question)\b"
    r"|n't\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Side:
    clause: str  # what this side says, credited: 'X says “...”'
    citation: Citation


def dispute_sentence(
    sides: Sequence[Side], articles: Mapping[str, Article], origin: Mapping[str, str]
) -> SummarySentence:
    """One sentence giving each side in its own words, each cited."""
    citations = [s.citation for s in sides]
    return SummarySentence(
        text="; ".join(s.clause for s in sides) + ".",
        citations=citations,
        kind="disputed",
        date=earliest(citations, articles),
        sources=sorted({origin[c.article_id] for c in citations}),
    )


def sides_from_contradictions(
    contradictions: Sequence[Contradiction], articles: Mapping[str, Article], origin: Mapping[str, str]
) -> list[list[Side]]:
    """Each contradiction compare found: one side per distinct value, from its first independent source."""
    out = []
    for contradiction in contradictions:
        sides: list[Side] = []
        values_seen: set[str] = set()
        for side in contradiction.sides:
            article = articles.get(side.article_id)
            value = side.value.strip().lower()
            if article is None or value in values_seen:
                continue
            made = _contradiction_side(contradiction.kind, side, article, origin[article.id])
            if made is not None:
                values_seen.add(value)
                sides.append(made)
        if len(sides) >= 2 and len({s.citation.article_id for s in sides}) == len(sides):
            out.append(sides)
    return out


def _contradiction_side(kind: str, side: ContradictionSide, article: Article, outlet: str) -> Side | None:
    start = _sentence_start(article, side)
    if start < 0:
        return None
    sentence = side.text.strip()
    citation = Citation(
        article_id=article.id, outlet=article.outlet, start=start, end=start + len(sentence), quote=sentence
    )
    if kind == "attribution":
        return Side(f"{outlet} credits “{sentence.rstrip('.,')}” to {side.value}", citation)
    segment = _segment_with(sentence, side.value) if kind == "figure" else sentence
    return Side(f"{outlet} reports “{segment.strip().rstrip('.,')}”", citation)


def _sentence_start(article: Article, side: ContradictionSide) -> int:
    """Where the side's sentence starts in the body, the occurrence nearest the side's offsets."""
    sentence = side.text.strip()
    if not sentence:
        return -1
    hits = [m.start() for m in re.finditer(re.escape(sentence), article.body)]
    return min(hits, key=lambda h: abs(h - side.start)) if hits else -1


def _segment_with(sentence: str, value: str) -> str:
    """The clause of the sentence that holds the figure, widened to a readable length."""
    parts = [p for p in SEPARATOR.split(sentence) if p.strip()]
    at = next((i for i, p in enumerate(parts) if value and value in p), None)
    if at is None:
        return sentence
    lo, hi = at, at + 1
    while len(words(" ".join(parts[lo:hi]))) < MIN_SEGMENT_WORDS and (lo > 0 or hi < len(parts)):
        lo, hi = (lo - 1, hi) if lo > 0 else (lo, hi + 1)
    start, end = sentence.index(parts[lo]), sentence.index(parts[hi - 1]) + len(parts[hi - 1])
    return sentence[start:end]


def _quotes(articles: Sequence[Article]) -> list[tuple[Article, Quote]]:
    return [
        (a, q)
        for a in articles
        for q in a.quotes
        if q.speaker and q.kind in ("direct", "partial", "block") and 3 <= len(words(q.text)) <= MAX_QUOTE_WORDS
    ]


def speaker_camps(articles: Sequence[Article]) -> dict[str, str]:
    """Speakers whose role or group says which side they speak for: 'state' or 'armed group'."""
    camps: dict[str, str] = {}
    for article in articles:
        for quote in article.quotes:
            described = f"{quote.role or ''} {quote.affiliation or ''}"
            for camp, pattern in CAMPS:
                if quote.speaker and pattern.search(described):
                    camps.setdefault(quote.speaker, camp)
    return camps


def sides_from_quotes(articles: Sequence[Article]) -> list[list[Side]]:
    """Pairs of quotes by speakers of two known, different camps on the same point, one denying it."""
    quotes = _quotes(articles)
    camps = speaker_camps(articles)
    stems = [content_stems(q.text) for _, q in quotes]
    negated = [_negated_stems(q.text) for _, q in quotes]
    frequency = Counter(s for group in stems for s in group)
    common = {s for s, n in frequency.items() if n > COMMON_SHARE * len(quotes)}
    pairs: list[tuple[float, list[Side]]] = []
    for i, (a1, q1) in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            a2, q2 = quotes[j]
            shared = (stems[i] & stems[j]) - common
            opposed = shared & (negated[i] ^ negated[j])
            camp1, camp2 = camps.get(q1.speaker or ""), camps.get(q2.speaker or "")
            if camp1 is None or camp2 is None or camp1 == camp2 or not opposed:
                continue
            score = sum(1.0 / frequency[s] for s in opposed) + 0.2 * len(shared - opposed)
            pairs.append((score, [_side(a1, q1), _side(a2, q2)]))
    pairs.sort(key=lambda p: -p[0])
    return [sides for _, sides in pairs]


def _negated_stems(text: str) -> set[str]:
    """Stems of the few words right after a negation: what the speaker denies or refuses."""
    out: set[str] = set()
    for match in NEGATION.finditer(text):
        following = words(text[match.end() :])[:NEGATION_WINDOW]
        out |= content_stems(" ".join(following))
    return out


def _side(article: Article, quote: Quote) -> Side:
    citation = Citation(
        article_id=article.id,
        outlet=article.outlet,
        start=quote.start,
        end=quote.end,
        quote=article.body[quote.start : quote.end],
    )
    return Side(f"{quote.speaker or article.outlet} says “{quote.text.strip().rstrip('.,')}”", citation)
