"""Normalised keys for names, so that spellings of one actor meet across articles.

Transliterated Arabic names vary in the article ("al-", "ad-", "el-"), in
vowels ("Nour al-Deen" / "Nur al-Din") and in doubled letters; English names
vary in "the", possessives and case. The key folds those differences only.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic definite-article spellings, assimilated or not ("ad-Din", "ash-Sham").
# Joined by a hyphen any of these is the article; after a space only "al"/"el" are ("al Nusra"),
# since "an", "as", "at" are English words.
_ARTICLE = re.compile(r"\b(?:(?:al|el|ad|ed|ud|ul|an|ar|as|ash|at|az|ath|adh)-|(?:al|el) )(?=\w)")
_VOWEL_PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("aa", "a"))
_DOUBLED = re.compile(r"([a-z])\1")
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase ASCII without accents, quotes or possessives."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text.lower())
    return text


def name_key(text: str) -> str:
    """The key two spellings of the same name share, e.g. 'nur al din al zinki'."""
    key = fold(text)
    key = re.sub(r"^the\s+", "", key)
    key = _ARTICLE.sub("al ", key)
    key = _PUNCT.sub(" ", key)
    for pair, single in _VOWEL_PAIRS:
        key = key.replace(pair, single)
    key = _DOUBLED.sub(r"\1", key)
    return _SPACES.sub(" ", key).strip()
