"""What a user names: files and folders, URLs (a page or a feed), feed files and files of URLs.

The network is used only for URLs the user names, directly or in a `.urls` file,
and for the articles a named feed URL links to; every fetch goes through the
polite, cached `Fetcher`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from manysides.errors import InputError
from manysides.ingest.feeds import read_feed
from manysides.ingest.files import read_inputs
from manysides.ingest.manifest import ManifestRow
from manysides.ingest.web import FEED_TYPES, PAGE_TYPES, Fetcher, read_url_list
from manysides.models import Page, Skipped

FEED_SUFFIXES = (".rss", ".atom")
URL_LIST_SUFFIX = ".urls"


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_sources(
    sources: Iterable[str | Path],
    fetcher: Fetcher,
    manifest: dict[str, ManifestRow] | None = None,
    exclude: Iterable[Path] = (),
) -> Iterator[Page | Skipped]:
    """Pages from every source in the order given; what cannot be read comes out as Skipped."""
    excluded = list(exclude)
    for source in sources:
        text = str(source)
        if is_url(text):
            yield from read_url(text, fetcher)
        elif text.lower().endswith(URL_LIST_SUFFIX):
            yield from _guarded(text, read_url_list(Path(text), fetcher))
        elif text.lower().endswith(FEED_SUFFIXES):
            yield from _guarded(text, read_feed(Path(text)))  # a local feed: entries' own text, no network
        else:
            yield from read_inputs([Path(text)], manifest, excluded)


def read_url(url: str, fetcher: Fetcher) -> Iterator[Page | Skipped]:
    """The page at `url`, or every article of the feed at `url`."""
    try:
        raw = fetcher.fetch_raw(url, accept=PAGE_TYPES + FEED_TYPES)
    except InputError as exc:
        yield Skipped(source=url, reason=exc.problem)
        return
    if raw.content_type.startswith(PAGE_TYPES):
        yield from _guarded(url, _fetch_page(url, fetcher))
    else:
        yield from _guarded(url, read_feed(url, fetcher))


def _fetch_page(url: str, fetcher: Fetcher) -> Iterator[Page]:
    yield fetcher.fetch(url)


def _guarded(source: str, items: Iterator[Page | Skipped]) -> Iterator[Page | Skipped]:
    """The items of one lazily read source; an error while reading it ends that source only."""
    try:
        yield from items
    except InputError as exc:
        yield Skipped(source=exc.source or source, reason=exc.problem)
    except OSError as exc:
        yield Skipped(source=source, reason=f"cannot be read ({exc.strerror or exc})")
