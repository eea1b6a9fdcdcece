"""Annotate articles: sentences, named entities and quotes, with spaCy."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from manysides.annotate.entities import find_entities
from manysides.annotate.nlp import load_nlp
from manysides.annotate.quotes import find_quotes
from manysides.models import Article, Sentence

__all__ = ["annotate", "annotate_stream"]


def annotate_stream(articles: Sequence[Article], batch_size: int = 32) -> Iterator[Article]:
    """Yield each article with its sentences, entities and quotes filled in."""
    nlp = load_nlp()
    docs = nlp.pipe((a.body for a in articles), batch_size=batch_size)
    for article, doc in zip(articles, docs, strict=True):
        entities = find_entities(doc)
        yield article.model_copy(
            update={
                "sentences": sentences(doc),
                "entities": entities,
                "quotes": find_quotes(doc, entities),
            }
        )


def sentences(doc: Doc) -> list[Sentence]:
    """Sentence offsets with surrounding whitespace trimmed; blank sentences dropped."""
    out = []
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append(Sentence(start=start, end=end))
    return out


def annotate(articles: Sequence[Article]) -> list[Article]:
    """Annotate a batch of articles (one spaCy pass)."""
    return list(annotate_stream(articles))
