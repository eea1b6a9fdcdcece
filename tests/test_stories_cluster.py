"""Story grouping's bounded candidate search: same stories as comparing every pair, bounded work."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synth import generate
from manysides.models import Article, PubDate, Story
from manysides.stories import ClusterSettings, cluster_articles
from manysides.stories import cluster as cluster_module
from manysides.stories.vectors import article_vector, top_terms
from tests.test_stories import seed_articles, unrelated_article

UCI = Path(__file__).resolve().parents[2] / "shared" / "bench" / "uci-news-stories" / "stories.csv.gz"
UNBOUNDED = {"posting_cap": 10**9, "candidates": 10**9}


def uci_headlines(count: int) -> list[Article]:
    """The first `count` headlines of the UCI bench set, undated, as title-only articles."""
    return [article for article, _ in uci_rows(count)]


def uci_rows(count: int) -> list[tuple[Article, str]]:
    """The first `count` headlines of the UCI bench set with the aggregator's story id."""
    raw = gzip.decompress(UCI.read_bytes()).decode("utf-8")
    articles: list[tuple[Article, str]] = []
    for row in csv.DictReader(io.StringIO(raw)):
        if len(articles) == count:
            break
        title = html.unescape(row["title"]).removesuffix("...").strip()
        article = Article(id=row["id"], page_id=row["id"], source="uci", outlet=row["publisher"], title=title, body="")
        articles.append((article, row["story"]))
    return articles


def _groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


@pytest.fixture(scope="module")
def headlines() -> list[Article]:
    return uci_headlines(500)


def test_bounded_search_finds_the_same_stories_on_the_seeds() -> None:
    articles = [*seed_articles(), unrelated_article()]
    bounded = cluster_articles(articles)
    unbounded = cluster_articles(articles, ClusterSettings(**UNBOUNDED))  # type: ignore[arg-type]
    assert _groups(bounded) == _groups(unbounded)
    assert len(bounded) == 6


def test_bounded_search_finds_the_same_stories_on_500_headlines(headlines: list[Article]) -> None:
    bounded = ClusterSettings(threshold=0.075)
    loose = ClusterSettings(threshold=0.075, **UNBOUNDED)  # type: ignore[arg-type]
    assert _groups(cluster_articles(headlines, bounded)) == _groups(cluster_articles(headlines, loose))
    # The bound was at work: headlines of one story share their few words, past the postings cap.
    heads = Counter(t for a in headlines for t in top_terms(article_vector(a), bounded.index_terms))
    assert heads.most_common(1)[0][1] > bounded.posting_cap


def test_each_group_is_compared_with_at_most_the_candidate_bound(
    headlines: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    exact = cluster_module._similarity

    def counted(a: object, b: object, settings: ClusterSettings) -> float:
        calls.append(1)
        return exact(a, b, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(cluster_module, "_similarity", counted)
    settings = ClusterSettings(threshold=0.075, rounds=1, candidates=3)
    cluster_articles(headlines, settings)
    # Candidate pairs (at most 3 per headline), then one check per proposed merge.
    assert len(calls) <= 2 * 3 * len(headlines)
    calls.clear()
    cluster_articles(headlines, ClusterSettings(threshold=0.075, rounds=1, **UNBOUNDED))  # type: ignore[arg-type]
    assert len(calls) > 2 * 3 * len(headlines)


def test_the_time_window_keeps_far_apart_articles_from_being_compared() -> None:
    first, second = seed_articles()[:2]
    later = second.model_copy(update={"id": "later", "date": PubDate(value=dt.date(2018, 1, 1), source="input")})
    stories = cluster_articles([first, later])
    assert len(stories) == 2
    together = cluster_articles([first, second])
    assert len(together) == 1


def _pair_f1(stories: list[Story], gold: dict[str, str]) -> float:
    """F1 over pairs of articles put together (by the system, by the gold stories)."""
    label = {aid: s.id for s in stories for aid in s.article_ids}
    ids = sorted(gold)
    same_sys = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if label[a] == label[b]}
    same_gold = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if gold[a] == gold[b]}
    both = len(same_sys & same_gold)
    return 2 * both / (len(same_sys) + len(same_gold))


def test_headlines_group_at_the_defaults_that_suit_full_articles() -> None:
    rows = uci_rows(500)
    headlines = [a for a, _ in rows]
    gold = {a.id: story for a, story in rows}
    flat = ClusterSettings(short_threshold=ClusterSettings().threshold)
    # A headline shares a word or two with another of its story: the full-article bar splits them.
    # (0.95 against 0.70 when written: 500 headlines of 8 stories.)
    assert _pair_f1(cluster_articles(headlines), gold) > 0.9
    assert _pair_f1(cluster_articles(headlines, flat), gold) < 0.8


def test_the_bar_falls_with_the_shorter_text_and_stays_between_the_two_thresholds() -> None:
    settings = ClusterSettings()
    bars = [cluster_module._threshold(n, settings) for n in (1, 7, 9, 12, 16, 200)]
    assert bars[0] == bars[1] == settings.short_threshold
    assert bars[-2] == bars[-1] == settings.threshold
    assert bars == sorted(bars) and len(set(bars)) == 4


def synthetic_articles(count: int) -> tuple[list[Article], dict[str, str]]:
    """`count` synthetic dated articles (benchmarks/synth.py, seed 0) and each one's true story."""
    pages = list(generate(count))
    articles = [page.article() for page in pages]
    return articles, {article.id: page.story for article, page in zip(articles, pages, strict=True)}


def _bcubed(stories: list[Story], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of the stories against the true ones."""
    label = {aid: s.id for s in stories for aid in s.article_ids}
    pairs = Counter((label[a], gold[a]) for a in gold)
    ours, theirs = Counter(label[a] for a in gold), Counter(gold.values())
    precision = sum(pairs[(label[a], gold[a])] / ours[label[a]] for a in gold) / len(gold)
    recall = sum(pairs[(label[a], gold[a])] / theirs[gold[a]] for a in gold) / len(gold)
    return precision, recall


def test_stock_words_of_the_same_months_no_longer_join_different_stories() -> None:
    articles, gold = synthetic_articles(2000)
    with_spread = _bcubed(cluster_articles(articles), gold)
    without = _bcubed(cluster_articles(articles, ClusterSettings(spread_free=float("inf"))), gold)
    # Stories of one kind share "cordoned", "aftershock"...: weighed down, fewer of them merge.
    # (Precision 0.915 against 0.893 when written, recall 1.0 both.)
    assert with_spread[0] > without[0] + 0.01
    assert with_spread[1] >= 0.99


def test_a_common_term_weighs_less_between_long_texts_only() -> None:
    settings = ClusterSettings()
    long_a, long_b = seed_articles()[:2]
    groups = [cluster_module._article_group(a, settings) for a in (long_a, long_b)]
    shared = max(groups[0].total.keys() & groups[1].total.keys(), key=lambda t: groups[0].total[t] * groups[1].total[t])
    plain = cluster_module._similarity(groups[0], groups[1], settings)
    for group in groups:
        group.common = {shared: 0.5}
    assert cluster_module._similarity(groups[0], groups[1], settings) < plain
    for group in groups:
        group.length = settings.short_terms
    short_plain = cluster_module._similarity(groups[0], groups[1], settings)
    for group in groups:
        group.common = {}
    assert cluster_module._similarity(groups[0], groups[1], settings) == short_plain
