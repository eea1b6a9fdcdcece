"""Reader comment threads at the end of a plain-text page.

A thread shows itself by layout, not by any site's wording: short name lines
each followed by a reply, or a numbered/bulleted list of replies under a
comments or related-posts heading.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from manysides.extract.dates import parse_date_line
from manysides.extract.lines import Line, ends_sentence
from manysides.extract.textrules import is_section_end

_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "how",
        "why",
        "what",
        "when",
        "where",
        "who",
        "which",
        "not",
        "no",
        "new",
        "after",
        "before",
        "over",
        "under",
        "about",
    ]
)
_HANDLE = re.compile(r"^[\w'’.@-]+$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[•*·▪◦‣-])\s+")
_PERSONAL = re.compile(r"\b(?:i|i'm|i’m|i'll|i’ll|i've|my|me|you|your|lol|lmao|imho|imo)\b|[!?]{1,}", re.I)


@dataclass
class ThreadComment:
    """One comment found in a thread: its author line (if any) and its lines."""

    author: Line | None
    lines: list[Line] = field(default_factory=list)


def is_name_line(line: Line) -> bool:
    """A line that can only be a commenter's name or handle: 1-4 plain words, no sentence."""
    words = line.text.split()
    if not 1 <= len(words) <= 4 or len(line.text) > 40 or ends_sentence(line.text):
        return False
    if line.text.endswith(":") or parse_date_line(line.text) is not None:
        return False
    if any(w.lower() in _FUNCTION_WORDS for w in words):
        return False
    return all(_HANDLE.match(w) and any(c.isalpha() for c in w) for w in words)


def is_author_line(line: Line) -> bool:
    """A commenter's signature under a comments heading: short, no sentence, maybe an initial."""
    text = line.text
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 40 or text.endswith((":", "?", "!", ",")):
        return False
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        return False
    return parse_date_line(text) is None and any(c.isalpha() for c in text)


def _personal_share(lines: list[Line]) -> float:
    """Pronouns of the first and second person, exclamations and questions per word."""
    words = sum(len(line.words) for line in lines)
    hits = sum(len(_PERSONAL.findall(line.text)) for line in lines)
    return hits / max(words, 1)


def named_thread_start(lines: list[Line], end: int) -> int | None:
    """Where a run of name-line + reply pairs starts that lasts to `end`, if there is one.

    At least two name lines are needed, and the replies must read like conversation
    (first/second person, exclamations, questions) more than the text before them.
    """
    names = [i for i in range(end) if lines[i].standalone and is_name_line(lines[i])]
    for start in names:
        later = [i for i in names if i >= start]
        if not _alternates(lines, later, end):
            continue
        replies = [lines[i] for i in range(start, end) if i not in later]
        article = lines[:start]
        if not replies or len(article) < 2:
            continue
        # Crossheads look like names too; what gives a thread away is its register.
        if _personal_share(replies) > 1.5 * _personal_share(article) + 0.01:
            return start
    return None


def _alternates(lines: list[Line], names: list[int], end: int) -> bool:
    """Each name line is followed by at least one reply line, and replies are short talk."""
    if len(names) < 2:
        return False
    bounds = [*names, end]
    for here, nxt in itertools.pairwise(bounds):
        if nxt - here < 2:
            return False
        reply_words = sum(len(lines[i].words) for i in range(here + 1, nxt))
        if reply_words > 400:
            return False
    return True


def section_end_index(lines: list[Line], start: int) -> int | None:
    """The first 'Related posts' / 'Comments' / comment-widget line at or after `start`."""
    for i in range(start, len(lines)):
        if is_section_end(lines[i]):
            return i
    return None


def split_named_thread(lines: list[Line], declared: bool = False) -> list[ThreadComment]:
    """Comments from lines that alternate name, reply, name, reply...

    Under a comments heading (`declared`) an author line may sit right on its reply and
    read like 'Marta from Tannery Street' or 'Ines P.'.
    """
    comments: list[ThreadComment] = []
    for position, line in enumerate(lines):
        nxt = lines[position + 1] if position + 1 < len(lines) else None
        if declared:
            starts = is_author_line(line) and nxt is not None and not is_author_line(nxt)
        else:
            starts = line.standalone and is_name_line(line)
        if starts and (not comments or comments[-1].lines):
            comments.append(ThreadComment(author=line))
        elif comments:
            comments[-1].lines.append(line)
    return comments


def is_list_item(line: Line) -> bool:
    return bool(_LIST_ITEM.match(line.text))


def split_listed_thread(lines: list[Line]) -> list[ThreadComment]:
    """Comments from a numbered or bulleted list; deeper indents continue the item above."""
    comments: list[ThreadComment] = []
    for line in lines:
        if _LIST_ITEM.match(line.text) or not comments:
            text = _LIST_ITEM.sub("", line.text)
            comments.append(ThreadComment(author=None, lines=[Line(line.index, text, line.indent, True, True)]))
        else:
            comments[-1].lines.append(line)
    return comments
