"""The batch run: pages to Parquet on Dask workers, then stories, then one comparison per story.

The driver streams the inputs and keeps only a bounded number of partitions in
flight, so memory does not grow with the corpus. Every finished unit is noted
in the run's manifest; a rerun after a kill skips what is noted and redoes the
rest, overwriting (never appending to) any half-written files.
"""

from __future__ import annotations

import logging
import math
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from manysides.batch import load, tables
from manysides.batch.comparison import compare_bucket
from manysides.batch.grouping import bucket_of, group_stories, split_partition
from manysides.batch.manifest import RunManifest
from manysides.batch.sources import partitions, read_pages
from manysides.batch.worker import PartitionResult, part_path, process_partition, timed, warm_up
from manysides.models import Story, stable_id
from manysides.store import Store

Progress = Callable[[str, int], None]  # (stage, units done so far)


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: where outputs go, which cluster, how work is cut."""

    out: Path
    scheduler: str | None = None  # None or "local": a LocalCluster on this machine
    workers: int = 2
    partition_size: int = 200
    bucket_articles: int = 2_000
    db: Path | None = None
    in_flight_per_worker: int = 2
    summaries: bool = True


@dataclass
class BatchReport:
    """What a run did; `seconds` and `cpu` sum each stage's wall and CPU time over all workers, `wall` is per phase."""

    pages: int = 0
    articles: int = 0
    skipped: int = 0
    partitions: int = 0
    resumed: int = 0
    stories: int = 0
    analyzed: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    wall: dict[str, float] = field(default_factory=dict)


class _WarmUp(WorkerPlugin):
    """Loads the models when a worker starts, once per worker process."""

    def setup(self, worker: Any) -> None:
        warm_up()


