"""Crashes for real: `manysides analyze` killed with SIGKILL mid-run, then run again; two runs at once.

After each kill the store must pass SQLite's integrity check, hold nothing twice and keep every
article it had; the next run must finish the rest. The runs are real subprocesses of the CLI.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from manysides import pipeline
from manysides.errors import NotFound
from manysides.extract import extract_page
from manysides.ingest import read_inputs, read_manifest
from manysides.models import Article, Page, Story, StoryAnalysis
from manysides.store import Store
from manysides.stories import update_stories
from tests.conftest import CORPUS, SEEDS

MANYSIDES = Path(sys.executable).parent / "manysides"
MANIFEST = CORPUS / "manifest.csv"
RUN_TIMEOUT = 300


def _page_ids(paths: list[Path]) -> set[str]:
    rows = read_manifest(MANIFEST)
    return {i.id for i in read_inputs(paths, rows, exclude=[MANIFEST]) if isinstance(i, Page)}


def _start(paths: list[Path], db: Path, out: Path, log: Path) -> subprocess.Popen[bytes]:
    args = [
        str(MANYSIDES),
        "analyze",
        *map(str, paths),
        "--manifest",
        str(MANIFEST),
        "--db",
        str(db),
        "--out",
        str(out),
    ]
    with log.open("ab") as handle:
        return subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of `sql` read beside a running writer; nothing when the store is not made yet."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []


def _count(db: Path, table: str) -> int:
    rows = _query(db, f"SELECT count(*) FROM {table}")
    return int(str(rows[0][0])) if rows else 0


def _kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool], log: Path, group: bool = False) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT
    while not ready():
        assert proc.poll() is None, f"the run ended before the kill point:\n{log.read_text()[-2000:]}"
        assert time.monotonic() < deadline, "the kill point never came"
        time.sleep(0.02)
    if group:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def _articles(db: Path) -> dict[str, str]:
    return {str(i): str(d) for i, d in _query(db, "SELECT id, data FROM articles")}


def _assert_consistent(db: Path) -> None:
    """What holds after any kill: a sound file, no dangling rows, each record once."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == count
        # Every article belongs to a stored page and every stored page has its articles.
        assert conn.execute("SELECT count(*) FROM pages WHERE id NOT IN (SELECT page_id FROM articles)").fetchone() == (
            0,
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM (SELECT article_id FROM story_articles GROUP BY article_id HAVING count(*) > 1)"
            ).fetchone()[0]
            == 0
        )


def _assert_complete(db: Path, out: Path, expected: set[str]) -> None:
    """What holds after a run that finished: all pages, every article in a story, every story analysed."""
    _assert_consistent(db)
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM pages")} == expected
        assert conn.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
        ).fetchone() == (0,)
        stories = {r[0] for r in conn.execute("SELECT id FROM stories")}
        assert stories and {r[0] for r in conn.execute("SELECT story_id FROM analyses")} == stories
    assert {p.stem for p in out.glob("*.html")} >= stories


def _new_pages(log: Path) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) pages read, (?:\d+) new", log.read_text())]


@pytest.mark.slow
def test_crash_kill9_during_ingest_and_during_analysis_loses_nothing(tmp_path: Path) -> None:
    inputs = [CORPUS, *sorted(SEEDS.glob("*.txt"))[:2]]
    expected = _page_ids(inputs)
    db, out, log = tmp_path / "m.db", tmp_path / "out", tmp_path / "runs.log"

    _kill_when(_start(inputs, db, out, log), lambda: _count(db, "pages") >= 3, log)
    _assert_consistent(db)
    kept = _articles(db)
    assert 3 <= _count(db, "pages") < len(expected)

    # Second kill: every page is in, the run is grouping stories or writing analyses.
    _kill_when(_start(inputs, db, out, log), lambda: _count(db, "pages") == len(expected), log)
    _assert_consistent(db)
    assert kept.items() <= _articles(db).items()

    final = _start(inputs, db, out, log)
    assert final.wait(timeout=RUN_TIMEOUT) == 0, log.read_text()[-3000:]
    _assert_complete(db, out, expected)
    assert kept.items() <= _articles(db).items()
    assert f"{len(expected)} pages read, 0 new" in log.read_text()


@pytest.mark.slow
def test_crash_two_concurrent_analyze_runs_share_one_store(tmp_path: Path) -> None:
    corpus_pages = sorted(p for p in CORPUS.iterdir() if p.suffix in (".html", ".txt"))
    # Overlapping halves: the shared pages are stored once, whichever run gets there first.
    first, second = corpus_pages[:7], [*corpus_pages[4:], *sorted(SEEDS.glob("*.txt"))[:1]]
    db, out = tmp_path / "m.db", tmp_path / "out"
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    runs = [_start(first, db, out, logs[0]), _start(second, db, out, logs[1])]
    for run, log in zip(runs, logs, strict=True):
        assert run.wait(timeout=RUN_TIMEOUT) == 0, log.read_text()[-3000:]
    _assert_complete(db, out, _page_ids(first) | _page_ids(second))
    for log in logs:
        assert "database is locked" not in log.read_text()


