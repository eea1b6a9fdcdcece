"""Reader-comment sections taken out of an HTML tree before the main text is read.

Comment systems name their containers after what they hold ('comments',
'disqus_thread', 'respond', 'talkback'); such a section is cut out whole, unless
it holds most of the page's text (then the name is misleading and we keep it).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from manysides.extract.lines import Line
from manysides.extract.textrules import is_section_end

_SECTION_ID = re.compile(r"comment|disqus|^respond$|talkback|discussion|feedback|messageboard", re.I)
_SECTION_CLASS = re.compile(
    r"^(?:[\w-]*comments?[\w-]*|disqus[\w-]*|respond|talkback|discussion|reader-?reactions?|user-?feedback)$", re.I
)
_KEEP_CLASS = re.compile(r"comments?-(?:open|closed)|has-comments?|no-comments?", re.I)
_CONTAINERS = ("div", "section", "aside", "ol", "ul", "form", "table", "dl", "footer")
_MAX_SHARE = 0.5
_TAIL_MARKER = re.compile(
    r"(?:^|(?<=[.!?:\s]))(?:comments? (?:are|is) (?:now )?closed|(?:this )?feedback is (?:now )?closed|"
    r"thanks for your comments|\d+ (?:comments?|responses?)(?: so far)?\b|leave a (?:comment|reply)\b|"
    r"post a comment\b|add (?:your|a) comment\b|reader comments\b|have your say\b|"
    r"discuss this (?:story|article)\b|join the (?:discussion|conversation)\b)",
    re.I,
)
_TAIL_START_SHARE = 0.3
_SIGNATURE = re.compile(r"^(?:posted|written|submitted|comment) by:?\s+\S.{0,80}\d", re.I)
_TAIL_MIN_CHARS = 400
_INLINE_SIGNATURE = re.compile(
    r"\b(?:posted|written|submitted) by:?\s+[^.\n]{1,60}?\s(?:on|at|\|)\s[^\n]{0,40}?\d{1,2}[:.]\d{2}", re.I
)
_SIGNED_LOOKBACK = 600


def prune_comment_sections(tree: lxml_html.HtmlElement) -> list[str]:
    """Cut comment sections out of `tree` (in place); return their text, one entry per paragraph."""
    candidates = [node for node in tree.iter(*_CONTAINERS) if _names_comments(node)]
    if not candidates:
        return []
    body = tree.find("body")
    total = len(_text(body if body is not None else tree)) or 1
    chosen: list[lxml_html.HtmlElement] = []
    for node in candidates:
        if _inside(node, chosen):
            continue
        if len(_text(node)) / total <= _MAX_SHARE:
            chosen.append(node)
    removed: list[str] = []
    for node in chosen:
        removed.extend(_paragraphs(node))
        if node.getparent() is not None:
            node.drop_tree()
    return removed


def split_comment_tail(text: str) -> tuple[str, str]:
    """Cut `text` where a comment section starts inside it: a marker ('Comments are closed',
    '12 comments') or, in text run together from table layouts, several 'Posted by X on <date>'."""
    floor = min(_TAIL_MIN_CHARS, _TAIL_START_SHARE * len(text))
    cut = next((m.start() for m in _TAIL_MARKER.finditer(text) if m.start() >= floor), None)
    signed = _signed_start(text)
    if signed is not None and signed >= floor and (cut is None or signed < cut):
        cut = signed
    if cut is None:
        return text, ""
    return text[:cut].rstrip(), text[cut:].strip()


def _signed_start(text: str) -> int | None:
    """Start of the first signed comment when two or more comment signatures appear."""
    signatures = list(_INLINE_SIGNATURE.finditer(text))
    if len(signatures) < 2:
        return None
    first = signatures[0].start()
    window = text[max(0, first - _SIGNED_LOOKBACK) : first]
    heading = window.rfind("Comments")
    if heading >= 0:
        return first - len(window) + heading
    sentence = max(window.rfind(". "), window.rfind("\n"))
    return first - len(window) + sentence + 1 if sentence >= 0 else first


def comment_tail_start(lines: list[Line]) -> int | None:
    """Index of the line where a comment or related section starts in extracted text, if any.

    Either a section heading ('Comments', 'Related articles', 'Leave a reply') once the
    article has begun, or the paragraph before the first of several 'Posted by X on <date>'
    signatures.
    """
    seen = 0
    total = sum(len(line.text) for line in lines)
    for line in lines:
        if seen >= min(_TAIL_MIN_CHARS, _TAIL_START_SHARE * total) and is_section_end(line):
            return line.index
        seen += len(line.text)
    signatures = [line.index for line in lines if _SIGNATURE.match(line.text)]
    if len(signatures) >= 2:
        return max(signatures[0] - 1, 1)
    return None


def _names_comments(node: lxml_html.HtmlElement) -> bool:
    classes = node.get("class", "")
    if _KEEP_CLASS.search(classes):
        return False
    if _SECTION_ID.search(node.get("id", "")):
        return True
    return any(_SECTION_CLASS.match(token) for token in classes.split())


def _inside(node: lxml_html.HtmlElement, chosen: list[lxml_html.HtmlElement]) -> bool:
    """True when an already chosen section holds `node`."""
    if not chosen:
        return False
    marked = set(chosen)
    return any(ancestor in marked for ancestor in node.iterancestors())


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _paragraphs(node: lxml_html.HtmlElement) -> list[str]:
    found = [" ".join(p.text_content().split()) for p in node.iter("p", "li", "dd")]
    found = [p for p in found if p]
    return found or ([_text(node)] if _text(node) else [])
