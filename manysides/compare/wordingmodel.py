"""Classifiers for loaded wording, fast on a CPU and trained by the caller on labelled sentences (e.g. BABE):
which sentences are loaded (word and character n-grams, lexicon cues, static sentence vectors, what the word
model finds) and which words make them so (each word's static vector and how often annotators marked it)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack, spmatrix
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from manysides.compare.lexicons import editorial_markers, loaded_words

_WORD = re.compile(r"[a-z][a-z'’-]+")
_TOKEN = re.compile(r"[a-z][a-z'-]*")
_SCARE = re.compile(r"[‘'\"“]\w+(?:\s\w+){0,2}[’'\"”]")
CATEGORIES = ("pejorative", "violence", "evaluative", "emotive", "praise", "intensifier", "certainty")


def lexicon_features(texts: Sequence[str]) -> np.ndarray:
    """Per sentence: loaded-word counts by category, editorial markers, scare quotes, length, punctuation."""
    lexicon = loaded_words()
    markers = editorial_markers()
    rows = []
    for text in texts:
        lowered = text.lower()
        words = _WORD.findall(lowered)
        cats = [lexicon[w] for w in words if w in lexicon]
        row = [float(cats.count(c)) for c in CATEGORIES]
        row.append(float(sum(1 for m in markers if m in lowered)))
        row.append(float(len(_SCARE.findall(text))))
        row.append(float('"' in text or "“" in text))
        row.append(float("!" in text or "?" in text))
        row.append(np.log1p(len(words)))
        rows.append(row)
    return np.asarray(rows, dtype=float)


Encoder = Callable[[Sequence[str]], np.ndarray]
CROSS_FIT_PARTS = 5


def content_words(text: str) -> list[str]:
    """The distinct lower-case words of a text, stop words left out, in order of first use."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [w for w in dict.fromkeys(words) if w not in ENGLISH_STOP_WORDS]


def _parts(n: int) -> np.ndarray:
    """A fixed random split of n rows into CROSS_FIT_PARTS parts."""
    return np.random.default_rng(0).integers(0, CROSS_FIT_PARTS, n)


class LoadedWordModel:
    """Which words of a sentence are loaded: logistic regression on each word's static vector, how often
    annotators marked it in the training sentences that hold it, and its lexicon category.

    The marking rate of a training word is counted on the other parts of the training set only
    (cross-fitting), or the classifier would learn to trust a rate that includes the word's own label."""

    def __init__(self, encoder: Encoder | None = None, c: float = 1.0) -> None:
        self.encoder = encoder
        self.classifier = LogisticRegression(C=c, max_iter=2000)
        self.seen: Counter[str] = Counter()
        self.marked: Counter[str] = Counter()
        self.threshold = 0.5
        self._vectors: dict[str, np.ndarray] = {}

    def fit(self, texts: Sequence[str], marked: Sequence[set[str]]) -> LoadedWordModel:
        """Train on sentences and the words annotators marked in each (lower case)."""
        words = [content_words(t) for t in texts]
        parts = _parts(len(texts))
        blocks, labels, probes = [], [], []
        for part in range(CROSS_FIT_PARTS):
            inside = [i for i in range(len(texts)) if parts[i] == part]
            seen, hits = _counts(
                [words[i] for i in range(len(texts)) if parts[i] != part],
                [marked[i] for i in range(len(texts)) if parts[i] != part],
            )
            rows = [words[i] for i in inside]
            blocks.append(self._features(rows, seen, hits))
            labels += [w in marked[i] for i in inside for w in words[i]]
            probes += rows
        features, truth = np.vstack(blocks), np.asarray(labels, dtype=int)
        self.classifier.fit(features, truth)
        self.threshold = _best_threshold(self.classifier.predict_proba(features)[:, 1], truth)
        self.seen, self.marked = _counts(words, marked)
        return self

    def word_scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence, each content word's probability of being marked loaded."""
        words = [content_words(t) for t in texts]
        if not any(words):
            return [{} for _ in texts]
        proba = self.classifier.predict_proba(self._features(words, self.seen, self.marked))[:, 1]
        out, at = [], 0
        for row in words:
            out.append({w: float(p) for w, p in zip(row, proba[at : at + len(row)], strict=True)})
            at += len(row)
        return out

    def mark(self, texts: Sequence[str]) -> list[set[str]]:
        """Per sentence, the words scored at or above the threshold chosen in training."""
        return [{w for w, p in scores.items() if p >= self.threshold} for scores in self.word_scores(texts)]

    def sentence_features(self, texts: Sequence[str]) -> np.ndarray:
        """Per sentence: the highest word score, their sum, and how many words pass the threshold."""
        rows = []
        for scores in self.word_scores(texts):
            values = list(scores.values()) or [0.0]
            rows.append([max(values), sum(values), sum(v >= self.threshold for v in values)])
        return np.asarray(rows, dtype=float)

    def _features(self, rows: Sequence[list[str]], seen: Counter[str], hits: Counter[str]) -> np.ndarray:
        flat = [w for row in rows for w in row]
        lexicon = loaded_words()
        cues = np.asarray(
            [
                [np.log1p(seen[w]), (hits[w] + 0.1) / (seen[w] + 1), float(seen[w] == 0), len(w) / 10]
                + [float(lexicon.get(w) == c) for c in CATEGORIES]
                for w in flat
            ],
            dtype=float,
        ).reshape(len(flat), 4 + len(CATEGORIES))
        if self.encoder is None:
            return cues
        return np.hstack([self._word_vectors(flat), cues])

    def _word_vectors(self, words: list[str]) -> np.ndarray:
        missing = [w for w in dict.fromkeys(words) if w not in self._vectors]
        if missing and self.encoder is not None:
            self._vectors.update(zip(missing, self.encoder(missing), strict=True))
        return np.vstack([self._vectors[w] for w in words]) if words else np.zeros((0, 0))


