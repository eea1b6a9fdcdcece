"""Loaded wording and framing: manysides against a plain lexicon and TF-IDF + LR, in one run.

BABE (SG2, 3,673 sentences with a majority label): sentence-level macro F1 with the 5 folds of its fold
file (train on four, test on the fifth, mean over folds), and word-level P/R/F1 against the words the
experts marked. BASIL (300 articles, all body sentences, titles excluded): token-level and exact-span
P/R/F1 of lexical-bias spans, and whether the polarity of each outlet's wording toward each gold target
agrees with the gold polarity of the spans aimed at it. Run: `.venv/bin/python -m benchmarks.run_framing`.
"""

from __future__ import annotations

import ast
import csv
import gzip
import json
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from benchmarks.readme import BENCH_DATA, save_results, table, write_section
from manysides.compare.embeddings import embed, embeddings_available, static_embed, static_embeddings_available
from manysides.compare.lexicons import loaded_words, word_polarity
from manysides.compare.wordingmodel import LoadedSentenceModel, LoadedWordModel

BABE = BENCH_DATA / "babe"
PICK = "manysides: the same + word-model cues (words marked in training), LR; words from the word model"
BASIL = BENCH_DATA / "basil"
_TOKEN = re.compile(r"[a-z][a-z'-]*")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


@dataclass
class Babe:
    texts: list[str]
    labels: np.ndarray
    marked: list[set[str]]
    folds: np.ndarray


