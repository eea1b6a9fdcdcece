"""Live blogs and daily round-ups: one page, several items under their own headings."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.extract.lines import Line

_ROUNDUP_TITLE = re.compile(
    r"\b(?:daily|weekly|live|latest|round-?up|briefing|digest|updates|as it happened|what we know|"
    r"morning|evening|news in brief)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{4,}")
_MAX_OVERLAP = 0.12


@dataclass
class Section:
    """A run of body lines and the heading over it (None for the lead before any heading)."""

    heading: Line | None
    body: list[Line] = field(default_factory=list)


def sections(ordered: Sequence[tuple[Line, str]]) -> list[Section]:
    """Cut (line, role) pairs at each subheading; only body lines are kept."""
    found = [Section(heading=None)]
    for line, role in ordered:
        if role == "subheading":
            found.append(Section(heading=line))
        elif role == "body":
            found[-1].body.append(line)
    return [s for s in found if s.body]


def is_roundup(title: str, parts: list[Section]) -> bool:
    """Several headed sections that a title calls a round-up, or that share few words."""
    headed = [s for s in parts if s.heading is not None]
    if len(headed) < 2:
        return False
    if _ROUNDUP_TITLE.search(title):
        return True
    return _mean_overlap(parts) < _MAX_OVERLAP


def _mean_overlap(parts: list[Section]) -> float:
    """Mean Jaccard overlap of content words between neighbouring sections."""
    bags = [Counter(w.lower() for line in s.body for w in _WORD.findall(line.text)) for s in parts]
    scores = []
    for left, right in itertools.pairwise(bags):
        union = len(left.keys() | right.keys())
        scores.append(len(left.keys() & right.keys()) / union if union else 1.0)
    return sum(scores) / len(scores) if scores else 1.0
