"""Put real `manysides show` output for the seed story into the README (cog-style)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from benchmarks.readme import ROOT
from manysides.cli import app

SEEDS = ROOT.parent / "shared" / "seeds"


def seed_show_output() -> str:
    """Analyse the seeds into a temporary store and show the story holding most articles."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "m.db", Path(tmp) / "out"
        result = runner.invoke(
            app, ["analyze", str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"), "--db", str(db), "--out", str(out)]
        )
        if result.exit_code != 0:
            raise RuntimeError(result.output)
        biggest = max(out.glob("*.json"), key=lambda p: p.stat().st_size)
        shown = runner.invoke(app, ["show", biggest.stem, "--db", str(db)], env={"COLUMNS": "110"})
        return shown.stdout


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = "<!-- sample:show:start -->\n```text\n" + seed_show_output().rstrip() + "\n```\n<!-- sample:show:end -->"
    pattern = re.compile(r"<!-- sample:show:start -->.*?<!-- sample:show:end -->", re.DOTALL)
    readme.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


if __name__ == "__main__":
    main()
