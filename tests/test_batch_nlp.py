"""The indexed attribute ruler: same token attributes as spaCy's own, on the seed pages."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from manysides.annotate.nlp import TokenRuleMatcher, load_nlp
from manysides.settings import SPACY_MODEL

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_cached_pipeline_uses_the_indexed_matcher() -> None:
    ruler = load_nlp().get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    assert isinstance(ruler.matcher, TokenRuleMatcher)
    # Nearly every rule is a one-token lookup; only the few multi-token or regex rules stay with the Matcher.
    assert 0 < len(ruler.matcher.rest) < 15


def test_seed_pages_get_the_same_attributes_as_with_spacys_ruler() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5
    # Also the spellings the regex and two-token rules exist for.
    texts.append("Y'all ain't seen nothin' yet. There's no way, and it isn't over, she said.")
    stock = spacy.load(SPACY_MODEL)
    stock.add_pipe("paragraph_breaks", before="parser")
    ours = load_nlp()
    for text in texts:
        assert _attributes(ours(text)) == _attributes(stock(text))


def test_rules_match_a_hand_made_doc_like_the_matcher() -> None:
    stock = spacy.load(SPACY_MODEL)
    ruler = stock.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    doc = stock("I don't think there's anything y'all ain't got.", disable=["attribute_ruler", "lemmatizer"])
    keys = [str(i) for i in range(len(ruler.attrs))]
    indexed = TokenRuleMatcher(stock.vocab, ((k, ruler.matcher.get(k)[1]) for k in keys))
    assert sorted(indexed(doc)) == sorted(ruler.matcher(doc, allow_missing=True))
