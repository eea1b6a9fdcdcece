from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from manysides.errors import ManifestError
from manysides.ingest import read_inputs, read_manifest
from manysides.models import Page, Skipped
from tests.conftest import SEEDS


def _pages(items: list[Page | Skipped]) -> list[Page]:
    return [i for i in items if isinstance(i, Page)]


def test_ingest_seeds_with_manifest_gives_outlet_and_date() -> None:
    manifest = SEEDS / "manifest.csv"
    items = list(read_inputs([SEEDS], read_manifest(manifest), exclude=[manifest]))
    pages = _pages(items)
    assert len(pages) == 5 and len(items) == 5
    by_name = {Path(p.source).name[:3]: p for p in pages}
    assert by_name["000"].outlet == "SouthFront"
    assert by_name["000"].date == dt.date(2016, 10, 18)
    assert by_name["002"].date is None  # the manifest has no date for it: stays unknown
    assert all(p.kind == "text" for p in pages)
    assert by_name["003"].url is not None and "newarab.com" in by_name["003"].url


def test_ingest_page_ids_are_stable_across_runs() -> None:
    first = [p.id for p in _pages(list(read_inputs([SEEDS])))]
    second = [p.id for p in _pages(list(read_inputs([SEEDS])))]
    assert first == second and len(set(first)) == len(first)


def test_ingest_bad_files_are_skipped_with_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 20)
    (tmp_path / "latin1.txt").write_bytes("Café in Zürich reported the news today.".encode("latin-1"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read_inputs([tmp_path]))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.html"]
    assert "not a page type" in reasons["notes.pdf"]
    (latin,) = _pages(items)
    assert "Café in Zürich" in latin.content


def test_ingest_jsonl_records_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    good = {"url": "https://example.org/a", "text": "A plain text article.", "date": "2020-01-02"}
    html = {"url": "https://example.org/b", "html": "<html><body><p>Hi</p></body></html>"}
    path.write_text(json.dumps(good) + "\n{broken\n" + json.dumps(html) + "\n" + json.dumps({"url": "x"}) + "\n")
    items = list(read_inputs([path]))
    pages = _pages(items)
    assert [p.kind for p in pages] == ["text", "html"]
    assert pages[0].date == dt.date(2020, 1, 2)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:4"]
    assert "invalid JSON" in skipped[0].reason


def test_manifest_missing_column_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("url,outlet\nhttps://a,Outlet\n")
    with pytest.raises(ManifestError, match="missing column"):
        read_manifest(path)


def test_manifest_rejects_a_date_in_2203(tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text("file,url,outlet,date\na.txt,https://a,Outlet,2203-01-01\n")
    with pytest.raises(ManifestError, match="future") as info:
        read_manifest(path)
    assert info.value.source == f"{path}:2"
