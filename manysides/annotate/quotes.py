"""Quotations in an article and the speakers they are credited to."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from manysides.annotate.names import name_key
from manysides.models import Entity, Quote

SPEECH_VERBS = frozenset(
    "say tell add conclude note claim insist admit state announce warn declare explain "
    "repeat argue deny confirm report write respond reply stress accuse".split()
)
PRONOUNS = frozenset({"he", "she", "they", "it"})
# Curly or straight double quotes; a quote may not run past a paragraph break.
QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
MIN_QUOTE_WORDS = 4  # shorter quoted spans are scare quotes or titles, not speech


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Direct and partial quotes with the speaker the article names for them."""
    quotes: list[Quote] = []
    for match in QUOTED.finditer(doc.text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        if len(doc.text[start:end].split()) < MIN_QUOTE_WORDS:
            continue
        quote = _attribute(doc, entities, start, end)
        if quote.speaker is None and quotes and _continues(doc.text, quotes[-1].end, start):
            previous = quotes[-1]
            quote = quote.model_copy(
                update={"speaker": previous.speaker, "speaker_key": previous.speaker_key, "cue": previous.cue}
            )
        quotes.append(quote)
    return quotes


def _attribute(doc: Doc, entities: list[Entity], start: int, end: int) -> Quote:
    text = doc.text[start:end]
    span = doc.char_span(start, end, alignment_mode="expand")
    sentence = span.sent if span is not None else None
    kind = "partial" if start > 1 and doc.text[start - 2 : start - 1].isalnum() else "direct"
    quote = Quote(text=text, start=start, end=end, kind=kind)
    if sentence is None:
        return quote
    verb = _speech_verb(sentence, start, end)
    if verb is None:
        return quote
    mention = _subject(verb)
    speaker = _resolve(mention, entities) if mention is not None else None
    return quote.model_copy(
        update={
            "cue": verb.text.lower(),
            "speaker_mention": mention.text if mention is not None else None,
            "speaker": speaker,
            "speaker_key": name_key(speaker) if speaker else None,
            "channel": _channel(sentence, verb),
        }
    )


def _speech_verb(sentence: Span, start: int, end: int) -> Token | None:
    for token in sentence:
        if start - 1 <= token.idx < end + 1:
            continue
        if token.pos_ == "VERB" and token.lemma_ in SPEECH_VERBS:
            return token
    return None


def _subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return verb.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _resolve(mention: Span, entities: list[Entity]) -> str | None:
    """A named person or group in the mention, or the last one named before a pronoun."""
    inside = [e for e in entities if mention.start_char <= e.start < mention.end_char]
    people = [e for e in inside if e.label == "PERSON"] or [e for e in inside if e.label in ("ORG", "NORP")]
    if people:
        return people[-1].text
    if mention.text.lower() in PRONOUNS:
        before = [e for e in entities if e.end <= mention.start_char and e.label == "PERSON"]
        return before[-1].text if before else None
    return None


def _channel(sentence: Span, verb: Token) -> str | None:
    """The outlet a quote came through: 'told Reuters', 'according to AFP'."""
    for ent in sentence.ents:
        if ent.label_ != "ORG":
            continue
        head = ent.root.head
        if head == verb or (head.lower_ == "to" and head.head.lower_ == "according"):
            return ent.text
    return None


def _continues(text: str, previous_end: int, start: int) -> bool:
    """A quote that opens the next paragraph after a quote goes on with its speaker."""
    between = text[previous_end:start]
    return between.strip(" \n\"“”.,") == "" and "\n" in between
