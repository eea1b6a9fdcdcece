"""URL, feed and WARC inputs: polite fetching through a cache, feeds expanded, archives read."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from manysides.errors import InputError
from manysides.extract import extract_page
from manysides.ingest.feeds import read_feed
from manysides.ingest.warc import read_warc
from manysides.ingest.web import Fetcher, fetch_url, read_url_list
from manysides.models import Page, Skipped
from tests.loopback import QuietHandler, serve

DATA = Path(__file__).resolve().parent / "data" / "extract"
ARTICLE = (
    "<html><head><title>Rebels stay</title><meta charset='windows-1256'></head><body>"
    "<article><h1>Rebels stay</h1>"
    + "".join(f"<p>Paragraph {i} says the rebels will stay in the city and defend it to the end.</p>" for i in range(8))
    + "</article></body></html>"
)


class Site(QuietHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Site.hits.append(self.path)
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/article.html": (200, "text/html; charset=windows-1256", ARTICLE.encode("cp1256")),
            "/private/secret.html": (200, "text/html", b"<p>secret</p>"),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/image.png": (200, "image/png", b"\x89PNG...."),
        }
        self.answer(*routes.get(self.path, (404, "text/plain", b"missing")))


@pytest.fixture
def site() -> Iterator[str]:
    Site.hits = []
    with serve(Site) as base:
        yield base


def quick_fetcher(cache: Path, waits: list[float] | None = None, **options: object) -> Fetcher:
    record = waits if waits is not None else []
    return Fetcher(cache, delay=0.5, timeout=5, sleep=record.append, **options)  # type: ignore[arg-type]


def test_extract_ingest_fetch_decodes_and_caches(site: str, tmp_path: Path) -> None:
    page = quick_fetcher(tmp_path).fetch(f"{site}/article.html")
    assert page.kind == "html" and "Paragraph 3 says the rebels" in page.content
    assert page.captured == date.today()
    [article] = extract_page(page)
    assert "Paragraph 7 says the rebels will stay" in article.body
    hits = len(Site.hits)
    offline = fetch_url(f"{site}/article.html", tmp_path, offline=True)
    assert offline.content == page.content and len(Site.hits) == hits  # no network on a re-run


def test_extract_ingest_obeys_robots_and_delay(site: str, tmp_path: Path) -> None:
    waits: list[float] = []
    fetcher = quick_fetcher(tmp_path, waits)
    with pytest.raises(InputError, match=r"robots\.txt"):
        fetcher.fetch(f"{site}/private/secret.html")
    fetcher.fetch(f"{site}/article.html")
    assert "/private/secret.html" not in Site.hits
    assert waits and all(0 < w <= 0.5 for w in waits)  # same site: waited its turn


def test_extract_ingest_size_cap_type_and_errors(site: str, tmp_path: Path) -> None:
    fetcher = quick_fetcher(tmp_path, max_bytes=1000)
    with pytest.raises(InputError, match="page limit"):
        fetcher.fetch(f"{site}/big.html")
    with pytest.raises(InputError, match="not a web page"):
        fetcher.fetch(f"{site}/image.png")
    with pytest.raises(InputError, match="HTTP 404"):
        fetcher.fetch(f"{site}/gone.html")
    with pytest.raises(InputError, match="only http and https"):
        fetcher.fetch("ftp://example.org/x")
    with pytest.raises(InputError, match="fetching is off"):
        Fetcher(tmp_path / "empty", offline=True).fetch(f"{site}/article.html")


def test_extract_ingest_without_a_cache_folder_fetches_each_time(site: str) -> None:
    fetcher = Fetcher(None, delay=0.0, timeout=5)
    first = fetcher.fetch(f"{site}/article.html")
    hits = len(Site.hits)
    assert fetcher.fetch(f"{site}/article.html").content == first.content and len(Site.hits) == hits + 1


def test_extract_ingest_url_list_names_each_failure(site: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# my list\n{site}/article.html\n\n{site}/gone.html  # dead link\n", encoding="utf-8")
    items = list(read_url_list(listing, quick_fetcher(tmp_path / "cache")))
    assert isinstance(items[0], Page)
    assert isinstance(items[1], Skipped) and "HTTP 404" in items[1].reason and items[1].source.endswith(":4")


def test_extract_ingest_feed_without_network_uses_entry_text() -> None:
    items = list(read_feed(DATA / "feed.xml"))
    page, teaser = items
    assert isinstance(page, Page) and isinstance(teaser, Skipped)
    assert page.date == date(2016, 12, 5) and page.source.endswith("feed.xml:1")
    [article] = extract_page(page)
    assert article.date.source == "input" and article.date.value == date(2016, 12, 5)
    assert "treated as terrorists" in article.body
    assert "teaser" in teaser.reason


def test_extract_ingest_feed_fetches_linked_articles(site: str, tmp_path: Path) -> None:
    feed = (DATA / "feed.xml").read_text(encoding="utf-8").replace("http://127.0.0.1", site)
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    page, missing = list(read_feed(path, quick_fetcher(tmp_path / "cache")))
    assert isinstance(page, Page) and "Paragraph 1 says" in page.content and page.date == date(2016, 12, 5)
    assert isinstance(missing, Skipped) and "HTTP 404" in missing.reason


def write_warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, kind, body in [
            ("http://example.org/a.html", "text/html; charset=windows-1256", ARTICLE.encode("cp1256")),
            ("http://example.org/logo.png", "image/png", b"\x89PNG"),
        ]:
            http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            record.rec_headers.replace_header("WARC-Date", "2016-12-06T09:30:00Z")
            writer.write_record(record)


def test_extract_ingest_warc_pages_with_capture_date(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive)
    [page] = list(read_warc(archive))
    assert isinstance(page, Page) and page.url == "http://example.org/a.html"
    assert page.captured == date(2016, 12, 6) and "Paragraph 5 says" in page.content
    [article] = extract_page(page)
    assert article.date.source in ("capture", "markup", "url")
    assert article.domain == "example.org"


def test_extract_ingest_broken_warc_is_an_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not an archive\r\n\r\n" * 10)
    with pytest.raises(InputError, match="WARC"):
        list(read_warc(broken))
