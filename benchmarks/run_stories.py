"""Story clustering: manysides against TF-IDF + average-linkage agglomerative, in one run.

Sets: uci-news-stories (headlines; threshold tuned on the dev half of the stories,
reported on the test half and on all), ecbplus (full articles, gold = sub-topic;
tuned on train+dev topics, reported on test topics 36-45 and on all), the seeds
(004 cut into its five items), clustering time at 1k/5k/10k headlines against the
baseline, and the growth of grouping time on 1k/10k/100k synthetic articles
(benchmarks/synth.py), each size in a fresh process.
Run: `.venv/bin/python -m benchmarks.run_stories`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import html
import io
import itertools
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from benchmarks.readme import BENCH_DATA, ROOT, save_results, table, write_section
from benchmarks.synth import generate
from manysides.models import Article, PubDate, stable_id
from manysides.stories import ClusterSettings, cluster_articles

SEEDS = BENCH_DATA.parent / "seeds"
SEED_SPLITS = ROOT / "tests" / "data" / "stories" / "seed_items.json"
ECB_TEST_TOPICS = set(range(36, 46))
Labels = list[str]


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    ari: float
    clusters: int
    seconds: float

    def row(self, name: str, items: int) -> list[object]:
        rate = items / self.seconds if self.seconds else 0.0
        return [name, self.precision, self.recall, self.f1, self.ari, self.clusters, f"{rate:,.0f}"]


def bcubed(system: Labels, gold: Labels) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items."""
    pair = Counter(zip(system, gold, strict=True))
    sys_size, gold_size = Counter(system), Counter(gold)
    n = len(system)
    precision = sum(pair[(s, g)] / sys_size[s] for s, g in zip(system, gold, strict=True)) / n
    recall = sum(pair[(s, g)] / gold_size[g] for s, g in zip(system, gold, strict=True)) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(system: Labels, gold: Labels, seconds: float) -> Scores:
    p, r, f = bcubed(system, gold)
    return Scores(p, r, f, float(adjusted_rand_score(gold, system)), len(set(system)), seconds)


# --- data -------------------------------------------------------------------------------------


def uci_articles() -> tuple[list[Article], Labels]:
    """The 5,596 headlines as title-only articles dated by their timestamp."""
    raw = gzip.decompress((BENCH_DATA / "uci-news-stories" / "stories.csv.gz").read_bytes())
    articles, gold = [], []
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        title = re.sub(r"\s*\.\.\.$", "", html.unescape(row["title"])).strip()
        day = dt.datetime.fromtimestamp(int(row["timestamp"]) / 1000, dt.UTC).date()
        articles.append(
            Article(
                id=row["id"],
                page_id=row["id"],
                source="uci",
                url=row["url"],
                outlet=row["publisher"],
                title=title,
                body="",
                date=PubDate(value=day, source="input"),
            )
        )
        gold.append(row["story"])
    return articles, gold


def uci_dev_story(story: str) -> bool:
    """Half the stories, by a hash of their id, for tuning; the other half is the test."""
    return int(hashlib.sha256(story.encode()).hexdigest(), 16) % 2 == 0


def ecb_articles() -> tuple[list[Article], Labels, list[int]]:
    """The 982 ECB+ documents; gold = (topic, ecb|ecbplus); the URL line of ecbplus files dropped."""
    articles, gold, topics = [], [], []
    with tarfile.open(BENCH_DATA / "ecbplus" / "ECB+.tar.gz") as archive:
        members = sorted((m for m in archive.getmembers() if m.name.endswith(".xml")), key=lambda m: m.name)
        for member in members:
            handle = archive.extractfile(member)
            if handle is None:
                continue
            name = Path(member.name).name
            topic = int(name.split("_")[0])
            plus = name.endswith("ecbplus.xml")
            sentences = _ecb_sentences(ET.parse(handle).getroot(), skip_first=plus)
            if not sentences:
                continue
            articles.append(
                Article(
                    id=name,
                    page_id=name,
                    source="ecbplus",
                    outlet="ecbplus",
                    title=sentences[0],
                    body="\n".join(sentences[1:]),
                )
            )
            gold.append(f"{topic}-{'plus' if plus else 'ecb'}")
            topics.append(topic)
    return articles, gold, topics


