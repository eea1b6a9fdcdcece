"""Reader-comment sections kept out of the main text of an HTML page.

Comment systems name their containers after what they hold ('comments',
'disqus_thread', 'respond', 'talkback'). Lines of the main text that repeat such a
section's paragraphs are dropped afterwards, unless they are a large share of the
text (then the name misled us and everything stays).
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from manysides.extract.lines import Line, ends_sentence, normalise
from manysides.extract.textrules import is_related_heading, is_section_end

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
    r"discuss this (?:story|article)\b|join the (?:discussion|conversation)\b|"
    r"(?:do you have |your )(?:views|comments|thoughts) on this (?:story|article)\b|"
    r"(?:please post|click here to|be the first to) (?:your )?comments?\b|"
    r"(?:now )?(?:you(?:'re|’re| are) (?:now )?in|welcome to) the (?:\w+ )?(?:comments?|discussion) "
    r"(?:zone|section|area)\b)",
    re.I,
)
_TAIL_START_SHARE = 0.3
_SIGNATURE = re.compile(r"^(?:posted|written|submitted|comment) by:?\s+\S.{0,80}\d", re.I)
_TAIL_MIN_CHARS = 400
_INLINE_SIGNATURE = re.compile(
    r"\b(?:posted|written|submitted) by:?\s+[^.\n]{1,60}?\s(?:on|at|\|)\s[^\n]{0,40}?\d{1,2}[:.]\d{2}", re.I
)
_SIGNED_LOOKBACK = 600
# Signatures further apart than this belong to different things (a byline, then a comment).
_MAX_COMMENT_GAP = 2000
_SIGNATURE_LINE_CHARS = 200
_HANDLE_EXCERPT = re.compile(r"^[^\s:\"“]{2,30}(?: [^\s:\"“]{1,20}){0,2}(?: \([^)]{1,30}\))?:\s*[\"“]?(?:\.{3}|…)")
_CUT_SHORT = re.compile(r"\w(?:\.{3}|…)[\"”]?$")
_WORD = re.compile(r"\w+")
# A shared ending this long is a repeated headline, not a source credit ('via example.org').
_SHARED_ENDING_WORDS = 8
_SHARED_ENDING_LINES = 3
_PROSE_WORDS = 25


def comment_section_text(named: list[lxml_html.HtmlElement]) -> list[str]:
    """Paragraphs of the sections whose names say they hold comments ('comments', 'disqus_thread'),
    among the elements `comment_named` found."""
    chosen: list[lxml_html.HtmlElement] = []
    for node in named:
        if node.tag in _CONTAINERS and _names_comments(node) and not _inside(node, chosen):
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
    """(text, comments): cut out of `text` a run of signed comments ('Posted by X on <date>' twice
    or more, close together), as text run together from table layouts holds them, and everything
    after a marker that opens a comment section ('Comments are closed', '12 comments')."""
    text, signed = _cut_signed_run(text)
    floor = min(_TAIL_MIN_CHARS, _TAIL_START_SHARE * len(text))
    cut = next((m.start() for m in _TAIL_MARKER.finditer(text) if m.start() >= floor), None)
    if cut is None:
        return text, signed
    return text[:cut].rstrip(), "\n".join(part for part in (signed, text[cut:].strip()) if part)


def _cut_signed_run(text: str) -> tuple[str, str]:
    """(text without the signed comments, the comments). Comments at the end take the rest of the
    text with them; comments above the article (some table layouts) are cut out between the
    thread's start and the line of its last signature."""
    run = _signed_run(text)
    if run is None:
        return text, ""
    first, last = run
    start = _thread_start(text, first)
    line_end = text.find("\n", last)
    end = line_end if 0 <= line_end - last <= _SIGNATURE_LINE_CHARS else last
    before, after = text[:start].rstrip(), text[end:].strip()
    if len(after) > len(before):
        return f"{before}\n{after}".strip(), text[start:end].strip()
    if start < min(_TAIL_MIN_CHARS, _TAIL_START_SHARE * len(text)):
        return text, ""  # signatures at the top of a short text: bylines, not a thread
    return before, text[start:].strip()


def _signed_run(text: str) -> tuple[int, int] | None:
    """(start of the first, end of the last) signature of the longest run of two or more
    comment signatures that follow each other at comment length."""
    best: tuple[int, int] | None = None
    best_count = 1
    count = 0
    run_start = run_end = -_MAX_COMMENT_GAP
    for match in _INLINE_SIGNATURE.finditer(text):
        if match.start() - run_end > _MAX_COMMENT_GAP:
            run_start, count = match.start(), 0
        run_end, count = match.end(), count + 1
        if count > best_count:
            best, best_count = (run_start, run_end), count
    return best


def _thread_start(text: str, first: int) -> int:
    """Where the thread opens: a 'Comments' heading shortly before the first signature, else the
    start of the sentence before it (that comment's text)."""
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
        started = seen >= min(_TAIL_MIN_CHARS, _TAIL_START_SHARE * total)
        if (
            started
            and is_section_end(line)
            and not (is_related_heading(line.text) and _prose_follows(lines, line.index))
        ):
            return line.index
        seen += len(line.text)
    signatures = [line.index for line in lines if _SIGNATURE.match(line.text)]
    if len(signatures) >= 2:
        return max(signatures[0] - 1, 1)
    return None


def _prose_follows(lines: list[Line], index: int) -> bool:
    """True when a full paragraph comes right after the line at `index`: a related-links box set
    inside the article, not its end (link titles are short and do not end like sentences)."""
    return any(len(line.words) >= _PROSE_WORDS and ends_sentence(line.text) for line in lines[index + 1 : index + 4])


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


def comment_teasers(lines: list[str]) -> set[str]:
    """Lines of a 'latest comments' box: excerpts cut mid-sentence under a reader's name
    ('Bob (Leeds): "...so it goes..."'), or three or more lines in a row ending in the same
    headline, not in a sentence ('... Jo, Leeds on Public schools in dire state, teachers say')."""
    teasers = {line for line in lines if _HANDLE_EXCERPT.match(line) and _CUT_SHORT.search(line)}
    run: list[str] = []
    for line in [*lines, ""]:
        if run and _ending(line) != _ending(run[-1]):
            if len(run) >= _SHARED_ENDING_LINES and len(set(run)) == len(run):
                teasers.update(run)
            run = []
        if _ending(line):
            run.append(line)
    return teasers


def _ending(line: str) -> str:
    """The last words of a line that does not end like a sentence; '' otherwise."""
    words = _WORD.findall(line.lower())
    if len(words) <= _SHARED_ENDING_WORDS or ends_sentence(line):
        return ""
    return " ".join(words[-_SHARED_ENDING_WORDS:])
