"""Candidate sentences: the article sentences a summary may be built from, with their place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from manysides.models import Article, Citation, Copy
from manysides.summarize.text import words

MIN_WORDS, MAX_WORDS = 6, 60
CONTEXT_WORDS = frozenset(
    ["he", "she", "it", "they", "this", "these", "that", "those", "his", "her", "its", "their", "him", "them"]
)
CLAUSE_BREAK = re.compile(
    r",\s+(?:as|while|after|which|who|but|although|though|amid|despite|according to|including|with)\b|\s+[–—]\s+|;\s+"
)
MIN_CLAUSE_SPLIT = 18  # words a sentence needs before its leading clause is offered on its own
# "KESSA, Sarvenia, 4 March (CPA) – ", "WASHINGTON (AP) — ", "WASHINGTON — "
DATELINE = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:,[^–—\n]{0,60}?|\s*\([^)\n]{1,30}\))?\s[–—-]{1,2}\s+")
MAX_JOINED = 4  # sentences of one quotation joined into one unit


@dataclass(frozen=True)
class Unit:
    """One sentence of one article, as offsets into its body."""

    article: Article
    start: int
    end: int
    position: int  # index of the sentence in its article
    clause: bool = False  # the leading clause of a longer sentence; shown with a full stop

    @property
    def text(self) -> str:
        return self.article.body[self.start : self.end]

    @property
    def date(self) -> dt.date | None:
        return self.article.date.value

    def citation(self) -> Citation:
        return Citation(
            article_id=self.article.id, outlet=self.article.outlet, start=self.start, end=self.end, quote=self.text
        )


def candidate_units(articles: Sequence[Article]) -> list[Unit]:
    """Sentences of usable length that read as statements (no headings, no lead-ins to a list)."""
    out = []
    for article in articles:
        for unit in _whole_quote_units(article):
            if usable(unit):
                out.append(unit)
                out += _main_clause(unit)
    return out


def usable(unit: Unit) -> bool:
    """Long enough, short enough, a whole statement with its quotation marks closed."""
    text = unit.text
    return MIN_WORDS <= len(words(text)) <= MAX_WORDS and _reads_as_statement(text) and not _open_quote(text)


def unit_at(article: Article, start: int, end: int) -> Unit:
    """A unit for a passage found by another stage (e.g. an event mention), dateline cut."""
    dateline = DATELINE.match(article.body, start, end)
    return Unit(article, dateline.end() if dateline else start, end, 0)


def _main_clause(unit: Unit) -> list[Unit]:
    """The sentence's leading clause, when a long sentence goes on with 'as', 'while', 'which'...

    Other outlets often carry the main fact without the rest, so the clause can be corroborated
    where the whole sentence cannot. A clause inside a quotation is not cut.
    """
    text = unit.text
    if len(words(text)) < MIN_CLAUSE_SPLIT or _open_quote(text):
        return []
    for match in CLAUSE_BREAK.finditer(text):
        head = text[: match.start()]
        if len(words(head)) >= MIN_WORDS and not _open_quote(head):
            return [Unit(unit.article, unit.start, unit.start + len(head), unit.position, clause=True)]
    return []


def _whole_quote_units(article: Article) -> list[Unit]:
    """The article's sentences, those of a quotation running over several sentences joined as one."""
    units: list[Unit] = []
    sentences = article.sentences
    i = 0
    while i < len(sentences):
        j = i
        while _open_quote(article.body[sentences[i].start : sentences[j].end]) and j + 1 < min(
            len(sentences), i + MAX_JOINED
        ):
            j += 1
        start = sentences[i].start
        dateline = DATELINE.match(article.body, start, sentences[j].end)
        units.append(Unit(article, dateline.end() if dateline else start, sentences[j].end, len(units)))
        i = j + 1
    return units


def _open_quote(text: str) -> bool:
    return (text.count('"') + text.count("“") + text.count("”")) % 2 == 1


def protected_spans(unit: Unit, indirect: bool = False) -> list[tuple[int, int]]:
    """Quotations and reported speech overlapping the unit, as offsets into the unit's text.

    Quotations keep the speaker's words. Reported speech ('indirect') is the writer's paraphrase
    and only counted when asked: "X said the fighters are terrorists" may be X's label or the
    writer's, so a summary neither renames it nor says it in its own voice.
    """
    return [
        (max(q.start, unit.start) - unit.start, min(q.end, unit.end) - unit.start)
        for q in unit.article.quotes
        if q.start < unit.end and unit.start < q.end and (indirect or q.kind != "indirect")
    ]


def _reads_as_statement(text: str) -> bool:
    """Ends like a sentence (a headline or a lead-in to a list does not), is one paragraph, and
    does not open on a pronoun whose referent is in a sentence the summary will not show."""
    stripped = text.rstrip().rstrip("\"”’')]")
    first = text.split(" ", 1)[0].strip("\"“‘'").lower()
    return (
        stripped.endswith((".", "!", "?"))
        and not stripped.endswith("...")
        and "\n\n" not in text
        and first not in CONTEXT_WORDS
    )


def origin_of(articles: Sequence[Article], copies: Sequence[Copy]) -> dict[str, str]:
    """Each article's independent origin, named by outlet: a copy counts as the article it copies.

    Outlets are keyed by web domain when known, so "freesarveniavoice.org" and "Free Sarvenia
    Voice" are one source.
    """
    source = {c.article_id: c.source_id for c in copies if c.kind in ("duplicate", "partial") and c.source_id}
    return _origins(articles, source)


def _origins(articles: Sequence[Article], source: dict[str, str]) -> dict[str, str]:
    by_id = {a.id: a for a in articles}
    display: dict[str, str] = {}
    for article in articles:
        key = _outlet_key(article)
        if key not in display or ("." in display[key] and "." not in article.outlet):
            display[key] = article.outlet
    groups: dict[str, list[Article]] = {}
    for article in articles:
        seen, current = set(), article.id
        while current in source and current not in seen and source[current] in by_id:
            seen.add(current)
            current = source[current]
        groups.setdefault(current, []).append(article)
    origin = {}
    for root, members in groups.items():
        name = display[_outlet_key(_credited_origin(members) or by_id[root])]
        origin.update({m.id: name for m in members})
    return origin


def _credited_origin(members: Sequence[Article]) -> Article | None:
    """Of copies of one text, the one whose outlet the others credit ('Copyright Continental Press Agency')."""
    for candidate in members:
        others = [m for m in members if m.outlet != candidate.outlet]
        if others and all(
            candidate.outlet in m.body or candidate.outlet in " ".join(b.text for b in m.removed) for m in others
        ):
            return candidate
    return None


def _outlet_key(article: Article) -> str:
    domain = (article.domain or "").lower().removeprefix("www.")
    return domain or article.outlet.lower()


def with_copies(articles: Sequence[Article], origin: dict[str, str], copied_from: dict[str, str]) -> dict[str, str]:
    """The origins again, with copies found by the summarizer itself (when compare found none)."""
    return _origins(articles, copied_from) if copied_from else origin