def _seed_articles(store: Store, count: int) -> list[Article]:
    pages = [i for i in read_inputs(sorted(SEEDS.glob("*.txt"))[:count]) if isinstance(i, Page)]
    articles = []
    for page in pages:
        extracted = extract_page(page)
        store.add_page(page, extracted)
        articles += extracted
    return articles


def test_crash_a_regrouping_overtaken_by_another_run_starts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "m.db"
    with Store(db) as ours, Store(db) as theirs:
        mine, other = _seed_articles(ours, 2)[:2]
        real_update = update_stories
        calls: list[int] = []

        def overtaken(new: list[Article], *args: object, **kwargs: object) -> list[Story]:
            if not calls:  # while we compute, another run stores its story for the other article
                theirs.save_stories([Story(id="theirs", label="Theirs", article_ids=[other.id])])
            calls.append(len(new))
            return real_update(new, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "update_stories", overtaken)
        stories = pipeline.regroup(ours)
        assert calls == [2, 1]  # the second pass saw only what the other run had not grouped
        assert ours.unassigned_articles() == []
        grouped = {a for s in stories for a in s.article_ids}
        assert grouped == {mine.id, other.id} and "theirs" in {s.id for s in stories}


def test_crash_a_stale_save_of_stories_or_analysis_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with Store(db) as ours, Store(db) as theirs:
        first, second = _seed_articles(ours, 2)[:2]
        version = ours.stories_version()
        grown = Story(id="s", label="S", article_ids=[first.id, second.id])
        assert theirs.save_stories([grown], expected_version=version)
        assert not ours.save_stories([Story(id="t", label="T", article_ids=[first.id])], expected_version=version)
        assert ours.stories() == [grown]
        stale = StoryAnalysis.model_validate(
            {
                "story": grown.model_copy(update={"article_ids": [first.id]}),
                "articles": [first],
                "outlets": [],
                "entities": [],
                "quotes": [],
                "summary": [],
                "generated": "2026-01-01T00:00:00Z",
            }
        )
        assert not ours.save_analysis(stale)
        with pytest.raises(NotFound):
            ours.analysis("s")
        assert ours.save_analysis(stale.model_copy(update={"story": grown, "articles": [first, second]}))


BATCH_INPUT = Path(__file__).resolve().parent / "data" / "batch" / "synth6.warc.gz"


def _batch(out: Path, db: Path, log: Path) -> subprocess.Popen[bytes]:
    args = [str(MANYSIDES), "batch", str(BATCH_INPUT), "--out", str(out), "--db", str(db)]
    args += ["--workers", "1", "--partition-size", "2"]
    with log.open("ab") as handle:
        # Its own process group: the kill takes the driver and the local cluster's workers at once.
        return subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def _alive_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (zombies waiting for init to reap them do not)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _extracted(out: Path) -> int:
    try:
        return len(json.loads((out / "manifest.json").read_text())["stages"].get("extract", {}))
    except (OSError, ValueError, KeyError):
        return 0


@pytest.mark.slow
def test_crash_kill9_during_batch_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    out, db, log = tmp_path / "out", tmp_path / "m.db", tmp_path / "batch.log"
    run = _batch(out, db, log)
    try:
        _kill_when(run, lambda: _extracted(out) >= 1, log, group=True)
    finally:
        run.wait(timeout=30)
    assert _alive_in_group(run.pid) == []  # no worker of the killed run lives on
    assert 1 <= _extracted(out) < 3

    final = _batch(out, db, log)
    assert final.wait(timeout=RUN_TIMEOUT) == 0, log.read_text()[-3000:]
    assert "partitions already done" in " ".join(log.read_text().split())  # folded: rich wraps lines
    assert re.search(r"^extract: \d+$", log.read_text(), re.MULTILINE)  # progress in a log: a line per update
    _assert_consistent(db)
    ids = [
        i for path in sorted((out / "articles").glob("*.parquet")) for i in pq.read_table(path).column("id").to_pylist()
    ]
    assert len(ids) == len(set(ids)) == 6
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM articles")} == set(ids)
        stories = {r[0] for r in conn.execute("SELECT id FROM stories")}
        assert stories and {r[0] for r in conn.execute("SELECT story_id FROM analyses")} == stories
