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

from manysides.models import Article, Citation, Contradiction, Quote, SummarySentence
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
NEGATION_WINDOW = 3  # words after a negation that it denies
COMMON_SHARE = 0.3  # a stem in more than this share of the quotes is the story's topic, not a point
NEGATION = re.compile(
    r"\b(?:no|not|never|cannot|can't|won't|refus\w*|reject\w*|den(?:y|ies|ied)|unacceptable|out of the question)\b"
    r"|n't\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Side:
    who: str
    says: str
    citation: Citation


def _clause(side: Side) -> str:
    return f"{side.who} says “{side.says.strip().rstrip('.,')}”"


def dispute_sentence(
    sides: Sequence[Side], articles: Mapping[str, Article], origin: Mapping[str, str]
) -> SummarySentence:
    """One sentence giving each side in its own words, each cited."""
    citations = [s.citation for s in sides]
    return SummarySentence(
        text="; ".join(_clause(s) for s in sides) + ".",
        citations=citations,
        kind="disputed",
        date=earliest(citations, articles),
        sources=sorted({origin[c.article_id] for c in citations}),
    )


def sides_from_contradictions(
    contradictions: Sequence[Contradiction], articles: Mapping[str, Article]
) -> list[list[Side]]:
    """Each contradiction compare found, as sides named by speaker (when credited) or outlet."""
    out = []
    for contradiction in contradictions:
        sides = []
        for side in contradiction.sides:
            article = articles.get(side.article_id)
            if article is None or side.end <= side.start:
                continue
            speaker = next(
                (q.speaker for q in article.quotes if q.speaker and q.start < side.end and side.start < q.end), None
            )
            citation = Citation(
                article_id=article.id,
                outlet=article.outlet,
                start=side.start,
                end=side.end,
                quote=article.body[side.start : side.end],
            )
            sides.append(Side(speaker or article.outlet, article.body[side.start : side.end], citation))
        if len({s.who for s in sides}) >= 2:
            out.append(sides[:2])
    return out


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
    """Pairs of quotes by speakers of different camps on the same point, one denying it, most specific first."""
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
            same_camp = q1.speaker in camps and camps[q1.speaker] == camps.get(q2.speaker or "")
            if q1.speaker == q2.speaker or same_camp or not opposed:
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
    return Side(quote.speaker or article.outlet, quote.text, citation)
