"""Group articles into stories, incrementally: new articles join stories or start their own.

The grouping is a greedy average linkage. Candidate pairs come from an
inverted index over each vector's heaviest terms, by time bucket; a long
postings list keeps only the groups its term weighs most in, and each group is
compared exactly with only the few candidates sharing most weight with it, so
the work per article is bounded and grows linearly with the articles. A term
among the heaviest of many groups of one time bucket (a stock word of stories of
one kind) weighs less between long texts, and its postings are cut shorter; the
counts are the postings' lengths, so this costs nothing. Pairs are
taken from the most to the least similar, and two groups merge when the mean
similarity of their articles (not just the pair's) clears a bar that is lower
for short texts, after a discount for the days between them. Existing stories
keep their ids and are never merged with each other; new articles are sorted
first, so the outcome does not depend on their order.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from manysides.models import Article, Story, stable_id
from manysides.stories.vectors import Vector, VectorSettings, article_vector, cosine, top_terms

ArticlesOf = Callable[[Story], Sequence[Article]]


@dataclass(frozen=True)
class ClusterSettings:
    """Thresholds of the story grouping.

    Two headlines share a word or two where two full articles share dozens, so the
    similarity needed falls with the length of the shorter text: `threshold` from
    `long_terms` terms up, `short_threshold` at `short_terms` and below, between
    them on a log scale (chosen on the tuning splits of ECB+ and the UCI headlines).
    """

    threshold: float = 0.175
    short_threshold: float = 0.065
    short_terms: float = 7.0
    long_terms: float = 16.0
    # Days apart two groups may be with no discount; past that the similarity halves every `half_life`.
    grace_days: float = 21.0
    half_life_days: float = 30.0
    index_terms: int = 12
    rounds: int = 2
    term_cap: float = 0.1
    centroid_terms: int = 300
    # A term filed by more groups of one time bucket proposes only the `posting_cap` it weighs most in,
    # and of all it proposes, a group compares itself exactly with the `candidates` sharing most weight:
    # both bound the work per article, so the grouping time grows linearly with the articles.
    posting_cap: int = 50
    candidates: int = 20
    # Stories of one kind in the same months share their stock words ("cordoned", "ceasefire"): a term
    # among the heaviest of more than `spread_free` groups of a time bucket weighs less in a similarity,
    # the more groups use it, the less (English rarity alone cannot tell a stock word from a name).
    spread_free: float = 10.0
    vectors: VectorSettings = field(default_factory=VectorSettings)


@dataclass
class _Group:
    """A story being built: an existing story (locked) or new articles."""

    key: str
    story: Story | None
    articles: list[Article]
    total: Vector
    first: dt.date | None
    last: dt.date | None
    size: int = 1
    norm: float = 0.0
    # The vector of each of `articles`, kept for choosing the label.
    vectors: list[Vector] = field(default_factory=list)
    # Terms whose mean weight exceeds the term cap: only these can need capping in a similarity.
    heavy: set[str] = field(default_factory=set)
    # Mean number of terms of the articles' vectors (headlines have a handful, articles a hundred).
    length: float = 0.0
    # Terms many groups of its time bucket are filed under, with the share of their part to drop.
    common: dict[str, float] = field(default_factory=dict)

    def refresh(self, cap: float) -> None:
        """Recompute the norm and the heavy terms after `total` changed."""
        self.norm = math.sqrt(sum(w * w for w in self.total.values()))
        self.heavy = {t for t, w in self.total.items() if w > cap * self.size}


def update_stories(
    new: Sequence[Article],
    stories: Sequence[Story],
    articles_of: ArticlesOf,
    settings: ClusterSettings | None = None,
) -> list[Story]:
    """All stories after adding `new` articles: old ones keep their ids, new ones get stable ids."""
    settings = settings or ClusterSettings()
    known = {aid for story in stories for aid in story.article_ids}
    fresh = [_article_group(a, settings) for a in _sorted_unique([a for a in new if a.id not in known])]
    reachable = _reachable(stories, fresh, settings)
    groups = [_story_group(s, articles_of(s), settings) for s in reachable] + fresh
    parent = _link(groups, settings)
    updated = {s.id: s for s in _stories(groups, parent, settings)}
    kept = [updated.pop(s.id, s) for s in stories]
    return kept + list(updated.values())


def _reachable(stories: Sequence[Story], fresh: list[_Group], settings: ClusterSettings) -> list[Story]:
    """The stored stories a new article could join: those whose keywords it shares.

    Only their articles are read back, so an update costs what the new articles
    touch, not the size of the store. A story without keywords is always read.
    """
    heads = {term for group in fresh for term in top_terms(group.total, settings.index_terms)}
    return [s for s in stories if not s.keywords or heads.intersection(s.keywords)]


def cluster_articles(articles: Sequence[Article], settings: ClusterSettings | None = None) -> list[Story]:
    """Group a batch of articles into stories (an update of an empty store)."""
    return update_stories(articles, [], lambda _: [], settings)


def _sorted_unique(articles: Sequence[Article]) -> list[Article]:
    by_id = {a.id: a for a in articles}
    return sorted(by_id.values(), key=lambda a: (a.date.value or dt.date.max, a.id))


def _article_group(article: Article, settings: ClusterSettings) -> _Group:
    day = article.date.value
    vector = article_vector(article, settings.vectors)
    group = _Group(article.id, None, [article], vector, day, day, vectors=[vector], length=len(vector))
    group.refresh(settings.term_cap)
    return group


def _story_group(story: Story, articles: Sequence[Article], settings: ClusterSettings) -> _Group:
    total: Vector = {}
    lengths = []
    for article in articles:
        vector = article_vector(article, settings.vectors)
        _accumulate(total, vector)
        lengths.append(len(vector))
    days = [a.date.value for a in articles if a.date.value]
    total = _truncate(total, settings.centroid_terms)
    group = _Group(story.id, story, [], total, min(days, default=None), max(days, default=None))
    group.size = max(1, len(articles))
    group.length = statistics.fmean(lengths) if lengths else 0.0
    group.refresh(settings.term_cap)
    return group


def _link(groups: list[_Group], settings: ClusterSettings) -> list[int]:
    """Union-find parents after rounds of greedy merging, most similar pair first.

    The first round pairs single articles; later rounds pair the merged groups by
    their centroids, which finds groups whose articles never met pairwise.
    """
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    alive = list(range(len(groups)))
    for _ in range(settings.rounds):
        merged = False
        for _, i, j in _candidate_pairs(groups, alive, settings):
            ri, rj = find(i), find(j)
            if ri == rj or (groups[ri].story is not None and groups[rj].story is not None):
                continue
            if _score(groups[ri], groups[rj], settings) >= 1.0:
                keep, gone = (ri, rj) if _before(groups[ri], groups[rj]) else (rj, ri)
                _merge(groups[keep], groups[gone], settings)
                parent[gone] = keep
                merged = True
        alive = sorted({find(i) for i in alive})
        if not merged:
            break
    return [find(i) for i in range(len(groups))]


def _candidate_pairs(groups: list[_Group], alive: list[int], settings: ClusterSettings) -> list[tuple[float, int, int]]:
    """Pairs sharing a heavy term, within reach in time, similar enough; most similar (to the bar) first."""
    heads = {i: _head(groups[i], settings) for i in alive}
    postings = _postings(groups, heads, settings)
    _mark_common(groups, heads, {key: len(posting) for key, posting in postings.items()}, settings)
    postings = _capped(postings, settings)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[float, int, int]] = []
    for i in alive:
        if groups[i].story is not None:
            continue
        for j in _candidates(groups[i], i, heads[i], postings, settings):
            pair = (min(i, j), max(i, j))
            if pair in seen:
                continue
            seen.add(pair)
            score = _score(groups[i], groups[j], settings)
            if score >= 1.0:
                pairs.append((score, *pair))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs


_Postings = dict[tuple[str, int | str | None], list[tuple[float, int]]]
_Head = list[tuple[str, float]]
_Spreads = dict[tuple[str, int | str | None], int]


def _head(group: _Group, settings: ClusterSettings) -> _Head:
    """The group's heaviest terms with their mean weight over its articles."""
    return [(term, group.total[term] / group.size) for term in top_terms(group.total, settings.index_terms)]


