"""Pages out of WARC and WARC.gz files, streamed one record at a time.

Only HTTP responses with an HTML or plain-text body become pages; other records
(requests, metadata, images, redirects, errors) are passed over, since a crawl
holds far more of them than of articles. The capture date of the record is not
the publication date, so it is not put on the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from manysides.errors import InputError
from manysides.ingest.files import decode, looks_like_html
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: Path) -> bool:
    """True for a file named like a web archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc_pages(path: Path) -> Iterator[Page | Skipped]:
    """Each usable HTTP response in the archive as a Page; a damaged archive ends in a Skipped."""
    try:
        with path.open("rb") as handle:
            for number, record in enumerate(ArchiveIterator(handle), 1):
                page = _record_page(path, number, record)
                if page is not None:
                    yield page
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Skipped(source=str(path), reason=f"web archive cannot be read past this point ({exc})")


def _record_page(path: Path, number: int, record: object) -> Page | Skipped | None:
    if getattr(record, "rec_type", None) != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    status = record.http_headers.get_statuscode()  # type: ignore[attr-defined]
    mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()  # type: ignore[attr-defined]
    if status != "200" or mime not in _TEXT_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    where = f"{path}#{number}"
    data = record.content_stream().read(MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > MAX_PAGE_BYTES:
        return Skipped(source=where, reason=f"record is over the {MAX_PAGE_BYTES:,}-byte page limit")
    if not data.strip():
        return Skipped(source=where, reason="empty response body")
    try:
        content = decode(data, where)
    except InputError as exc:
        return Skipped(source=exc.source, reason=exc.problem)
    kind: PageKind = "html" if mime != "text/plain" or looks_like_html(content) else "text"
    return Page.make(source=where, content=content, kind=kind, url=url or None)
