"""Story clustering: manysides against TF-IDF + average-linkage agglomerative, in one run.

Sets: uci-news-stories (headlines; threshold tuned on the dev half of the stories,
reported on the test half and on all), ecbplus (full articles, gold = sub-topic;
tuned on train+dev topics, reported on test topics 36-45 and on all), the seeds
(004 cut into its five items), and clustering time at 1k/5k/10k headlines.
Run: `.venv/bin/python -m benchmarks.run_stories`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import html
import io
import json
import re
import statistics
import tarfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from benchmarks.readme import BENCH_DATA, ROOT, save_results, table, write_section
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
    start = time.perf_counter()
    stories = cluster_articles(articles, settings)
    seconds = time.perf_counter() - start
    label = {aid: s.id for s in stories for aid in s.article_ids}
    return [label[a.id] for a in articles], seconds


def run_baseline(articles: Sequence[Article], threshold: float) -> tuple[Labels, float]:
    """TF-IDF (1-2 grams) cosine + average-linkage agglomerative cut at a distance threshold."""
    start = time.perf_counter()
    texts = [f"{a.title}\n{a.body}" for a in articles]
    matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    labels = model.fit_predict(matrix.toarray())
    return [str(x) for x in labels], time.perf_counter() - start


def best_threshold(run: Callable[[float], Labels], gold: Labels, grid: Sequence[float]) -> float:
    """The grid value with the highest B-cubed F1 on the given (tuning) items."""
    return max(grid, key=lambda t: (bcubed(run(t), gold)[2], -t))


def subset(labels: Labels, keep: Sequence[bool]) -> Labels:
    return [x for x, k in zip(labels, keep, strict=True) if k]


# --- benches ------------------------------------------------------------------------------------

BASELINE_GRID = [round(x, 2) for x in np.arange(0.50, 0.96, 0.05)]
MANYSIDES_GRID = [round(x, 2) for x in np.arange(0.10, 0.46, 0.025)]


def bench_uci() -> dict[str, object]:
    articles, gold = uci_articles()
    dev = [uci_dev_story(g) for g in gold]
    dev_articles = [a for a, k in zip(articles, dev, strict=True) if k]
    dev_gold = subset(gold, dev)
    test = [not k for k in dev]
    base_t = best_threshold(lambda t: run_baseline(dev_articles, t)[0], dev_gold, BASELINE_GRID)
    ours_t = best_threshold(
        lambda t: run_manysides(dev_articles, ClusterSettings(threshold=t))[0], dev_gold, MANYSIDES_GRID
    )
    test_articles = [a for a, k in zip(articles, test, strict=True) if k]
    test_gold = subset(gold, test)
    results: dict[str, object] = {"baseline_threshold": base_t, "manysides_threshold": ours_t}
    for part, arts, g in (("test", test_articles, test_gold), ("all", articles, gold)):
        base, base_s = run_baseline(arts, base_t)
        ours, ours_s = run_manysides(arts, ClusterSettings(threshold=ours_t))
        results[part] = {"baseline": score(base, g, base_s), "manysides": score(ours, g, ours_s)}
    oracle = best_threshold(lambda t: run_baseline(articles, t)[0], gold, BASELINE_GRID)
    base, base_s = run_baseline(articles, oracle)
    results["baseline_best_all"] = score(base, gold, base_s)
    results["baseline_best_threshold"] = oracle
    return results


def bench_ecb() -> dict[str, object]:
    articles, gold, topics = ecb_articles()
    tune = [t not in ECB_TEST_TOPICS for t in topics]
    tune_articles = [a for a, k in zip(articles, tune, strict=True) if k]
    tune_gold = subset(gold, tune)
    base_t = best_threshold(lambda t: run_baseline(tune_articles, t)[0], tune_gold, BASELINE_GRID)
    ours_t = best_threshold(
        lambda t: run_manysides(tune_articles, ClusterSettings(threshold=t))[0], tune_gold, MANYSIDES_GRID
    )
    test = [not k for k in tune]
    test_articles = [a for a, k in zip(articles, test, strict=True) if k]
    results: dict[str, object] = {"baseline_threshold": base_t, "manysides_threshold": ours_t}
    for part, arts, g in (("test", test_articles, subset(gold, test)), ("all", articles, gold)):
        base, base_s = run_baseline(arts, base_t)
        ours, ours_s = run_manysides(arts, ClusterSettings(threshold=ours_t))
        results[part] = {"baseline": score(base, g, base_s), "manysides": score(ours, g, ours_s)}
    return results


def bench_seeds(base_t: float) -> dict[str, Scores]:
    articles, gold = seed_articles()
    base, base_s = run_baseline(articles, base_t)
    ours, ours_s = run_manysides(articles, ClusterSettings())
    return {"baseline": score(base, gold, base_s), "manysides": score(ours, gold, ours_s)}


def bench_scaling(repeats: int = 3) -> dict[int, dict[str, float]]:
    """Median seconds at 1k/5k/10k headlines (10k = the set twice, the copy a year later)."""
    articles, _ = uci_articles()
    shifted = [
        a.model_copy(
            update={
                "id": a.id + "b",
                "date": PubDate(value=(a.date.value or dt.date(2014, 1, 1)) + dt.timedelta(days=365)),
            }
        )
        for a in articles
    ]
    pool = articles + shifted
    timings: dict[int, dict[str, float]] = {}
    for n in (1_000, 5_000, 10_000):
        sample = pool[:n] if n <= len(articles) else pool[:n]
        ours = statistics.median(run_manysides(sample, ClusterSettings())[1] for _ in range(repeats))
        timings[n] = {"manysides": ours}
        if n <= 5_000:
            timings[n]["baseline"] = statistics.median(run_baseline(sample, 0.8)[1] for _ in range(repeats))
    return timings


def markdown(uci: dict[str, object], ecb: dict[str, object], seeds: dict[str, Scores], scale: object) -> str:
    header = ["system", "B³ P", "B³ R", "B³ F1", "ARI", "clusters", "items/s"]
    parts = []
    for name, res, n_note in (
        ("uci-news-stories", uci, "5,596 headlines, 100 stories"),
        ("ecbplus", ecb, "982 documents, 86 sub-topics"),
    ):
        rows = []
        for part in ("test", "all"):
            block = res[part]
            assert isinstance(block, dict)
            rows.append(block["baseline"].row(f"TF-IDF 1-2g + average linkage ({part})", 1))
            rows.append(block["manysides"].row(f"manysides ({part})", 1))
        parts.append(
            f"**{name}** ({n_note}); thresholds tuned on the tuning split "
            f"(baseline {res['baseline_threshold']}, manysides {res['manysides_threshold']}):\n\n"
            + table(
                header,
                [r[:-1] for r in rows],
            )
        )
    parts.append(
        "**seeds** (5 seeds, 004 cut into 5 items; gold: 1 story + 4 single items):\n\n"
        + table(header[:-1], [seeds["baseline"].row("baseline", 1)[:-1], seeds["manysides"].row("manysides", 1)[:-1]])
    )
    parts.append(f"Scaling: {scale}")
    return "\n\n".join(parts)


def main() -> None:
    uci = bench_uci()
    ecb = bench_ecb()
    seeds = bench_seeds(float(str(uci["baseline_threshold"])))
    scale = bench_scaling()
    save_results("stories", {"uci": uci, "ecbplus": ecb, "seeds": seeds, "scaling": scale})
    write_section("stories", markdown(uci, ecb, seeds, scale))


if __name__ == "__main__":
    main()
