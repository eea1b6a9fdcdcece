"""An article body as HTML paragraphs with its annotations highlighted.

Spans (cited passages, quotes, entities) may cross each other; HTML elements
must nest, so a span that starts inside another and ends outside it is cut at
the outer span's end. Every piece of text goes through `escape`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from manysides.models import Article

# Lower rank opens first when two spans start at the same offset, so passages wrap quotes wrap entities.
RANK = {
    "passage": 0,
    "claim": 1,
    "side": 2,
    "quote": 3,
    "loaded": 4,
    "scare_quote": 4,
    "editorial": 4,
    "figure": 5,
    "entity": 6,
}


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of the body: `kind` picks the element, `note` its tooltip."""

    start: int
    end: int
    kind: str
    note: str = ""
    anchor: str = ""


def passage_id(article_id: str, start: int) -> str:
    """The element id of a cited passage, shared by the report and the web app."""
    return f"p-{article_id}-{start}"


def quote_id(article_id: str, start: int) -> str:
    """The element id of a quotation in an article body."""
    return f"q-{article_id}-{start}"


def claim_id(article_id: str, start: int) -> str:
    """The element id of an article's sentence making a claim."""
    return f"c-{article_id}-{start}"


def figure_id(article_id: str, start: int) -> str:
    """The element id of a figure (a number and what it counts) in an article body."""
    return f"f-{article_id}-{start}"


def side_id(article_id: str, start: int) -> str:
    """The element id of one side of a contradiction."""
    return f"x-{article_id}-{start}"


def article_spans(article: Article, passages: Iterable[tuple[int, int]] = ()) -> list[Span]:
    """Cited passages, quotes and entities of an article as spans."""
    spans = [Span(s, e, "passage", "cited in the summary", passage_id(article.id, s)) for s, e in passages]
    for q in article.quotes:
        credit = q.speaker or "speaker not named"
        via = f" via {q.channel}" if q.channel else ""
        note = f"{q.kind} quote credited to {credit}{via}"
        spans.append(Span(q.start, q.end, "quote", note, quote_id(article.id, q.start)))
    spans += [Span(e.start, e.end, "entity", f"{e.label}: {e.key}") for e in article.entities]
    return spans


def annotated_body(article: Article, passages: Iterable[tuple[int, int]] = (), extra: Iterable[Span] = ()) -> str:
    """The body as <p> elements with passages, quotes, entities and any `extra` spans marked."""
    unique = {(s.kind, s.start, s.end): s for s in [*article_spans(article, passages), *extra]}
    spans = list(unique.values())
    out = []
    for start, end in _paragraphs(article.body):
        inner = _render(article.body, start, end, spans)
        if inner.strip():
            out.append(f"<p>{inner}</p>")
    return "".join(out)


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """Offsets of the blank-line separated paragraphs of `body`."""
    bounds, cursor = [], 0
    while cursor <= len(body):
        cut = body.find("\n\n", cursor)
        end = len(body) if cut < 0 else cut
        if body[cursor:end].strip():
            bounds.append((cursor, end))
        if cut < 0:
            break
        cursor = cut + 2
    return bounds


def _render(body: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """Text between `start` and `end` with the spans inside it, properly nested."""
    inside = sorted(
        (
            Span(max(s.start, start), min(s.end, end), s.kind, s.note, s.anchor if s.start >= start else "")
            for s in spans
            if s.start < end and s.end > start and s.end > s.start
        ),
        key=lambda s: (s.start, -s.end, RANK.get(s.kind, 9)),
    )
    out: list[str] = []
    stack: list[Span] = []
    cursor = start
    for span in inside:
        while stack and stack[-1].end <= span.start:
            cursor = _close(out, body, cursor, stack.pop())
        if stack and span.end > stack[-1].end:
            span = Span(span.start, stack[-1].end, span.kind, span.note, span.anchor)
        if span.end <= span.start:
            continue
        out.append(escape(body[cursor : span.start]))
        out.append(_open(span))
        cursor = span.start
        stack.append(span)
    while stack:
        cursor = _close(out, body, cursor, stack.pop())
    out.append(escape(body[cursor:end]))
    return "".join(out)


def _close(out: list[str], body: str, cursor: int, span: Span) -> int:
    out.append(escape(body[cursor : span.end]))
    out.append("</mark>" if span.kind == "passage" else "</span>")
    return span.end


def _open(span: Span) -> str:
    title = f' title="{escape(span.note)}"' if span.note else ""
    anchor = f' id="{escape(span.anchor)}"' if span.anchor else ""
    if span.kind == "passage":
        return f"<mark class=passage{anchor}{title}>"
    return f'<span class="{escape(span.kind)}"{anchor}{title}>'
