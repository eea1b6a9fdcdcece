"""The page parsed once, and made ready for the extractors: no words glued at block edges.

Extractors drop boxes such as <aside>, <figure> or a share bar and join the text
on either side of them; a browser shows that text on separate lines. Empty links
(`<a name="p2"></a>` anchors, icon links) make trafilatura drop whole paragraphs.
"""

from __future__ import annotations

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
# Links and inline wrappers with neither text nor children.
_EMPTY_INLINE = etree.XPath(
    "//*[self::a or self::span or self::font or self::b or self::i or self::em or self::strong]"
    "[not(*)][not(normalize-space())]"
)


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
    """Drop empty links and inline wrappers (their tail text stays); start the text after each box
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
