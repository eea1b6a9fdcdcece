"""A first extractive summary: central sentences that other outlets also carry, cited.

A sentence is chosen for how many outlets carry a sentence like it and how
central it is to the story; each sentence cites its own passage and the most
similar passage in every other article above the support threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from manysides.models import Article, Citation, SummarySentence

SUPPORT_SIMILARITY = 0.3  # cosine of TF-IDF vectors above which two sentences say the same thing
REDUNDANCY = 0.5  # a candidate this close to a chosen sentence adds nothing
MIN_WORDS, MAX_WORDS = 8, 60


@dataclass(frozen=True)
class Candidate:
    article: Article
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.article.body[self.start : self.end].strip()


def summarize_articles(articles: Sequence[Article], length: int) -> list[SummarySentence]:
    """Up to `length` sentences in time order, each citing the articles that carry it."""
    candidates = _candidates(articles)
    if not candidates:
        return []
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(c.text for c in candidates)
    similarity = (vectors @ vectors.T).toarray()
    chosen = _choose(candidates, similarity, length)
    chosen.sort(key=lambda i: _time_key(candidates[i]))
    return [_sentence(i, candidates, similarity) for i in chosen]


def _candidates(articles: Sequence[Article]) -> list[Candidate]:
    out = []
    for article in articles:
        for sentence in article.sentences:
            candidate = Candidate(article, sentence.start, sentence.end)
            words = len(candidate.text.split())
            if MIN_WORDS <= words <= MAX_WORDS and not candidate.text.endswith(":"):
                out.append(candidate)
    return out


def _supporters(i: int, candidates: Sequence[Candidate], similarity: np.ndarray) -> dict[str, int]:
    """For each other article, its sentence most similar to candidate i, if similar enough."""
    best: dict[str, int] = {}
    for j in np.flatnonzero(similarity[i] >= SUPPORT_SIMILARITY):
        other = candidates[int(j)].article.id
        if other == candidates[i].article.id:
            continue
        if other not in best or similarity[i, int(j)] > similarity[i, best[other]]:
            best[other] = int(j)
    return best


def _choose(candidates: Sequence[Candidate], similarity: np.ndarray, length: int) -> list[int]:
    centrality = similarity.mean(axis=1)
    outlets = []
    for i, candidate in enumerate(candidates):
        support = _supporters(i, candidates, similarity)
        outlets.append(len({candidate.article.outlet} | {candidates[j].article.outlet for j in support.values()}))
    order = sorted(range(len(candidates)), key=lambda i: (-outlets[i], -centrality[i], i))
    chosen: list[int] = []
    for i in order:
        if all(similarity[i, j] < REDUNDANCY for j in chosen):
            chosen.append(i)
        if len(chosen) == length:
            break
    return chosen


def _time_key(candidate: Candidate) -> tuple[bool, str, int]:
    day = candidate.article.date.value
    return (day is None, day.isoformat() if day else "", candidate.start)


def _sentence(i: int, candidates: Sequence[Candidate], similarity: np.ndarray) -> SummarySentence:
    own = candidates[i]
    cited = [own] + [candidates[j] for j in _supporters(i, candidates, similarity).values()]
    return SummarySentence(
        text=own.text,
        citations=[Citation(article_id=c.article.id, outlet=c.article.outlet, start=c.start, end=c.end) for c in cited],
    )
