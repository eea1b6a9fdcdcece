"""Fetch a web page the user asked for, without letting the URL reach inside the network.

Only http and https; every address the host name resolves to must be public
(no loopback, private, link-local, multicast or reserved ranges), and the
connection goes to the address that was checked, so a second DNS answer cannot
swap in a private one. Redirects are followed by hand and checked the same way.
Time and size are bounded.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from manysides.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress], bool]

MAX_BYTES = 5_000_000
TIMEOUT_S = 10.0
MAX_REDIRECTS = 3
USER_AGENT = "manysides/0.1 (+local analysis tool; fetches only pages its user asked for)"
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL, its decoded text and whether it is HTML."""

    url: str
    text: str
    is_html: bool


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_loopback)


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


def resolve_public(url: str, host: str, port: int, allowed: AddressCheck = is_public_address) -> str:
    """One address of `host` after checking that every address it resolves to is allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(url, f"host name {host!r} does not resolve ({exc})") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    refused = [a for a in addresses if not allowed(a)]
    if refused or not addresses:
        raise InputError(url, f"refused: {host} resolves to a non-public address ({refused[0] if refused else 'none'})")
    return str(addresses[0])


def fetch(
    url: str, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S, allowed: AddressCheck = is_public_address
) -> Fetched:
    """GET a page over http(s) within the limits, following up to three checked redirects."""
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port = check_url(current)
        address = resolve_public(current, host, port, allowed)
        response, conn = _request(current, scheme, host, port, address, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise InputError(current, f"redirect ({response.status}) without a Location")
                current = urljoin(current, location)
                continue
            return _read(current, response, max_bytes, deadline)
        finally:
            conn.close()
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def _request(
    url: str, scheme: str, host: str, port: int, address: str, deadline: float
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    remaining = max(0.1, deadline - time.monotonic())
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = _PinnedHTTPS(host, port, address, timeout=remaining)
    else:
        conn = _PinnedHTTP(host, port, address, timeout=remaining)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)})
        return conn.getresponse(), conn
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        raise InputError(url, f"fetch failed ({exc.__class__.__name__}: {exc})") from exc


def _read(url: str, response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> Fetched:
    if response.status != 200:
        raise InputError(url, f"the server answered {response.status} {response.reason}")
    kind = (response.getheader("Content-Type") or "text/html").split(";", 1)[0].strip().lower()
    if kind not in ACCEPTED_TYPES:
        raise InputError(url, f"not a web page or text ({kind})")
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(url, f"{int(declared):,} bytes is over the {max_bytes:,}-byte limit")
    chunks, size = [], 0
    try:
        # read1 returns what one receive brings: read(n) would wait for all n bytes, so a server
        # dripping a byte at a time could hold the fetch far past its deadline.
        while chunk := response.read1(65536):
            size += len(chunk)
            if size > max_bytes:
                raise InputError(url, f"more than the {max_bytes:,}-byte limit")
            if time.monotonic() > deadline:
                raise InputError(url, "took longer than the time limit")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as exc:
        raise InputError(url, f"fetch failed while reading ({exc})") from exc
    charset = response.headers.get_content_charset() or "utf-8"
    try:
        text = b"".join(chunks).decode(charset, errors="replace")
    except LookupError:
        text = b"".join(chunks).decode("utf-8", errors="replace")
    return Fetched(url=url, text=text, is_html=kind != "text/plain")


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, sending the original Host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is still verified against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]
