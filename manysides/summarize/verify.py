"""The check every summary sentence passes before it is shown: its citations really support it.

A sentence is split into clauses at semicolons ("X says A; Y says B"). A citation supports a
clause when its passage (the exact offsets into the article body) holds every figure of the
clause, every quoted word, every full name (or credits that person with the quote there), and
enough of the clause's content words, a word being matched also by the neutral name the summary
put in place of a loaded label. A sentence verifies when every clause is fully supported by
some citation and every citation supports some clause; a sentence that does not is dropped.

A `Verifier` holds one story's articles and keeps what it has read of each passage and clause,
since a summary checks the same passages against many drafts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from manysides.models import Article, Citation, SummarySentence
from manysides.summarize.naming import loaded_terms, neutralize
from manysides.summarize.text import content_stems, figures, names, normalize, proper_nouns, quoted, stem, words

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
TIME_WORDS = frozenset((*DAYS, *MONTHS, "November", "December"))
FULL_SHARE = 0.9  # share of a clause's content words its best citation must hold
SUPPORT_SHARE = 0.5  # share any other citation must hold to count as supporting a clause


@dataclass(frozen=True)
class Check:
    ok: bool
    share: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class Passage:
    """What a cited passage offers: its words as written, renamed, and as credited around it."""

    flat: str  # the passage normalized, for verbatim comparison
    figures: frozenset[str]
    frame: frozenset[str]  # stems of the outlet's name and of the speakers credited in the passage
    forms: frozenset[str]  # word forms of the passage, its neutral renaming, outlet and speakers
    stems: frozenset[str]  # content stems of the same


@dataclass(frozen=True)
class Clause:
    """What a clause asks of a passage."""

    figures: frozenset[str]
    quoted: tuple[str, ...]  # normalized quoted words
    names: tuple[tuple[str, bool], ...]  # full names, and whether each is a person's
    persons_and_days: frozenset[str]
    stems: frozenset[str]


def clauses(text: str) -> list[str]:
    """The parts of a sentence a citation may support on its own ('X says A; Y says B')."""
    return [part.strip() for part in text.split("; ") if part.strip()]


class Verifier:
    """Checks summary sentences against one story's articles."""

    def __init__(
        self, articles: Mapping[str, Article], story_names: Mapping[str, str], speakers: Iterable[str] = ()
    ) -> None:
        self.articles = articles
        self.names = story_names
        # a clause naming anyone the story credits with a quote must find that name in the passage
        self.person_words = _speaker_words(articles.values()) | frozenset(speakers)
        self._passages: dict[tuple[str, int, int], Passage] = {}
        self._clauses: dict[str, Clause] = {}

    def verify(self, sentence: SummarySentence) -> bool:
        """Every clause fully supported by a citation, and every citation supporting a clause."""
        parts = clauses(sentence.text)
        if not parts or not sentence.citations:
            return False
        checks = [[self.support(part, c) for c in sentence.citations] for part in parts]
        each_clause_full = all(any(ch.ok and ch.share >= FULL_SHARE for ch in row) for row in checks)
        each_citation_used = all(any(row[k].ok for row in checks) for k in range(len(sentence.citations)))
        return each_clause_full and each_citation_used

    def supporting(self, clause: str, citations: Sequence[Citation]) -> list[Citation]:
        """The citations whose passages support the clause."""
        return [c for c in citations if self.support(clause, c).ok]

    def support(self, clause: str, citation: Citation) -> Check:
        """Whether the cited passage holds the clause's figures, quoted words, names and content words."""
        article = self.articles.get(citation.article_id)
        if article is None:
            return Check(False, reason="cites an article not in the story")
        problem = _valid_offsets(citation, article)
        if problem:
            return Check(False, reason=problem)
        passage, wanted = self._passage(article, citation.start, citation.end), self._clause(clause)
        missing = wanted.figures - passage.figures
        if missing:
            return Check(False, reason=f"figure not in the passage: {sorted(missing)[0]}")
        for words_quoted in wanted.quoted:
            if words_quoted not in passage.flat:
                return Check(False, reason=f"quoted words not in the passage: {words_quoted[:40]}")
        for name, is_person in wanted.names:
            if is_person and normalize(name) not in passage.flat and not _names_match(name, passage.frame):
                return Check(False, reason=f"name not in the passage or credited there: {name}")
        for noun in sorted(wanted.persons_and_days - passage.forms):
            return Check(False, reason=f"speaker or day not in the passage or credited there: {noun}")
        share = len(wanted.stems & passage.stems) / len(wanted.stems) if wanted.stems else 1.0
        return Check(share >= SUPPORT_SHARE, share, "" if share >= SUPPORT_SHARE else f"only {share:.0%} of the words")

    def _passage(self, article: Article, start: int, end: int) -> Passage:
        key = (article.id, start, end)
        if key not in self._passages:
            text = article.body[start:end]
            frame = f"{article.outlet} {' '.join(_credited(article, start, end))}"
            renamed = neutralize(text, self.names)
            self._passages[key] = Passage(
                flat=normalize(text),
                figures=frozenset(figures(text)),
                frame=frozenset(stem(w) for w in words(frame)),
                forms=frozenset(_word_forms(f"{text} {frame} {renamed}")),
                stems=frozenset(content_stems(text) | content_stems(renamed) | content_stems(frame)),
            )
        return self._passages[key]

    def _clause(self, text: str) -> Clause:
        if text not in self._clauses:
            persons = self.person_words
            self._clauses[text] = Clause(
                figures=frozenset(figures(text)),
                quoted=tuple(normalize(q) for q in quoted(text)),
                names=tuple((n, any(w in persons for w in words(n))) for n in sorted(names(text))),
                persons_and_days=frozenset(proper_nouns(text) & (persons | TIME_WORDS)),
                stems=frozenset(content_stems(text)),
            )
        return self._clauses[text]


