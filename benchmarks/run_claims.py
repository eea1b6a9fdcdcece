"""Claim alignment on FNC-1: does a body carry a headline's claim, and does it agree, deny or only report it.

Trained on all of FNC-1 train (49,972 pairs), reported on the competition test set (25,413 pairs):
FNC weighted score as % of the maximum and macro F1 over the four classes, against TF-IDF cosine +
logistic regression in the same run. Rule thresholds are tuned on a held-out fifth of the train bodies.
Run: `.venv/bin/python -m benchmarks.run_claims`.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack, vstack
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from benchmarks.readme import BENCH_DATA, save_results, table, write_section
from manysides.compare.stance import STANCES, Body, StanceFeatures, StanceRules, stance_of

FNC = BENCH_DATA / "fnc-1"
RELATED = {"agree", "disagree", "discuss"}


@dataclass
class Split:
    headlines: list[str]
    body_ids: list[int]
    labels: list[str]
    bodies: dict[int, str]


def _csv(name: str) -> list[dict[str, str]]:
    with gzip.open(FNC / name, "rb") as fh:
        return list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8", newline="")))


def load(split: str) -> Split:
    prefix = "train" if split == "train" else "competition_test"
    bodies = {int(r["Body ID"]): r["articleBody"] for r in _csv(f"{prefix}_bodies.csv.gz")}
    stances = _csv(f"{prefix}_stances.csv.gz")
    return Split(
        headlines=[r["Headline"] for r in stances],
        body_ids=[int(r["Body ID"]) for r in stances],
        labels=[r["Stance"] for r in stances],
        bodies=bodies,
    )


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The FNC-1 weighted score as a share of the best possible."""

    def score(g: str, p: str) -> float:
        if g == p:
            return 0.25 if g == "unrelated" else 1.0
        return 0.25 if g in RELATED and p in RELATED else 0.0

    return sum(score(g, p) for g, p in zip(gold, predicted, strict=True)) / sum(score(g, g) for g in gold)


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return float(f1_score(gold, predicted, labels=list(STANCES), average="macro"))


# ---------------------------------------------------------------- baseline


def baseline_features(train: Split, test: Split) -> tuple[csr_matrix, csr_matrix]:
    """TF-IDF (all words but English stop words, sublinear, fitted on train headlines and bodies) of headline
    and body, and their cosine."""
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    vectorizer.fit(train.headlines + list(train.bodies.values()))

    def features(split: Split) -> csr_matrix:
        heads = vectorizer.transform(split.headlines)
        body_vectors = {i: vectorizer.transform([b]) for i, b in split.bodies.items()}
        bodies = _stack([body_vectors[i] for i in split.body_ids])
        cosine = np.asarray(heads.multiply(bodies).sum(axis=1))
        return hstack([heads, bodies, csr_matrix(cosine)]).tocsr()

    return features(train), features(test)


def _stack(rows: list[csr_matrix]) -> csr_matrix:
    return vstack(rows).tocsr()


# ---------------------------------------------------------------- manysides


def stance_matrix(features: StanceFeatures, split: Split) -> np.ndarray:
    bodies: dict[int, Body] = {i: features.body(b) for i, b in split.bodies.items()}
    return np.array([features.features(h, bodies[i]) for h, i in zip(split.headlines, split.body_ids, strict=True)])


def tune_rules(x: np.ndarray, labels: Sequence[str]) -> StanceRules:
    """Grid of rule thresholds, best FNC score on the given feature rows of train pairs."""
    best = (-1.0, StanceRules())
    grid = itertools.product((0.1, 0.15, 0.2, 0.25, 0.3, 0.35), (0.25, 0.5, 1.0, 2.0, 4.0), (0.0, 1.0, 2.0, 4.0))
    for related, hedges, margin in grid:
        rules = StanceRules(related_min=related, discuss_hedges=hedges, deny_margin=margin)
        score = fnc_score(labels, [stance_of(row, rules) for row in x])
        if score > best[0]:
            best = (score, rules)
    return best[1]


