"""Plain text cut into lines, with the layout facts the block classifier reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "nor",
        "with",
        "from",
        "by",
        "as",
        "vs",
        "via",
        "into",
        "onto",
        "over",
        "per",
        "than",
    ]
)
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_TERMINAL = ".!?;,"


@dataclass
class Line:
    """One non-empty line of a plain-text page and the blank lines around it."""

    index: int
    text: str
    indent: int
    blank_before: bool
    blank_after: bool

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @property
    def standalone(self) -> bool:
        """Set apart by blank lines on both sides (or the page edge)."""
        return self.blank_before and self.blank_after


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of `text`, each knowing whether a blank line surrounds it."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    for position, row in enumerate(raw):
        stripped = row.strip()
        if not stripped:
            continue
        before = position == 0 or not raw[position - 1].strip()
        after = position == len(raw) - 1 or not raw[position + 1].strip()
        indent = len(row) - len(row.lstrip())
        lines.append(Line(len(lines), stripped, indent, before, after))
    return lines


def title_case_share(text: str) -> float:
    """Share of the non-small words that start with a capital letter or a digit."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words)


def ends_sentence(text: str) -> bool:
    """True when the line ends like prose: a full stop, question or exclamation mark."""
    stripped = text.rstrip("\"”’'»)] ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def looks_like_heading(text: str, max_words: int = 20) -> bool:
    """A short line in title case that does not end like a sentence or an introduction."""
    words = _WORD.findall(text)
    if not words or len(words) > max_words:
        return False
    if ends_sentence(text) or text.rstrip().endswith(":"):
        return False
    return title_case_share(text) >= 0.6 or text.isupper()


def normalise(text: str) -> str:
    """Lower-case letters and digits only, single-spaced: for comparing repeats."""
    return " ".join(re.findall(r"\w+", text.lower()))


_CELL_BAR = re.compile(r"(?<!\\)\|")


def unbox_rows(text: str) -> str:
    """Table rows as text: a row with one filled cell becomes that cell's text, a row of empty
    cells an empty line ('|  | Title |' -> 'Title'); rows of several cells stay tables."""
    rows = []
    for row in text.split("\n"):
        stripped = row.strip()
        if stripped.startswith("|"):
            filled = [cell.strip() for cell in _CELL_BAR.split(stripped) if cell.strip()]
            if len(filled) <= 1:
                row = filled[0] if filled else ""
        rows.append(row)
    return "\n".join(rows)
