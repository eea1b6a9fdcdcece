"""Claims: the statements each article makes, aligned across articles so one claim lists every carrier."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from manysides.compare.lexicons import actor_label_pattern, claim_synonyms, stance_cues
from manysides.models import Article, Claim, ClaimMention, stable_id

# Two sentences of different articles make the same claim when their weighted word overlap
# (cosine of stemmed TF-IDF vectors, average linkage) reaches this; tuned by hand on the seeds
# and the example corpus, checked on FNC-1 train pairs (benchmarks/run_claims.py).
SAME_CLAIM = 0.3
SAME_SPEAKER_BONUS = 0.15  # quotes credited to one speaker are likelier one claim
MIN_WORDS = 6
MAX_SINGLE_CLAIMS = 40
# Pairwise alignment is quadratic: past this many sentences a story keeps each article's leading ones
# (news puts its claims first), at least MIN_PER_ARTICLE each.
MAX_CANDIDATES = 3000
MIN_PER_ARTICLE = 5

KEEP = {"not", "no", "never", "nothing", "none", "nor", "without"}
STOP = frozenset(ENGLISH_STOP_WORDS) - KEEP
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'’-]*")

SourceOf = Callable[[Article, int, int], tuple[str, str]]  # (article, start, end) -> (source, why)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match 'refused'/'refuses', 'rebels'/'rebel'."""
    word = word.replace("’", "'").removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def claim_tokens(text: str) -> list[str]:
    """Lowercased stems of the content words, negations kept, synonyms and actor labels mapped to one key."""
    pattern, groups = actor_label_pattern()  # 'rebels' and 'militants' name one side: compare what is said of it
    text = pattern.sub(lambda m: " " + groups[(m.lastindex or 1) - 1].replace(" ", "") + " ", text)
    synonyms = claim_synonyms()
    words = [w.replace("n't", " not").strip("'-") for w in _TOKEN.findall(text.lower())]
    return [synonyms.get(t) or stem(t) for w in words for t in w.split() if t and t not in STOP]


@dataclass(frozen=True)
class Candidate:
    article: Article
    start: int
    end: int
    text: str
    speakers: frozenset[str]


def candidates(articles: Sequence[Article], skip: Set[tuple[str, int]] = frozenset()) -> list[Candidate]:
    """Body sentences long enough to state something (a quote running over several sentences is one),
    with the speakers of the quotes they hold.

    `skip` holds (article id, sentence start) of sentences that are not claims, e.g. editorial ones."""
    out = []
    spans = {a.id: _statement_spans(a) for a in articles}
    total = sum(len(v) for v in spans.values())
    budget = total if total <= MAX_CANDIDATES else max(MIN_PER_ARTICLE, MAX_CANDIDATES // max(1, len(articles)))
    for article in articles:
        for start, end in spans[article.id][:budget]:
            text = article.body[start:end]
            if len(text.split()) < MIN_WORDS or (article.id, start) in skip:
                continue
            speakers = frozenset(
                q.speaker_key or q.speaker or ""
                for q in article.quotes
                if q.start < end and q.end > start and (q.speaker_key or q.speaker)
            )
            out.append(Candidate(article, start, end, text, speakers))
    return out


def _statement_spans(article: Article) -> list[tuple[int, int]]:
    """Sentence spans, with the sentences one direct quote runs across joined into one."""
    spans: list[tuple[int, int]] = []
    quotes = [(q.start, q.end) for q in article.quotes if q.kind != "indirect"]
    for sentence in article.sentences:
        if spans and any(qs < spans[-1][1] <= qe and qs < sentence.end and sentence.start < qe for qs, qe in quotes):
            spans[-1] = (spans[-1][0], sentence.end)
        else:
            spans.append((sentence.start, sentence.end))
    return spans


def similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of stemmed TF-IDF vectors, all pairs."""
    if not texts:
        return np.zeros((0, 0))
    vectorizer = TfidfVectorizer(tokenizer=claim_tokens, lowercase=False, token_pattern=None, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no content words at all
        return np.eye(len(texts))
    return np.asarray((matrix @ matrix.T).todense())


def align_claims(
    articles: Sequence[Article], source_of: SourceOf, skip: Set[tuple[str, int]] = frozenset()
) -> list[Claim]:
    """Group sentences of different articles that make the same claim; each gets its independent source."""
    cands = candidates(articles, skip)
    if not cands:
        return []
    labels = _cluster(cands)
    groups: dict[int, list[Candidate]] = {}
    for cand, label in zip(cands, labels, strict=True):
        groups.setdefault(int(label), []).append(cand)
    claims = [_claim(members, source_of) for members in groups.values()]
    shared = [c for c in claims if len(c.mentions) > 1]
    single = [c for c in claims if len(c.mentions) == 1 and _is_factual(c.text)]
    shared.sort(key=lambda c: (-len(c.sources), -len(c.outlets), -len(c.mentions), c.id))
    return shared + single[:MAX_SINGLE_CLAIMS]


def _cluster(cands: Sequence[Candidate]) -> np.ndarray:
    if len(cands) == 1:
        return np.array([1])
    sim = similarity([c.text for c in cands])
    article = np.array([c.article.id for c in cands])
    sim[article[:, None] == article[None, :]] = 0.0  # one article does not corroborate itself
    quoted = [i for i, c in enumerate(cands) if c.speakers]
    for i, j in itertools.combinations(quoted, 2):
        if article[i] != article[j] and cands[i].speakers & cands[j].speakers:
            sim[i, j] = sim[j, i] = min(1.0, sim[i, j] + SAME_SPEAKER_BONUS)
    distance = np.clip(1.0 - sim, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels: np.ndarray = fcluster(tree, t=1.0 - SAME_CLAIM, criterion="distance")
    return labels


def _claim(members: list[Candidate], source_of: SourceOf) -> Claim:
    first_per_article: dict[str, Candidate] = {}
    for cand in members:
        first_per_article.setdefault(cand.article.id, cand)
    ordered = sorted(first_per_article.values(), key=lambda c: (*_date_key(c.article), c.article.id, c.start))
    mentions = []
    for cand in ordered:
        source, via = source_of(cand.article, cand.start, cand.end)
        mentions.append(
            ClaimMention(
                article_id=cand.article.id,
                outlet=cand.article.outlet,
                date=cand.article.date.value,
                start=cand.start,
                end=cand.end,
                text=cand.text,
                source=source,
                via=via,
            )
        )
    return Claim(
        id=stable_id(*(f"{m.article_id}:{m.start}" for m in mentions), length=12),
        text=ordered[0].text,
        mentions=mentions,
        outlets=sorted({m.outlet for m in mentions}),
        sources=sorted({m.source for m in mentions}),
    )


def _date_key(article: Article) -> tuple[bool, dt.date]:
    return (article.date.value is None, article.date.value or dt.date.max)


def _is_factual(text: str) -> bool:
    """A sentence with a number or a capitalised name past its first word, not a question."""
    if text.rstrip().endswith("?"):
        return False
    return bool(re.search(r"\d|\s[A-Z][a-z]", text))


def negated(text: str) -> bool:
    """True when the sentence has an odd number of denial cues ('not', 'rejected', 'denied' ...)."""
    cues = stance_cues()
    words = [w.replace("’", "'") for w in _TOKEN.findall(text.lower())]
    count = sum(1 for w in words if cues.get(w) in ("deny", "refute") or w.endswith("n't"))
    return count % 2 == 1
