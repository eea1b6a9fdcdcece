"""Our block classifier for plain-text scrapes: every line gets a role.

Passes run from the most certain evidence to the least: the page's tail
(comment threads, related posts), then what a line shows on its own
(widgets, captions, bylines, datelines, footers), then context (the headline
and its repeats, link lists, pull quotes that repeat the body, subheadings);
whatever is left is body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from manysides.extract.lines import Line, ends_sentence, looks_like_heading, normalise, split_lines
from manysides.extract.textrules import is_attribution, is_related_heading, line_role
from manysides.extract.threads import (
    ThreadComment,
    is_list_item,
    named_thread_start,
    section_end_index,
    split_listed_thread,
    split_named_thread,
)
from manysides.models import BlockRole

_HEADLINE_WINDOW = 6
_IMAGE_WIDGET = re.compile(r"enlarge|gallery|photo|image|picture|slideshow|zoom", re.IGNORECASE)
# Lines under a comment heading that keep the role their own words give them.
_TAIL_KEEPS: frozenset[BlockRole | None] = frozenset({"widget", "footer"})
_PULL_QUOTE_MIN_WORDS = 6


@dataclass
class Layout:
    """A plain-text page's lines, their roles, and the comments found among them."""

    lines: list[Line]
    roles: list[BlockRole]
    comments: list[ThreadComment] = field(default_factory=list)

    def of_role(self, *roles: BlockRole) -> list[Line]:
        return [line for line, role in zip(self.lines, self.roles, strict=True) if role in roles]

    @property
    def title(self) -> str:
        headlines = self.of_role("headline")
        return headlines[0].text if headlines else ""


def classify_text(text: str) -> Layout:
    """Split `text` into lines and give each one a role."""
    lines = split_lines(text)
    roles: list[BlockRole | None] = [None] * len(lines)
    comments = _mark_tail(lines, roles)
    for i, line in enumerate(lines):
        if roles[i] is None:
            roles[i] = line_role(line)
    _mark_masthead(lines, roles)
    _mark_link_lists(lines, roles)
    _mark_headline(lines, roles)
    _mark_captions_under_images(lines, roles)
    _mark_pull_quotes(lines, roles)
    _mark_subheadings(lines, roles)
    final: list[BlockRole] = [role or "body" for role in roles]
    return Layout(lines, final, comments)


def _mark_tail(lines: list[Line], roles: list[BlockRole | None]) -> list[ThreadComment]:
    """Comment threads and related-post sections run to the end of the page."""
    # A 'Comments' button above the article is not where its comments start.
    end = section_end_index(lines, start=_first_prose(lines) + 1)
    limit = len(lines) if end is None else end
    comments: list[ThreadComment] = []
    start = named_thread_start(lines, limit)
    if start is not None:
        comments = split_named_thread(lines[start:limit])
        _mark_comments(comments, roles)
    if end is None:
        return comments
    tail = lines[end:]
    roles[end] = "related" if is_related_heading(lines[end].text) else "widget"
    listed = []
    for line in tail[1:]:
        rule = line_role(line)
        roles[line.index] = rule if rule in _TAIL_KEEPS else "comment"
        if rule not in _TAIL_KEEPS:
            listed.append(line)
    if any(is_list_item(line) for line in listed):
        found = split_listed_thread(listed)
    else:
        found = split_named_thread(listed, declared=True)
    _mark_comments(found, roles)
    return comments + found


def _mark_comments(comments: list[ThreadComment], roles: list[BlockRole | None]) -> None:
    for comment in comments:
        if comment.author is not None:
            roles[comment.author.index] = "comment_author"
        for line in comment.lines:
            roles[line.index] = "comment"


