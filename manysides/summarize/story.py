"""A story's summary and timeline lines: selected, neutral, cited, and verified before output.

The summary puts facts corroborated by independent sources first, then disputes given as
disputes, then what only one source reports (developments stated and cited, views credited in
words); each block is in time order of the articles cited. Its length is a setting: a headline
sentence, a paragraph or a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from manysides.models import Citation, Event, StoryAnalysis, SummarySentence
from manysides.summarize.compose import earliest, from_finding, neutral_text
from manysides.summarize.disputes import dispute_sentence, sides_from_contradictions, sides_from_quotes
from manysides.summarize.naming import story_names
from manysides.summarize.support import Finding, copied_from, find_support, similarity_matrix
from manysides.summarize.text import content_stems
from manysides.summarize.units import candidate_units, origin_of, unit_at, usable, with_copies
from manysides.summarize.verify import Verifier, own_voice_loaded

LENGTHS = {"headline": 1, "paragraph": 5, "page": 12}
KIND_ORDER = {"corroborated": 0, "disputed": 1, "reported": 2, "attributed": 2, "event": 3}
REDUNDANT = 0.6  # overlap of content words above which a sentence repeats a chosen one
MAX_DISPUTE_PAIRS = 20


@dataclass(frozen=True)
class Weights:
    """How candidate sentences are ranked within their kind (tuned on neus-allsides val)."""

    sources: float = 0.0
    cross: float = 0.0
    centrality: float = 0.0
    lead: float = 3.0
    article: float = 16.0
    spread: bool = True  # each outlet's best single-source claim before any outlet's second


WEIGHTS = Weights()


def sentence_count(length: int | str) -> int:
    """Sentences for a named length ('headline', 'paragraph', 'page') or a number."""
    if isinstance(length, int):
        return max(1, length)
    if length not in LENGTHS:
        raise ValueError(f"unknown summary length {length!r}: use one of {', '.join(LENGTHS)} or a number")
    return LENGTHS[length]


@dataclass(frozen=True)
class Drafts:
    """A story's verified candidate sentences before any is chosen: built once, ranked per weights."""

    statements: list[tuple[Finding, SummarySentence]]
    disputes: list[SummarySentence]

    def ranked(self, weights: Weights) -> list[SummarySentence]:
        """Statements by score (ties in reading order), then the disputes in their own order."""
        order = sorted(self.statements, key=lambda pair: -_score(pair[0], pair[1], weights))
        return [draft for _, draft in order] + self.disputes


def draft_story(analysis: StoryAnalysis) -> Drafts:
    """Every sentence the summary could show, neutral, cited and verified; failing ones dropped."""
    articles = analysis.articles
    by_id = {a.id: a for a in articles}
    units = candidate_units(articles)
    similarity = similarity_matrix(units)
    origin = origin_of(articles, analysis.copies)
    if not analysis.copies:
        origin = with_copies(articles, origin, copied_from(units, similarity))
    checker = Verifier(by_id, story_names(a.body for a in articles))

    def shown(draft: SummarySentence) -> bool:
        return checker.verify(draft) and not own_voice_loaded(draft, by_id)

    statements = [
        (f, d.model_copy(update={"verified": True}))
        for f in find_support(units, origin, similarity)
        if (d := from_finding(f, origin, checker)) and shown(d)
    ]
    sides = sides_from_contradictions(analysis.contradictions, by_id, origin) + sides_from_quotes(articles)
    disputes = [dispute_sentence(s, by_id, origin) for s in sides[:MAX_DISPUTE_PAIRS]]
    return Drafts(statements, [d.model_copy(update={"verified": True}) for d in disputes if shown(d)])


def summarize_story(
    analysis: StoryAnalysis, length: int | str = "paragraph", weights: Weights = WEIGHTS, drafts: Drafts | None = None
) -> list[SummarySentence]:
    """The story's summary: every sentence verified against its citations (`drafts` when already built)."""
    ranked = (drafts or draft_story(analysis)).ranked(weights)
    return _ordered(_select(ranked, sentence_count(length), weights.spread))


def _score(finding: Finding, draft: SummarySentence, w: Weights) -> float:
    # sources the verifier accepted, not merely similar sentences: a quote echoed in other
    # outlets' wording is not corroborated by them
    return (
        w.sources * len(draft.sources)
        + w.cross * finding.cross
        + w.centrality * finding.centrality
        + w.lead / (1 + finding.unit.position)
        + w.article * finding.article_cross
    )