def _credited(article: Article, start: int, end: int) -> list[str]:
    """Speakers the article credits with a quote overlapping the passage."""
    return [q.speaker for q in article.quotes if q.speaker and q.start < end and start < q.end]


def _valid_offsets(citation: Citation, article: Article) -> str:
    if citation.article_id != article.id or citation.outlet != article.outlet:
        return "cites another article than it names"
    if not 0 <= citation.start < citation.end <= len(article.body):
        return "offsets outside the article body"
    if citation.quote and citation.quote != article.body[citation.start : citation.end]:
        return "quoted passage differs from the body at its offsets"
    return ""


def _word_forms(text: str) -> set[str]:
    """Words and their parts: "Barrett's" also gives "Barrett", "Russian-American" also "Russian"."""
    out = set()
    for word in words(text):
        out.add(word)
        if "'" in word or "’" in word or "-" in word:
            out.update(part for part in re.split(r"['’\-]", word) if part)
    return out


def _speaker_words(articles: Iterable[Article]) -> frozenset[str]:
    """Words of the names the articles credit quotes to: a clause naming one must match the passage."""
    return frozenset(w for a in articles for q in a.quotes if q.speaker for w in words(q.speaker) if w[:1].isupper())


def _names_match(name: str, frame: frozenset[str]) -> bool:
    return {stem(w) for w in words(name)} <= frame


def support(
    clause: str,
    citation: Citation,
    article: Article,
    story_names: Mapping[str, str],
    story_speakers: frozenset[str] = frozenset(),
) -> Check:
    """Whether one article's cited passage supports the clause (see `Verifier.support`)."""
    if citation.article_id != article.id:
        return Check(False, reason="cites another article than it names")
    return Verifier({article.id: article}, story_names, story_speakers).support(clause, citation)


def verify(sentence: SummarySentence, articles: Mapping[str, Article], story_names: Mapping[str, str]) -> bool:
    """Every clause fully supported by a citation, and every citation supporting a clause."""
    return Verifier(articles, story_names).verify(sentence)


def supporting(
    clause: str, citations: Sequence[Citation], articles: Mapping[str, Article], story_names: Mapping[str, str]
) -> list[Citation]:
    """The citations whose passages support the clause."""
    return Verifier(articles, story_names).supporting(clause, citations)


def own_voice_loaded(sentence: SummarySentence, articles: Mapping[str, Article]) -> list[str]:
    """Loaded words the sentence says in its own voice: outside quotation marks and not in
    speech the cited articles report ("X said the fighters are terrorists" is X's word)."""
    terms = loaded_terms(sentence.text)
    if not terms:
        return []
    reported = [
        normalize(article.body[q.start : q.end])
        for c in sentence.citations
        if (article := articles.get(c.article_id)) is not None
        for q in article.quotes
        if q.start < c.end and c.start < q.end and q.kind != "indirect"
    ]
    return [term for term in terms if not any(normalize(term) in r for r in reported)]