def _postings(groups: list[_Group], heads: dict[int, _Head], settings: ClusterSettings) -> _Postings:
    """Each group filed under its heaviest terms and time buckets, with the term's mean weight in it.

    A long list keeps only the `posting_cap` groups the term weighs most in: a word
    that many groups of the same months share tells little about which of them to join.
    """
    reach = _reach_days(settings)
    postings: _Postings = defaultdict(list)
    for index, head in heads.items():
        buckets = [*_buckets(groups[index], reach, 0), "any"]
        for term, weight in head:
            # Every group is also filed under its term alone, for undated groups to search.
            for bucket in buckets:
                postings[(term, bucket)].append((weight, index))
    return postings


def _capped(postings: _Postings, settings: ClusterSettings) -> _Postings:
    """The postings with each long list cut to the groups its term weighs most in.

    A list keeps at most `posting_cap` groups, fewer for a term common in its time
    bucket, in proportion to the part of it a similarity keeps.
    """
    for key, posting in postings.items():
        # The lists of undated groups ("any", None) span no time window: their terms are not common in one.
        common = _common_share(len(posting), settings) if isinstance(key[1], int) else 0.0
        cap = max(1, round(settings.posting_cap * (1.0 - common)))
        if len(posting) > cap:
            postings[key] = sorted(posting, key=lambda wi: (-wi[0], wi[1]))[:cap]
    return postings