def _select(drafts: Sequence[SummarySentence], n: int, spread: bool = True) -> list[SummarySentence]:
    """A quarter of the room for disputes, half for corroborated facts, the rest by rank."""
    disputes = [d for d in drafts if d.kind == "disputed"]
    statements = [d for d in drafts if d.kind != "disputed"]
    chosen: list[SummarySentence] = []
    _take(chosen, disputes, 0 if n == 1 else max(1, n // 4))
    _take(chosen, [d for d in statements if d.kind == "corroborated"], min(n - len(chosen), (n + 1) // 2))
    _take(chosen, _spread(statements) if spread else statements, n - len(chosen))
    _take(chosen, disputes, n - len(chosen))
    return chosen


def _spread(pool: Sequence[SummarySentence]) -> list[SummarySentence]:
    """The pool re-ranked so each outlet's best single-source claim comes before any outlet's second."""
    seen: dict[str, int] = {}
    turns = []
    for rank, draft in enumerate(pool):
        outlet = draft.citations[0].outlet
        single = draft.kind in ("reported", "attributed")
        turns.append((seen.get(outlet, 0) if single else 0, rank, draft))
        seen[outlet] = seen.get(outlet, 0) + single
    return [draft for _, _, draft in sorted(turns, key=lambda t: (t[0], t[1]))]


def _take(chosen: list[SummarySentence], pool: Sequence[SummarySentence], room: int) -> None:
    """Add up to `room` drafts from the pool, in its order, that repeat nothing already chosen."""
    limit = len(chosen) + room
    for draft in pool:
        if len(chosen) >= limit:
            break
        if draft not in chosen and not any(_repeats(draft, c) for c in chosen):
            chosen.append(draft)


def _repeats(a: SummarySentence, b: SummarySentence) -> bool:
    """Same passage cited, or most content words shared."""
    if any(_overlap(x, y) for x in a.citations for y in b.citations):
        return True
    sa, sb = content_stems(a.text), content_stems(b.text)
    return bool(sa and sb) and len(sa & sb) / min(len(sa), len(sb)) >= REDUNDANT


def _overlap(x: Citation, y: Citation) -> bool:
    return x.article_id == y.article_id and x.start < y.end and y.start < x.end


def _ordered(chosen: Sequence[SummarySentence]) -> list[SummarySentence]:
    """By kind (corroborated first), then by date within a kind; undated keep their rank order."""
    rank = {id(s): i for i, s in enumerate(chosen)}
    return sorted(chosen, key=lambda s: (KIND_ORDER[s.kind or "attributed"], s.date is None, s.date or 0, rank[id(s)]))


def summarize_timeline(analysis: StoryAnalysis) -> list[SummarySentence]:
    """One cited, verified line per event of the story's timeline, in date order."""
    by_id = {a.id: a for a in analysis.articles}
    origin = origin_of(analysis.articles, analysis.copies)
    names = story_names(a.body for a in analysis.articles)
    checker = Verifier(by_id, names)
    lines = [line for event in analysis.timeline if (line := _event_line(event, origin, checker))]
    return sorted(lines, key=lambda s: (s.date is None, s.date or 0))


def _event_line(event: Event, origin: Mapping[str, str], checker: Verifier) -> SummarySentence | None:
    """The event's best-supported mention in neutral words, citing every mention that supports it."""
    articles, names = checker.articles, checker.names
    units = [unit_at(articles[m.article_id], m.start, m.end) for m in event.mentions if m.article_id in articles]
    units = [u for u in units if u.end > u.start and usable(u)]
    best: SummarySentence | None = None
    for own in units:
        text = neutral_text(own, names)
        if text is None:
            continue
        others = [u.citation() for u in units if u is not own]
        cited = [own.citation(), *checker.supporting(text, others)]
        line = SummarySentence(
            text=text,
            citations=cited,
            kind="event",
            date=event.date or earliest(cited, articles),
            sources=sorted({origin[c.article_id] for c in cited}),
        )
        good = checker.verify(line) and not own_voice_loaded(line, articles)
        if good and (best is None or len(line.sources) > len(best.sources)):
            best = line.model_copy(update={"verified": True})
    return best
