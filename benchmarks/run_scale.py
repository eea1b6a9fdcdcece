"""Throughput and memory at corpus scale: manysides in one process, on Dask with 1 and 2 workers, trafilatura alone.

All on a synthetic corpus from `benchmarks.synth` (seed 0; WARC.gz input), on
this machine, in one run:
- per stage, in one process: pages through extract, annotate and the Parquet
  write, median of `--repeats` runs over the first `--sample` pages; trafilatura
  alone (`trafilatura.extract` on the same HTML) as the floor of extraction;
- end to end over `--articles` pages: the whole batch (read, extract, annotate,
  write, stories, comparison) in one process without Dask, then `run_batch` on a
  LocalCluster with 1 and with 2 worker processes; wall and CPU seconds, and
  peak RSS of this process plus all its children (scheduler, nannies, workers);
- story grouping alone at growing sizes, each in a fresh process (time, peak RSS).
The machine is shared: CPU seconds are reported beside wall seconds, and the
load average at the start of each measurement is noted.
Run: `.venv/bin/python -m benchmarks.run_scale [--articles 300 --sample 100 --cluster-sizes 1000,3000,10000]`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import trafilatura

from benchmarks.readme import save_results, table, write_section
from benchmarks.synth import generate, write_corpus
from manysides.annotate.names import name_key
from manysides.annotate.nlp import load_nlp
from manysides.batch import BatchOptions, run_batch
from manysides.batch.comparison import compare_bucket
from manysides.batch.grouping import bucket_of, group_stories, split_partition
from manysides.batch.sources import partitions, read_pages
from manysides.batch.worker import process_partition
from manysides.models import Article, Entity, Page, PubDate, stable_id
from manysides.stories import cluster_articles

SEED = 0
# Common Crawl's news crawl: 1.35 billion articles from August 2016 to early 2026 (Infini-News, arXiv 2605.18337).
CC_NEWS_ARTICLES = 1.35e9
CC_NEWS_DAYS = 9.5 * 365


class Sampler:
    """Peak summed RSS and total CPU seconds of this process and its children, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._me = psutil.Process()
        self._base = self._cpu_of(self._me)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _cpu_of(process: psutil.Process) -> float:
        times = process.cpu_times()
        return float(times.user + times.system)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def _sample(self) -> None:
        rss = 0
        for process in [self._me, *self._me.children(recursive=True)]:
            try:
                rss += process.memory_info().rss
                self.cpu[process.pid] = self._cpu_of(process)
            except psutil.Error:
                continue  # a worker that has just exited
        self.peak = max(self.peak, rss)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values()) - self._base


@dataclass
class Run:
    """One measured run: wall and CPU seconds, peak memory, and what it processed."""

    name: str
    articles: int
    wall: float
    cpu: float
    peak_mb: float
    load: float
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.articles / self.wall if self.wall else 0.0


