"""Our block classifier for plain-text scrapes: every line gets a role.

Passes run from the most certain evidence to the least: the page's tail
(comment threads, related posts), then what a line shows on its own
(widgets, captions, bylines, datelines, footers), then context (the headline
and its repeats, link lists, pull quotes that repeat the body, subheadings);
whatever is left is body.
"""

from __future__ import annotations

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
    _mark_link_lists(lines, roles)
    _mark_headline(lines, roles)
    _mark_pull_quotes(lines, roles)
    _mark_subheadings(lines, roles)
    final: list[BlockRole] = [role or "body" for role in roles]
    return Layout(lines, final, comments)


def _mark_tail(lines: list[Line], roles: list[BlockRole | None]) -> list[ThreadComment]:
    """Comment threads and related-post sections run to the end of the page."""
    end = section_end_index(lines, start=0)
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
    listed = [line for line in tail[1:] if line_role(line) != "widget"]
    for line in tail[1:]:
        roles[line.index] = "widget" if line_role(line) == "widget" else "comment"
    found = split_listed_thread(listed) if any(is_list_item(line) for line in listed) else split_named_thread(listed)
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
    open_lines = [line for line in lines[:_HEADLINE_WINDOW] if roles[line.index] is None]
    headline = next((line for line in open_lines if _is_headline(line)), None)
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
    for line in [*lines, None]:
        joined = line is not None and run and not line.blank_before and line.index == run[-1].index + 1
        if line is not None and roles[line.index] is None and looks_like_heading(line.text) and (joined or not run):
            run.append(line)
            continue
        if len(run) >= 2:
            # A menu above the article is navigation; a link list inside or after it is related content.
            role: BlockRole = "navigation" if run[0].index < _first_prose(lines) else "related"
            for item in run:
                roles[item.index] = role
        run = []
        if line is not None and roles[line.index] is None and looks_like_heading(line.text):
            run = [line]


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
