"""Pages fetched from the web, politely, only when the user names them.

Politeness: robots.txt is read and obeyed (with its Crawl-delay), one site is
asked at most once per `delay` seconds, every fetch has a time limit and a size
cap, and the user agent says who is asking. Every raw page is kept in a cache
folder, so a re-run reads the cache and needs no network. Redirects are
followed by hand, so that a guard given as `resolve` (the web app's SSRF guard)
sees every host contacted and the connection goes to the address it checked.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
import ssl
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from manysides import __version__ as manysides_version
from manysides.errors import InputError
from manysides.extract.encoding import decode_html
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES

USER_AGENT = f"manysides/{manysides_version} (news coverage comparison for research; fetches only pages a user lists)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("xml", "rss", "atom")
REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 1 << 16
# (url, host, port) -> the address to connect to; raises InputError to refuse the host.
Resolver = Callable[[str, str, int], str]


@dataclass(frozen=True)
class Fetched:
    """A raw response as kept in the cache."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    fetched: str
    body: bytes


@dataclass
class Fetcher:
    """Fetches URLs one at a time, politely, through a cache folder (None: no cache).

    `resolve`, when given, is asked for every host contacted (the page, each redirect, robots.txt)
    and the connection goes to the address it returns: a guard refuses a host by raising InputError."""

    cache_dir: Path | None
    user_agent: str = USER_AGENT
    delay: float = 2.0
    timeout: float = 20.0
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 5
    offline: bool = False
    resolve: Resolver | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_visit: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _unreadable: dict[str, str] = field(default_factory=dict)

    def fetch(self, url: str) -> Page:
        """The page at `url` (from the cache when it is there); InputError says why not."""
        raw = self.fetch_raw(url, accept=PAGE_TYPES)
        kind: PageKind = "text" if raw.content_type.startswith("text/plain") else "html"
        page = Page.make(source=url, content=decode_html(raw.body, raw.charset), kind=kind, url=raw.final_url)
        return page.model_copy(update={"captured": date.fromisoformat(raw.fetched[:10])})

    def fetch_raw(self, url: str, accept: tuple[str, ...] = PAGE_TYPES) -> Fetched:
        """The response body of `url`, cached; only content types starting with one in `accept`."""
        check_url(url)
        cached = self._from_cache(url)
        if cached is None:
            if self.offline:
                raise InputError(url, "not in the cache and fetching is off (--offline)")
            cached = self._download(url)
            self._to_cache(cached)
        if not any(cached.content_type.startswith(t) or t in cached.content_type for t in accept):
            raise InputError(url, f"not a web page or text ({cached.content_type or 'no content type'})")
        return cached

    def _download(self, url: str) -> Fetched:
        deadline = time.monotonic() + self.timeout
        final_url, response, conn = self._get(url, deadline, polite=True)
        try:
            if not 200 <= response.status < 300:
                raise InputError(url, f"the server answered HTTP {response.status} ({response.reason})")
            body = self._read_capped(url, response, deadline)
        finally:
            conn.close()
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        headers = response.headers
        return Fetched(
            url, final_url, response.status, headers.get_content_type(), headers.get_content_charset(), stamp, body
        )

    def _get(
        self, url: str, deadline: float, polite: bool
    ) -> tuple[str, http.client.HTTPResponse, http.client.HTTPConnection]:
        """(final URL, response, open connection) after following redirects, each hop checked, guarded
        and waiting its turn; `polite` also asks robots.txt (not for robots.txt itself)."""
        current = url
        for _ in range(self.max_redirects + 1):
            scheme, host, port = check_url(current)
            address = self.resolve(current, host, port) if self.resolve else host
            if polite and not self._allowed(current):
                raise InputError(current, "robots.txt of the site does not allow fetching this page")
            self._wait_turn(current)
            response, conn = _request(current, scheme, host, port, address, self.user_agent, deadline)
            if response.status not in REDIRECTS:
                return current, response, conn
            conn.close()
            location = response.getheader("Location")
            if not location:
                raise InputError(current, f"redirect ({response.status}) without a Location")
            current = urljoin(current, location)
        raise InputError(url, f"more than {self.max_redirects} redirects")

    def _read_capped(self, url: str, response: http.client.HTTPResponse, deadline: float) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(url, f"{int(declared):,} bytes is over the {self.max_bytes:,}-byte page limit")
        chunks: list[bytes] = []
        size = 0
        try:
            # read1 returns what one receive brings: read(n) would wait for all n bytes, so a server
            # dripping a byte at a time could hold the fetch far past its deadline.
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise InputError(url, f"more than the {self.max_bytes:,}-byte page limit; stopped reading")
                if time.monotonic() > deadline:
                    raise InputError(url, "took longer than the time limit")
                chunks.append(chunk)
        except (OSError, http.client.HTTPException) as exc:
            raise InputError(url, f"could not be fetched while reading ({exc})") from exc
        return b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        """Sleep until this site's delay (or its robots.txt Crawl-delay) has passed."""
        host = _origin(url)
        robots = self._robots.get(host)
        crawl_delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        delay = max(self.delay, float(crawl_delay or 0))
        last = self._last_visit.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_visit[host] = self.clock()

    def _allowed(self, url: str) -> bool:
        host = _origin(url)
        if host not in self._robots:
            self._robots[host] = self._load_robots(host)
        if host in self._unreadable:
            # A site whose robots.txt cannot be read (server error, no answer) is treated as closed.
            raise InputError(url, f"robots.txt of the site could not be read ({self._unreadable[host]})")
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (no rules) when it has no robots.txt. Unreachable means no."""
        url = f"{origin}/robots.txt"
        deadline = time.monotonic() + self.timeout
        try:
            _, response, conn = self._get(url, deadline, polite=False)
            try:
                status = response.status
                body = self._read_capped(url, response, deadline) if status == 200 else b""
            finally:
                conn.close()
        except InputError as exc:
            self._unreadable[origin] = exc.problem
            return None
        if 400 <= status < 500:
            return None
        if status != 200:
            self._unreadable[origin] = f"the server answered HTTP {status}"
            return None
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha1(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def _from_cache(self, url: str) -> Fetched | None:
        paths = self._cache_paths(url)
        if paths is None or not (paths[0].exists() and paths[1].exists()):
            return None
        body_path, meta_path = paths
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return Fetched(body=body_path.read_bytes(), **meta)

    def _to_cache(self, fetched: Fetched) -> None:
        paths = self._cache_paths(fetched.url)
        if paths is None:
            return
        body_path, meta_path = paths
        body_path.parent.mkdir(parents=True, exist_ok=True)
        body_path.write_bytes(fetched.body)
        meta = {k: v for k, v in fetched.__dict__.items() if k != "body"}
        meta_path.write_text(json.dumps(meta, indent=1), encoding="utf-8")


def fetch_url(url: str, cache_dir: Path, offline: bool = False) -> Page:
    """One page from the web (or the cache), with the default polite settings."""
    return Fetcher(cache_dir, offline=offline).fetch(url)


def read_url_list(path: Path, fetcher: Fetcher) -> Iterator[Page | Skipped]:
    """Pages for each URL in a text file (one a line, '#' starts a comment); failures are Skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.split("#", 1)[0].strip()
        if not url:
            continue
        try:
            yield fetcher.fetch(url)
        except InputError as exc:
            yield Skipped(source=f"{path}:{number}", reason=f"{url}: {exc.problem}")


def check_url(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of an http(s) URL; anything else is an InputError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InputError(url, f"not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise InputError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a URL without scheme'}")
    if not parts.hostname:
        raise InputError(url, "the URL has no host name")
    if parts.username or parts.password:
        raise InputError(url, "URLs with a user name or password are not fetched")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _request(
    url: str, scheme: str, host: str, port: int, address: str, user_agent: str, deadline: float
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    """GET `url` from `address`, sending `host` as the Host (and, for https, checking its certificate)."""
    remaining = max(0.1, deadline - time.monotonic())
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = _AddressedHTTPS(host, port, address, timeout=remaining)
    else:
        conn = _AddressedHTTP(host, port, address, timeout=remaining)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", target, headers={"User-Agent": user_agent, "Accept": "text/html,*/*;q=0.5"})
        return conn.getresponse(), conn
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        raise InputError(url, f"could not be fetched ({getattr(exc, 'reason', None) or exc})") from exc


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class _AddressedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a given address (the one a guard checked), sending the original Host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _AddressedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a given address; the certificate is still verified against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]
