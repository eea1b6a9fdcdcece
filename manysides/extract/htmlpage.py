"""Articles from HTML: trafilatura finds the main text and metadata, we clean what it leaves."""

from __future__ import annotations

import logging

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.utils import load_html

from manysides.errors import ExtractionError
from manysides.extract.dates import markup_date
from manysides.extract.htmlcomments import comments_from_html
from manysides.extract.htmlprune import (
    comment_section_text,
    comment_tail_start,
    drop_comment_lines,
    split_comment_tail,
)
from manysides.extract.lines import Line, normalise, split_lines
from manysides.extract.textpage import TextParts
from manysides.extract.textrules import is_amount, is_html_widget, is_timestamp
from manysides.models import Block, Comment, PubDate

log = logging.getLogger(__name__)

# trafilatura's fast pass is enough for most pages; below this many characters of text we run
# its full comparison with readability and jusText (measured: same F1, a fraction of the time).
_FULL_RUN_BELOW = 1000
# The title is taken off the body when it is one of the body's first lines (after a kicker, say).
_TITLE_WITHIN = 3


class HtmlParts:
    """The body, metadata and comments of one HTML page."""

    def __init__(self, source: str, content: str, url: str | None) -> None:
        self.source = source
        tree, self.comments, sections = _prepared(content)
        self.heading_keys = _heading_keys(tree)
        document = _main_text(tree, content, url, fast=True)
        if len(getattr(document, "text", None) or "") < _FULL_RUN_BELOW:
            # Short or no text: let trafilatura compare its result with its fallback extractors.
            tree, _, _ = _prepared(content)
            document = _main_text(tree, content, url, fast=False)
        self.title: str = (getattr(document, "title", None) or "").strip()
        self.author: str | None = getattr(document, "author", None) or None
        self.url: str | None = getattr(document, "url", None) or url
        self.sitename: str | None = getattr(document, "sitename", None) or None
        self.language: str | None = getattr(document, "language", None) or None
        self.markup_date: PubDate | None = markup_date(getattr(document, "date", None))
        self.text_date: PubDate | None = None
        self.removed: list[Block] = []
        text = (getattr(document, "text", None) or "").strip()
        if not text:
            text = self._fallback_text(content)
        text, inline_tail = split_comment_tail(text)
        self.body, tail, trusted = self._clean(text, sections)
        if not self.body:
            raise ExtractionError(source, "no article text found in the HTML")
        loose = [*tail, *(line for line in inline_tail.split("\n") if line.strip())]
        self.removed.extend(Block(text=t, role="comment") for t in loose)
        if not self.comments:
            unstructured = [*sections, *loose] if trusted else loose
            self.comments = [Comment(text=t, order=i) for i, t in enumerate(dict.fromkeys(unstructured))]

    def _fallback_text(self, content: str) -> str:
        """When trafilatura finds nothing (broken or odd markup), classify the visible text."""
        log.warning("%s: trafilatura found no main text; falling back to the plain-text cleaner", self.source)
        visible = _visible_text(content)
        if not visible.strip():
            return ""
        try:
            parts = TextParts(self.source, visible)
        except ExtractionError:
            return ""
        self.title = self.title or parts.title
        self.text_date = parts.text_date
        _, body, removed = parts.items()[0]
        self.removed.extend(removed)
        return "\n".join(line.text for line in body)

    def _clean(self, text: str, sections: list[str]) -> tuple[str, list[str], bool]:
        """(body, cut comment lines, comment sections trusted): the body has no widget lines, no title
        repeated on top, no comment section's lines and no comment run at its end."""
        lines = split_lines(text)
        cut = comment_tail_start(lines)
        tail = [line.text for line in lines[cut:]] if cut is not None else []
        kept: list[str] = []
        title_key = normalise(self.title)
        title_seen = False
        body_lines = lines[:cut]
        for i, line in enumerate(body_lines):
            if is_html_widget(line) or _in_amount_run(body_lines, i):
                self.removed.append(Block(text=line.text, role="widget"))
            elif is_timestamp(line.text):
                self.removed.append(Block(text=line.text, role="dateline"))
            elif not title_seen and i < _TITLE_WITHIN and title_key and normalise(line.text) == title_key:
                title_seen = True
                self.removed.append(Block(text=line.text, role="headline"))
            else:
                kept.append(line.text)
        kept, dropped, trusted = drop_comment_lines(kept, sections)
        return "\n\n".join(kept), dropped + tail, trusted

    def layout(self) -> list[tuple[Line, str]]:
        """Body lines with the role 'subheading' where the page marks them as headings (h2-h4)."""
        lines = split_lines(self.body)
        return [(line, "subheading" if normalise(line.text) in self.heading_keys else "body") for line in lines]


def _heading_keys(tree: lxml_html.HtmlElement | None) -> set[str]:
    if tree is None:
        return set()
    return {normalise(node.text_content()) for node in tree.iter("h2", "h3", "h4")} - {""}


def _in_amount_run(lines: list[Line], i: int) -> bool:
    """Two or more amount lines in a row are a donation widget; one alone is a price."""
    if not is_amount(lines[i].text):
        return False
    neighbours = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(is_amount(text) for text in neighbours)


def _prepared(content: str) -> tuple[lxml_html.HtmlElement | None, list[Comment], list[str]]:
    """The parsed page, the comments found in it, and the text of its comment sections."""
    tree = _parse(content)
    if tree is None:
        return None, [], []
    return tree, comments_from_html(tree), comment_section_text(tree)


def _main_text(tree: lxml_html.HtmlElement | None, content: str, url: str | None, fast: bool) -> object:
    """trafilatura's main text and metadata, comments left out (ours are read apart)."""
    return trafilatura.bare_extraction(
        tree if tree is not None else content,
        url=url,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
    )


def _parse(content: str) -> lxml_html.HtmlElement | None:
    """The page as a tree; None when even a forgiving parser cannot read it."""
    try:
        tree: lxml_html.HtmlElement | None = load_html(content)
    except (ParserError, ValueError):
        return None
    return tree


def _visible_text(content: str) -> str:
    tree = _parse(content)
    if tree is None:
        return content
    for node in tree.iter("script", "style", "noscript", "template"):
        node.drop_tree()
    blocks = []
    for node in tree.iter("p", "h1", "h2", "h3", "h4", "li", "td", "pre", "blockquote", "div"):
        if node.tag == "div" and any(child.tag in ("p", "div") for child in node):
            continue
        text = " ".join(node.text_content().split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)
