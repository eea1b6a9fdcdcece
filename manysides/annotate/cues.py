"""Where a quote is credited when no known reporting verb sits beside it.

Three layouts: a short clause against the quote whatever its verb ('"...," Toomey fumed',
'Silverman interjected, "..."'), a name label before a colon ('Clinton: "..."'), and a report
in the sentence just before the quote ('Dianne Bystrom agreed. "..."').
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from manysides.annotate.speakers import SPEECH_VERBS, lemma, sentence, text_of
from manysides.models import Entity

MAX_TAG_TOKENS = 12  # a credit clause beside a quote is short: "mused Blaze co-host Stu Burguiere"
MAX_LEAD_TOKENS = 25
_OPENING = "“\"‘'`«"
_CLOSING = "”\"’'»"
_ENDS_TAG = frozenset({".", ",", ";", ":", "!", "?", "--", "—", "–"})
# Verbs that never credit words on their own ("is", "has"), even beside a quote.
_NOT_CUES = frozenset({"be", "have", "do", "get"})
# Verbs of a sentence that announces the quote after it: "Trump spoke in bromides.", "The DNC issued a statement."
_CLAUSE_BREAK = re.compile(r"[.!?]\s|\s[-—–]+\s?")
REPORT_VERBS = frozenset({"speak", "talk", "issue", "release"})
_MODIFIERS = frozenset({"amod", "acl", "relcl", "compound", "npadvmod", "pobj", "dobj", "nsubj"})


def tag_after(doc: Doc, end: int, quoted: Sequence[tuple[int, int]]) -> Token | None:
    """'"...?" Vitter demanded.': the quote ends in , ? or ! and a short clause closes the sentence."""
    text = text_of(doc)
    gap = re.match(r"([,.?!]*)[" + _CLOSING + r"]+([,?!]?)[^\S\n]*", text[end:])
    if gap is None or not re.search(r"[,?!]", text[end - 1 : end] + gap.group(1) + gap.group(2)):
        return None
    clause = _tokens_from(doc, end + gap.end(), quoted)
    if clause is None:
        return None
    # The clause's own verb, not one inside a modifier ("the Aleppo-based group").
    verbs = [t for t in clause if _verb(t) and t.dep_ not in _MODIFIERS]
    return verbs[0] if verbs else None


def _tokens_from(doc: Doc, offset: int, quoted: Sequence[tuple[int, int]]) -> list[Token] | None:
    """The tokens of a clause starting at offset, up to its first punctuation; None when it runs long."""
    first = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if first is None:
        return None
    clause: list[Token] = []
    for tok in doc[first.start :]:
        if tok.text in _ENDS_TAG or tok.is_quote or "\n" in tok.text or _inside(tok, quoted):
            return clause
        clause.append(tok)
        if len(clause) > MAX_TAG_TOKENS:
            return None
    return clause


def tag_before(doc: Doc, start: int, quoted: Sequence[tuple[int, int]]) -> Token | None:
    """'Silverman interjected, "..."': the words before the quote end in a comma or colon."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    lead = _lead(text, line_start, start)
    if not lead.endswith((",", ":")):
        return None
    span = doc.char_span(line_start, line_start + len(lead) - 1, alignment_mode="contract")
    if span is None or not len(span):
        return None
    opening = sentence(span[-1]).start
    clause = [t for t in span if t.i >= opening][-MAX_LEAD_TOKENS:]
    if any(_inside(t, quoted) or t.is_quote for t in clause):
        return None  # another quote in the lead: its own credit, not this one's
    verbs = [t for t in clause if _verb(t) and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    # The lead's own verb wins over one in a side clause ("When Trump suggested ..., Rubio fired back:",
    # "Trump said at a rally, where he was joined by Pence,"), and a reporting verb over another.
    inside = {t.i for t in clause}
    roots = [t for t in verbs if t.head.i not in inside or t.head.i == t.i]
    speech = [t for t in roots if lemma(t) in SPEECH_VERBS]
    chosen = speech or roots or verbs
    return chosen[-1] if chosen else None


def _lead(text: str, line_start: int, start: int) -> str:
    """The line's words before a quote, without the opening mark and spaces (non-breaking ones too)."""
    return re.sub(r"[\s" + _OPENING + r"]+$", "", text[line_start:start])


def _verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and lemma(tok) not in _NOT_CUES


def _inside(tok: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(s <= tok.idx < e for s, e in quoted)


def colon_label(doc: Doc, start: int, entities: list[Entity]) -> Span | None:
    """'Clinton: "Our goal is ..."', 'More from Philip Bump: "..."': a person named just before a colon."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    lead = _lead(text, line_start, start)
    if not lead.endswith(":"):
        return None
    # "Rep. Trey Gowdy (R-S.C.):": the party and state in brackets sit between the name and the colon.
    label = re.sub(r"\s*\([^()]*\)$", "", lead[:-1]).rstrip()
    end = line_start + len(label)
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    if last is None or last[-1].pos_ != "PROPN":
        return None
    first = last[-1]
    while first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).idx >= line_start:
        first = first.nbor(-1)
    named = doc[first.i : last[-1].i + 1]
    # A label stands alone in its clause: "Mr. Trump said on Twitter:" names a channel, not a speaker.
    clause_start = max(
        (m.end() for m in _CLAUSE_BREAK.finditer(text, line_start, named.start_char)), default=line_start
    )
    if any(
        t.pos_ in ("VERB", "AUX") for t in doc.char_span(clause_start, named.start_char, alignment_mode="expand") or []
    ):
        return None
    # The run must hold a person or an organisation the article names: "Pew Research", "Hillary Rodham Clinton".
    if any(e.label in ("PERSON", "ORG") and named.start_char <= e.start < named.end_char for e in entities):
        return named
    return None


def previous_report(doc: Doc, start: int, quoted: Sequence[tuple[int, int]]) -> Token | None:
    """'Dianne Bystrom agreed. "Mainstream Republicans ..."': a report in the sentence before an uncredited quote.

    The quote must open its sentence, and the sentence before (in its paragraph, or ending the paragraph
    before) must report speech without a quote of its own.
    """
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    lead = _lead(text, line_start, start)
    if lead and lead[-1] not in ".!?":
        return None
    # The end of the sentence before: in the quote's paragraph, or ending the paragraph above.
    before = line_start + len(lead) if lead else len(text[:line_start].rstrip())
    if before <= 0:
        return None
    last = doc.char_span(before - 1, before, alignment_mode="expand")
    if last is None:
        return None
    previous = sentence(last[-1])
    if any(_inside(t, quoted) or t.is_quote for t in previous):
        return None
    cues = [t for t in previous if t.pos_ == "VERB" and lemma(t) in SPEECH_VERBS | REPORT_VERBS]
    return cues[0] if cues else None
