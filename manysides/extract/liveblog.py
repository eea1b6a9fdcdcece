"""Live blogs and daily round-ups: one page, several items under their own headings."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.extract.lines import Line

# What round-up and live pages call themselves ('Syria Daily:', 'Live updates', 'Morning briefing').
_ROUNDUP_TITLE = re.compile(
    r"(?:^live\b|\blive(?::|\s+(?:updates?|blog|coverage|news)\b)|\b[A-Z][\w-]+ (?:Daily|Weekly):|"
    r"\bround-?up\b|\bbriefing\b|\bdigest\b|\bas it happened\b|\bwhat we know\b|\bnews in brief\b)",
    re.IGNORECASE,
)
# Crossheads inside one article run two to four words; item headlines in a round-up run longer.
_HEADLINE_WORDS = 6
_MIN_LEAD_WORDS = 40
_MAX_OVERLAP = 0.1
_CONTENT_WORD = re.compile(r"[^\W\d_]{5,}")


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
    # A lead that is only a kicker or a standfirst is not an item of its own.
    return [s for s in found if s.body and (s.heading is not None or _words(s) >= _MIN_LEAD_WORDS)]


def is_roundup(title: str, parts: list[Section]) -> bool:
    """Two or more headed sections under a title that calls the page a round-up or live page;
    or three or more under headline-length headings, sharing few words (separate stories)."""
    headed = [s.heading for s in parts if s.heading is not None]
    if len(headed) < 2:
        return False
    if _ROUNDUP_TITLE.search(title):
        return True
    if len(headed) < 3 or min(len(h.words) for h in headed) < _HEADLINE_WORDS:
        return False
    if 2 * sum(h.text.rstrip().endswith("?") for h in headed) >= len(headed):
        return False  # an interview: the headings are the questions
    return _mean_overlap(parts) < _MAX_OVERLAP


def _words(section: Section) -> int:
    return sum(len(line.words) for line in section.body)


def _mean_overlap(parts: list[Section]) -> float:
    """Mean Jaccard overlap of content words between neighbouring sections."""
    bags = [Counter(w.lower() for line in s.body for w in _CONTENT_WORD.findall(line.text)) for s in parts]
    scores = []
    for left, right in itertools.pairwise(bags):
        union = len(left.keys() | right.keys())
        scores.append(len(left.keys() & right.keys()) / union if union else 1.0)
    return sum(scores) / len(scores) if scores else 1.0
