"""Load on the local web app: many API readers at once while an ingest writes to the same store.

Loopback only (the server is `manysides serve` on 127.0.0.1), bounded in readers,
seconds and repeats. The store is the bundled example corpus after `manysides
analyze`. Each repeat starts from a fresh copy of it and measures:
- ingest alone: `manysides analyze` of the five seed pages into the store, no readers
  (the writer's baseline);
- readers alone: `--readers` concurrent clients for `--seconds`, each looping over a
  mix of API calls (story list, a story's full analysis, an article, a search) and the
  HTML story page (the readers' baseline);
- readers while ingesting: the same readers while the same ingest runs in another
  process on the same store.
Reported per phase, median over repeats: requests per second, p50 and p99 latency,
and every error (non-200 answer or failed request) summed over all repeats.
Server, clients and the ingest share the machine's two cores.
Run: `.venv/bin/python -m benchmarks.run_load [--readers 32 --seconds 10 --repeats 3]`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.readme import ROOT, save_results, table, write_section

CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
CLI = Path(sys.executable).parent / "manysides"
HOST = "127.0.0.1"
INGEST_CAP_S = 300.0


@dataclass
class Phase:
    """The requests of one phase: latencies of the good ones, and what went wrong with the rest."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def _analyze(paths: list[Path], db: Path, out: Path, manifest: Path | None = None) -> subprocess.Popen[bytes]:
    args = [str(CLI), "analyze", *map(str, paths), "--db", str(db), "--out", str(out)]
    args += ["--manifest", str(manifest)] if manifest else []
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _serve(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    with log.open("wb") as handle:
        proc = subprocess.Popen(
            [str(CLI), "serve", "--db", str(db), "--host", HOST, "--port", str(port)],
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/stories", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def _targets(base: str) -> list[str]:
    """The reader's round: every story, its analysis and page, some articles, some searches."""
    stories = httpx.get(f"{base}/api/stories", timeout=30).json()
    paths = ["/api/stories"]
    for row in stories:
        analysis = httpx.get(f"{base}/api/stories/{row['id']}", timeout=30).json()
        paths += [f"/api/stories/{row['id']}", f"/stories/{row['id']}"]
        paths += [f"/api/articles/{a['id']}" for a in analysis["articles"][:3]]
    paths += [f"/api/search?q={word}" for word in ("corridor", "hospital", "bridge", "said")]
    return paths


async def _reader(client: httpx.AsyncClient, paths: list[str], offset: int, stop: float, phase: Phase) -> None:
    turn = offset
    while time.monotonic() < stop:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            response = await client.get(path)
        except httpx.HTTPError as exc:
            phase.errors[type(exc).__name__] += 1
            continue
        if response.status_code == 200:
            phase.latencies.append(time.perf_counter() - started)
        else:
            phase.errors[f"HTTP {response.status_code}"] += 1


async def _read_load(
    base: str, paths: list[str], readers: int, until: float, writer: subprocess.Popen[bytes] | None
) -> Phase:
    phase = Phase()
    # Idle connections are dropped before uvicorn's 5-s keep-alive timeout closes them: a client that
    # reuses one the server is closing gets a ReadError (seen here with the default expiry of 5 s too).
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers, keepalive_expiry=2.0)
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        if writer is None:
            await asyncio.gather(*(_reader(client, paths, k, until, phase) for k in range(readers)))
        else:
            # Read for as long as the ingest writes (bounded by `until`).
            stop = [until]

            async def watch() -> None:
                while writer.poll() is None and time.monotonic() < until:
                    await asyncio.sleep(0.05)
                stop[0] = time.monotonic()

            async def reader(k: int) -> None:
                while time.monotonic() < stop[0]:
                    await _reader(client, paths, k, min(stop[0], time.monotonic() + 0.5), phase)

            await asyncio.gather(watch(), *(reader(k) for k in range(readers)))
    phase.seconds = time.monotonic() - started
    return phase


def _pages(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])


@dataclass
class Repeat:
    """One repeat: both reading phases and the ingest timed alone and under the readers."""

    quiet: Phase
    busy: Phase
    ingest_alone: float
    ingest_loaded: float
    ingest_ok: bool
    pages_added: int
    server_errors: int