@contextmanager
def connect(options: BatchOptions) -> Iterator[Client]:
    """A client of the given scheduler, or of a LocalCluster with one thread per worker process."""
    if options.scheduler and options.scheduler != "local":
        with Client(options.scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    # One thread per process: the work is pure Python and spaCy, which the GIL serialises. Dask's
    # statistical profiler samples the running task's stack every 10 ms for a dashboard the batch does
    # not open; off, a worker spends about 9% less CPU per partition (paired runs, 100 pages).
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def run_batch(paths: Sequence[Path], options: BatchOptions, progress: Progress | None = None) -> BatchReport:
    """Run (or resume) a batch over `paths`, writing Parquet under `options.out`."""
    options.out.mkdir(parents=True, exist_ok=True)
    manifest = RunManifest(options.out)
    report = BatchReport()
    with connect(options) as client:
        client.register_plugin(_WarmUp(), name="manysides-warm-up")
        keys = _timed(report, "extract", lambda: _extract(client, paths, options, manifest, report, progress))
        stories = _timed(report, "stories", lambda: _stories(client, keys, options, manifest, report))
        report.stories = len(stories)
        _timed(report, "compare", lambda: _compare(client, keys, stories, options, manifest, report, progress))
    if options.db:
        _timed(report, "load", lambda: _load(keys, stories, options, manifest))
    return report


def _timed(report: BatchReport, phase: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = work()
    report.wall[phase] = time.perf_counter() - started
    return value


def _extract(
    client: Client,
    paths: Sequence[Path],
    options: BatchOptions,
    manifest: RunManifest,
    report: BatchReport,
    progress: Progress | None,
) -> list[str]:
    """Stage 1: every partition extracted, annotated and written; returns the partition keys in order."""
    limit = max(1, options.workers * options.in_flight_per_worker)
    running = as_completed()  # type: ignore[no-untyped-call]
    keys: list[str] = []
    for part in partitions(read_pages(paths), options.partition_size):
        keys.append(part.key)
        if manifest.done("extract", part.key, part.digest):
            _count(report, manifest.entries("extract")[part.key], resumed=True)
            continue
        running.add(  # type: ignore[no-untyped-call]
            client.submit(
                process_partition,
                part.key,
                part.digest,
                part.pages,
                part.skipped,
                options.out,
                options.db is not None,
                pure=False,
            )
        )
        if running.count() >= limit:  # type: ignore[no-untyped-call]
            _finish_partition(next(running), manifest, report, progress)
    for future in running:
        _finish_partition(future, manifest, report, progress)
    return keys


def _finish_partition(
    future: Future[Any], manifest: RunManifest, report: BatchReport, progress: Progress | None
) -> None:
    result: PartitionResult = future.result()
    entry = {
        "digest": result.digest,
        "pages": result.pages,
        "articles": result.articles,
        "skipped": len(result.skipped),
        "seconds": result.seconds,
        "cpu": result.cpu,
    }
    manifest.mark("extract", result.key, entry)
    _count(report, entry, resumed=False)
    if progress:
        progress("extract", report.pages)


def _count(report: BatchReport, entry: dict[str, Any], resumed: bool) -> None:
    report.partitions += 1
    report.resumed += int(resumed)
    report.pages += int(entry["pages"])
    report.articles += int(entry["articles"])
    report.skipped += int(entry["skipped"])
    if not resumed:
        for stage, seconds in entry["seconds"].items():
            report.seconds[stage] += float(seconds)
        for stage, seconds in entry.get("cpu", {}).items():
            report.cpu[stage] += float(seconds)


def _stories(
    client: Client, keys: list[str], options: BatchOptions, manifest: RunManifest, report: BatchReport
) -> list[Story]:
    """Stage 2: story grouping over all partitions, redone whenever a partition changed."""
    digest = stable_id(*(manifest.entries("extract")[k]["digest"] for k in keys))
    if manifest.done("stories", "all", digest):
        return tables.records(pq.read_table(options.out / "stories.parquet"), Story)
    manifest.reset("stories", "split", "compare", "load-analyses")
    for stale in ("buckets", "analyses"):
        shutil.rmtree(options.out / stale, ignore_errors=True)
    stories: list[Story]
    stories, cpu, _ = client.submit(timed, group_stories, options.out, keys, pure=False).result()
    report.cpu["stories"] += cpu
    articles = sum(len(s.article_ids) for s in stories)
    # Enough buckets to keep every worker busy, few enough articles in each to bound a task's memory.
    slots = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
    buckets = max(1, min(len(stories), max(2 * slots, math.ceil(articles / options.bucket_articles))))
    manifest.mark("stories", "all", {"digest": digest, "stories": len(stories), "buckets": buckets})
    return stories


def _compare(
    client: Client,
    keys: list[str],
    stories: list[Story],
    options: BatchOptions,
    manifest: RunManifest,
    report: BatchReport,
    progress: Progress | None,
) -> None:
    """Stage 3: articles shuffled into buckets of whole stories, then each bucket compared on a worker."""
    buckets = int(manifest.entries("stories")["all"]["buckets"])
    story_of = {a: s.id for s in stories for a in s.article_ids}
    splits = {_submit_split(client, k, story_of, buckets, options): k for k in keys if not manifest.done("split", k)}
    for future in as_completed(splits):  # type: ignore[no-untyped-call]
        files, cpu, _ = future.result()
        report.cpu["split"] += cpu
        manifest.mark("split", splits[future], {"files": files})
    kind = "with summaries" if options.summaries else "without summaries"  # a rerun may change it
    by_bucket: dict[int, list[Story]] = defaultdict(list)
    for story in stories:
        by_bucket[bucket_of(story.id, buckets)].append(story)
    futures = {
        client.submit(timed, compare_bucket, options.out, b, group, options.summaries, pure=False): b
        for b, group in sorted(by_bucket.items())
        if not manifest.done("compare", str(b), kind)
    }
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        analyzed, cpu, _ = future.result()
        report.cpu["compare"] += cpu
        manifest.mark("compare", str(futures[future]), {"digest": kind, "stories": analyzed})
        if progress:
            progress("compare", len(manifest.entries("compare")))
    report.analyzed = sum(int(e["stories"]) for e in manifest.entries("compare").values())


def _submit_split(
    client: Client, key: str, story_of: dict[str, str], buckets: int, options: BatchOptions
) -> Future[Any]:
    ids = pq.read_table(part_path(options.out, "articles", key), columns=["id"]).column("id").to_pylist()
    own = {i: story_of[i] for i in ids if i in story_of}
    return client.submit(timed, split_partition, options.out, key, own, buckets, pure=False)


def _load(keys: list[str], stories: list[Story], options: BatchOptions, manifest: RunManifest) -> None:
    """Stage 4 (with --db): pages, articles, stories and analyses into the SQLite store."""
    assert options.db is not None
    with Store(options.db) as store:
        for key in keys:
            digest = manifest.entries("extract")[key]["digest"]
            if not manifest.done("load-pages", key, digest):
                added = load.load_partition(options.out, key, store)
                manifest.mark("load-pages", key, {"digest": digest, "added": added})
        if not manifest.done("load-stories", "all", _stories_digest(manifest)):
            load.load_stories(stories, store)
            manifest.mark("load-stories", "all", {"digest": _stories_digest(manifest)})
        for bucket in sorted(int(b) for b in manifest.entries("compare")):
            kind = manifest.entries("compare")[str(bucket)]["digest"]
            if not manifest.done("load-analyses", str(bucket), kind):
                stored = load.load_analyses(options.out, bucket, store)
                manifest.mark("load-analyses", str(bucket), {"digest": kind, "stories": stored})


def _stories_digest(manifest: RunManifest) -> str:
    return str(manifest.entries("stories")["all"]["digest"])