def _ecb_sentences(root: ET.Element, skip_first: bool) -> list[str]:
    words: dict[int, list[str]] = {}
    for token in root.iter("token"):
        words.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    numbers = sorted(words)[1:] if skip_first else sorted(words)
    return [" ".join(words[n]) for n in numbers]


def seed_articles() -> tuple[list[Article], Labels]:
    """The five seeds, 004 cut at its item headings; gold: the seed story, each other item alone."""
    splits = json.loads(SEED_SPLITS.read_text(encoding="utf-8"))
    articles, gold = [], []
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (SEEDS / row["file"]).read_text(encoding="utf-8")
            spec = splits.get(row["file"])
            parts = _cut(text, spec) if spec else [text]
            day = dt.date.fromisoformat(row["date"]) if row["date"] else None
            for number, part in enumerate(parts, start=1):
                lines = [line.strip() for line in part.splitlines() if len(line.split()) >= 4]
                item = number if spec else None
                articles.append(
                    Article(
                        id=Article.make_id(stable_id(row["url"]), item),
                        page_id=stable_id(row["url"]),
                        source=row["file"],
                        outlet=row["outlet"],
                        title=lines[0],
                        body="\n".join(lines[1:]),
                        item=item,
                        date=PubDate(value=day, source="manifest" if day else "unknown"),
                    )
                )
                gold.append("seed" if (item or 1) == 1 else f"item{item}")
    return articles, gold


def _cut(text: str, spec: dict[str, object]) -> list[str]:
    rest = text.split(str(spec["end"]))[0]
    parts = []
    for heading in spec["items"]:  # type: ignore[attr-defined]
        before, after = rest.split(heading, 1)
        parts.append(before)
        rest = heading + after
    return [*parts, rest]


# --- systems ------------------------------------------------------------------------------------


def run_manysides(articles: Sequence[Article], settings: ClusterSettings) -> tuple[Labels, float]:
    """Story labels of the articles and the CPU seconds the grouping took."""
    start = time.process_time()
    stories = cluster_articles(articles, settings)
    seconds = time.process_time() - start
    label = {aid: s.id for s in stories for aid in s.article_ids}
    return [label[a.id] for a in articles], seconds


def run_baseline(articles: Sequence[Article], threshold: float) -> tuple[Labels, float]:
    """TF-IDF (1-2 grams) cosine + average-linkage agglomerative cut at a distance threshold (CPU seconds)."""
    start = time.process_time()
    key = tuple(a.id for a in articles)
    if key not in _TREES:
        _TREES.clear()
        _TREES[key] = _baseline_tree(articles)
    tree = _TREES[key]
    labels = fcluster(tree, t=threshold, criterion="distance")
    return [str(x) for x in labels], time.process_time() - start


_TREES: dict[tuple[str, ...], np.ndarray] = {}


def _baseline_tree(articles: Sequence[Article]) -> np.ndarray:
    """The average-linkage tree (scipy), built once per article set and cut at each threshold."""
    texts = [f"{a.title}\n{a.body}" for a in articles]
    matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    distances = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree: np.ndarray = np.asarray(linkage(squareform(distances, checks=False), method="average"))
    return tree


def best_threshold(run: Callable[[float], Labels], gold: Labels, grid: Sequence[float]) -> float:
    """The grid value with the highest B-cubed F1 on the given (tuning) items."""
    return max(grid, key=lambda t: (bcubed(run(t), gold)[2], -t))


def subset(labels: Labels, keep: Sequence[bool]) -> Labels:
    return [x for x, k in zip(labels, keep, strict=True) if k]


# --- benches ------------------------------------------------------------------------------------

BASELINE_GRID = [round(x, 2) for x in np.arange(0.50, 1.0, 0.01)]
MANYSIDES_GRID = [round(x, 3) for x in np.arange(0.05, 0.26, 0.025)]
# (grace days, half-life days): the product default, and shorter ones for a daily aggregator.
TIME_SCALES = [(21.0, 30.0), (1.0, 2.0), (0.0, 1.0)]
# Cap on what one shared term may add to a similarity (1.0 = no cap).
TERM_CAPS = [0.1, 1.0]
Rows = list[list[object]]


def _without_dates(articles: Sequence[Article]) -> list[Article]:
    return [a.model_copy(update={"date": PubDate()}) for a in articles]


