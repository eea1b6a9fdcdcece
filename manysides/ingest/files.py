"""Read local files and folders into Pages: HTML, plain text and JSONL records."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from manysides.errors import InputError, ManifestError
from manysides.ingest.manifest import ManifestRow, parse_day
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PAGE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES


def read_inputs(
    paths: Iterable[Path], manifest: dict[str, ManifestRow] | None = None, exclude: Iterable[Path] = ()
) -> Iterator[Page | Skipped]:
    """Every page under `paths`, in a stable order; unreadable inputs come out as Skipped."""
    rows = manifest or {}
    excluded = {p.resolve() for p in exclude}
    for path in _walk(paths):
        if path.resolve() in excluded:
            continue
        if path.suffix.lower() not in PAGE_SUFFIXES:
            yield Skipped(source=str(path), reason=f"not a page type manysides reads ({path.suffix or 'no suffix'})")
            continue
        try:
            yield from _read_file(path, rows.get(path.name))
        except InputError as exc:
            yield Skipped(source=exc.source, reason=exc.problem)


def _walk(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        else:
            yield path  # reported as unreadable by _read_file


def _read_file(path: Path, row: ManifestRow | None) -> Iterator[Page | Skipped]:
    data = _read_bytes(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data)
        return
    content = decode(data, str(path))
    kind: PageKind = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(content) else "text"
    yield Page.make(
        source=str(path),
        content=content,
        kind=kind,
        url=row.url if row else None,
        outlet=row.outlet if row else None,
        day=row.date if row else None,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise InputError(str(path), f"{size:,} bytes is over the {MAX_PAGE_BYTES:,}-byte page limit")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise InputError(str(path), "empty file")
    return data


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 if valid, else the detected encoding; binary is an error."""
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not a web page or text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "unknown text encoding") from None
        return str(best)


def looks_like_html(content: str) -> bool:
    """True when text starts like markup (a scrape saved as .txt may still be HTML)."""
    head = content.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in content)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Page | Skipped]:
    text = decode(data, str(path))
    today = dt.date.today()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield _jsonl_page(where, json.loads(line), today)
        except json.JSONDecodeError as exc:
            yield Skipped(source=where, reason=f"invalid JSON ({exc.msg} at column {exc.colno})")
        except (InputError, ManifestError) as exc:
            yield Skipped(source=exc.source, reason=exc.problem)


def _jsonl_page(where: str, record: object, today: dt.date) -> Page:
    if not isinstance(record, dict):
        raise InputError(where, "a JSONL line must be an object with url and html or text")
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        raise InputError(where, "record has neither 'html' nor 'text'")
    url = record.get("url")
    outlet = record.get("outlet")
    return Page.make(
        source=where,
        content=content,
        kind="html" if content is html else "text",
        url=url if isinstance(url, str) and url else None,
        outlet=outlet if isinstance(outlet, str) and outlet else None,
        day=parse_day(str(record.get("date") or ""), where, today),
    )
