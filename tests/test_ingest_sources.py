"""URLs, feeds and URL lists named on the command line, served from a loopback site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from manysides.cli import app
from manysides.ingest.sources import read_sources
from manysides.ingest.web import Fetcher
from manysides.models import Page, Skipped
from tests.loopback import QuietHandler, serve

STORY = "".join(
    f"<p>Paragraph {i}: the harbour board said the new ferry pier would open in the spring after repairs.</p>"
    for i in range(8)
)
PAGE = (
    "<html><head><title>Ferry pier to open</title></head><body>"
    f"<article><h1>Ferry pier</h1>{STORY}</article></body></html>"
)


class Site(QuietHandler):
    routes: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        kind, body = self.routes.get(self.path, ("text/plain", b"missing"))
        self.answer(200 if self.path in self.routes else 404, kind, body)


@pytest.fixture
def site() -> Iterator[str]:
    with serve(Site) as base:
        Site.routes = _routes(base)
        yield base


def _routes(base: str) -> dict[str, tuple[str, bytes]]:
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title>'
        f"<item><title>Ferry pier</title><link>{base}/pier.html</link>"
        "<pubDate>Tue, 06 Dec 2016 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    return {
        "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
        "/pier.html": ("text/html; charset=utf-8", PAGE.encode()),
        "/feed.rss": ("application/rss+xml", feed.encode()),
    }


def _fetcher(tmp_path: Path) -> Fetcher:
    return Fetcher(tmp_path / "cache", delay=0.0, timeout=5)


def test_sources_url_page_feed_and_list(site: str, tmp_path: Path) -> None:
    urls = tmp_path / "list.urls"
    urls.write_text(f"# one a line\n{site}/pier.html\n{site}/gone.html\n")
    items = list(read_sources([f"{site}/pier.html", f"{site}/feed.rss", urls], _fetcher(tmp_path)))
    pages = [i for i in items if isinstance(i, Page)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [p.url for p in pages] == [f"{site}/pier.html"] * 3
    assert str(pages[1].date) == "2016-12-06"  # the feed entry's date comes along
    assert len(skipped) == 1 and skipped[0].source == f"{urls}:3" and "404" in skipped[0].reason


def test_sources_cached_pages_need_no_network(site: str, tmp_path: Path) -> None:
    list(read_sources([f"{site}/pier.html"], _fetcher(tmp_path)))
    offline = Fetcher(tmp_path / "cache", delay=0.0, offline=True)
    [page] = list(read_sources([f"{site}/pier.html"], offline))
    assert isinstance(page, Page) and "ferry pier" in page.content


def test_cli_analyze_takes_a_url(site: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["analyze", f"{site}/pier.html", "--db", str(tmp_path / "m.db"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "1 new articles" in result.output or "1 new article" in result.output
    assert list((tmp_path / "cache").iterdir())  # the raw page is kept beside the store