def _one_repeat(base_db: Path, work: Path, readers: int, seconds: float) -> Repeat:
    alone_db = work / "alone.db"
    shutil.copy(base_db, alone_db)
    started = time.monotonic()
    ingest = _analyze([SEEDS], alone_db, work / "out-alone")
    assert ingest.wait(timeout=INGEST_CAP_S) == 0, "ingest alone failed"
    ingest_alone = time.monotonic() - started

    db = work / "load.db"
    shutil.copy(base_db, db)
    before = _pages(db)
    log = work / "server.log"
    server, base = _serve(db, log)
    try:
        paths = _targets(base)
        quiet = asyncio.run(_read_load(base, paths, readers, time.monotonic() + seconds, None))
        started = time.monotonic()
        writer = _analyze([SEEDS], db, work / "out-load")
        busy = asyncio.run(_read_load(base, paths, readers, time.monotonic() + INGEST_CAP_S, writer))
        code = writer.wait(timeout=INGEST_CAP_S)
        ingest_loaded = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_errors = log.read_text(errors="replace").count("Traceback")
    return Repeat(quiet, busy, ingest_alone, ingest_loaded, code == 0, _pages(db) - before, server_errors)


def _row(name: str, phases: list[Phase]) -> list[object]:
    errors: Counter[str] = sum((p.errors for p in phases), Counter())
    return [
        name,
        round(statistics.median(p.rate for p in phases), 1),
        round(statistics.median(p.percentile(0.50) for p in phases), 1),
        round(statistics.median(p.percentile(0.99) for p in phases), 1),
        sum(len(p.latencies) for p in phases),
        sum(errors.values()),
        ", ".join(f"{k}: {v}" for k, v in errors.items()) or "none",
    ]


def main(argv: list[str] | None = None) -> None:
    """Run the load test and write its table into README.md (section "load")."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--readers", type=int, default=32, help="concurrent reading clients")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the readers-alone phase")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    load_average = os.getloadavg()[0]  # the machine is shared: say how busy it was
    with tempfile.TemporaryDirectory(prefix="manysides-load-") as folder:
        work = Path(folder)
        base_db = work / "base.db"
        made = _analyze([CORPUS], base_db, work / "out-base", manifest=CORPUS / "manifest.csv")
        assert made.wait(timeout=INGEST_CAP_S) == 0, "could not build the store"
        runs = []
        for repeat in range(args.repeats):
            runs.append(_one_repeat(base_db, work, args.readers, args.seconds))
            print(f"repeat {repeat + 1}: {_row('quiet', [runs[-1].quiet])} {_row('busy', [runs[-1].busy])}")
    alone = statistics.median(r.ingest_alone for r in runs)
    loaded = statistics.median(r.ingest_loaded for r in runs)
    header = ["phase", "requests/s", "p50 ms", "p99 ms", "requests", "errors", "error kinds"]
    rows = [
        _row("readers alone", [r.quiet for r in runs]),
        _row("readers while an ingest writes", [r.busy for r in runs]),
    ]
    markdown = (
        f"Web app under load on 127.0.0.1: {args.readers} concurrent API readers (story list, full analyses, "
        f"articles, searches, story pages) against `manysides serve` over the example corpus store; "
        f"readers alone for {args.seconds:g} s, then while `manysides analyze` adds the five seed pages to the same "
        f"store from another process. Median of {args.repeats} repeats; requests and errors summed. "
        f"Load average at the start: {load_average:.1f} on 2 cores (other jobs shared the machine). "
        "Clients keep idle connections 2 s, under the server's 5-s keep-alive.\n\n"
        + table(header, rows)
        + f"\n\nThe ingest took {alone:.1f} s alone and {loaded:.1f} s under the readers "
        f"({loaded / alone:.2f}×); every ingest finished: {all(r.ingest_ok for r in runs)}, "
        f"pages added per run: {sorted({r.pages_added for r in runs})}; "
        f"tracebacks in the server log: {sum(r.server_errors for r in runs)}."
    )
    write_section("load", markdown)
    save_results(
        "load",
        {
            "readers": args.readers,
            "seconds": args.seconds,
            "rows": rows,
            "runs": [
                {
                    "ingest_alone_s": r.ingest_alone,
                    "ingest_loaded_s": r.ingest_loaded,
                    "pages_added": r.pages_added,
                    "server_errors": r.server_errors,
                    **{
                        name: {
                            "rate": p.rate,
                            "requests": len(p.latencies),
                            "errors": dict(p.errors),
                            "p50_ms": p.percentile(0.5),
                            "p99_ms": p.percentile(0.99),
                        }
                        for name, p in (("quiet", r.quiet), ("busy", r.busy))
                    },
                }
                for r in runs
            ],
        },
    )
    print(markdown)


if __name__ == "__main__":
    main()