def load_babe() -> Babe:
    with gzip.open(BABE / "babe_sg2.csv.gz", "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with gzip.open(BABE / "babe_sg2_cv_folds.csv.gz", "rt", encoding="utf-8") as fh:
        folds = {int(r["row_index"]): int(r["fold"]) for r in csv.DictReader(fh)}
    index = sorted(folds)
    return Babe(
        texts=[rows[i]["text"] for i in index],
        labels=np.array([rows[i]["label_bias"] == "Biased" for i in index], dtype=int),
        marked=[{w.lower() for m in ast.literal_eval(rows[i]["biased_words"]) for w in tokens(m)} for i in index],
        folds=np.array([folds[i] for i in index]),
    )


# A system: trained on (texts, labels, marked) of four folds, returns a predictor of
# (sentence labels, marked words per sentence) for the fifth.
Predictor = Callable[[Sequence[str]], tuple[np.ndarray, list[set[str]]]]
System = Callable[[list[str], np.ndarray, list[set[str]]], Predictor]


def train_lexicon(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """Baseline: words marked biased in at least n training sentences (stop words removed); any one
    flags a sentence. n (1, 2, 3, 5, 8) is chosen by macro F1 on the training folds themselves."""
    counts = Counter(w for m in marked for w in m)
    best: tuple[float, set[str]] = (-1.0, set())
    for n in (1, 2, 3, 5, 8):
        words = {w for w, c in counts.items() if c >= n} - ENGLISH_STOP_WORDS
        predicted, _ = _lexicon_predictor(words)(texts)
        score = float(f1_score(labels, predicted, average="macro"))
        if score > best[0]:
            best = (score, words)
    return _lexicon_predictor(best[1])


def train_hand_lexicon(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """manysides' hand-written loaded-word list, no training."""
    return _lexicon_predictor(set(loaded_words()))


def _lexicon_predictor(words: set[str]) -> Predictor:
    def predict(batch: Sequence[str]) -> tuple[np.ndarray, list[set[str]]]:
        hits = [set(tokens(t)) & words for t in batch]
        return np.array([bool(h) for h in hits], dtype=int), hits

    return predict


def train_tfidf(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """Baseline: TF-IDF (1-2 grams) + logistic regression; words marked by positive unigram weight."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    model = LogisticRegression(max_iter=2000).fit(vectorizer.fit_transform(texts), labels)
    weights = {w: model.coef_[0][i] for w, i in vectorizer.vocabulary_.items() if " " not in w}
    threshold = _word_threshold(texts, labels, marked, weights)

    def predict(batch: Sequence[str]) -> tuple[np.ndarray, list[set[str]]]:
        predicted = model.predict(vectorizer.transform(batch))
        return predicted, _mark_words(batch, predicted, weights, threshold)

    return predict


def train_manysides(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """manysides: word + character n-grams + lexicon cues, logistic regression."""
    return _train_model(LoadedSentenceModel(), texts, labels, marked)


class CachedEncoder:
    """Sentence embeddings computed once per sentence for all folds (the encoder is not trained)."""

    def __init__(self) -> None:
        self.vectors: dict[str, np.ndarray] = {}
        self.seconds = 0.0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            start = time.process_time()
            self.vectors.update(zip(missing, embed(missing), strict=True))
            self.seconds += time.process_time() - start
        return np.vstack([self.vectors[t] for t in texts])


ENCODER = CachedEncoder()


def train_manysides_embeddings(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """manysides: the same plus MiniLM sentence embeddings."""
    return _train_model(LoadedSentenceModel(encoder=ENCODER), texts, labels, marked)


STATIC_WEIGHTS = (1.0, 2.0)  # weight of the sentence-vector block, chosen inside the training folds


def train_manysides_static(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """manysides: words + characters + lexicon cues + MiniLM's input token vectors averaged per sentence
    (vector weight 1, not tuned)."""
    return _train_model(LoadedSentenceModel(encoder=static_embed), texts, labels, marked)


def train_manysides_words(texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    """manysides: the static model plus the cues of a word model trained on the marked words; the vector
    weight is chosen on a quarter of the training folds held out from training."""
    fit_rows, check_rows = train_test_split(np.arange(len(texts)), test_size=0.25, stratify=labels, random_state=0)
    scores = {}
    for weight in STATIC_WEIGHTS:
        model = _word_cued_model(weight).fit(
            [texts[i] for i in fit_rows], labels[fit_rows].tolist(), [marked[i] for i in fit_rows]
        )
        predicted = model.predict([texts[i] for i in check_rows])
        scores[weight] = float(f1_score(labels[check_rows], predicted, average="macro"))
    weight = max(STATIC_WEIGHTS, key=lambda w: scores[w])
    print(f"  vector weight {weight} (held-out macro F1 {scores})", flush=True)
    model = _word_cued_model(weight).fit(texts, labels.tolist(), marked)
    word_model = model.word_model
    assert word_model is not None

    def predict(batch: Sequence[str]) -> tuple[np.ndarray, list[set[str]]]:
        return model.predict(batch), word_model.mark(batch)

    return predict


def _word_cued_model(weight: float) -> LoadedSentenceModel:
    return LoadedSentenceModel(encoder=static_embed, encoder_weight=weight, word_encoder=static_embed)


def _train_model(model: LoadedSentenceModel, texts: list[str], labels: np.ndarray, marked: list[set[str]]) -> Predictor:
    model.fit(texts, labels.tolist())
    weights = model.word_weights()
    threshold = _word_threshold(texts, labels, marked, weights)

    def predict(batch: Sequence[str]) -> tuple[np.ndarray, list[set[str]]]:
        predicted = model.predict(batch)
        return predicted, _mark_words(batch, predicted, weights, threshold)

    return predict


def _mark_words(
    batch: Sequence[str], predicted: np.ndarray, weights: dict[str, float], threshold: float
) -> list[set[str]]:
    return [
        {w for w in tokens(t) if weights.get(w, 0.0) >= threshold and w not in ENGLISH_STOP_WORDS} if p else set()
        for t, p in zip(batch, predicted, strict=True)
    ]


def _word_threshold(texts: list[str], labels: np.ndarray, marked: list[set[str]], weights: dict[str, float]) -> float:
    """The word-weight cut that best finds the marked words of the training sentences."""
    best, best_f1 = 1.0, -1.0
    for threshold in np.quantile([v for v in weights.values() if v > 0], [0.5, 0.7, 0.8, 0.9, 0.95, 0.98]):
        found = _mark_words(texts, labels, weights, float(threshold))
        f1 = word_prf(found, marked)[2]
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


def word_prf(found: Sequence[set[str]], gold: Sequence[set[str]]) -> tuple[float, float, float]:
    """Micro precision/recall/F1 of marked words, per sentence, over all sentences."""
    tp = sum(len(f & g) for f, g in zip(found, gold, strict=True))
    fp = sum(len(f - g) for f, g in zip(found, gold, strict=True))
    fn = sum(len(g - f) for f, g in zip(found, gold, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run_babe(systems: dict[str, System]) -> dict[str, dict[str, float]]:
    data = load_babe()
    results: dict[str, dict[str, float]] = {}
    for name, train in systems.items():
        f1s, found_all, gold_all, seconds = [], [], [], []
        for k in range(5):
            tr, te = data.folds != k, data.folds == k
            predictor = train(
                [t for t, m in zip(data.texts, tr, strict=True) if m],
                data.labels[tr],
                [w for w, m in zip(data.marked, tr, strict=True) if m],
            )
            test_texts = [t for t, m in zip(data.texts, te, strict=True) if m]
            start = time.process_time()
            predicted, found = predictor(test_texts)
            seconds.append(time.process_time() - start)
            f1s.append(f1_score(data.labels[te], predicted, average="macro"))
            found_all += found
            gold_all += [w for w, m in zip(data.marked, te, strict=True) if m]
        p, r, f = word_prf(found_all, gold_all)
        results[name] = {
            "macro_f1": float(np.mean(f1s)),
            "fold_sd": float(np.std(f1s)),
            "word_p": p,
            "word_r": r,
            "word_f1": f,
            "sentences_per_s": len(data.texts) / 5 / statistics.median(seconds),
        }
        print(name, results[name], flush=True)
    return results


# ---------------------------------------------------------------- BASIL


def load_basil() -> list[dict[str, object]]:
    with gzip.open(BASIL / "basil_sentences.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def lexicon_spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text.lower().replace("’", "'")) if m.group(0) in words]


def run_basil(lexicons: dict[str, set[str] | LoadedWordModel]) -> dict[str, dict[str, float]]:
    sentences = [s for s in load_basil() if not s["is_title"]]
    results = {}
    for name, lexicon in lexicons.items():
        if isinstance(lexicon, LoadedWordModel):
            marks = lexicon.mark([str(s["text"]) for s in sentences])
        else:
            marks = [lexicon] * len(sentences)
        tp = fp = fn = exact = n_pred = n_gold = 0
        for s, words in zip(sentences, marks, strict=True):
            text = str(s["text"])
            gold = [(int(sp["start"]), int(sp["end"])) for sp in s["spans"] if sp["bias"] == "lex"]  # type: ignore[attr-defined]
            pred = lexicon_spans(text, words)
            n_pred += len(pred)
            n_gold += len(gold)
            exact += sum(1 for g in gold if g in pred)
            for m in _TOKEN.finditer(text.lower()):
                in_gold = any(a <= m.start() and m.end() <= b for a, b in gold)
                in_pred = any(a <= m.start() and m.end() <= b for a, b in pred)
                tp += in_gold and in_pred
                fp += in_pred and not in_gold
                fn += in_gold and not in_pred
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        results[name] = {
            "token_p": p,
            "token_r": r,
            "token_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "span_p": exact / max(1, n_pred),
            "span_r": exact / max(1, n_gold),
        }
        print(name, results[name], flush=True)
    return results


def run_basil_polarity() -> dict[str, dict[str, float]]:
    """Per (article, gold target): does the sign of the outlet's loaded wording near the target match gold?"""
    by_article: dict[str, list[dict[str, object]]] = defaultdict(list)
    for s in load_basil():
        by_article[str(s["article_id"])].append(s)
    gold: dict[tuple[str, str], int] = {}
    predicted: dict[tuple[str, str], int] = {}
    for article, sentences in by_article.items():
        votes: Counter[str] = Counter()
        for s in sentences:
            for span in s["spans"]:  # type: ignore[attr-defined]
                votes[span["target"]] += 1 if span["polarity"] == "pos" else -1
        for target, vote in votes.items():
            if vote == 0:
                continue
            gold[(article, target)] = 1 if vote > 0 else -1
            predicted[(article, target)] = _wording_polarity(sentences, target)
    keys = sorted(gold)
    truth = [gold[k] for k in keys]
    out = {}
    for name, guess in (
        ("always negative (majority)", [-1] * len(keys)),
        ("manysides lexicon", [predicted[k] for k in keys]),
    ):
        accuracy = sum(g == p for g, p in zip(truth, guess, strict=True)) / len(keys)
        out[name] = {
            "accuracy": accuracy,
            "macro_f1": float(f1_score(truth, guess, average="macro")),
            "pairs": len(keys),
        }
        print(name, out[name], flush=True)
    return out


def _wording_polarity(sentences: list[dict[str, object]], target: str) -> int:
    """Sign of the summed loaded-word polarities in the sentences naming the target; negative unless
    praise outweighs the rest (gold spans aimed at a target are mostly negative)."""
    names = [p.lower() for p in target.replace("_", " ").split() if len(p) > 2]
    score = 0
    for s in sentences:
        text = str(s["text"]).lower()
        if names and any(n in text for n in names):
            score += sum(word_polarity(w) for w in tokens(text))
    return 1 if score > 0 else -1


def main() -> None:
    systems: dict[str, System] = {
        "lexicon: words marked in >= n training sentences, n tuned on the training folds (baseline)": train_lexicon,
        "TF-IDF + logistic regression (baseline)": train_tfidf,
        "manysides hand-written lexicon, no training": train_hand_lexicon,
        "manysides: words + characters + lexicon cues, LR": train_manysides,
    }
    if static_embeddings_available():
        systems["manysides: the same + MiniLM static token vectors, LR"] = train_manysides_static
        systems[PICK] = train_manysides_words
    if embeddings_available():
        systems["manysides: the same + MiniLM sentence embeddings, LR"] = train_manysides_embeddings
    babe = run_babe(systems)
    if ENCODER.vectors:
        babe["manysides: the same + MiniLM sentence embeddings, LR"]["embed_sentences_per_s"] = (
            len(ENCODER.vectors) / ENCODER.seconds
        )
    babe_all = load_babe()
    marked_all = {w for m in babe_all.marked for w in m} - ENGLISH_STOP_WORDS
    basil_systems: dict[str, set[str] | LoadedWordModel] = {
        "words marked in all of BABE (baseline)": marked_all,
        "manysides hand-written lexicon": set(loaded_words()),
    }
    if static_embeddings_available():
        word_model = LoadedWordModel(static_embed).fit(babe_all.texts, babe_all.marked)
        basil_systems["manysides word model trained on all of BABE"] = word_model
    basil = run_basil(basil_systems)
    polarity = run_basil_polarity()
    save_results("framing", {"babe": babe, "basil": basil, "basil_polarity": polarity})
    speed = {name: r.get("embed_sentences_per_s", r["sentences_per_s"]) for name, r in babe.items()}
    baseline_speed = speed["TF-IDF + logistic regression (baseline)"]
    rows = [
        [
            name,
            r["macro_f1"],
            r["fold_sd"],
            r["word_p"],
            r["word_r"],
            r["word_f1"],
            f"{speed[name]:,.0f}",
            f"{baseline_speed / speed[name]:,.1f}",
        ]
        for name, r in babe.items()
    ]
    md = (
        "BABE SG2, 3,673 sentences: sentence-level macro F1 (mean of the 5 folds of `babe_sg2_cv_folds.csv`, "
        "train on four folds, test on the fifth; hyperparameters fixed or chosen inside the training folds), "
        "word-level micro P/R/F1 against the experts' marked words (stop words count; words are marked in "
        "the sentences a system calls loaded, except the word model, which marks words in every sentence), "
        "prediction speed in sentences per CPU second (`time.process_time`, all threads; median over the 5 "
        "test folds; for the full MiniLM model: the encoder alone, the slower part) so the shared machine's "
        "load does not count, and CPU time per sentence as a multiple of the TF-IDF baseline's.\n\n"
        + table(
            ["system", "macro F1", "fold sd", "word P", "word R", "word F1", "sentences/s (CPU)", "x TF-IDF time"],
            rows,
        )
        + "\n\nBASIL, 7,984 body sentences of 300 articles (titles excluded): lexical-bias spans found by each "
        "word list, or by the word model trained on all 3,673 BABE sentences, token-level and exact-span P/R. "
        "No training on BASIL.\n\n"
        + table(
            ["words from", "token P", "token R", "token F1", "span P", "span R"],
            [[n, r["token_p"], r["token_r"], r["token_f1"], r["span_p"], r["span_r"]] for n, r in basil.items()],
        )
        + "\n\nBASIL framing polarity: for each article and each target of its gold bias spans (net polarity "
        "of those spans, ties dropped), the sign of the loaded words in the article's sentences naming the target.\n\n"
        + table(
            ["system", "accuracy", "macro F1", "article-target pairs"],
            [[n, r["accuracy"], r["macro_f1"], r["pairs"]] for n, r in polarity.items()],
        )
    )
    write_section("framing", md)


if __name__ == "__main__":
    main()
