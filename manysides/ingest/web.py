"""Pages fetched from the web, politely, only when the user names them.

Politeness: robots.txt is read and obeyed (with its Crawl-delay), one site is
asked at most once per `delay` seconds, every request has a timeout and a size
cap, and the user agent says who is asking. Every raw page is kept in a cache
folder, so a re-run reads the cache and needs no network.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import Message
from http.client import HTTPResponse
from pathlib import Path
from urllib.parse import urlsplit

from manysides import __version__ as manysides_version
from manysides.errors import InputError
from manysides.extract.encoding import decode_html
from manysides.models import Page, PageKind, Skipped
from manysides.settings import MAX_PAGE_BYTES

USER_AGENT = f"manysides/{manysides_version} (news coverage comparison for research; fetches only pages a user lists)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("xml", "rss", "atom")
_CHUNK = 1 << 16
# A site whose robots.txt cannot be read (server error, no answer) is treated as closed.
_DENY_ALL = ["User-agent: *", "Disallow: /"]


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
    """Fetches URLs one at a time, politely, through a cache folder."""

    cache_dir: Path
    user_agent: str = USER_AGENT
    delay: float = 2.0
    timeout: float = 20.0
    max_bytes: int = MAX_PAGE_BYTES
    offline: bool = False
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_visit: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def fetch(self, url: str) -> Page:
        """The page at `url` (from the cache when it is there); InputError says why not."""
        raw = self.fetch_raw(url, accept=PAGE_TYPES)
        kind: PageKind = "text" if raw.content_type.startswith("text/plain") else "html"
        page = Page.make(source=url, content=decode_html(raw.body, raw.charset), kind=kind, url=raw.final_url)
        return page.model_copy(update={"captured": date.fromisoformat(raw.fetched[:10])})

    def fetch_raw(self, url: str, accept: tuple[str, ...] = PAGE_TYPES) -> Fetched:
        """The response body of `url`, cached; only content types starting with one in `accept`."""
        _check_url(url)
        cached = self._from_cache(url)
        if cached is None:
            if self.offline:
                raise InputError(url, "not in the cache and fetching is off (--offline)")
            cached = self._download(url)
            self._to_cache(cached)
        if not any(cached.content_type.startswith(t) or t in cached.content_type for t in accept):
            raise InputError(url, f"not a web page ({cached.content_type or 'no content type'})")
        return cached

    def _download(self, url: str) -> Fetched:
        if not self._allowed(url):
            raise InputError(url, "robots.txt of the site does not allow fetching this page")
        self._wait_turn(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "text/html,*/*;q=0.5"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = self._read_capped(url, response)
                headers: Message = response.headers
                status = int(response.status)
                final_url = str(response.geturl())
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"the server answered HTTP {exc.code} ({exc.reason})") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(url, f"could not be fetched ({reason})") from exc
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        content_type = headers.get_content_type()
        return Fetched(url, final_url, status, content_type, headers.get_content_charset(), stamp, body)

    def _read_capped(self, url: str, response: HTTPResponse) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(url, f"{int(declared):,} bytes is over the {self.max_bytes:,}-byte page limit")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"more than the {self.max_bytes:,}-byte page limit; stopped reading")
            chunks.append(chunk)
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
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (no rules) when it has no robots.txt. Unreachable means no."""
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        self._wait_turn(f"{origin}/robots.txt")
        request = urllib.request.Request(f"{origin}/robots.txt", headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read(512_000).decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500:
                return None
            parser.parse(_DENY_ALL)
            return parser
        except (urllib.error.URLError, TimeoutError, OSError):
            parser.parse(_DENY_ALL)
            return parser
        parser.parse(text.splitlines())
        return parser

    def _cache_paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha1(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def _from_cache(self, url: str) -> Fetched | None:
        body_path, meta_path = self._cache_paths(url)
        if not (body_path.exists() and meta_path.exists()):
            return None
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return Fetched(body=body_path.read_bytes(), **meta)

    def _to_cache(self, fetched: Fetched) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        body_path, meta_path = self._cache_paths(fetched.url)
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


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "not an http(s) URL")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
