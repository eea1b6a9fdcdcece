"""`make bench`: run every benchmarks/run_*.py in turn; one failure does not stop the rest."""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmark_names() -> list[str]:
    """Every run_<name>.py beside this file, in name order, except this one."""
    return sorted(p.stem for p in HERE.glob("run_*.py") if p.stem != "run_all")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named in argv (default: all); exit 1 if any failed."""
    names = argv if argv else benchmark_names()
    failed = []
    for name in names:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            module.main()
        except Exception:
            traceback.print_exc()
            failed.append(name)
        print(f"== {name} took {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
