"""The check every summary sentence passes before it is shown: its citations really support it.

A sentence is split into clauses at semicolons ("X says A; Y says B"). A citation supports a
clause when its passage (the exact offsets into the article body) holds every figure of the
clause, every quoted word, every full name (or credits that person with the quote there), and
enough of the clause's content words, a word being matched also by the neutral name the summary
put in place of a loaded label. A sentence verifies when every clause is fully supported by
some citation and every citation supports some clause; a sentence that does not is dropped.
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


def clauses(text: str) -> list[str]:
    """The parts of a sentence a citation may support on its own ('X says A; Y says B')."""
    return [part.strip() for part in text.split("; ") if part.strip()]


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


def support(
    clause: str,
    citation: Citation,
    article: Article,
    story_names: Mapping[str, str],
    story_speakers: frozenset[str] = frozenset(),
) -> Check:
    """Whether the cited passage holds the clause's figures, quoted words, names and content words."""
    problem = _valid_offsets(citation, article)
    if problem:
        return Check(False, reason=problem)
    passage = article.body[citation.start : citation.end]
    speakers = _credited(article, citation.start, citation.end)
    frame = f"{article.outlet} {' '.join(speakers)}"
    missing = figures(clause) - figures(passage)
    if missing:
        return Check(False, reason=f"figure not in the passage: {sorted(missing)[0]}")
    flat = normalize(passage)
    for words_quoted in quoted(clause):
        if normalize(words_quoted) not in flat:
            return Check(False, reason=f"quoted words not in the passage: {words_quoted[:40]}")
    person_words = story_speakers | _speaker_words([article])
    for name in names(clause):
        is_person = any(w in person_words for w in words(name))
        if is_person and normalize(name) not in flat and not _names_match(name, frame):
            return Check(False, reason=f"name not in the passage or credited there: {name}")
    present = _word_forms(f"{passage} {frame} {neutralize(passage, story_names)}")
    for noun in (proper_nouns(clause) & (person_words | TIME_WORDS)) - present:
        return Check(False, reason=f"speaker or day not in the passage or credited there: {noun}")
    wanted = content_stems(clause)
    have = content_stems(passage) | content_stems(neutralize(passage, story_names)) | content_stems(frame)
    share = len(wanted & have) / len(wanted) if wanted else 1.0
    return Check(share >= SUPPORT_SHARE, share, "" if share >= SUPPORT_SHARE else f"only {share:.0%} of the words")


def _word_forms(text: str) -> set[str]:
    """Words and their parts: "Barrett's" also gives "Barrett", "Russian-American" also "Russian"."""
    out = set()
    for word in words(text):
        out.add(word)
        out.update(part for part in re.split(r"['’\-]", word) if part)
    return out


def _speaker_words(articles: Iterable[Article]) -> frozenset[str]:
    """Words of the names the articles credit quotes to: a clause naming one must match the passage."""
    return frozenset(w for a in articles for q in a.quotes if q.speaker for w in words(q.speaker) if w[:1].isupper())


def _names_match(name: str, frame: str) -> bool:
    return {stem(w) for w in words(name)} <= {stem(w) for w in words(frame)}


def verify(sentence: SummarySentence, articles: Mapping[str, Article], story_names: Mapping[str, str]) -> bool:
    """Every clause fully supported by a citation, and every citation supporting a clause."""
    parts = clauses(sentence.text)
    if not parts or not sentence.citations:
        return False
    speakers = _speaker_words(articles.values())
    checks = [[_check(part, c, articles, story_names, speakers) for c in sentence.citations] for part in parts]
    each_clause_full = all(any(ch.ok and ch.share >= FULL_SHARE for ch in row) for row in checks)
    each_citation_used = all(any(row[k].ok for row in checks) for k in range(len(sentence.citations)))
    return each_clause_full and each_citation_used


def _check(
    clause: str,
    citation: Citation,
    articles: Mapping[str, Article],
    story_names: Mapping[str, str],
    speakers: frozenset[str],
) -> Check:
    article = articles.get(citation.article_id)
    if article is None:
        return Check(False, reason="cites an article not in the story")
    return support(clause, citation, article, story_names, speakers)


def own_voice_loaded(sentence: SummarySentence, articles: Mapping[str, Article]) -> list[str]:
    """Loaded words the sentence says in its own voice: outside quotation marks and not in
    speech the cited articles report ("X said the fighters are terrorists" is X's word)."""
    reported = [
        normalize(article.body[q.start : q.end])
        for c in sentence.citations
        if (article := articles.get(c.article_id)) is not None
        for q in article.quotes
        if q.start < c.end and c.start < q.end and q.kind != "indirect"
    ]
    return [term for term in loaded_terms(sentence.text) if not any(normalize(term) in r for r in reported)]


def supporting(
    clause: str, citations: Sequence[Citation], articles: Mapping[str, Article], story_names: Mapping[str, str]
) -> list[Citation]:
    """The citations whose passages support the clause."""
    speakers = _speaker_words(articles.values())
    return [c for c in citations if _check(clause, c, articles, story_names, speakers).ok]