def _mark_headline(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """The first heading-like line near the top is the title; later copies of it are repeats."""
    open_lines = [line for line in lines if roles[line.index] is None][:_HEADLINE_WINDOW]
    candidates = [line for line in open_lines if _is_headline(line)]
    counts = Counter(normalise(line.text) for line in lines)
    # A title printed again further down ('the title repeated inside the body') names itself.
    repeated = [line for line in candidates if counts[normalise(line.text)] > 1]
    headline = next(iter(repeated or candidates), None)
    if headline is None:
        return
    key = normalise(headline.text)
    for line in lines:
        if roles[line.index] in (None, "body") and normalise(line.text) == key:
            roles[line.index] = "headline"


def _is_headline(line: Line) -> bool:
    """Title case, or a short unpunctuated line set apart from what follows it."""
    if looks_like_heading(line.text, max_words=30):
        return True
    return line.blank_after and len(line.words) <= 25 and not ends_sentence(line.text) and not line.text.endswith(":")


def _mark_link_lists(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """Two or more heading-like lines with no blank line between them are a list of links."""
    run: list[Line] = []
    prose = _first_prose(lines)
    for line in [*lines, None]:
        joined = line is not None and run and not line.blank_before and line.index == run[-1].index + 1
        if line is not None and roles[line.index] is None and looks_like_heading(line.text) and (joined or not run):
            run.append(line)
            continue
        if len(run) >= 2:
            # A menu above the article is navigation; a link list inside or after it is related content.
            role: BlockRole = "navigation" if run[0].index < prose else "related"
            for item in run:
                roles[item.index] = role
        run = []
        if line is not None and roles[line.index] is None and looks_like_heading(line.text):
            run = [line]


def _mark_masthead(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """Above the title, a block of two or more short unpunctuated lines (site name, tagline, menu)."""
    block: list[Line] = []
    for line in lines:
        if roles[line.index] is None and line.standalone and _is_headline(line):
            break
        if line.index >= _first_prose(lines):
            break
        if line.blank_before:
            _close_masthead(block, roles)
            block = []
        block.append(line)
    _close_masthead(block, roles)


def _close_masthead(block: list[Line], roles: list[BlockRole | None]) -> None:
    if len(block) < 2 or any(len(line.words) > 10 or ends_sentence(line.text) for line in block):
        return
    for line in block:
        if roles[line.index] is None:
            roles[line.index] = "navigation"


def _mark_captions_under_images(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """The unpunctuated line set right under an image button ('Click to enlarge') is its caption."""
    for line in lines[1:]:
        above = lines[line.index - 1]
        if roles[line.index] is not None or line.blank_before or roles[above.index] != "widget":
            continue
        if _IMAGE_WIDGET.search(above.text) and len(line.words) <= 40 and not ends_sentence(line.text):
            roles[line.index] = "caption"


def _first_prose(lines: list[Line]) -> int:
    """Index of the first line that reads like a sentence of the article."""
    return next((line.index for line in lines if len(line.words) >= 12 and ends_sentence(line.text)), len(lines))


def _mark_pull_quotes(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """A line whose words repeat inside a longer line is a pull quote; a '- Name' under it too."""
    open_lines = [line for line in lines if roles[line.index] is None]
    keys = {line.index: normalise(line.text) for line in open_lines}
    for line in open_lines:
        key = keys[line.index]
        if len(key.split()) < _PULL_QUOTE_MIN_WORDS:
            continue
        if any(_repeats(key, keys[other.index]) for other in open_lines if other.index != line.index):
            roles[line.index] = "pull_quote"
            following = line.index + 1
            if following < len(lines) and roles[following] is None and is_attribution(lines[following].text):
                roles[following] = "pull_quote"


def _repeats(short: str, long: str) -> bool:
    if len(long) <= len(short):
        return False
    if short in long:
        return True
    return len(short) >= 40 and fuzz.partial_ratio(short, long) >= 92


def _mark_subheadings(lines: list[Line], roles: list[BlockRole | None]) -> None:
    """A standalone heading-like line followed by body text heads a section."""
    for line in lines:
        if roles[line.index] is not None or not line.standalone or not looks_like_heading(line.text):
            continue
        following = line.index + 1
        if following < len(lines) and roles[following] is None:
            roles[line.index] = "subheading"