def _mark_common(groups: list[_Group], heads: dict[int, _Head], spreads: _Spreads, settings: ClusterSettings) -> None:
    """Mark the head terms that more than `spread_free` groups of the same time bucket are filed under.

    The counts are the postings' lengths before the cut, so they cost nothing extra;
    an undated group, in no bucket, counts over all groups.
    """
    reach = _reach_days(settings)
    for index, head in heads.items():
        group = groups[index]
        buckets = _buckets(group, reach, 0) if group.first else ["any"]
        group.common = {}
        for term, _ in head:
            share = _common_share(max(spreads.get((term, bucket), 0) for bucket in buckets), settings)
            if share:
                group.common[term] = share


def _common_share(spread: int, settings: ClusterSettings) -> float:
    """The share of a term's part dropped when `spread` groups of its time bucket are filed under it."""
    if spread <= settings.spread_free:
        return 0.0
    return 1.0 - 1.0 / (1.0 + math.log(spread / settings.spread_free))


def _candidates(group: _Group, i: int, head: _Head, postings: _Postings, settings: ClusterSettings) -> list[int]:
    """The groups sharing the most head-term weight with `group` (number `i`), at most `settings.candidates`."""
    buckets = _buckets(group, _reach_days(settings), 1)
    shared: dict[int, float] = defaultdict(float)
    for term, weight in head:
        for bucket in buckets:
            for other, theirs in postings.get((term, bucket), ()):
                shared[theirs] += weight * other
    shared.pop(i, None)
    if len(shared) <= settings.candidates:
        return sorted(shared)
    return sorted(heapq.nsmallest(settings.candidates, shared, key=lambda j: (-shared[j], j)))


def _reach_days(settings: ClusterSettings) -> int:
    """Days apart past which the time discount alone keeps two groups under the threshold."""
    lowest = min(settings.threshold, settings.short_threshold)
    halvings = math.log2(1.0 / lowest) if 0 < lowest < 1 else 0.0
    return max(1, math.ceil(settings.grace_days + settings.half_life_days * halvings))


def _buckets(group: _Group, reach: int, margin: int) -> list[int | str | None]:
    """Time buckets `reach` days wide that a group covers (with `margin` on each side).

    An undated group is filed under None; searching, it looks under "any" (every
    group), since with no date there is no discount; dated groups also look at None.
    """
    if group.first is None or group.last is None:
        return ["any"] if margin else [None]
    low, high = group.first.toordinal() // reach - margin, group.last.toordinal() // reach + margin
    return [None, *range(low, high + 1)] if margin else list(range(low, high + 1))


def _score(a: _Group, b: _Group, settings: ClusterSettings) -> float:
    """The similarity of two groups over the similarity their texts' length asks for (merge at 1)."""
    return _similarity(a, b, settings) / _threshold(min(a.length, b.length), settings)


def _threshold(terms: float, settings: ClusterSettings) -> float:
    """The similarity needed when the shorter text has `terms` terms."""
    return settings.short_threshold + _longness(terms, settings) * (settings.threshold - settings.short_threshold)


def _longness(terms: float, settings: ClusterSettings) -> float:
    """0 for a text of `short_terms` terms or fewer, 1 from `long_terms`, on a log scale between."""
    if terms >= settings.long_terms or settings.long_terms <= settings.short_terms:
        return 1.0
    if terms <= settings.short_terms:
        return 0.0
    return math.log(terms / settings.short_terms) / math.log(settings.long_terms / settings.short_terms)


