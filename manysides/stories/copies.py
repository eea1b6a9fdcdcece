"""Copies: articles that republish another's text, and the upstream sources an article relays.

Five copies of one wire story are one source. Whole-text near-duplicates are
found with MinHash LSH over word shingles; copies that lift only some
paragraphs (with a new headline, cut or padded) are found the same way
paragraph by paragraph. The earlier article is taken as the source; on the same
day, the longer one (wire copy is cut more often than padded). Relayed sources
are read from the text: "the Reuters news agency reported", "according to
AFP", "told Reuters", "Agencies contributed to this report".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from manysides.models import Article, Copy

SHINGLE = 5
PERMUTATIONS = 64
# Paragraph pairs at least this similar (Jaccard of shingles) are the same paragraph.
PARAGRAPH_JACCARD = 0.6
# Articles sharing at least this much of the copy's text are a duplicate, else a partial copy.
DUPLICATE_SHARE = 0.8
MIN_PARAGRAPH_WORDS = 12
MIN_SHARE = 0.15

AGENCIES = {
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "sputnik": "Sputnik",
    "interfax": "Interfax",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "upi": "UPI",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "bloomberg": "Bloomberg",
    "sana": "SANA",
    "agencies": "agencies",
}
_AGENCY = "|".join(sorted((k for k in AGENCIES if k != "ap"), key=len, reverse=True)) + "|AP"
_NAME = rf"(?P<name>{_AGENCY})"


def _relay(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Spaces in a pattern match any run of white space (scrapes carry no-break spaces)."""
    return re.compile(pattern.replace(" ", r"\s+"), flags)


RELAY_PATTERNS = [
    _relay(rf"\baccording to (?:the )?{_NAME}\b", re.IGNORECASE),
    _relay(rf"\b(?:the )?{_NAME}(?: news agency| agency)? (?:reported|reports|said|quoted|cited)\b", re.IGNORECASE),
    _relay(
        rf"\b(?:told|quoted by|cited by|reported by|speaking to|in an interview with) (?:the )?{_NAME}\b", re.IGNORECASE
    ),
    _relay(rf"\b{_NAME} contributed to this report\b", re.IGNORECASE),
    _relay(rf"\(\s*{_NAME}\s*\)\s*[-–—]"),
]
_WORDS = re.compile(r"\w+")


@dataclass
class _Text:
    article: Article
    shingles: set[tuple[str, ...]]
    paragraphs: list[set[tuple[str, ...]]]


def find_copies(articles: Sequence[Article]) -> list[Copy]:
    """Which article copies which (duplicate or partial), and what each relays (wire agencies)."""
    texts = [_text(a) for a in sorted(articles, key=lambda a: a.id)]
    copies = _copied(texts)
    relays = [relay for text in texts for relay in find_relays(text.article)]
    return copies + relays


def find_relays(article: Article) -> list[Copy]:
    """The upstream sources an article says it relays, once each, with the words that say so."""
    found: dict[str, Copy] = {}
    for pattern in RELAY_PATTERNS:
        for match in pattern.finditer(article.body):
            name = match["name"]
            if name.lower() == "ap" and name != "AP":
                continue
            upstream = AGENCIES[name.lower()]
            if upstream not in found:
                evidence = _sentence_around(article.body, match.start(), match.end())
                found[upstream] = Copy(article_id=article.id, kind="relay", upstream=upstream, evidence=evidence)
    return sorted(found.values(), key=lambda c: c.upstream or "")


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip()


def _text(article: Article) -> _Text:
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", article.body) if len(p.split()) >= MIN_PARAGRAPH_WORDS]
    shingled = [_shingles(p) for p in paragraphs]
    whole = set().union(*shingled) if shingled else _shingles(article.body)
    return _Text(article, whole, shingled)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _minhash(shingles: Iterable[tuple[str, ...]]) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch([" ".join(s).encode("utf-8") for s in shingles])
    return minhash


def _copied(texts: list[_Text]) -> list[Copy]:
    """Candidate pairs share a near-identical paragraph (LSH); each copy keeps its best source."""
    lsh = MinHashLSH(threshold=PARAGRAPH_JACCARD, num_perm=PERMUTATIONS)
    signatures = [[_minhash(p) for p in text.paragraphs] for text in texts]
    for index, minhashes in enumerate(signatures):
        for number, minhash in enumerate(minhashes):
            lsh.insert(f"{index}:{number}", minhash)
    pairs: set[tuple[int, int]] = set()
    for index, minhashes in enumerate(signatures):
        for minhash in minhashes:
            for key in lsh.query(minhash):
                other = int(key.split(":")[0])
                if other != index:
                    pairs.add((min(index, other), max(index, other)))
    candidates: dict[str, list[tuple[float, float, str, Copy]]] = defaultdict(list)
    for i, j in sorted(pairs):
        source, copy = _direction(texts[i], texts[j])
        record = _compare(copy, source)
        if record is not None:
            candidates[copy.article.id].append((-record.share, _order(source), source.article.id, record))
    # Each copy keeps its best source: the most text shared, then the earliest.
    best = [min(options)[3] for options in candidates.values()]
    return sorted(best, key=lambda c: (c.article_id, c.source_id or ""))


def _order(text: _Text) -> float:
    day = text.article.date.value
    return float(day.toordinal()) if day else float(dt.date.max.toordinal())


def _direction(a: _Text, b: _Text) -> tuple[_Text, _Text]:
    """(source, copy): the earlier one is the source; on the same or unknown day, the longer one."""
    day_a, day_b = a.article.date.value, b.article.date.value
    if day_a and day_b and day_a != day_b:
        return (a, b) if day_a < day_b else (b, a)
    if len(a.shingles) != len(b.shingles):
        return (a, b) if len(a.shingles) > len(b.shingles) else (b, a)
    return (a, b) if a.article.id < b.article.id else (b, a)


def _compare(copy: _Text, source: _Text) -> Copy | None:
    if not copy.shingles:
        return None
    share = len(copy.shingles & source.shingles) / len(copy.shingles)
    shared = sum(1 for p in copy.paragraphs if p and len(p & source.shingles) / len(p) >= PARAGRAPH_JACCARD)
    if share < MIN_SHARE and not shared:
        return None
    return Copy(
        article_id=copy.article.id,
        kind="duplicate" if share >= DUPLICATE_SHARE else "partial",
        source_id=source.article.id,
        share=round(share, 3),
        paragraphs=shared,
    )


def independent_sources(articles: Sequence[Article], copies: Sequence[Copy]) -> list[list[str]]:
    """Groups of article ids that count as one source because one copies the other's text."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for copy in copies:
        if copy.article_id in parent and copy.source_id in parent:
            parent[find(copy.article_id)] = find(copy.source_id)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in parent:
        groups[find(aid)].append(aid)
    return sorted(sorted(g) for g in groups.values())
