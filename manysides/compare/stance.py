"""Stance of a text toward a claim: agree, disagree, discuss or unrelated, from word overlap and cues.

The claim-alignment step of compare: whether another article's sentences carry a claim, and whether
they assert it, deny it or only report it. Features are cheap (TF-IDF over stemmed words, cue counts);
`stance` applies fixed rules, `StanceFeatures` feeds a trained classifier in the benchmark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from manysides.compare.claims import claim_tokens, negated
from manysides.compare.lexicons import stance_cues

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")
# Rules of `stance`, tuned on FNC-1 train pairs (benchmarks/run_claims.py).
RELATED_MIN = 0.2  # best sentence cosine below this: unrelated
DISCUSS_HEDGES = 1.0  # hedge cues per 100 words at or above this: discuss
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z][a-z'’-]*")
TOP = 3


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 1]


def cue_rates(text: str) -> tuple[float, float, float]:
    """Deny, hedge and report cues per 100 words."""
    cues = stance_cues()
    words = _WORD.findall(text.lower())
    counts = {"deny": 0, "hedge": 0, "report": 0}
    for word in words:
        kind = cues.get(word) or ("deny" if word.endswith("n't") else None)
        kind = "deny" if kind == "refute" else kind
        if kind:
            counts[kind] += 1
    scale = 100.0 / max(1, len(words))
    return counts["deny"] * scale, counts["hedge"] * scale, counts["report"] * scale


@dataclass
class StanceFeatures:
    """Computes stance features of (claim, body) pairs against one fitted vocabulary."""

    vectorizer: TfidfVectorizer

    @classmethod
    def fit(cls, texts: Sequence[str]) -> StanceFeatures:
        vectorizer = TfidfVectorizer(tokenizer=claim_tokens, lowercase=False, token_pattern=None, sublinear_tf=True)
        vectorizer.fit(texts)
        return cls(vectorizer)

    def body_parts(self, body: str) -> tuple[list[str], object, object]:
        """Sentences of a body with their vectors and the whole body's vector (computed once per body)."""
        sentences = split_sentences(body) or [body]
        return sentences, self.vectorizer.transform(sentences), self.vectorizer.transform([body])

    def features(self, claim: str, parts: tuple[list[str], object, object]) -> list[float]:
        """Similarity of the claim to the body and its best sentences, cue rates, negation agreement."""
        sentences, sentence_vectors, body_vector = parts
        claim_vector = self.vectorizer.transform([claim])
        sims = np.asarray((sentence_vectors @ claim_vector.T).todense()).ravel()
        body_sim = float((body_vector @ claim_vector.T).toarray()[0, 0])
        order = np.argsort(-sims)[:TOP]
        best = " ".join(sentences[i] for i in order)
        claim_words = set(claim_tokens(claim))
        body_words = set(claim_tokens(" ".join(sentences)))
        best_words = set(claim_tokens(best))
        deny_c, hedge_c, _ = cue_rates(claim)
        deny_b, hedge_b, report_b = cue_rates(" ".join(sentences))
        deny_t, hedge_t, report_t = cue_rates(best)
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
            float(negated(claim) != negated(sentences[int(order[0])])),
            float(np.log1p(len(sentences))),
        ]


def stance(claim: str, body: str, features: StanceFeatures) -> Stance:
    """Rule-based stance of a body toward a claim (the rules the product uses)."""
    values = features.features(claim, features.body_parts(body))
    best_sim, deny_best, hedge_body, mismatch = values[1], values[10], values[8], values[13]
    if best_sim < RELATED_MIN:
        return "unrelated"
    if mismatch or deny_best > values[5] + 2.0:
        return "disagree"
    if hedge_body >= DISCUSS_HEDGES:
        return "discuss"
    return "agree"
