"""Write a benchmark's Markdown table into README.md between its markers."""

from __future__ import annotations

import json
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = ROOT.parent / "shared" / "bench"
RESULTS = ROOT / "bench-results"


def machine_line() -> str:
    """Date, Python and machine, stamped under every table."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return f"_Measured {stamp}, Python {platform.python_version()}, {platform.machine()}, 2 cores._"


def write_section(name: str, markdown: str, readme: Path = ROOT / "README.md") -> None:
    """Replace the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = readme.read_text(encoding="utf-8")
    block = f"{start}\n{markdown.strip()}\n\n{machine_line()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def save_results(name: str, results: object) -> Path:
    """Keep the raw figures beside the table (bench-results/NAME.json, not committed)."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return path


def table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats printed with three decimals."""

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
