"""The `serve` command and `export --format parquet`, through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from manysides.cli import app
from manysides.report.export import TABLES
from tests.test_web import build_store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    build_store(path)
    return path


def _capture_run(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    seen: dict[str, object] = {}

    def fake_run(application: FastAPI, host: str, port: int, log_level: str) -> None:
        seen.update(app=application, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_binds_loopback_by_default_without_a_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_run(monkeypatch)
    result = runner.invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8765
    config = seen["app"].state.config  # type: ignore[attr-defined]
    assert config.local_only and config.token is None and config.db == db


def test_serve_elsewhere_needs_a_write_token(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture_run(monkeypatch)
    monkeypatch.delenv("MANYSIDES_TOKEN", raising=False)
    result = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    config = seen["app"].state.config  # type: ignore[attr-defined]
    assert not config.local_only and config.token and len(config.token) >= 24
    assert config.token in result.output
    given = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"], env={"MANYSIDES_TOKEN": "mine"})
    assert given.exit_code == 0 and seen["app"].state.config.token == "mine"  # type: ignore[attr-defined]


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_serve_refuses_invalid_ports(db: Path, port: str) -> None:
    assert runner.invoke(app, ["serve", "--db", str(db), "--port", port]).exit_code == 2


def test_export_parquet_matches_csv(db: Path, tmp_path: Path) -> None:
    for table in TABLES:
        out = tmp_path / f"{table}.parquet"
        result = runner.invoke(
            app, ["export", "--db", str(db), "--format", "parquet", "--table", table, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        as_csv = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--table", table])
        rows = list(csv.reader(io.StringIO(as_csv.stdout)))
        parquet = pq.read_table(out)
        assert parquet.column_names == rows[0]
        assert parquet.num_rows == len(rows) - 1, table


def test_export_parquet_keeps_types(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles.parquet"
    runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out", str(out)])
    table = pq.read_table(out)
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("words").type) == "int64"
    assert table.column("author").null_count == 3  # missing is null, not an empty string


def test_export_refuses_unknown_format(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "xlsx"])
    assert result.exit_code == 2 and "json, csv or parquet" in result.output


def test_export_analysis_tables(db: Path) -> None:
    def table(name: str) -> list[list[str]]:
        result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--table", name])
        assert result.exit_code == 0, result.output
        return list(csv.reader(io.StringIO(result.stdout)))

    claims = table("claims")
    assert [(r[1], r[2], r[5]) for r in claims[1:]] == [
        ("c1", "corroborated", "2"),
        ("c2", "single-source", "1"),
        ("c3", "contradicted", "1"),
    ]
    figures = table("figures")
    assert [r[8] for r in figures[1:]] == ["4000.0", "9500.0", "12000.0"] and figures[1][4] == "update"
    naming = table("naming")
    assert len(naming) == 7 and naming[6][1:4] == ["Kessa Notes <b>blog</b>", "regional council", "'officials'"]
    summary = table("summary")
    assert summary[1][3:5] == ["corroborated", "True"] and summary[1][6].startswith("a1:0-")


def test_export_json_holds_the_analyses(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db)])
    document = json.loads(result.stdout)
    assert [a["story"]["id"] for a in document["analyses"]] == ["s-kessa"]
    assert len(document["analyses"][0]["claims"]) == 3
