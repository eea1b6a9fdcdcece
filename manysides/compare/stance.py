"""Stance of a text toward a claim: agree, disagree, discuss or unrelated, from word overlap and cues.

The claim-alignment step of compare: whether another article's sentences carry a claim, and whether
they assert it, deny it or only report it. Features are cheap (TF-IDF over stemmed words, cue counts);
`stance` applies fixed rules, `StanceFeatures` feeds a trained classifier in the benchmark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from manysides.compare.claims import claim_tokens, negated
from manysides.compare.lexicons import stance_cues

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")
# Rules of `stance`, tuned on FNC-1 train pairs (benchmarks/run_claims.py).
RELATED_MIN = 0.2  # best sentence cosine below this: unrelated
DISCUSS_HEDGES = 1.0  # hedge cues per 100 words at or above this: discuss
DENY_MARGIN = 2.0  # denial cues per 100 words in the best sentences beyond the claim's: disagree
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z][a-z'’-]*")
TOP = 3


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 1]


def cue_counts(text: str) -> tuple[int, int, int, int]:
    """Deny, hedge and report cues, and words, in a text."""
    cues = stance_cues()
    words = _WORD.findall(text.lower())
    deny = hedge = report = 0
    for word in words:
        kind = cues.get(word) or ("deny" if word.endswith("n't") else None)
        deny += kind in ("deny", "refute")
        hedge += kind == "hedge"
        report += kind == "report"
    return deny, hedge, report, len(words)


def _rates(counts: Sequence[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    """Deny, hedge and report cues per 100 words over several texts."""
    words = max(1, sum(c[3] for c in counts))
    return tuple(100.0 * sum(c[i] for c in counts) / words for i in range(3))  # type: ignore[return-value]


@dataclass
class Body:
    """A body cut into sentences with everything the features need, computed once per body."""

    sentences: list[str]
    vectors: Any
    vector: Any
    words: list[set[str]]
    cues: list[tuple[int, int, int, int]]
    negated: list[bool]


@dataclass
class StanceFeatures:
    """Computes stance features of (claim, body) pairs against one fitted vocabulary."""

    vectorizer: TfidfVectorizer

    @classmethod
    def fit(cls, texts: Sequence[str]) -> StanceFeatures:
        vectorizer = TfidfVectorizer(tokenizer=claim_tokens, lowercase=False, token_pattern=None, sublinear_tf=True)
        vectorizer.fit(texts)
        return cls(vectorizer)

    def body(self, text: str) -> Body:
        sentences = split_sentences(text) or [text]
        return Body(
            sentences=sentences,
            vectors=self.vectorizer.transform(sentences),
            vector=self.vectorizer.transform([text]),
            words=[set(claim_tokens(s)) for s in sentences],
            cues=[cue_counts(s) for s in sentences],
            negated=[negated(s) for s in sentences],
        )

    def features(self, claim: str, body: Body) -> list[float]:
        """Similarity of the claim to the body and its best sentences, cue rates, negation agreement."""
        claim_vector = self.vectorizer.transform([claim])
        sims = np.asarray((body.vectors @ claim_vector.T).todense()).ravel()
        body_sim = float((body.vector @ claim_vector.T).toarray()[0, 0])
        order = [int(i) for i in np.argsort(-sims)[:TOP]]
        claim_words = set(claim_tokens(claim))
        body_words = set().union(*body.words)
        best_words = set().union(*(body.words[i] for i in order))
        deny_c, hedge_c, _ = _rates([cue_counts(claim)])
        deny_b, hedge_b, report_b = _rates(body.cues)
        deny_t, hedge_t, report_t = _rates([body.cues[i] for i in order])
        return [
            body_sim,
            float(sims.max()),
            float(sims[order].mean()),
            len(claim_words & body_words) / max(1, len(claim_words)),
            len(claim_words & best_words) / max(1, len(claim_words)),
            deny_c,
            hedge_c,
            deny_b,
            hedge_b,
            report_b,
            deny_t,
            hedge_t,
            report_t,
            float(negated(claim) != body.negated[order[0]]),
            float(np.log1p(len(body.sentences))),
        ]


def stance(claim: str, body: Body, features: StanceFeatures, rules: StanceRules | None = None) -> Stance:
    """Rule-based stance of a body toward a claim (the rules the product uses)."""
    return stance_of(features.features(claim, body), rules or StanceRules())


def stance_of(values: Sequence[float], rules: StanceRules) -> Stance:
    """The rules applied to a feature vector of `StanceFeatures.features`."""
    best_sim, deny_claim, hedge_body, deny_best, mismatch = values[1], values[5], values[8], values[10], values[13]
    if best_sim < rules.related_min:
        return "unrelated"
    if mismatch and deny_best > deny_claim + rules.deny_margin:
        return "disagree"
    if hedge_body >= rules.discuss_hedges:
        return "discuss"
    return "agree"


@dataclass(frozen=True)
class StanceRules:
    """Thresholds of `stance`; the defaults were tuned on FNC-1 train pairs (benchmarks/run_claims.py)."""

    related_min: float = RELATED_MIN
    discuss_hedges: float = DISCUSS_HEDGES
    deny_margin: float = DENY_MARGIN
