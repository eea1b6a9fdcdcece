"""Web archive files (WARC, WARC.gz): each archived HTML response as a page with its capture date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from manysides.errors import InputError
from manysides.extract.encoding import decode_html
from manysides.ingest.web import PAGE_TYPES
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES


def read_warc(path: Path) -> Iterator[Page | Skipped]:
    """Pages from the HTML/text responses in a WARC; other records are passed over, big ones Skipped."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from exc
    with handle:
        records = ArchiveIterator(handle)
        try:
            for number, record in enumerate(records, start=1):
                if not str(record.format).startswith("warc"):
                    raise InputError(str(path), f"not a WARC file (read as {record.format}); only WARC is supported")
                item = _record_page(path, record, number)
                if item is not None:
                    yield item
        except ArchiveLoadFailed as exc:
            raise InputError(str(path), f"not a readable WARC file ({exc})") from exc


def _record_page(path: Path, record: Any, number: int) -> Page | Skipped | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    http = getattr(record, "http_headers", None)
    url = headers.get_header("WARC-Target-URI")
    where = f"{path}#{number}"
    if http is not None and not str(http.get_statuscode() or "").startswith("2"):
        return None
    content_type = (http.get_header("Content-Type") if http is not None else headers.get_header("Content-Type")) or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in PAGE_TYPES:
        return None
    body = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(body) > MAX_PAGE_BYTES:
        return Skipped(source=where, reason=f"{url}: over the {MAX_PAGE_BYTES:,}-byte page limit")
    if not body.strip():
        return Skipped(source=where, reason=f"{url}: empty response")
    kind: PageKind = "text" if mime == "text/plain" else "html"
    page = Page.make(source=where, content=decode_html(body, _charset(content_type)), kind=kind, url=url)
    return page.model_copy(update={"captured": _capture_day(headers.get_header("WARC-Date"))})


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _capture_day(stamp: str | None) -> dt.date | None:
    if not stamp:
        return None
    try:
        return dt.date.fromisoformat(stamp[:10])
    except ValueError:
        return None
