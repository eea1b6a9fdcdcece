"""Which articles carry each candidate sentence, and how many independent sources that makes.

Sentences are compared by TF-IDF over word stems; a sentence of another article supports a
candidate when it is close enough. Copies count once: support is counted by origin (see
`units.origin_of`), so a wire story and its republications make one source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from manysides.summarize.text import STOP, stem, words
from manysides.summarize.units import Unit

SUPPORT_SIMILARITY = 0.3  # cosine above which another article's sentence carries the same fact
COPY_SIMILARITY = 0.8  # cosine above which a sentence is the same sentence, lightly edited
COPY_SHARE = 0.5  # share of an article's sentences found in an earlier one that makes it a copy


@dataclass
class Finding:
    """A candidate sentence, the sentences of other articles that carry it, and its standing."""

    unit: Unit
    supporters: list[Unit] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    centrality: float = 0.0
    support: float = 0.0  # summed similarity of the supporters
    cross: float = 0.0  # summed similarity of the closest sentence of each other article, however weak
    article_cross: float = 0.0  # mean `cross` of the article's sentences: how central the whole article is


def _analyzer(text: str) -> list[str]:
    return [stem(w) for w in words(text) if len(w) > 1 and w.lower() not in STOP]


def similarity_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Cosine similarity of the units' TF-IDF vectors over stems."""
    if not units:
        return np.zeros((0, 0))
    vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform([u.text for u in units])
    except ValueError:  # every unit is stop words only
        return np.zeros((len(units), len(units)))
    return np.asarray((vectors @ vectors.T).toarray())


def copied_from(units: Sequence[Unit], similarity: np.ndarray) -> dict[str, str]:
    """Articles most of whose sentences an earlier (or same-day, earlier-listed) article already has."""
    articles = list(dict.fromkeys(u.article.id for u in units))
    rows = {a: [i for i, u in enumerate(units) if u.article.id == a] for a in articles}
    dates = {u.article.id: (u.article.date.value is None, u.article.date.value or 0) for u in units}
    out: dict[str, str] = {}
    for later in articles:
        for earlier in articles:
            if earlier == later or earlier in out or dates[earlier] > dates[later]:
                continue
            block = similarity[np.ix_(rows[later], rows[earlier])]
            share = float((block.max(axis=1) >= COPY_SIMILARITY).mean()) if block.size else 0.0
            if share >= COPY_SHARE and (
                dates[earlier] < dates[later] or articles.index(earlier) < articles.index(later)
            ):
                out[later] = earlier
                break
    return out


def find_support(
    units: Sequence[Unit], origin: Mapping[str, str], similarity: np.ndarray, threshold: float = SUPPORT_SIMILARITY
) -> list[Finding]:
    """For each unit, the most similar sentence of every other article above the threshold."""
    findings = []
    for i, unit in enumerate(units):
        best: dict[str, int] = {}
        for hit in np.flatnonzero(similarity[i] >= threshold):
            j = int(hit)
            other = units[j].article.id
            if other == unit.article.id:
                continue
            if other not in best or similarity[i, j] > similarity[i, best[other]]:
                best[other] = j
        supporters = [units[j] for j in best.values()]
        closest: dict[str, float] = {}
        for j, neighbour in enumerate(units):
            if neighbour.article.id != unit.article.id:
                key = neighbour.article.id
                closest[key] = max(closest.get(key, 0.0), float(similarity[i, j]))
        findings.append(
            Finding(
                unit=unit,
                supporters=supporters,
                sources={origin[unit.article.id]} | {origin[s.article.id] for s in supporters},
                centrality=float(similarity[i].mean()) if len(units) else 0.0,
                support=float(sum(similarity[i, j] for j in best.values())),
                cross=sum(closest.values()),
            )
        )
    by_article: dict[str, list[float]] = {}
    for finding in findings:
        by_article.setdefault(finding.unit.article.id, []).append(finding.cross)
    for finding in findings:
        scores = by_article[finding.unit.article.id]
        finding.article_cross = sum(scores) / len(scores)
    return findings
