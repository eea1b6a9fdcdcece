"""A sentence classifier for loaded wording: word and character n-grams plus the lexicon's cues, with
logistic regression. Fast on a CPU; trained by the caller on labelled sentences (e.g. BABE)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack, spmatrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from manysides.compare.lexicons import editorial_markers, loaded_words

_WORD = re.compile(r"[a-z][a-z'’-]+")
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


class LoadedSentenceModel:
    """Biased/loaded vs neutral sentences: TF-IDF words (1-2 grams) and characters (2-5) with lexicon cues,
    and sentence embeddings when an encoder is given (`manysides.compare.embeddings.static_embed` is fast,
    `embed` runs the full MiniLM). Each block is scaled by its weight against the unit-length TF-IDF rows."""

    def __init__(
        self,
        c: float = 4.0,
        lexicon_weight: float = 0.5,
        encoder: Encoder | None = None,
        encoder_weight: float = 1.0,
    ) -> None:
        self.encoder = encoder
        self.encoder_weight = encoder_weight
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
        self.lexicon_weight = lexicon_weight
        self.classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")

    def _features(self, texts: Sequence[str], fit: bool = False) -> spmatrix:
        if fit:
            words, chars = self.words.fit_transform(texts), self.chars.fit_transform(texts)
        else:
            words, chars = self.words.transform(texts), self.chars.transform(texts)
        parts = [words, chars, csr_matrix(lexicon_features(texts) * self.lexicon_weight)]
        if self.encoder is not None:
            parts.append(csr_matrix(self.encoder(texts) * self.encoder_weight))
        return hstack(parts).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[int]) -> LoadedSentenceModel:
        """Train on sentences labelled 1 (loaded) or 0 (neutral)."""
        self.classifier.fit(self._features(texts, fit=True), np.asarray(labels))
        return self

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
