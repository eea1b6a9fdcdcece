"""Speaker words for a reporting verb: climbing the parse must end, whatever the parser did."""

from __future__ import annotations

from spacy.tokens import Doc

from manysides.annotate.nlp import load_nlp
from manysides.annotate.speakers import speaker_words


def test_speakers_climbing_ends_at_a_preposition_heading_its_sentence() -> None:
    # The parser sometimes makes a preposition the root: "by saying" with nothing above it.
    words = ["By", "saying", ":", "“", "We", "will", "win", "”"]
    heads = [0, 0, 0, 6, 6, 6, 1, 6]
    deps = ["ROOT", "pcomp", "punct", "punct", "nsubj", "aux", "ccomp", "punct"]
    pos = ["ADP", "VERB", "PUNCT", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    start = doc[4].idx
    assert speaker_words(doc[1], start, len(doc.text)) is None


def test_speakers_climbing_reaches_the_subject_above() -> None:
    words = ["Trump", "ended", "by", "saying", ",", "“", "We", "will", "win", "”"]
    heads = [1, 1, 1, 2, 3, 8, 8, 8, 3, 8]
    deps = ["nsubj", "ROOT", "prep", "pcomp", "punct", "punct", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "ADP", "VERB", "PUNCT", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    mention = speaker_words(doc[3], doc[6].idx, len(doc.text))
    assert mention is not None and mention.text == "Trump"