def _similarity(a: _Group, b: _Group, settings: ClusterSettings) -> float:
    """Mean pairwise cosine of the two groups' articles, each shared term's part capped, times time."""
    if not a.norm or not b.norm:
        return 0.0
    small, large = (a.total, b.total) if len(a.total) <= len(b.total) else (b.total, a.total)
    scale = 1.0 / (a.size * b.size)
    content = scale * sum(small[term] * large[term] for term in small.keys() & large.keys())
    # One shared name (a city, a province) is not a story: no term may carry more than `term_cap`.
    # A term's part is the product of its mean weights, so only terms heavy in both can pass the cap.
    # A term common in either group's months keeps only part of it, if the texts are long: two headlines
    # share one or two words, their story's even when common, where two articles also share names.
    longness = _longness(min(a.length, b.length), settings)
    common = {t for t in a.common.keys() | b.common.keys() if t in a.total and t in b.total} if longness else set()
    for term in (a.heavy & b.heavy) | common:
        part = a.total[term] * b.total[term] * scale
        drop = longness * max(a.common.get(term, 0.0), b.common.get(term, 0.0)) if term in common else 0.0
        content -= part - min(part, settings.term_cap) * (1.0 - drop)
    return content * _time_factor(a, b, settings)


def _time_factor(a: _Group, b: _Group, settings: ClusterSettings) -> float:
    if not (a.first and a.last and b.first and b.last):
        return 1.0
    gap = max(0, (b.first - a.last).days, (a.first - b.last).days)
    excess = max(0.0, gap - settings.grace_days)
    return float(0.5 ** (excess / settings.half_life_days))


def _before(a: _Group, b: _Group) -> bool:
    """Which group's key survives a merge: an existing story, else the earlier article."""
    if (a.story is None) != (b.story is None):
        return a.story is not None
    return (a.first or dt.date.max, a.key) <= (b.first or dt.date.max, b.key)


def _merge(keep: _Group, gone: _Group, settings: ClusterSettings) -> None:
    # A new dict: a single article's total is its vector, which the label still needs.
    total = dict(keep.total)
    _accumulate(total, gone.total)
    keep.total = _truncate(total, settings.centroid_terms)
    keep.articles += gone.articles
    keep.vectors += gone.vectors
    keep.length = (keep.length * keep.size + gone.length * gone.size) / (keep.size + gone.size)
    keep.size += gone.size
    keep.refresh(settings.term_cap)
    shares = {t: max(keep.common.get(t, 0.0), gone.common.get(t, 0.0)) for t in keep.common.keys() | gone.common}
    keep.common = {t: share for t, share in shares.items() if t in keep.total}
    days = [d for d in (keep.first, keep.last, gone.first, gone.last) if d]
    keep.first, keep.last = min(days, default=None), max(days, default=None)


def _accumulate(total: Vector, vector: Vector) -> None:
    for term, weight in vector.items():
        total[term] = total.get(term, 0.0) + weight


def _truncate(vector: Vector, k: int) -> Vector:
    if len(vector) <= k:
        return vector
    return {t: vector[t] for t in top_terms(vector, k)}


def _stories(groups: list[_Group], parent: list[int], settings: ClusterSettings) -> list[Story]:
    stories: list[Story] = []
    for index in sorted(set(parent)):
        group = groups[index]
        new_ids = sorted(a.id for a in group.articles)
        keywords = top_terms(group.total, settings.index_terms)
        if group.story is not None:
            old = group.story
            ids = old.article_ids + [i for i in new_ids if i not in old.article_ids]
            stories.append(old.model_copy(update={"article_ids": ids, "keywords": keywords}))
            continue
        first = min(group.articles, key=lambda a: (a.date.value or dt.date.max, a.id))
        stories.append(
            Story(
                id=stable_id("story", first.id),
                label=_label(group),
                article_ids=new_ids,
                keywords=keywords,
            )
        )
    return stories


def _label(group: _Group) -> str:
    """The title of the article closest to the story's centroid."""
    pairs = list(zip(group.articles, group.vectors, strict=True))
    titled = [(a, v) for a, v in pairs if a.title.strip()] or pairs

    def closeness(pair: tuple[Article, Vector]) -> tuple[float, dt.date, str]:
        article, vector = pair
        return (-cosine(vector, group.total), article.date.value or dt.date.max, article.id)

    best = min(titled, key=closeness)[0]
    return best.title.strip() or " ".join(best.body.split()[:12])