def _tune_manysides(
    articles: Sequence[Article], gold: Labels, scales: Sequence[tuple[float, float]]
) -> ClusterSettings:
    best: tuple[float, ClusterSettings] | None = None
    for (grace, half_life), cap, threshold in itertools.product(scales, TERM_CAPS, MANYSIDES_GRID):
        # One flat threshold for every length: the defaults' length-dependent one is what is compared.
        settings = ClusterSettings(
            threshold=threshold,
            short_threshold=threshold,
            grace_days=grace,
            half_life_days=half_life,
            term_cap=cap,
        )
        f1 = bcubed(run_manysides(articles, settings)[0], gold)[2]
        if best is None or f1 > best[0]:
            best = (f1, settings)
    assert best is not None
    return best[1]


def _describe(settings: ClusterSettings) -> str:
    grace, half_life = settings.grace_days, settings.half_life_days
    threshold = f"threshold {settings.threshold}"
    if settings.short_threshold != settings.threshold:
        threshold += f" ({settings.short_threshold} at {settings.short_terms:g} terms or fewer)"
    return f"{threshold}, term cap {settings.term_cap:g}, time {grace:g} d + half-life {half_life:g} d"


def bench_set(articles: list[Article], gold: Labels, tune: list[bool], dated: bool) -> tuple[Rows, dict[str, object]]:
    """Baseline and manysides tuned on the `tune` items, scored on the others and on all."""
    tune_articles = [a for a, k in zip(articles, tune, strict=True) if k]
    tune_gold = subset(gold, tune)
    base_t = best_threshold(lambda t: run_baseline(tune_articles, t)[0], tune_gold, BASELINE_GRID)
    systems: dict[str, tuple[Callable[[Sequence[Article]], tuple[Labels, float]], str]] = {
        "TF-IDF 1-2 grams + average linkage": (lambda arts: run_baseline(arts, base_t), f"distance threshold {base_t}"),
        "manysides, defaults": (lambda arts: run_manysides(arts, ClusterSettings()), _describe(ClusterSettings())),
    }
    text_only = _tune_manysides(_without_dates(tune_articles), tune_gold, TIME_SCALES[:1])
    systems["manysides, tuned flat threshold, text only"] = (
        lambda arts: run_manysides(_without_dates(arts), text_only),
        ", ".join(_describe(text_only).split(", ")[:2]),
    )
    if dated:
        systems["manysides, defaults, text only"] = (
            lambda arts: run_manysides(_without_dates(arts), ClusterSettings()),
            _describe(ClusterSettings()).rsplit(", ", 1)[0],
        )
        tuned = _tune_manysides(tune_articles, tune_gold, TIME_SCALES)
        systems["manysides, tuned flat threshold, text + dates"] = (
            lambda arts: run_manysides(arts, tuned),
            _describe(tuned),
        )
    test = [not k for k in tune]
    parts = {
        "test": ([a for a, k in zip(articles, test, strict=True) if k], subset(gold, test)),
        "all": (articles, gold),
    }
    rows: Rows = []
    raw: dict[str, object] = {}
    for part, (arts, g) in parts.items():
        for name, (run, note) in systems.items():
            labels, seconds = run(arts)
            scores = score(labels, g, seconds)
            raw[f"{part}/{name}"] = {"scores": scores, "settings": note}
            rows.append(scores.row(f"{name} ({part}; {note})", len(arts)))
    return rows, raw


def bench_uci() -> tuple[Rows, dict[str, object]]:
    articles, gold = uci_articles()
    return bench_set(articles, gold, [uci_dev_story(g) for g in gold], dated=True)


def bench_ecb() -> tuple[Rows, dict[str, object]]:
    articles, gold, topics = ecb_articles()
    return bench_set(articles, gold, [t not in ECB_TEST_TOPICS for t in topics], dated=False)


