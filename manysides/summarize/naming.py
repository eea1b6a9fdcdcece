"""Neutral naming: the story's most neutral name for each side, and loaded labels replaced by it.

The lexicons live in `manysides/data/` (`neutral_names.tsv`, `summary_loaded_words.txt`), each
with its source in its header. Only the summary's own voice is touched: words inside quotation
marks are the speaker's and stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from manysides.summarize.text import QUOTED

DATA = Path(__file__).resolve().parents[1] / "data"
NAMES_FILE = DATA / "neutral_names.tsv"
LOADED_FILE = DATA / "summary_loaded_words.txt"
STORY_NAME = "*"


@dataclass(frozen=True)
class Label:
    group: str
    name: str
    loaded: bool
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def file_labels() -> tuple[Label, ...]:
    """The naming lexicon in file order (neutral names in order of preference)."""
    rows = []
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, name, loaded, pattern = line.split("\t")
        rows.append(Label(group, name, loaded == "1", re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)))
    return tuple(rows)


@lru_cache(maxsize=1)
def labels() -> tuple[Label, ...]:
    """The naming lexicon, longer patterns first so 'rebel groups' wins over 'rebels'."""
    return tuple(sorted(file_labels(), key=lambda r: -len(r.pattern.pattern)))


@lru_cache(maxsize=1)
def loaded_words() -> tuple[re.Pattern[str], ...]:
    """Loaded words with no neutral stand-in, as patterns."""
    out = []
    for line in LOADED_FILE.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            body = re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
            out.append(re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))
    return tuple(out)


Spans = Sequence[tuple[int, int]]


def _quoted_spans(text: str, protected: Spans = ()) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)] + list(protected)


def _in_quote(start: int, end: int, spans: Spans) -> bool:
    """Inside a real quotation: a quote longer than the match itself (a scare quote is not)."""
    return any(s <= start and end <= e and (e - s) > (end - start) + 2 for s, e in spans)


def story_names(texts: Iterable[str]) -> dict[str, str]:
    """Each side's most neutral name that some outlet uses in its own voice (else the lexicon's first)."""
    spanned = [(t, _quoted_spans(t)) for t in texts]
    chosen: dict[str, str] = {}
    for label in file_labels():
        if label.loaded or label.group in chosen:
            continue
        if any(not _in_quote(*m.span(), spans) for t, spans in spanned for m in label.pattern.finditer(t)):
            chosen[label.group] = label.name
    for label in file_labels():
        if not label.loaded:
            chosen.setdefault(label.group, label.name)
    return chosen


def _replacement(label: Label, matched: str, names: Mapping[str, str]) -> str:
    name = names.get(label.group, label.name) if label.name == STORY_NAME else label.name
    # plural when a common noun of the label is ('defenders of Kessa', 'rebel mob': a mob is many people)
    plural = any(w.endswith(("s", "men", "ies", "mob")) for w in re.findall(r"\b[a-z][a-z’'-]*", matched.lower()))
    if not plural and name.endswith("s"):
        name = name[:-1]
    return name


def neutralize(text: str, names: Mapping[str, str], protected: Spans = ()) -> str:
    """The text with loaded labels in its own voice replaced by the story's neutral names.

    `protected` spans (offsets into `text`) are quotations that began in an earlier sentence.
    """
    if not _any_loaded_label().search(text):
        return text
    spans = _quoted_spans(text, protected)
    edits: list[tuple[int, int, str]] = []
    for label in labels():
        if not label.loaded:
            continue
        for m in label.pattern.finditer(text):
            taken = any(m.start() < e and s < m.end() for s, e, _ in edits)
            # "Russian-regime": half a compound; renaming it would change what it names, so leave it
            compound = text[m.start() - 1 : m.start()] == "-" or text[m.end() : m.end() + 1] == "-"
            if not taken and not compound and not _in_quote(m.start(), m.end(), spans):
                new = _replacement(label, m.group(0), names)
                opens = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in ".!?\"“‘'"
                edits.append((m.start(), m.end(), new[:1].upper() + new[1:] if opens else new))
    for start, end, new in sorted(edits, reverse=True):
        before = text[:start]
        if re.search(r"(?<!\w)[aA] $", before) and new[:1].lower() in "aeiou":
            before = before[:-1] + "n "
        elif re.search(r"(?<!\w)[aA]n $", before) and new[:1].lower() not in "aeiou":
            before = before[:-2] + " "
        text = before + new + text[end:]
    return text


def loaded_terms(text: str, protected: Spans = ()) -> list[str]:
    """Loaded labels and loaded words used in the text's own voice (outside quotation marks)."""
    if not _maybe_loaded(text):
        return []  # most sentences carry none: one search says so
    return list(_loaded_terms(text, tuple(protected)))


@lru_cache(maxsize=8192)
def _maybe_loaded(text: str) -> bool:
    return _any_loaded().search(text) is not None


@lru_cache(maxsize=8192)
def _loaded_terms(text: str, protected: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    spans = _quoted_spans(text, protected)
    patterns = [label.pattern for label in labels() if label.loaded] + list(loaded_words())
    return tuple(m.group(0) for p in patterns for m in p.finditer(text) if not _in_quote(m.start(), m.end(), spans))


@lru_cache(maxsize=1)
def _any_loaded() -> re.Pattern[str]:
    """Every loaded label and loaded word in one pattern (a quick test that may over-match)."""
    return _one_pattern([label.pattern for label in labels() if label.loaded] + list(loaded_words()))


@lru_cache(maxsize=1)
def _any_loaded_label() -> re.Pattern[str]:
    """Every loaded label (the ones `neutralize` renames) in one pattern (may over-match)."""
    return _one_pattern([label.pattern for label in labels() if label.loaded])


def _one_pattern(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    # each pattern opens on a word start: said once outside, and without the per-pattern
    # lookarounds, the engine rules out most alternatives by their first letter
    cores = [p.pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)") for p in patterns]
    return re.compile(r"(?<!\w)(?:" + "|".join(cores) + ")", re.IGNORECASE)
