"""The batch path on a real LocalCluster: Parquet outputs, stories, the store, resuming a killed run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from manysides.annotate import annotate
from manysides.annotate.names import name_key
from manysides.batch import BatchOptions, BatchReport, run_batch
from manysides.batch.manifest import RunManifest
from manysides.extract import extract_page
from manysides.ingest import read_inputs
from manysides.models import Article, Page
from manysides.store import Store
from manysides.stories import cluster_articles

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "batch"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SYNTH = DATA / "synth16.warc.gz"
SMALL = DATA / "synth6.warc.gz"  # the first 6 pages of SYNTH
TRUTH = [json.loads(line) for line in (DATA / "synth16-truth.jsonl").read_text().splitlines()]
SEED_FILES = [SEEDS / "001_ab95257468bf331e.txt", SEEDS / "manifest.csv"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def finished(scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[BatchOptions, BatchReport]:
    out = tmp_path_factory.mktemp("batch")
    options = BatchOptions(out=out, scheduler=scheduler, partition_size=4, bucket_articles=10, db=out / "store.db")
    return options, run_batch([SYNTH, DATA / "mixed.jsonl", *SEED_FILES], options)


def _articles(out: Path) -> list[dict[str, object]]:
    return [row for path in sorted((out / "articles").glob("*.parquet")) for row in pq.read_table(path).to_pylist()]


def test_batch_writes_every_article_once(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, report = finished
    rows = _articles(options.out)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == report.articles
    assert {t["url"] for t in TRUTH} <= {row["url"] for row in rows}
    assert report.pages == 16 + 2 + 1


def test_batch_reports_cpu_seconds_per_stage(finished: tuple[BatchOptions, BatchReport]) -> None:
    _, report = finished
    assert set(report.cpu) == {"extract", "annotate", "write", "stories", "split", "compare"}
    assert all(seconds > 0 for seconds in report.cpu.values())
    # spaCy, not HTML parsing, is the cost of a partition.
    assert report.cpu["annotate"] > report.cpu["extract"]


def test_batch_names_skipped_inputs(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, report = finished
    skipped = [row for path in (options.out / "skipped").glob("*.parquet") for row in pq.read_table(path).to_pylist()]
    sources = {str(row["source"]) for row in skipped}
    assert any(s.endswith("mixed.jsonl:3") for s in sources)
    assert any(s.endswith("manifest.csv") for s in sources)
    assert report.skipped == len(skipped)


def test_batch_output_equals_the_in_process_pipeline(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, _ = finished
    page = next(p for p in read_inputs([SEEDS / "001_ab95257468bf331e.txt"]) if isinstance(p, Page))
    expected = annotate(extract_page(page))
    by_id = {row["id"]: row for row in _articles(options.out)}
    for article in expected:
        assert Article.model_validate(by_id[article.id]) == article


def test_batch_flat_tables_name_speakers_and_entities(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, _ = finished
    quotes = pq.read_table(options.out / "quotes").to_pylist()
    entities = pq.read_table(options.out / "entities").to_pylist()
    assert any("Malahifji" in str(q["speaker"]) for q in quotes)
    assert any(e["key"] == name_key("Aleppo") for e in entities)
    assert all(q["article_id"] and q["outlet"] for q in quotes)


def test_batch_stories_equal_grouping_the_full_articles(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, report = finished
    batch = {frozenset(s["article_ids"]) for s in pq.read_table(options.out / "stories.parquet").to_pylist()}
    full = [Article.model_validate(row) for row in _articles(options.out)]
    assert batch == {frozenset(s.article_ids) for s in cluster_articles(full)}
    assert len(batch) == report.stories


def test_batch_loads_the_store_and_analyses_every_story(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, report = finished
    assert options.db is not None
    analyses = pq.read_table(options.out / "analyses").to_pylist()
    assert report.analyzed == len(analyses) == report.stories
    with Store(options.db) as store:
        assert store.count("articles") == report.articles
        assert len(store.stories()) == report.stories
        biggest = max(analyses, key=lambda row: int(row["articles"]))
        analysis = store.analysis(str(biggest["story_id"]))
        assert [a.id for a in analysis.articles] == biggest["article_ids"]


def test_batch_rerun_redoes_nothing(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, first = finished
    again = run_batch([SYNTH, DATA / "mixed.jsonl", *SEED_FILES], options)
    assert again.resumed == again.partitions == first.partitions
    assert (again.articles, again.stories) == (first.articles, first.stories)
    assert not again.seconds and not again.cpu


def test_batch_without_summaries_redoes_only_the_comparison(finished: tuple[BatchOptions, BatchReport]) -> None:
    options, first = finished
    assert any(row["summary"] for row in pq.read_table(options.out / "analyses").to_pylist())
    again = run_batch([SYNTH, DATA / "mixed.jsonl", *SEED_FILES], replace(options, summaries=False))
    assert again.resumed == again.partitions and again.analyzed == first.analyzed
    assert not any(row["summary"] for row in pq.read_table(options.out / "analyses").to_pylist())


def test_batch_resumes_after_sigkill_without_duplicates(scheduler: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from manysides.cli import app; app()", "batch", str(SMALL), "--out", str(out)]
    command += ["--scheduler", scheduler, "--partition-size", "1"]
    run = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        done = _wait_for_partitions(out, run)
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    assert 1 <= done < 6
    report = run_batch([SMALL], BatchOptions(out=out, scheduler=scheduler, partition_size=1))
    assert report.resumed >= done
    ids = [row["id"] for row in _articles(out)]
    assert len(ids) == len(set(ids)) == 6 == report.articles
    assert report.analyzed == report.stories


def _wait_for_partitions(out: Path, run: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline and run.poll() is None:
        done = len(RunManifest(out).entries("extract")) if (out / "manifest.json").exists() else 0
        if done:
            return done
        time.sleep(0.05)
    raise AssertionError("the batch run finished no partition in time")
