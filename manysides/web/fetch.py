"""The web app's fetch: the ingest `Fetcher`, guarded so a URL cannot reach inside the network.

Every address a host name resolves to must be public (no loopback, private,
link-local, multicast or reserved ranges), and the Fetcher connects to the
address that was checked, so a second DNS answer cannot swap in a private one.
The Fetcher follows redirects by hand and every hop, robots.txt included, goes
through the same guard. Time and size are bounded tighter than for the command
line, since a person waits for the answer.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from functools import partial

from manysides.errors import InputError
from manysides.ingest.web import Fetcher
from manysides.models import Page

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress], bool]

MAX_BYTES = 5_000_000
TIMEOUT_S = 10.0
MAX_REDIRECTS = 3
DELAY_S = 0.5  # between requests to one site: polite, yet short enough for a person waiting on 20 URLs


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses only."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_loopback)


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


def guarded_fetcher(
    max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S, allowed: AddressCheck = is_public_address
) -> Fetcher:
    """A Fetcher for pages a web user names: robots.txt obeyed, every host checked by `allowed`, nothing cached."""
    return Fetcher(
        cache_dir=None,
        delay=DELAY_S,
        timeout=timeout,
        max_bytes=max_bytes,
        max_redirects=MAX_REDIRECTS,
        resolve=partial(resolve_public, allowed=allowed),
    )


def fetch(
    url: str, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S, allowed: AddressCheck = is_public_address
) -> Page:
    """The page at an http(s) URL within the limits, through the guard."""
    return guarded_fetcher(max_bytes, timeout, allowed).fetch(url)
