"""Weighted term vectors of articles, with word weights from general English frequency.

A story is recognised by its rare words (place and person names, the specific
action), so each word is weighted by how rare it is in English at large
(wordfreq's Zipf scale) rather than by document frequency in the batch: the
weight is then the same for a batch of five articles as for a year of news,
and a new article is scored the same way whatever the store already holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from manysides.models import Article

Vector = dict[str, float]

_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]|\d[\d,.]*\d")
# Numbers (years, counts) tell apart two events of the same kind; wordfreq cannot rate them.
_NUMBER_RARITY = 3.0
# Words at least this common in English carry no weight at all.
_COMMON_ZIPF = 6.0
# Zipf of a word wordfreq does not know (typo, rare name): treated as very rare.
_UNKNOWN_ZIPF = 1.0
TITLE_WEIGHT = 2.0


@dataclass(frozen=True)
class VectorSettings:
    """How an article becomes a vector; defaults tuned on the benchmark train splits."""

    title_weight: float = TITLE_WEIGHT
    body_words: int = 400
    name_weight: float = 1.5


@lru_cache(maxsize=200_000)
def _rarity(word: str) -> float:
    """0 for very common words, up to 5 for words English hardly uses (names, mostly)."""
    if word[0].isdigit():
        return _NUMBER_RARITY
    # Terms are stemmed ("families" -> "familie"): a stem English does not know as a word takes the
    # frequency of its plural, else it would count as a rare name and flood the candidate lists.
    zipf = max(zipf_frequency(word, "en"), zipf_frequency(word + "s", "en")) or _UNKNOWN_ZIPF
    return max(0.0, _COMMON_ZIPF - zipf) if len(word) > 1 else 0.0


def terms(text: str, limit: int | None = None) -> list[str]:
    """Lowercase word terms, possessives and plural -s removed, at most `limit` words."""
    return [term for term, _ in capitalised_terms(text, limit)]


def capitalised_terms(text: str, limit: int | None = None) -> list[tuple[str, bool]]:
    """Terms with whether the word was capitalised in the text (names, mostly)."""
    words = _WORD.findall(text)
    if limit is not None:
        words = words[:limit]
    return [(_stem(w.lower().replace("’", "'")), w[0].isupper()) for w in words]


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def weigh(counts: Mapping[str, float]) -> Vector:
    """Sublinear term frequency times rarity, unit length."""
    vector = {t: (1.0 + math.log(c)) * _rarity(t) for t, c in counts.items() if c > 0}
    return normalise({t: w for t, w in vector.items() if w > 0})


def article_vector(article: Article, settings: VectorSettings = VectorSettings()) -> Vector:
    """The unit vector of an article: title words and capitalised words (names) count more.

    spaCy's entity keys are not added: they repeat the names already counted as
    words, and doubling place names pulls apart stories of one city together.
    """
    counts: dict[str, float] = {}
    for term in terms(article.title):
        counts[term] = counts.get(term, 0.0) + settings.title_weight
    for term, capital in capitalised_terms(article.body, settings.body_words):
        counts[term] = counts.get(term, 0.0) + (settings.name_weight if capital else 1.0)
    return weigh(counts)


def normalise(vector: Vector) -> Vector:
    """The vector scaled to unit length (an empty vector stays empty)."""
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two vectors (cosine when both are unit length)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_terms(vector: Mapping[str, float], k: int) -> list[str]:
    """The k heaviest terms, ties broken alphabetically so the choice is stable."""
    return [t for t, _ in sorted(vector.items(), key=lambda tw: (-tw[1], tw[0]))[:k]]
