"""Read local files and folders into Pages: HTML, plain text and JSONL records."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from manysides.errors import InputError, ManifestError
from manysides.ingest.manifest import ManifestRow, parse_day
from manysides.ingest.warc import read_warc
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PAGE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_inputs(
    paths: Iterable[Path], manifest: dict[str, ManifestRow] | None = None, exclude: Iterable[Path] = ()
) -> Iterator[Page | Skipped]:
    """Every page under `paths`, in a stable order; unreadable inputs come out as Skipped."""
    for item in _read_inputs(paths, manifest or {}, {p.resolve() for p in exclude}):
        yield _printable(item)


def _printable(item: Page | Skipped) -> Page | Skipped:
    """Names and reasons as safe text: bytes of non-UTF-8 file names and control characters shown as escapes.

    File names that are not UTF-8 come as lone surrogates, which SQLite refuses; control characters
    (from a damaged archive's first line, say) could drive the user's terminal.
    """
    fixed = {
        name: _escaped(value)
        for name in ("source", "reason")
        if isinstance(value := getattr(item, name, None), str) and _UNPRINTABLE.search(value)
    }
    return item.model_copy(update=fixed) if fixed else item


def _escaped(value: str) -> str:
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m[0])[1:-1], value)


def _read_inputs(paths: Iterable[Path], rows: dict[str, ManifestRow], excluded: set[Path]) -> Iterator[Page | Skipped]:
    for path in _walk(paths):
        if path.resolve() in excluded:
            continue
        if path.name.lower().endswith(ARCHIVE_SUFFIXES):
            yield from _read_archive(path)
            continue
        if path.suffix.lower() not in PAGE_SUFFIXES:
            yield Skipped(source=str(path), reason=f"not a page type manysides reads ({path.suffix or 'no suffix'})")
            continue
        row = rows.get(path.name)
        if row is not None and row.problem:
            yield Skipped(source=str(path), reason=f"its manifest row cannot be used ({row.problem}); fix it and rerun")
            continue
        try:
            yield from _read_file(path, row)
        except InputError as exc:
            yield Skipped(source=exc.source, reason=exc.problem)


def _read_archive(path: Path) -> Iterator[Page | Skipped]:
    """The pages of a web archive; a damaged one ends with a skip saying how far it was read."""
    pages = 0
    try:
        for item in read_warc(path):
            pages += isinstance(item, Page)
            yield item
    except InputError as exc:
        yield Skipped(source=exc.source, reason=f"{exc.problem}; read up to there ({pages} pages)")
    except Exception as exc:  # warcio meets malformed records with assorted errors (AttributeError, zlib.error...)
        yield Skipped(source=str(path), reason=f"web archive damaged after {pages} pages ({type(exc).__name__}: {exc})")
    else:
        if not pages:
            yield Skipped(source=str(path), reason="no HTML or text responses in the web archive")


def _walk(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        else:
            yield path  # reported as unreadable by _read_file


def _read_file(path: Path, row: ManifestRow | None) -> Iterator[Page | Skipped]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    data = _read_bytes(path)
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
        size = _regular_file_size(path)
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


def _regular_file_size(path: Path) -> int:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device would block or never end.
        raise InputError(str(path), "not a regular file (a pipe, socket or device)")
    return info.st_size


def decode(data: bytes, source: str) -> str:
    """Text from bytes: a BOM's encoding, UTF-8, or per line the detected one; binary is an error."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _without_nul(data.decode(codec, errors="replace"))
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not a web page or text")
    try:
        return _without_nul(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _without_nul(_decode_lines(data, source))


def _decode_lines(data: bytes, source: str) -> str:
    """Lines valid in UTF-8 stay UTF-8; the others (a pasted latin-1 quote, a legacy page) get the detected codec."""
    lines = data.splitlines(keepends=True)
    legacy = [line for line in lines if not _is_utf8(line)]
    codec = _legacy_codec(b"".join(legacy), source)
    return "".join(line.decode("utf-8") if _is_utf8(line) else line.decode(codec, errors="replace") for line in lines)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _legacy_codec(data: bytes, source: str) -> str:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        raise InputError(source, "not text in any known encoding (binary?)")
    # On a short Western sample detection ranks near-equal codecs by a guessed language (é as ḋ in
    # iso8859_14); when cp1252 reads it as cleanly as the best, take it, as browsers read latin-1 labels.
    cleanest = min(m.chaos for m in matches)
    if any(m.encoding == "cp1252" and m.chaos == cleanest for m in matches):
        return "cp1252"
    return matches[0].encoding


def _without_nul(text: str) -> str:
    # A stray NUL past the binary check would break XML parsers and FTS later on.
    return text.replace("\x00", "")


def looks_like_html(content: str) -> bool:
    """True when text starts like markup (a scrape saved as .txt may still be HTML)."""
    head = content.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in content)


def _read_jsonl(path: Path) -> Iterator[Page | Skipped]:
    """Records one line at a time, so a big export is fine and a broken or huge line costs only itself."""
    try:
        _regular_file_size(path)
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from exc
    today = dt.date.today()
    records = 0
    with handle:
        for number, line in _jsonl_lines(handle):
            where = f"{path}:{number}"
            if line is None:
                yield Skipped(source=where, reason=f"line is over the {MAX_PAGE_BYTES:,}-byte page limit")
                continue
            if not line.strip():
                continue
            records += 1
            yield _jsonl_item(where, line, today)
    if not records:
        raise InputError(str(path), "empty file")


def _jsonl_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes), with None for a line too long to hold in memory (its rest is drained)."""
    number = 0
    while chunk := handle.readline(MAX_PAGE_BYTES + 1):
        number += 1
        if len(chunk) <= MAX_PAGE_BYTES or chunk.endswith(b"\n"):
            yield number, chunk
            continue
        while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield number, None


def _jsonl_item(where: str, line: bytes, today: dt.date) -> Page | Skipped:
    try:
        return _jsonl_page(where, json.loads(decode(line.rstrip(b"\r\n"), where)), today)
    except json.JSONDecodeError as exc:
        return Skipped(source=where, reason=f"invalid JSON (column {exc.colno}: {exc.msg})")
    except RecursionError:
        return Skipped(source=where, reason="JSON nested too deeply to read")
    except (InputError, ManifestError) as exc:
        return Skipped(source=exc.source, reason=exc.problem)


def _jsonl_page(where: str, record: object, today: dt.date) -> Page:
    if not isinstance(record, dict):
        raise InputError(where, "a JSONL line must be an object with url and html or text")
    html, text = record.get("html"), record.get("text")
    if any(value is not None and not isinstance(value, str) for value in (html, text)):
        raise InputError(where, "'html' and 'text' must be strings")
    content = _json_text(html if isinstance(html, str) and html.strip() else text)
    if not content.strip():
        raise InputError(where, "record has neither 'html' nor 'text'")
    url = _json_text(record.get("url"))
    outlet = _json_text(record.get("outlet"))
    return Page.make(
        source=where,
        content=content,
        kind="html" if isinstance(html, str) and html.strip() else "text",
        url=url or None,
        outlet=outlet or None,
        day=parse_day(str(record.get("date") or ""), where, today),
    )


def _json_text(value: object) -> str:
    """A JSON string as safe text: JSON escapes can carry NULs and lone surrogates that no encoder takes."""
    if not isinstance(value, str):
        return ""
    return _LONE_SURROGATE.sub("\ufffd", _without_nul(value))
