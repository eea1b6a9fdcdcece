"""What every request needs: the server's settings and a store connection of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from manysides.store import Store

MAX_BODY_BYTES = 10_000_000


@dataclass(frozen=True)
class WebConfig:
    """How the server was started: its store, its write token and its limits."""

    db: Path
    token: str | None = None
    local_only: bool = True
    max_body: int = MAX_BODY_BYTES


def config(request: Request) -> WebConfig:
    settings: WebConfig = request.app.state.config
    return settings


def open_store(request: Request) -> Store:
    """A connection for this request (SQLite connections stay in the thread that opened them)."""
    return Store(config(request).db)