def bench_seeds() -> Rows:
    """The seeds with each system's full-article settings (baseline threshold tuned on ECB+ train/dev)."""
    articles, gold = seed_articles()
    ecb, ecb_gold, topics = ecb_articles()
    tune = [t not in ECB_TEST_TOPICS for t in topics]
    tune_articles = [a for a, k in zip(ecb, tune, strict=True) if k]
    base_t = best_threshold(lambda t: run_baseline(tune_articles, t)[0], subset(ecb_gold, tune), BASELINE_GRID)
    base, base_s = run_baseline(articles, base_t)
    ours, ours_s = run_manysides(articles, ClusterSettings())
    return [
        score(base, gold, base_s).row(f"TF-IDF 1-2 grams + average linkage (threshold {base_t})", len(articles)),
        score(ours, gold, ours_s).row("manysides, defaults", len(articles)),
    ]


def bench_scaling(repeats: int = 3) -> Rows:
    """Median seconds at 1k/5k/10k headlines (10k = the set twice, the copy a year later)."""
    articles, _ = uci_articles()
    shifted = [
        a.model_copy(update={"id": a.id + "b", "date": PubDate(value=a.date.value + dt.timedelta(days=365))})
        for a in articles
        if a.date.value
    ]
    pool = articles + shifted
    rows: Rows = []
    for n in (1_000, 5_000, 10_000):
        sample = pool[:n]
        ours = statistics.median(run_manysides(sample, ClusterSettings())[1] for _ in range(repeats))
        base = statistics.median(_timed_baseline(sample) for _ in range(repeats)) if n <= 5_000 else None
        rows.append(
            [
                f"{n:,}",
                ours,
                f"{n / ours:,.0f}",
                "" if base is None else base,
                "" if base is None else f"{base / ours:.1f}x",
            ]
        )
    return rows


GROWTH_SIZES = (1_000, 10_000, 100_000)
GROWTH_REPEATS = 3
GROWTH_TIMEOUT = 3_600.0


def synthetic_articles(count: int) -> tuple[list[Article], Labels]:
    """`count` synthetic articles as the grouping reads them (title, body, date) and their true stories."""
    pages = list(generate(count))
    return [page.article() for page in pages], [page.story for page in pages]


def grow_once(count: int) -> dict[str, float]:
    """Group `count` synthetic articles in this process: CPU seconds, stories, B-cubed against the truth."""
    articles, gold = synthetic_articles(count)
    cpu = time.process_time()
    stories = cluster_articles(articles)
    seconds = time.process_time() - cpu
    label = {aid: s.id for s in stories for aid in s.article_ids}
    p, r, f = bcubed([label[a.id] for a in articles], gold)
    return {
        "articles": count,
        "cpu": seconds,
        "stories": len(stories),
        "true_stories": len(set(gold)),
        "p": p,
        "r": r,
        "f1": f,
        "load": os.getloadavg()[0],
    }


def bench_growth(sizes: Sequence[int] = GROWTH_SIZES, repeats: int = GROWTH_REPEATS) -> tuple[Rows, float | None]:
    """Median CPU seconds of grouping at each size (one run at the largest), each run a fresh process."""
    rows: Rows = []
    points: list[tuple[int, float]] = []
    for size in sizes:
        runs = [_grow_in_child(size) for _ in range(repeats if size < max(sizes) else 1)]
        done = [r for r in runs if r is not None]
        if not done:
            rows.append([f"{size:,}", f"over {GROWTH_TIMEOUT:,.0f} s", "", "", "", "", ""])
            break
        cpu = statistics.median(r["cpu"] for r in done)
        last = done[-1]
        points.append((size, cpu))
        step = ""
        if len(points) > 1:
            (n0, t0), (n1, t1) = points[-2], points[-1]
            step = f"{math.log(t1 / t0) / math.log(n1 / n0):.2f}"
        rows.append(
            [
                f"{size:,}",
                cpu,
                f"{size / cpu:,.0f}",
                step,
                f"{last['stories']:,.0f} / {last['true_stories']:,.0f}",
                last["f1"],
                f"{last['load']:.1f}",
            ]
        )
    return rows, _fitted_exponent(points)


