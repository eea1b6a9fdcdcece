"""Reader comments from HTML, each with its author when the markup names one.

Comment systems mark their parts in class and id names ('comment', 'author',
'fn', 'content'); we read those shared conventions, not one site's layout.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from manysides.models import Comment

_ITEM_ID = re.compile(r"^(?:comment|div-comment|li-comment|reply)[-_]?\d+$", re.I)
_ITEM_CLASS = re.compile(
    r"^(?:comment|comment-item|comment_item|commentlist-item|c-comment|single-comment|reply)$", re.I
)
_AUTHOR_CLASS = re.compile(r"(?:author|\bfn\b|user-?name|commenter|comment-name|\bname\b|nickname)", re.I)
_TEXT_CLASS = re.compile(
    r"(?:comment-(?:content|text|body|message)|comment_text|\bcontent\b|\btext\b|\bbody\b|message)", re.I
)
_MAX_AUTHOR_CHARS = 60
_ITEM_TAGS = frozenset(["li", "article", "div", "section"])


def comments_from_html(named: list[lxml_html.HtmlElement]) -> list[Comment]:
    """Comments in document order, among the elements `comment_named` found; empty when the page
    marks none."""
    found: list[Comment] = []
    seen: set[str] = set()
    for node in named:
        if node.tag not in _ITEM_TAGS or not _is_comment_item(node):
            continue
        text = _comment_text(node)
        if not text or text in seen:
            continue
        seen.add(text)
        found.append(Comment(author=_comment_author(node), text=text, order=len(found)))
    return found


def _is_comment_item(node: lxml_html.HtmlElement) -> bool:
    if _ITEM_ID.match(node.get("id", "")):
        return True
    return any(_ITEM_CLASS.match(token) for token in node.get("class", "").split())


def _comment_author(node: lxml_html.HtmlElement) -> str | None:
    for child in node.iter("cite", "span", "a", "b", "strong", "div", "p", "h3", "h4", "h5"):
        if child is node or _nested_item(child, node):
            continue
        marks = f"{child.get('class', '')} {child.get('itemprop', '')}"
        if child.tag == "cite" or _AUTHOR_CLASS.search(marks):
            name = " ".join(child.text_content().split())
            name = re.sub(r"\s*(?:says|wrote|said)\s*:?$", "", name, flags=re.I)
            if 0 < len(name) <= _MAX_AUTHOR_CHARS:
                return name
    return None


def _comment_text(node: lxml_html.HtmlElement) -> str:
    for child in node.iter("div", "p", "section", "span"):
        if child is node or _nested_item(child, node):
            continue
        if _TEXT_CLASS.search(child.get("class", "")):
            text = _paragraphs(child)
            if text:
                return text
    return _paragraphs(node, own_only=True)


def _paragraphs(node: lxml_html.HtmlElement, own_only: bool = False) -> str:
    parts = []
    for p in node.iter("p"):
        if own_only and _nested_item(p, node):
            continue
        text = " ".join(p.text_content().split())
        if text:
            parts.append(text)
    if not parts and not own_only:
        parts = [" ".join(node.text_content().split())]
    return "\n".join(p for p in parts if p)


def _nested_item(child: lxml_html.HtmlElement, root: lxml_html.HtmlElement) -> bool:
    """True when `child` sits inside another comment item below `root` (a reply)."""
    parent = child.getparent()
    while parent is not None and parent is not root:
        if _is_comment_item(parent):
            return True
        parent = parent.getparent()
    return False
