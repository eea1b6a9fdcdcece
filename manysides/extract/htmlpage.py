"""Articles from HTML: trafilatura finds the main text and metadata, we clean what it leaves."""

from __future__ import annotations

import logging

import trafilatura
from lxml import html as lxml_html

from manysides.errors import ExtractionError
from manysides.extract.dates import date_from_url
from manysides.extract.htmlcomments import comments_from_html
from manysides.extract.htmlmeta import HtmlMeta, read_author, read_date, read_meta
from manysides.extract.htmlprune import (
    comment_section_text,
    comment_tail_start,
    comment_teasers,
    drop_comment_lines,
    split_comment_tail,
)
from manysides.extract.htmltree import comment_named, parse_html
from manysides.extract.lines import Line, normalise, split_lines, unbox_rows
from manysides.extract.splitbody import continuation
from manysides.extract.textpage import TextParts
from manysides.extract.textrules import is_amount, is_html_widget, is_price, is_timestamp
from manysides.models import Block, Comment, PubDate

log = logging.getLogger(__name__)

# trafilatura's fast pass is enough for most pages; below this many characters of text we run
# its full comparison with readability and jusText (measured: same F1, a fraction of the time).
_FULL_RUN_BELOW = 1000
# The title is taken off the body when it is one of the body's first lines (after a kicker, say).
_TITLE_WITHIN = 3


class HtmlParts:
    """The body, metadata and comments of one HTML page."""

    def __init__(self, source: str, content: str, url: str | None, date_known: bool = False) -> None:
        """Parse `content` once; `date_known` skips the date search (the input or URL gave one)."""
        self.source = source
        tree = parse_html(content)
        named = comment_named(tree) if tree is not None else []
        self.comments = comments_from_html(named)
        sections = comment_section_text(named)
        self.heading_keys = _heading_keys(tree)
        meta = read_meta(tree, url) if tree is not None else HtmlMeta("", None, url, None, None)
        self.title: str = meta.title
        self.url: str | None = meta.url or url
        self.sitename: str | None = meta.sitename
        self.language: str | None = meta.language
        self.markup_date: PubDate | None = None
        self.text_date: PubDate | None = None
        self.removed: list[Block] = []
        text = _main_text(tree, content, self.url)
        if tree is not None and text:
            text = "\n".join([text, *continuation(tree, text)])
        if tree is not None and not (date_known or date_from_url(self.url)):
            self.markup_date = read_date(tree, self.url)
        # Last: reading the byline prunes the tree.
        self.author: str | None = meta.author or (read_author(tree) if tree is not None else None)
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
        lines = split_lines(unbox_rows(text))
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
        teasers = comment_teasers(kept)
        self.removed.extend(Block(text=text, role="related") for text in kept if text in teasers)
        kept, dropped, trusted = drop_comment_lines([text for text in kept if text not in teasers], sections)
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
    """Two or more amount lines in a row are a donation widget; one alone, or one with cents, is a price."""
    if not is_amount(lines[i].text) or is_price(lines[i].text):
        return False
    neighbours = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(is_amount(text) and not is_price(text) for text in neighbours)


def _main_text(tree: lxml_html.HtmlElement | None, content: str, url: str | None) -> str:
    """trafilatura's main text, comments left out (ours are read apart); the tree is not changed.

    Its fast pass first; on short results its full comparison with readability and jusText.
    """
    text = _trafilatura_text(tree, content, url, fast=True)
    if len(text) < _FULL_RUN_BELOW:
        text = _trafilatura_text(tree, content, url, fast=False) or text
    return text.strip()


def _trafilatura_text(tree: lxml_html.HtmlElement | None, content: str, url: str | None, fast: bool) -> str:
    # bare_extraction copies a tree it is given, so ours stays whole for the later passes.
    document = trafilatura.bare_extraction(
        tree if tree is not None else content,
        url=url,
        fast=fast,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    return getattr(document, "text", None) or ""


def _visible_text(content: str) -> str:
    tree = parse_html(content)
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
