"""One CliRunner test per command and flag, checking the exit code and then the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from manysides.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("cli")
    db, out = base / "m.db", base / "out"
    result = runner.invoke(
        app, ["analyze", str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"), "--db", str(db), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return db, out


def test_cli_analyze_prints_report_paths(analyzed: tuple[Path, Path]) -> None:
    db, out = analyzed
    htmls = sorted(out.glob("*.html"))
    assert htmls and db.exists()


def test_cli_stories_lists_every_story(analyzed: tuple[Path, Path]) -> None:
    db, out = analyzed
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 0
    for html in out.glob("*.html"):
        assert html.stem in result.output


def test_cli_show_prints_summary_and_quotes(analyzed: tuple[Path, Path]) -> None:
    db, out = analyzed
    biggest = max(out.glob("*.json"), key=lambda p: len(json.loads(p.read_text())["articles"]))
    result = runner.invoke(app, ["show", biggest.stem, "--db", str(db)])
    assert result.exit_code == 0
    assert "Who said what" in result.output and "SouthFront" in result.output


def test_cli_show_unknown_story_is_a_clear_error(analyzed: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["show", "no-such-story", "--db", str(analyzed[0])])
    assert result.exit_code == 2
    assert "no-such-story" in result.output


def test_cli_export_json_counts_match_lists(analyzed: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    result = runner.invoke(app, ["export", "--format", "json", "--out", str(target), "--db", str(analyzed[0])])
    assert result.exit_code == 0
    document = json.loads(target.read_text())
    assert f"exported {len(document['articles'])} articles" in result.output
    in_stories = {a for s in document["stories"] for a in s["article_ids"]}
    assert in_stories == {a["id"] for a in document["articles"]}


@pytest.mark.parametrize("table", ["articles", "quotes", "entities", "comments", "stories"])
def test_cli_export_csv_each_table(analyzed: tuple[Path, Path], table: str) -> None:
    result = runner.invoke(app, ["export", "--format", "csv", "--table", table, "--db", str(analyzed[0])])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1  # header and data: the seeds have articles, quotes, entities, comments, stories


def test_cli_export_rejects_unknown_format(analyzed: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(analyzed[0])])
    assert result.exit_code != 0 and "xml" in result.output


def test_cli_analyze_reports_bad_manifest(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("url\nhttps://x\n")
    result = runner.invoke(
        app,
        ["analyze", str(SEEDS), "--manifest", str(manifest), "--db", str(tmp_path / "d.db"), "--out", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert str(manifest) in result.output and "missing column" in result.output
