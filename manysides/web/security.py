"""What keeps the local server safe: headers, body limit, host and origin checks, the write token."""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from manysides.report.html import csp

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True when a bind address or Host name stays on this machine."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def security_headers() -> list[tuple[bytes, bytes]]:
    """Headers sent with every response: a strict CSP and no sniffing, framing or referrers."""
    pairs = {
        "content-security-policy": csp(form_action="'self'", frame_ancestors=True),
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=()",
    }
    return [(k.encode(), v.encode()) for k, v in pairs.items()]


class Guard:
    """ASGI middleware: add the security headers, refuse foreign Host names and oversized bodies.

    A Host check stops DNS-rebinding pages from talking to a loopback server; the
    body limit counts the bytes actually received, not only Content-Length.
    """

    def __init__(self, app: ASGIApp, max_body: int, local_only: bool) -> None:
        self.app = app
        self.max_body = max_body
        self.local_only = local_only
        self.headers = security_headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if self.local_only and not is_loopback(_host_name(host)):
            await self._refuse(send, 400, f"Host {host!r} is not this local server")
            return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(send, 413, f"request body over the {self.max_body:,}-byte limit")
            return
        started: list[bool] = []
        try:
            await self.app(scope, self._counting(receive), self._with_headers(send, started))
        except Exception:
            # An unexpected error: answer here, with the security headers, before the server's
            # outer error handler would answer without them; then let it log the error.
            if not started:
                await self._refuse(send, 500, "internal error; the server log has the details")
            raise

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"request body over the {self.max_body:,}-byte limit")
            return message

        return counted

    def _with_headers(self, send: Send, started: list[bool]) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(True)
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in names
                ]
            await send(message)

        return sending

    async def _refuse(self, send: Send, status: int, text: str) -> None:
        body = text.encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers + self.headers})
        await send({"type": "http.response.body", "body": body})


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def check_write(request: Request, token: str | None, form_token: str | None = None) -> None:
    """Refuse cross-site writes always, and writes without the token when one is set."""
    if not _same_origin(request):
        raise HTTPException(403, "cross-site write refused")
    if token is None:
        return
    offered = form_token or ""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        offered = auth[7:].strip()
    if not secrets.compare_digest(offered.encode(), token.encode()):
        raise HTTPException(401, "this server needs its write token (Authorization: Bearer ..., or the token field)")


def _same_origin(request: Request) -> bool:
    """Whether a write comes from this app's own pages (or from a client that is not a browser).

    Browsers say where a request comes from in Sec-Fetch-Site; with our no-referrer
    policy their Origin on a same-origin form post is "null", so that header decides
    only for clients that do not send Sec-Fetch-Site.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc == request.headers.get("host", "")
