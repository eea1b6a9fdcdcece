"""Article bodies split into several boxes, with adverts or embeds between them.

Some publishers cut one article into boxes of the same kind (`<div class="body
__container">` again and again); trafilatura keeps the first box and drops the
rest. We find the box that holds the last paragraph it kept and read on through
the later boxes of the same tag and class, up to the next page-level heading.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from manysides.extract.lines import normalise

_PARAGRAPH_STARTING = etree.XPath("//p[starts-with(normalize-space(.), $start)]")
_KEY_CHARS = 80
_MIN_WORDS = 12
_LINES_TRIED = 5
_MIN_PARAGRAPHS = 3
# A heading of this rank starts another article (a list page), not a section of this one.
_PAGE_HEADINGS = ("h1",)


def continuation(tree: lxml_html.HtmlElement, text: str) -> list[str]:
    """Paragraphs of the later boxes that continue the article `text` ends in, not already in it."""
    box = _last_box(tree, text)
    if box is None:
        return []
    known = set(map(normalise, text.split("\n")))
    found: list[str] = []
    for later in _later_boxes(box):
        lines = [" ".join(paragraph.text_content().split()) for paragraph in later.iter("p")]
        # A chunk of the article is prose; a disclaimer or an address box with the same class is not.
        if sum(len(line.split()) >= _MIN_WORDS for line in lines) < _MIN_PARAGRAPHS:
            continue
        for line in lines:
            if line and normalise(line) not in known:
                known.add(normalise(line))
                found.append(line)
    return found


def _last_box(tree: lxml_html.HtmlElement, text: str) -> lxml_html.HtmlElement | None:
    """The element around the last long paragraph of `text` found in the page, if it has a class."""
    lines = [line.strip() for line in text.split("\n") if len(line.split()) >= _MIN_WORDS]
    for line in reversed(lines[-_LINES_TRIED:]):
        matches = _PARAGRAPH_STARTING(tree, start=" ".join(line[:_KEY_CHARS].split()))
        if matches:
            parent = matches[-1].getparent()
            return parent if parent is not None and parent.get("class") else None
    return None


def _later_boxes(box: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Boxes of the same tag and class after `box`: its siblings, or the same box inside its parent's
    siblings; none past a page-level heading."""
    kind = (box.tag, box.get("class"))
    found: list[lxml_html.HtmlElement] = []
    parent = box.getparent()
    for sibling in (*box.itersiblings(), *(parent.itersiblings() if parent is not None else ())):
        if not isinstance(sibling.tag, str):
            continue  # comments and processing instructions
        if sibling.tag in _PAGE_HEADINGS or sibling.find(".//h1") is not None:
            break
        if (sibling.tag, sibling.get("class")) == kind:
            found.append(sibling)
        elif sibling.getparent() is not box.getparent():
            found.extend(node for node in sibling.iter(box.tag) if node.get("class") == kind[1])
    return found
