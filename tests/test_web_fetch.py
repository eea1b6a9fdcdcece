"""Fetching a URL the user asked for: only public http(s), checked redirects, bounded time and size."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator

import pytest

from manysides.errors import InputError
from manysides.ingest.web import check_url
from manysides.web.fetch import IPAddress, fetch, is_public_address, resolve_public
from manysides.web.ingest import pages_from_urls
from tests.loopback import QuietHandler, serve


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com", "javascript:alert(1)", "example.com/page"],
)
def test_fetch_refuses_other_schemes(url: str) -> None:
    with pytest.raises(InputError, match="only http and https"):
        check_url(url)


def test_fetch_refuses_credentials_and_bad_ports() -> None:
    with pytest.raises(InputError, match="user name or password"):
        check_url("http://user:pw@example.com/")
    with pytest.raises(InputError, match="not a valid URL"):
        check_url("http://example.com:99999/")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_fetch_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::6810:85e5"])
def test_fetch_public_addresses_are_allowed(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8765/api/stories",
        "http://[::1]/",
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
    ],
)
def test_fetch_refuses_urls_that_reach_inside(url: str) -> None:
    with pytest.raises(InputError, match=r"non-public address|does not resolve"):
        fetch(url)


def test_fetch_failures_become_named_skips() -> None:
    items = pages_from_urls(["http://127.0.0.1/", "file:///etc/passwd", ""])
    reasons = {item.source: getattr(item, "reason", "") for item in items}
    assert set(reasons) == {"http://127.0.0.1/", "file:///etc/passwd"}
    assert "non-public address" in reasons["http://127.0.0.1/"]


def test_fetch_refuses_too_many_urls() -> None:
    with pytest.raises(InputError, match="at most 20"):
        pages_from_urls([f"https://example.com/{n}" for n in range(21)])


PAGE = b"<html><head><title>Corridor</title></head><body><p>The corridor opened.</p></body></html>"


class Handler(QuietHandler):
    """A tiny site: a page, a big page, a slow page, a PDF, and redirects inward and outward."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/page": (200, "text/html; charset=utf-8", PAGE),
            "/big": (200, "text/html", b"x" * 3000),
            "/pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/missing": (404, "text/html", b"no"),
        }
        if self.path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif self.path == "/to-page":
            self._redirect(f"http://127.0.0.1:{port}/page")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/slow":
            self.answer(200, "text/html", b"")
            for _ in range(20):
                self.wfile.write(b"x" * 100)
                self.wfile.flush()
                time.sleep(0.1)
        else:
            self.answer(*routes[self.path], length=True)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve(Handler) as base:
        yield base


def only_loopback(address: IPAddress) -> bool:
    """The test site lives on loopback; everything else stays refused as in production."""
    return address.is_loopback


def test_fetch_reads_a_page(site: str) -> None:
    got = fetch(f"{site}/page", allowed=only_loopback)
    assert got.content == PAGE.decode() and got.kind == "html" and got.url == f"{site}/page"


def test_fetch_follows_a_checked_redirect(site: str) -> None:
    assert fetch(f"{site}/to-page", allowed=only_loopback).url == f"{site}/page"


def test_fetch_checks_every_redirect(site: str) -> None:
    with pytest.raises(InputError, match=r"non-public address \(169\.254\.169\.254\)"):
        fetch(f"{site}/to-metadata", allowed=only_loopback)


def test_fetch_limits_redirects_size_time_and_type(site: str) -> None:
    with pytest.raises(InputError, match="more than 3 redirects"):
        fetch(f"{site}/loop", allowed=only_loopback)
    with pytest.raises(InputError, match="over the 1,000-byte page limit"):
        fetch(f"{site}/big", max_bytes=1000, allowed=only_loopback)
    with pytest.raises(InputError, match=r"time limit|timed out"):
        fetch(f"{site}/slow", timeout=0.5, allowed=only_loopback)
    with pytest.raises(InputError, match=r"not a web page or text \(application/pdf\)"):
        fetch(f"{site}/pdf", allowed=only_loopback)
    with pytest.raises(InputError, match="answered HTTP 404"):
        fetch(f"{site}/missing", allowed=only_loopback)


def test_fetch_obeys_robots_txt_and_guards_every_host_it_asks(site: str) -> None:
    with pytest.raises(InputError, match=r"robots\.txt"):
        fetch(f"{site}/private/page", allowed=only_loopback)
    checked: list[IPAddress] = []

    def spy(address: IPAddress) -> bool:
        checked.append(address)
        return address.is_loopback

    fetch(f"{site}/to-page", allowed=spy)
    assert len(checked) == 3  # robots.txt, the redirecting URL and the page it leads to


def test_fetch_resolve_checks_all_answers() -> None:
    assert resolve_public("http://127.0.0.1/", "127.0.0.1", 80, allowed=only_loopback) == "127.0.0.1"
    with pytest.raises(InputError, match="non-public"):
        resolve_public("http://127.0.0.1/", "127.0.0.1", 80)
