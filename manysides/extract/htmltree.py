"""The page parsed once, and made ready for the extractors: no words glued at block edges.

Extractors drop boxes such as <aside>, <figure> or a share bar and join the text
on either side of them; a browser shows that text on separate lines. Empty links
(`<a name="p2"></a>` anchors, icon links) make trafilatura drop whole paragraphs.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import ParserError
from trafilatura.utils import load_html

# Elements a browser lays out as boxes of their own, and embedded media that extractors remove.
_BOXES = (
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "iframe",
    "video",
    "audio",
    "button",
    "select",
    "textarea",
    "svg",
    "canvas",
)
_INLINE = frozenset(["a", "span", "font", "b", "i", "em", "strong", "u", "small", "sup", "sub", "label"])
# Links and spans with neither text nor children (one scan per tag: a union of self:: tests is 3x slower).
_EMPTY_INLINE = etree.XPath("//a[not(normalize-space())][not(*)] | //span[not(normalize-space())][not(*)]")


# Word stems without their first letter, so 'Comments' and 'comments' both match without lower-casing.
_COMMENT_STEMS = re.compile("omment|eply|isqus|espond|alkback|iscussion|eedback|essageboard|eaction")
_NAMED = etree.XPath("//@id | //@class")


def comment_named(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Elements, in document order, whose id or class mentions comments, replies, discussion or
    feedback: the candidates for comment sections and comment items. One scan of the attributes
    (several contains() tests per element in XPath cost three times as much)."""
    found = (value.getparent() for value in _NAMED(tree) if _COMMENT_STEMS.search(value))
    return list(dict.fromkeys(node for node in found if node is not None))


def parse_html(content: str) -> lxml_html.HtmlElement | None:
    """The page as a tree, tidied (see the module's note); None when even a forgiving parser fails."""
    try:
        tree: lxml_html.HtmlElement | None = load_html(content)
    except (ParserError, ValueError):
        return None
    if tree is not None:
        separate_boxes(tree)
    return tree


def separate_boxes(tree: lxml_html.HtmlElement) -> None:
    """Drop empty links and spans (their tail text stays); start the text after each box
    with a line break, so it cannot join the word before the box when an extractor removes it."""
    for node in _EMPTY_INLINE(tree):
        if node.getparent() is not None:
            node.drop_tag()
    for box in tree.iter(*_BOXES):
        node = _last_of_inline_wrappers(box)
        tail = node.tail
        # Only text glued to the box: more whitespace elsewhere sways trafilatura's choice of extractor.
        if tail and not tail[0].isspace():
            node.tail = "\n" + tail


def _last_of_inline_wrappers(box: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The outermost inline element that `box` ends (`<span><figure/></span>tail`): its tail is
    the text that follows the box."""
    node = box
    while not node.tail and node.getnext() is None:
        parent = node.getparent()
        if parent is None or parent.tag not in _INLINE:
            break
        node = parent
    return node
