"""RSS and Atom feeds expanded to their articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from manysides.errors import InputError
from manysides.ingest.web import FEED_TYPES, Fetcher
from manysides.models import Page, Skipped
from manysides.settings import MAX_PAGE_BYTES

_MIN_ENTRY_CHARS = 200


def read_feed(source: str | Path, fetcher: Fetcher | None = None) -> Iterator[Page | Skipped]:
    """One page per feed entry: the linked article when a fetcher is given, else the entry's own text.

    `source` is a feed file or an http(s) URL (which needs a fetcher). The entry's
    published date comes along as the input's date.
    """
    name = str(source)
    parsed = feedparser.parse(_feed_bytes(source, fetcher))
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None) or "no entries"
        raise InputError(name, f"not a readable RSS/Atom feed ({problem})")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_page(f"{name}:{number}", entry, fetcher)


def _feed_bytes(source: str | Path, fetcher: Fetcher | None) -> bytes:
    text = str(source)
    if text.startswith(("http://", "https://")):
        if fetcher is None:
            raise InputError(text, "a feed URL needs fetching; give a cache folder (and allow the network)")
        return fetcher.fetch_raw(text, accept=FEED_TYPES).body
    path = Path(source)
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise InputError(text, f"over the {MAX_PAGE_BYTES:,}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(text, f"cannot be read ({exc.strerror})") from exc


def _entry_page(where: str, entry: Any, fetcher: Fetcher | None) -> Page | Skipped:
    link = entry.get("link")
    day = _entry_date(entry)
    if fetcher is not None and link:
        try:
            page = fetcher.fetch(link)
        except InputError as exc:
            return Skipped(source=where, reason=f"{link}: {exc.problem}")
        return page.model_copy(update={"source": where, "date": day})
    text = _entry_text(entry)
    if len(text) < _MIN_ENTRY_CHARS:
        return Skipped(source=where, reason="the entry holds only a teaser and fetching is off")
    return Page.make(source=where, content=text, kind="html", url=link, day=day)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    bodies = [c.get("value", "") for c in contents if c.get("value")]
    body = max(bodies, key=len) if bodies else entry.get("summary", "")
    title = entry.get("title", "")
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None