def _grow_in_child(size: int) -> dict[str, float] | None:
    command = [sys.executable, "-m", "benchmarks.run_stories", "--grow", str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=GROWTH_TIMEOUT, check=True)
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _fitted_exponent(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(CPU seconds) against log(articles)."""
    if len(points) < 2:
        return None
    slope = np.polyfit(np.log([n for n, _ in points]), np.log([t for _, t in points]), 1)[0]
    return float(slope)


def _timed_baseline(articles: Sequence[Article]) -> float:
    _TREES.clear()
    return run_baseline(articles, 0.8)[1]


HEADER = ["system (split; settings)", "B³ P", "B³ R", "B³ F1", "ARI", "clusters", "items/s"]


def markdown(uci: Rows, ecb: Rows, seeds: Rows, scale: Rows, growth: tuple[Rows, float | None]) -> str:
    rows, exponent = growth
    fitted = "" if exponent is None else f" Fitted exponent over all sizes: **{exponent:.2f}** (1 = linear)."
    return "\n\n".join(
        [
            "`manysides.stories.update_stories(new, stories, articles_of)` adds new articles to the stored "
            "stories (ids kept; only stories sharing keywords with a new article are read back) or starts "
            "new ones: greedy average linkage over word vectors weighted by rarity in English (wordfreq), "
            "names and titles weighted up, no shared term adding more than a cap, and a discount for days "
            "apart. The similarity needed falls with the length of the shorter text (two headlines share a "
            "word or two where two articles share dozens), so one set of defaults serves headlines and full "
            "articles. Each article is compared exactly with at most 20 candidates, those sharing the most "
            "weight over its 12 heaviest terms in postings cut to the 50 groups a term weighs most in, so "
            "the work per article is bounded. A term among the 12 heaviest of more than 10 groups of one time "
            "window (a stock word of stories of one kind) weighs less between long texts, the more groups "
            "use it the less, and its postings are cut shorter in proportion. "
            "`find_copies(articles)` names duplicates and partial copies "
            "(MinHash LSH per paragraph; "
            "the earlier article is the source) and the wire agencies an article relays; "
            "`independent_sources` turns them into groups that count once. Scores: B-cubed P/R/F1 and "
            "adjusted Rand index; thresholds of both systems tuned on the tuning split only.",
            "**uci-news-stories** (5,596 headlines, 100 stories; no split ships with the set, so the stories "
            "are halved by a hash of their id: tuned on one half, `test` is the other half). Headline only "
            "(plus publication date in the `text + dates` row). Caution: 99 of the 100 stories have all "
            "their headlines on one day, so dates alone separate most stories here; the text-only row is "
            "the fair comparison with the text-only baseline.\n\n" + table(HEADER, uci),
            "**ecbplus** (982 documents, 43 topics, gold = the 86 sub-topics, i.e. event level; tuned on "
            "train+dev topics, `test` = topics 36-45 as in its README; text only, the documents have no "
            "dates).\n\n" + table(HEADER, ecb),
            "**seeds** (the five seed pages, the live blog 004 cut into its five items; gold: the seed story "
            "= 000-003 + item 1, items 2-5 each alone).\n\n" + table(HEADER, seeds),
            "**Clustering time** (uci headlines, CPU seconds, median of 3 runs; 10k = the set twice, the copy "
            "dated a year later; the baseline's distance matrix is quadratic, so it stops at 5k).\n\n"
            + table(["articles", "manysides CPU s", "articles/s", "baseline CPU s", "baseline / manysides"], scale),
            "**Growth** (`cluster_articles` with the defaults on synthetic articles from benchmarks/synth.py, "
            "seed 0, full text, dates over one year; CPU seconds of the grouping alone, each run in a fresh "
            f"process, median of {GROWTH_REPEATS} runs below the largest size, one run at it; exponent = slope "
            "of log time against log size from the size before; B³ F1 against the generator's stories; load "
            f"= the machine's 1-minute load average, shared with other jobs).{fitted}\n\n"
            + table(["articles", "CPU s", "articles per CPU s", "exponent", "stories / true", "B³ F1", "load"], rows),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--grow"]:
        print(json.dumps(grow_once(int(args[1]))))
        return
    uci_rows, uci_raw = bench_uci()
    ecb_rows, ecb_raw = bench_ecb()
    seeds = bench_seeds()
    scale = bench_scaling()
    growth, exponent = bench_growth()
    save_results(
        "stories",
        {"uci": uci_raw, "ecbplus": ecb_raw, "seeds": seeds, "scaling": scale, "growth": growth, "exponent": exponent},
    )
    write_section("stories", markdown(uci_rows, ecb_rows, seeds, scale, (growth, exponent)))


if __name__ == "__main__":
    main()
