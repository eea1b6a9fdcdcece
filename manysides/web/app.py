"""The FastAPI application: HTML pages and the JSON API over one store, behind the guard."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from manysides.errors import InputError, NotFound, StoreError
from manysides.web import api, pages
from manysides.web.deps import MAX_BODY_BYTES, WebConfig
from manysides.web.layout import error_page
from manysides.web.security import Guard


def create_app(db: Path, token: str | None = None, local_only: bool = True, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The app over the store at `db`; `local_only` refuses Host names other than loopback ones."""
    app = FastAPI(
        title="manysides",
        summary="Compare many outlets' coverage of a news story, checkably.",
        version="0.1.0",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.config = WebConfig(db=db, token=token, local_only=local_only, max_body=max_body)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(Guard, max_body=max_body, local_only=local_only)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NotFound, _status(404))
    app.add_exception_handler(InputError, _status(400))
    app.add_exception_handler(StoreError, _status(400))
    app.add_exception_handler(ValidationError, _unreadable)
    return app


def error_response(request: Request, status: int, message: str) -> Response:
    """One JSON error shape under /api, an HTML page elsewhere."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)
    return HTMLResponse(error_page(status, message), status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(request, exc.status_code, str(exc.detail))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    )
    return error_response(request, 422, problems or "invalid request")


async def _unreadable(request: Request, exc: Exception) -> Response:
    """A stored record this version cannot read: say which field, rather than a bare 500."""
    assert isinstance(exc, ValidationError)
    problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3]]
    message = f"a stored {exc.title} cannot be read by this version of manysides ({'; '.join(problems)})"
    return error_response(request, 500, message)


def _status(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handler(request: Request, exc: Exception) -> Response:
        return error_response(request, status, str(exc))

    return handler