def measure(name: str, work: Callable[[], tuple[int, dict[str, float]]]) -> Run:
    """Run `work` (returning articles processed and phase times) under the sampler."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with Sampler() as sampler:
        articles, phases = work()
    wall = time.perf_counter() - started
    return Run(name, articles, wall, sampler.cpu_seconds, sampler.peak / 2**20, load, phases)


def stage_medians(pages: list[Page], out: Path, repeats: int) -> dict[str, Any]:
    """Per-stage seconds (CPU of this process) for extract, annotate, write, and trafilatura alone."""
    load_nlp()
    process_partition("warm-up", "", pages[:5], [], out, keep_pages=False)  # lazy imports and caches of each stage
    runs: dict[str, list[float]] = {"trafilatura": [], "extract": [], "annotate": [], "write": []}
    articles = 0
    for _ in range(repeats):
        started = time.process_time()
        for page in pages:
            trafilatura.extract(page.content)
        runs["trafilatura"].append(time.process_time() - started)
        result = process_partition("sample", "", pages, [], out, keep_pages=False)
        articles = result.articles
        for stage in ("extract", "annotate", "write"):
            runs[stage].append(result.seconds[stage])
    return {
        "pages": len(pages),
        "articles": articles,
        "runs": runs,
        "median": {k: statistics.median(v) for k, v in runs.items()},
    }


def in_process(paths: list[Path], out: Path, partition_size: int, bucket_articles: int) -> tuple[int, dict[str, float]]:
    """The batch's stages called directly in this one process, no Dask."""
    phases: dict[str, float] = {}
    started = time.perf_counter()
    keys, articles = [], 0
    for part in partitions(read_pages(paths), partition_size):
        articles += process_partition(part.key, part.digest, part.pages, part.skipped, out, False).articles
        keys.append(part.key)
    phases["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    stories = group_stories(out, keys)
    phases["stories"] = time.perf_counter() - started
    started = time.perf_counter()
    buckets = max(1, math.ceil(articles / bucket_articles))
    story_of = {a: s.id for s in stories for a in s.article_ids}
    for key in keys:
        split_partition(out, key, story_of, buckets)
    for bucket in range(buckets):
        compare_bucket(out, bucket, [s for s in stories if bucket_of(s.id, buckets) == bucket])
    phases["compare"] = time.perf_counter() - started
    return articles, phases


def on_dask(
    paths: list[Path], out: Path, workers: int, partition_size: int, summaries: bool = True
) -> tuple[int, dict[str, float]]:
    options = BatchOptions(out=out, workers=workers, partition_size=partition_size, summaries=summaries)
    report = run_batch(paths, options)
    return report.articles, dict(report.wall)


def synthetic_articles(count: int, seed: int = SEED) -> Iterator[Article]:
    """Articles as the grouping reads them, straight from the generator (no extraction, no spaCy)."""
    for page in generate(count, seed):
        body = "\n\n".join(page.paragraphs)
        entities = [
            Entity(text=name, label=label, start=m.start(), end=m.end(), key=name_key(name))
            for name, label in page.names
            for m in re.finditer(re.escape(name), body)
        ]
        page_id = stable_id(page.url)
        yield Article(
            id=Article.make_id(page_id, None),
            page_id=page_id,
            source=page.url,
            url=page.url,
            outlet=page.outlet,
            title=page.title,
            body=body,
            date=PubDate(value=page.day, source="markup"),
            entities=entities,
        )


def cluster_only(count: int) -> dict[str, float]:
    """Group `count` synthetic articles in this process: seconds to build, to group, peak RSS."""
    baseline = psutil.Process().memory_info().rss
    with Sampler(every=0.05) as sampler:
        started = time.perf_counter()
        articles = list(synthetic_articles(count))
        built = time.perf_counter()
        cpu = time.process_time()
        stories = cluster_articles(articles)
        grouped = time.perf_counter()
    return {
        "articles": count,
        "build": built - started,
        "cluster": grouped - built,
        "cluster_cpu": time.process_time() - cpu,
        "stories": len(stories),
        "peak_mb": sampler.peak / 2**20,
        # What the articles and the grouping add to the process (imports before them peak higher).
        "grown_mb": (sampler.peak - baseline) / 2**20,
        "load": os.getloadavg()[0],
    }


def clustering_growth(sizes: list[int], timeout: float) -> list[dict[str, Any]]:
    """Story grouping at each size in a fresh process; a size that overruns `timeout` is noted, not waited for."""
    rows: list[dict[str, Any]] = []
    for size in sizes:
        command = [sys.executable, "-m", "benchmarks.run_scale", "--cluster-only", str(size)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        except subprocess.TimeoutExpired:
            rows.append({"articles": size, "timeout": timeout})
            break
    return rows


def growth_exponent(rows: list[dict[str, Any]]) -> float | None:
    """Slope of log(time) against log(size) between the smallest and largest finished sizes."""
    done = [r for r in rows if "cluster" in r]
    if len(done) < 2:
        return None
    first, last = done[0], done[-1]
    return math.log(last["cluster_cpu"] / first["cluster_cpu"]) / math.log(last["articles"] / first["articles"])


HOW_IT_RUNS = """\
`manysides batch INPUT... --out DIR [--scheduler ADDRESS|local] [--workers N] [--partition-size P] [--db FILE]`
reads WARC/WARC.gz (streamed with warcio), folders, HTML, text and JSONL, and runs on Dask: a LocalCluster
of N one-thread worker processes by default, or the scheduler at ADDRESS (the output folder must then be
on storage every worker sees). The driver streams pages in partitions of P and keeps at most two per
worker in flight, so its memory does not grow with the input; each worker loads spaCy once, at start.
Per partition a worker extracts and annotates and writes `articles/`, `quotes/`, `entities/`, `skipped/`
(and `pages/` with `--db`) as `part-NNNNNN.parquet`, each written aside and renamed into place. Then the
story grouping runs once over light copies of the articles (id, title, body, date, entity keys) and
writes `stories.parquet`; a shuffle puts each article into the bucket of its story (`buckets/`, about
2,000 articles per bucket, whole stories), and each bucket is compared and summarized on a worker
(`analyses/bucket-NNNNN.parquet`, one row per story with its full analysis as JSON). With `--db` the
driver then loads pages, articles, stories and analyses into the SQLite store, so `manysides show`
works on them. Every finished unit (partition, grouping, split, bucket, load) is noted in
`manifest.json`, replaced atomically: a killed run, rerun with the same command, skips what is noted and
overwrites (never appends to) anything half-written; a changed partition redoes the grouping after it.
The tables are plain Parquet with nested columns (an article row validates back into `Article`), for
DuckDB, pandas or Spark.
"""


def markdown(results: dict[str, Any]) -> str:
    stages = results["stages"]
    per = stages["median"]
    n = stages["pages"]
    lines = [
        HOW_IT_RUNS,
        f"Synthetic corpus (`benchmarks/synth.py`, seed {SEED}, ~30 KB HTML pages, "
        f"{results['outlets']} outlets, wire copies), read from WARC.gz. Shared 2-core machine: "
        "CPU seconds beside wall seconds; `load` is the 1-minute load average when each run started.",
        "",
        f"**Per stage, one process**, median of {len(stages['runs']['extract'])} runs over {n} pages "
        "(CPU seconds of the process; pages per CPU second):",
        "",
        table(
            ["stage", "CPU s", "pages/CPU s", "vs trafilatura"],
            [
                ["trafilatura.extract alone (floor)", per["trafilatura"], f"{n / per['trafilatura']:.1f}", "1.00x"],
                [
                    "manysides extract",
                    per["extract"],
                    f"{n / per['extract']:.1f}",
                    f"{per['extract'] / per['trafilatura']:.2f}x",
                ],
                ["manysides annotate (spaCy + quotes)", per["annotate"], f"{n / per['annotate']:.1f}", ""],
                ["Parquet write", per["write"], f"{n / per['write']:.0f}", ""],
            ],
        ),
        "",
        f"**End to end**, {results['runs'][0]['articles']} articles "
        "(read, extract, annotate, Parquet, stories, comparison):",
        "",
        table(
            ["run", "wall s", "articles/s (wall)", "CPU s", "articles/CPU s", "peak RSS MB", "load", "phases (wall s)"],
            [
                [
                    r["name"],
                    r["wall"],
                    f"{r['articles'] / r['wall']:.2f}",
                    r["cpu"],
                    f"{r['articles'] / r['cpu']:.2f}",
                    f"{r['peak_mb']:.0f}",
                    f"{r['load']:.1f}",
                    ", ".join(f"{k} {v:.0f}" for k, v in r["phases"].items()),
                ]
                for r in results["runs"]
            ],
        ),
        "",
        "**Story grouping alone** (synthetic articles built without spaCy, each size in a fresh process):",
        "",
        table(
            [
                "articles",
                "group wall s",
                "group CPU s",
                "CPU ms/article",
                "stories",
                "peak RSS MB (of it grouping)",
                "load",
            ],
            [
                [
                    r["articles"],
                    r["cluster"],
                    r["cluster_cpu"],
                    f"{1000 * r['cluster_cpu'] / r['articles']:.1f}",
                    r["stories"],
                    f"{r['peak_mb']:.0f} ({r['grown_mb']:.0f})",
                    f"{r['load']:.1f}",
                ]
                if "cluster" in r
                else [r["articles"], f"not done in {r['timeout']:.0f} s", "", "", "", "", ""]
                for r in results["clustering"]
            ],
        ),
    ]
    if results.get("exponent") is not None:
        lines += [
            "",
            f"Growth of grouping CPU time with size: exponent {results['exponent']:.2f} (1 = linear, 2 = quadratic).",
        ]
    if results.get("note"):
        lines += ["", f"Note: {results['note']}."]
    lines += ["", targets(results), "", results["arithmetic"]]
    return "\n".join(lines)


def memory_at(results: dict[str, Any], size: int) -> tuple[float, str]:
    """Peak RSS of a batch at `size` articles: the 2-worker run's peak plus what grouping adds at that size.

    Partitions and buckets are bounded, so only the grouping (one task over every article) grows; its
    growth is measured when the size was reached, else extrapolated linearly from the largest size done.
    """
    two = next(r for r in results["runs"] if r["name"] == "Dask, 2 workers")
    done = [r for r in results["clustering"] if "cluster" in r]
    if not done:
        return two["peak_mb"], "grouping not measured"
    largest = max(done, key=lambda r: r["articles"])
    grown = largest["grown_mb"] * size / largest["articles"]
    how = "measured" if largest["articles"] >= size else f"grouping extrapolated from {largest['articles']:,}"
    return two["peak_mb"] + grown, how


def targets(results: dict[str, Any]) -> str:
    """The issue's four targets against the figures above."""
    runs = {r["name"]: r for r in results["runs"]}
    one, two = runs["Dask, 1 worker"], runs["Dask, 2 workers"]
    per = results["stages"]["median"]
    cpu_rate = 2 * two["articles"] / two["cpu"]
    ratio = per["extract"] / per["trafilatura"]
    speedup = one["wall"] / two["wall"]
    mem, how = memory_at(results, 100_000)
    fast = runs.get("Dask, 2 workers, --no-summaries")
    fast_rate = f"; without summaries {2 * fast['articles'] / fast['cpu']:.1f}/s" if fast else ""
    return "\n".join(
        [
            "**Targets.**",
            f"- End to end >= 10 articles/s on 2 cores: {two['articles'] / two['wall']:.2f}/s wall here "
            "(shared machine), "
            f"{cpu_rate:.1f}/s from CPU seconds with both cores free{fast_rate}: "
            f"{'met' if cpu_rate >= 10 else 'not met'}.",
            f"- Extraction within 3x of trafilatura alone: {ratio:.1f}x: {'met' if ratio <= 3 else 'not met'}.",
            f"- Near-linear 1 -> 2 workers: wall speedup {speedup:.2f}x on a machine whose 2 cores were shared "
            f"(load {two['load']:.0f}); CPU per article {one['cpu'] / one['articles']:.2f} s vs "
            f"{two['cpu'] / two['articles']:.2f} s (the work itself does not grow with workers).",
            f"- Peak memory < 4 GB at 100k articles: about {mem / 1024:.1f} GB ({how}): "
            f"{'met' if mem < 4096 else 'not met'}.",
        ]
    )


def arithmetic(results: dict[str, Any]) -> str:
    """What the measured rate means for a day of Common Crawl news."""
    per_day = CC_NEWS_ARTICLES / CC_NEWS_DAYS
    two = next(r for r in results["runs"] if r["name"] == "Dask, 2 workers")
    cpu_rate = 2 * two["articles"] / two["cpu"]  # both cores busy, no other load
    wall_rate = two["articles"] / two["wall"]
    machines = math.ceil(per_day / (cpu_rate * 86_400))
    return (
        f"**A day of Common Crawl news.** CC-News held about {CC_NEWS_ARTICLES / 1e9:.2f} billion articles over "
        f"~{CC_NEWS_DAYS / 365:.1f} years (Infini-News, arXiv 2605.18337), about {per_day:,.0f} a day. "
        f"Measured on 2 workers: {wall_rate:.2f} articles/s wall on this shared machine, and "
        f"{two['articles']} articles / {two['cpu']:.0f} CPU s x 2 cores = {cpu_rate:.2f} articles/s "
        "for a 2-core machine "
        f"with nothing else running, i.e. {cpu_rate * 86_400:,.0f} a day. A day of CC-News therefore takes "
        f"{per_day:,.0f} / {cpu_rate * 86_400:,.0f} = {per_day / (cpu_rate * 86_400):.1f} machine-days: "
        f"{machines} such 2-core machines keep up in real time, "
        f"N machines take {per_day / (cpu_rate * 3600):,.0f} / N hours "
        "(stage 1 is per partition and scales out; story grouping runs once over the day's articles on one worker)."
        + _grouping_day(results, per_day)
    )


def _grouping_day(results: dict[str, Any], per_day: float) -> str:
    """How long grouping a day's articles would take at the measured growth."""
    done = [r for r in results["clustering"] if "cluster" in r]
    exponent = growth_exponent(results["clustering"])
    if not done or exponent is None:
        return ""
    largest = done[-1]
    hours = largest["cluster_cpu"] * (per_day / largest["articles"]) ** exponent / 3600
    return (
        f" That holds for extraction, annotation and comparison; the grouping, at its measured growth "
        f"(exponent {exponent:.2f} from {largest['articles']:,} articles in {largest['cluster_cpu']:.0f} CPU s), "
        f"would need about {hours:,.0f} CPU hours for one day's {per_day:,.0f} articles, so it must become "
        "near-linear (or run per day on a shorter window of stories) before a day of CC-News is practical."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=50)
    parser.add_argument("--cluster-sizes", default="1000,3000,10000")
    parser.add_argument("--cluster-timeout", type=float, default=1800)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a new temporary one)")
    parser.add_argument("--cluster-only", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=None, help="only rewrite the README table from saved results")
    args = parser.parse_args()
    if args.results:
        write_section("scale", markdown(json.loads(args.results.read_text(encoding="utf-8"))))
        return
    if args.cluster_only:
        print(json.dumps(cluster_only(args.cluster_only)))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="manysides-scale-"))
    corpus = work / "corpus"
    if not (corpus / "truth.jsonl").exists():
        write_corpus(corpus, args.articles, SEED, "warc")
    warc = [corpus / "warc"]
    pages = [p for p in read_pages(warc) if isinstance(p, Page)]
    results: dict[str, Any] = {"outlets": len({json.loads(x)["outlet"] for x in (corpus / "truth.jsonl").open()})}
    results["stages"] = stage_medians(pages[: args.sample], work / "sample", args.repeats)
    size = args.partition_size
    runs = {
        "one process, no Dask": lambda: in_process(warc, work / "one", size, 2_000),
        "Dask, 1 worker": lambda: on_dask(warc, work / "dask1", 1, size),
        "Dask, 2 workers": lambda: on_dask(warc, work / "dask2", 2, size),
        "Dask, 2 workers, --no-summaries": lambda: on_dask(warc, work / "dask2-nosum", 2, size, summaries=False),
    }
    results["runs"] = [measure(name, job).__dict__ for name, job in runs.items()]
    results["clustering"] = clustering_growth([int(s) for s in args.cluster_sizes.split(",")], args.cluster_timeout)
    results["exponent"] = growth_exponent(results["clustering"])
    results["arithmetic"] = arithmetic(results)
    save_results("scale", results)
    text = markdown(results)
    write_section("scale", text)
    print(text)


if __name__ == "__main__":
    main()