def main() -> None:
    train, test = load("train"), load("test")
    results: dict[str, dict[str, float]] = {}

    start = time.perf_counter()
    b_train, b_test = baseline_features(train, test)
    model = LogisticRegression(max_iter=3000).fit(b_train, train.labels)
    predicted = [str(p) for p in model.predict(b_test)]
    results["TF-IDF cosine + vectors, logistic regression (baseline)"] = _scores(test, predicted, start)

    start = time.perf_counter()
    features = StanceFeatures.fit(train.headlines + list(train.bodies.values()))
    x_train, x_test = stance_matrix(features, train), stance_matrix(features, test)
    feature_seconds = time.perf_counter() - start
    print(f"stance features: {feature_seconds:.0f} s", flush=True)

    for name, model in (
        ("manysides stance features, logistic regression", LogisticRegression(max_iter=3000, C=10.0)),
        ("manysides stance features, gradient-boosted trees", HistGradientBoostingClassifier(random_state=0)),
    ):
        start = time.perf_counter()
        model.fit(x_train, train.labels)
        predicted = [str(p) for p in model.predict(x_test)]
        results[name] = _scores(test, predicted, start, extra=feature_seconds)

    start = time.perf_counter()
    scale = x_train.std(axis=0) + 1e-9  # put the stance features on the scale of the TF-IDF weights
    combined = LogisticRegression(max_iter=3000).fit(hstack([b_train, csr_matrix(x_train / scale)]), train.labels)
    predicted = [str(p) for p in combined.predict(hstack([b_test, csr_matrix(x_test / scale)]))]
    name = "manysides stance features + the baseline's TF-IDF features, logistic regression"
    results[name] = _scores(test, predicted, start, extra=feature_seconds)

    rng = random.Random(0)
    held_bodies = set(rng.sample(sorted(train.bodies), len(train.bodies) // 5))
    held = [r for r, b in enumerate(train.body_ids) if b in held_bodies]
    rules = tune_rules(x_train[held], [train.labels[r] for r in held])
    start = time.perf_counter()
    predicted = [stance_of(row, rules) for row in x_test]
    name = f"manysides rules as used in the product ({rules.related_min}, {rules.discuss_hedges}, {rules.deny_margin})"
    results[name] = _scores(test, predicted, start, extra=feature_seconds / 2)

    save_results("claims", results)
    rows = [[n, r["fnc"], r["macro_f1"], r["f1_agree"], r["f1_disagree"], r["f1_discuss"], r["f1_unrelated"],
             f"{r['seconds']:.0f}"] for n, r in results.items()]  # fmt: skip
    md = (
        "FNC-1 claim alignment: trained on all 49,972 train pairs, scored on the 25,413 competition test pairs "
        "(FNC score as a share of the maximum, macro F1 over agree/disagree/discuss/unrelated, per-class F1; "
        "seconds for features, training and prediction). The rule row uses thresholds (related cosine, hedges "
        "per 100 words, denial margin) tuned on the train pairs of a random fifth of the train bodies.\n\n"
        + table(["system", "FNC score", "macro F1", "agree", "disagree", "discuss", "unrelated", "s"], rows)
    )
    write_section("claims", md)


def _scores(test: Split, predicted: list[str], start: float, extra: float = 0.0) -> dict[str, float]:
    per_class = f1_score(test.labels, predicted, labels=list(STANCES), average=None)
    out = {
        "fnc": fnc_score(test.labels, predicted),
        "macro_f1": macro_f1(test.labels, predicted),
        "seconds": time.perf_counter() - start + extra,
    }
    out.update({f"f1_{label}": float(v) for label, v in zip(STANCES, per_class, strict=True)})
    print(out, flush=True)
    return out


if __name__ == "__main__":
    main()