def _counts(words: Sequence[list[str]], marked: Sequence[set[str]]) -> tuple[Counter[str], Counter[str]]:
    """How many sentences hold each word, and in how many of them it was marked."""
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for row, gold in zip(words, marked, strict=True):
        seen.update(row)
        hits.update(w for w in row if w in gold)
    return seen, hits


def _best_threshold(proba: np.ndarray, truth: np.ndarray) -> float:
    """The probability cut with the best F1 of marked words on (cross-fitted) training predictions."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.arange(0.1, 0.8, 0.05):
        predicted = proba >= threshold
        tp = float(np.sum(predicted & (truth == 1)))
        f1 = 2 * tp / max(1.0, float(predicted.sum() + truth.sum()))
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


class LoadedSentenceModel:
    """Biased/loaded vs neutral sentences: TF-IDF words (1-2 grams) and characters (2-5) with lexicon cues;
    sentence vectors when an encoder is given (`manysides.compare.embeddings.static_embed` is fast, `embed`
    runs the full MiniLM); and what a LoadedWordModel (embedding words with `word_encoder`) finds when
    marked words are given to `fit`.
    Each dense block is scaled by its weight against the unit-length TF-IDF rows."""

    def __init__(
        self,
        c: float = 4.0,
        lexicon_weight: float = 0.5,
        encoder: Encoder | None = None,
        encoder_weight: float = 1.0,
        word_weight: float = 0.5,
        word_encoder: Encoder | None = None,
    ) -> None:
        self.encoder = encoder
        self.word_encoder = word_encoder
        self.encoder_weight = encoder_weight
        self.word_weight = word_weight
        self.word_model: LoadedWordModel | None = None
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.lexicon_weight = lexicon_weight
        self.classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")

    def _features(self, texts: Sequence[str], fit: bool = False, word_cues: np.ndarray | None = None) -> spmatrix:
        if fit:
            words, chars = self.words.fit_transform(texts), self.chars.fit_transform(texts)
        else:
            words, chars = self.words.transform(texts), self.chars.transform(texts)
        parts = [words, chars, csr_matrix(lexicon_features(texts) * self.lexicon_weight)]
        if self.encoder is not None:
            parts.append(csr_matrix(self.encoder(texts) * self.encoder_weight))
        if self.word_model is not None:
            cues = self.word_model.sentence_features(texts) if word_cues is None else word_cues
            parts.append(csr_matrix(cues * self.word_weight))
        return hstack(parts).tocsr()

    def fit(
        self, texts: Sequence[str], labels: Sequence[int], marked: Sequence[set[str]] | None = None
    ) -> LoadedSentenceModel:
        """Train on sentences labelled 1 (loaded) or 0 (neutral), and on the words marked in each if given."""
        word_cues = None
        if marked is not None:
            word_cues = self._cross_fitted_word_cues(texts, marked)
            self.word_model = LoadedWordModel(self.word_encoder).fit(texts, marked)
        self.classifier.fit(self._features(texts, fit=True, word_cues=word_cues), np.asarray(labels))
        return self

    def _cross_fitted_word_cues(self, texts: Sequence[str], marked: Sequence[set[str]]) -> np.ndarray:
        """Word-model cues for each training sentence from a word model that did not see it."""
        parts = _parts(len(texts))
        cues = np.zeros((len(texts), 3))
        for part in range(CROSS_FIT_PARTS):
            held = parts == part
            model = LoadedWordModel(self.word_encoder).fit(
                [t for t, h in zip(texts, held, strict=True) if not h],
                [m for m, h in zip(marked, held, strict=True) if not h],
            )
            cues[held] = model.sentence_features([t for t, h in zip(texts, held, strict=True) if h])
        return cues

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Probability that each sentence is loaded."""
        proba: np.ndarray = self.classifier.predict_proba(self._features(texts))[:, 1]
        return proba

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.scores(texts) >= 0.5).astype(int)

    def word_weights(self) -> dict[str, float]:
        """Weight of each single word in the decision, to point at the words that made a sentence loaded."""
        coef = self.classifier.coef_[0]
        vocab = self.words.vocabulary_
        return {w: float(coef[i]) for w, i in vocab.items() if " " not in w}
