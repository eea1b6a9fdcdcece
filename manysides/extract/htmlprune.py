"""Reader-comment sections kept out of the main text of an HTML page.

Comment systems name their containers after what they hold ('comments',
'disqus_thread', 'respond', 'talkback'). Lines of the main text that repeat such a
section's paragraphs are dropped afterwards, unless they are a large share of the
text (then the name misled us and everything stays).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from manysides.extract.lines import Line, normalise
from manysides.extract.textrules import is_section_end

_SECTION_ID = re.compile(r"comment|disqus|^respond$|talkback|discussion|feedback|messageboard", re.I)
_SECTION_CLASS = re.compile(
    r"^(?:[\w-]*comments?[\w-]*|disqus[\w-]*|respond|talkback|discussion|reader-?reactions?|user-?feedback)$", re.I
)
_KEEP_CLASS = re.compile(r"comments?-(?:open|closed)|has-comments?|no-comments?", re.I)
_CONTAINERS = ("div", "section", "aside", "ol", "ul", "form", "table", "dl", "footer")
_MAX_SHARE = 0.3
_MIN_COMMENT_CHARS = 20
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
# Word stems without their first letter, so 'Comments' and 'comments' both match without translate().
_NAME_STEMS = ("omment", "isqus", "espond", "alkback", "iscussion", "eedback", "essageboard", "eaction")
# A cheap first pass in C over container elements whose id or class holds one of those stems.
_SECTION_CANDIDATES = etree.XPath(
    "//*["
    + " or ".join(f"self::{tag}" for tag in _CONTAINERS)
    + "]["
    + " or ".join(f"contains(@{attr}, '{stem}')" for attr in ("id", "class") for stem in _NAME_STEMS)
    + "]"
)


def comment_section_text(tree: lxml_html.HtmlElement) -> list[str]:
    """Paragraphs of the sections whose names say they hold comments ('comments', 'disqus_thread')."""
    chosen: list[lxml_html.HtmlElement] = []
    for node in _SECTION_CANDIDATES(tree):
        if _names_comments(node) and not _inside(node, chosen):
            chosen.append(node)
    return [paragraph for node in chosen for paragraph in _paragraphs(node)]


def drop_comment_lines(lines: list[str], section_text: list[str]) -> tuple[list[str], list[str], bool]:
    """(kept, dropped, trusted): body lines that repeat a comment-section paragraph are dropped,
    unless that would take a large share of the body; then the section name misled us, all lines
    stay and the sections are not trusted as comments."""
    known = {normalise(p) for p in section_text if len(p) >= _MIN_COMMENT_CHARS}
    dropped = [line for line in lines if len(line) >= _MIN_COMMENT_CHARS and normalise(line) in known]
    if sum(map(len, dropped)) > _MAX_SHARE * sum(map(len, lines)):
        return lines, [], False
    gone = set(dropped)
    return [line for line in lines if line not in gone], dropped, True


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
