"""The hand-written word lists in manysides/data, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class ActorLabel:
    group: str
    label: str
    pattern: re.Pattern[str]


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def actor_labels() -> tuple[ActorLabel, ...]:
    """Labels for the sides of a conflict, longest pattern first so longer labels win."""
    labels = [
        ActorLabel(group, label, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE))
        for group, label, pattern in _rows("actor_labels.tsv")
    ]
    return tuple(sorted(labels, key=lambda a: -len(a.pattern.pattern)))


@lru_cache(maxsize=1)
def actor_label_pattern() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """All actor labels in one pattern (longest first); group i+1 matched means label i's group."""
    labels = actor_labels()
    inner = "|".join(f"((?:{a.pattern.pattern}))" for a in labels)
    return re.compile(inner, re.IGNORECASE), tuple(a.group for a in labels)


@lru_cache(maxsize=1)
def loaded_words() -> dict[str, str]:
    """Loaded or evaluative word (spaces for '-') -> its category."""
    return {word.replace("-", " ").lower(): category for word, category in _rows("loaded_words.tsv")}


@lru_cache(maxsize=1)
def editorial_markers() -> tuple[str, ...]:
    return tuple(row[0].lower() for row in _rows("editorial_markers.txt"))


@lru_cache(maxsize=1)
def editorial_pattern() -> re.Pattern[str]:
    """Any editorial marker, on word boundaries."""
    alternatives = "|".join(re.escape(m) for m in sorted(editorial_markers(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@lru_cache(maxsize=1)
def stance_cues() -> dict[str, str]:
    """Cue word -> deny, hedge or report."""
    return {cue: kind for cue, kind in _rows("stance_cues.tsv")}


@lru_cache(maxsize=1)
def figure_words() -> dict[str, dict[str, str]]:
    """kind (person, event, unit, scale) -> {word: key}."""
    out: dict[str, dict[str, str]] = {}
    for word, kind, key in _rows("figure_words.tsv"):
        out.setdefault(kind, {})[word] = key
    return out


@lru_cache(maxsize=1)
def media_names() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("media_names.txt"))


@lru_cache(maxsize=1)
def claim_synonyms() -> dict[str, str]:
    return {word: key for word, key in _rows("claim_synonyms.tsv")}


LEXICON_FILES = (
    "actor_labels.tsv",
    "loaded_words.tsv",
    "editorial_markers.txt",
    "stance_cues.tsv",
    "figure_words.tsv",
    "media_names.txt",
    "claim_synonyms.tsv",
)


def lexicon_sources() -> list[str]:
    """Each lexicon file with the source its header states."""
    out = []
    for name in LEXICON_FILES:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        header = " ".join(line.lstrip("# ") for line in lines[:2] if line.startswith("#"))
        out.append(f"{name}: {header}")
    return out


NEGATIVE_CATEGORIES = frozenset({"pejorative", "violence", "evaluative", "emotive"})


def word_polarity(word: str) -> int:
    """-1 for a loaded word that casts its target in a bad light, +1 for praise, 0 otherwise."""
    category = loaded_words().get(word.lower())
    if category == "praise":
        return 1
    return -1 if category in NEGATIVE_CATEGORIES else 0
