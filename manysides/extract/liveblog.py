"""Live blogs and daily round-ups: one page, several items under their own headings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.extract.lines import Line

_ROUNDUP_TITLE = re.compile(
    r"\b(?:daily|weekly|live|latest|round-?up|briefing|digest|updates|as it happened|what we know|"
    r"morning|evening|news in brief)\b",
    re.IGNORECASE,
)
# Crossheads inside one article run two to four words; item headlines in a round-up run longer.
_HEADLINE_WORDS = 6
_MIN_LEAD_WORDS = 40


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


def _words(section: Section) -> int:
    return sum(len(line.words) for line in section.body)


def is_roundup(title: str, parts: list[Section]) -> bool:
    """Several headed sections, under a title that calls the page a round-up or live page,
    or under headings long enough to be headlines of their own (crossheads are short)."""
    headed = [s.heading for s in parts if s.heading is not None]
    if len(headed) < 2:
        return False
    if _ROUNDUP_TITLE.search(title):
        return True
    return min(len(h.words) for h in headed) >= _HEADLINE_WORDS
