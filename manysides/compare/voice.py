"""Whose voice a passage is in: the outlet's own, or a quotation (credited or in quote marks)."""

from __future__ import annotations

import re

from manysides.models import Article

_QUOTED = re.compile(r"“[^”]{1,600}”|\"[^\"\n]{1,600}\"|‘[^’]{1,80}’(?!\w)|(?<!\w)'[^'\n]{1,80}'(?!\w)")
SCARE_MAX_WORDS = 3
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|according|added|stated|claimed|claims|called|calls|described|dubbed|"
    r"announced|warned|insisted|noted|asked|urged|repeated|threatened|reported|wrote)\b",
    re.IGNORECASE,
)


def quoted_spans(article: Article) -> list[tuple[int, int]]:
    """Spans inside quotation marks or credited quotes (indirect speech excluded)."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(article.body)]
    spans += [(q.start, q.end) for q in article.quotes if q.kind != "indirect"]
    return sorted(spans)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def scare_quotes(article: Article) -> list[tuple[int, int]]:
    """Short quoted words no one is credited with: the outlet distancing itself ('moderate' opposition).

    Quoted words after a reporting verb in their sentence, or just before one, are someone's words;
    after 'so-called' they are scare quotes whatever follows."""
    out = []
    for sentence in article.sentences:
        text = article.body[sentence.start : sentence.end]
        for match in _QUOTED.finditer(text):
            inner = match.group(0)[1:-1].strip()
            if not 0 < len(inner.split()) <= SCARE_MAX_WORDS or inner.endswith((".", "?", "!", ",")):
                continue
            before, after = text[: match.start()], text[match.end() : match.end() + 40]
            so_called = bool(re.search(r"so-called\s*$", before, re.IGNORECASE))
            a_name = all(any(c.isupper() for c in w) for w in inner.split())  # “Nur ad-Din”: a name in quotes
            if so_called or not (a_name or _REPORTING.search(before) or _REPORTING.search(after)):
                out.append((sentence.start + match.start(), sentence.start + match.end()))
    return out


def sentence_of(article: Article, offset: int) -> tuple[int, int]:
    """The sentence holding a character offset (the whole body if none)."""
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    return 0, len(article.body)


def attributed(text: str) -> bool:
    """True when a sentence credits what it says to someone (said, told, according to ...)."""
    return bool(_REPORTING.search(text))
