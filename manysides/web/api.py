"""The JSON API: every view of the web app as data, described by OpenAPI at /openapi.json."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from manysides.errors import InputError
from manysides.models import Article, Page, Skipped, StoryAnalysis
from manysides.web.deps import config, open_store
from manysides.web.exports import EXPORTS, export_response
from manysides.web.ingest import MAX_URLS, AddResult, add_pages, page_from_text, page_from_upload, pages_from_urls
from manysides.web.queries import SearchResult, StoryRow, search, story_rows
from manysides.web.security import check_write

router = APIRouter(prefix="/api")

ERROR = {"description": "Error, as {ok: false, status, error}"}


class ErrorBody(BaseModel):
    """The one shape every API error has."""

    ok: bool = False
    status: int
    error: str


class TextIn(BaseModel):
    """Pasted text or HTML of one article."""

    text: str = Field(min_length=1)
    url: str | None = Field(default=None, description="where it came from; never fetched")
    outlet: str | None = None
    date: dt.date | None = None


class UrlsIn(BaseModel):
    """Pages to fetch: public http(s) addresses only."""

    urls: list[str] = Field(min_length=1, max_length=MAX_URLS)
    outlet: str | None = None


RESPONSES: dict[int | str, dict[str, object]] = {404: {"model": ErrorBody}, 400: {"model": ErrorBody}}
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    **RESPONSES,
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    413: {"model": ErrorBody},
}


@router.get("/stories", response_model=list[StoryRow], summary="List the stories with their counts")
def list_stories(request: Request) -> list[StoryRow]:
    with open_store(request) as store:
        return story_rows(store)


@router.get(
    "/stories/{story_id}",
    response_model=StoryAnalysis,
    responses=RESPONSES,
    summary="A story's full analysis: summary, timeline, claims, quotes, naming, figures, articles",
)
def get_story(request: Request, story_id: str) -> StoryAnalysis:
    with open_store(request) as store:
        return store.analysis(story_id)


@router.get("/articles/{article_id}", response_model=Article, responses=RESPONSES, summary="One article")
def get_article(request: Request, article_id: str) -> Article:
    with open_store(request) as store:
        return store.articles([article_id])[0]


@router.get(
    "/search",
    response_model=SearchResult,
    summary="Full-text search over titles, texts and outlets; `total` counts every match, page with `offset`",
)
def search_articles(
    request: Request,
    q: Annotated[str, Query(description="words; all must match, the last as a prefix")],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SearchResult:
    with open_store(request) as store:
        return search(store, q, limit, offset)


@router.get("/skipped", response_model=list[Skipped], summary="Inputs that gave no article, and why")
def list_skipped(request: Request) -> list[Skipped]:
    with open_store(request) as store:
        return store.skipped()


@router.post("/articles", response_model=AddResult, responses=WRITE_RESPONSES, summary="Add pasted text or HTML")
def add_text(request: Request, body: TextIn) -> AddResult:
    check_write(request, config(request).token)
    return _add(request, [page_from_text(body.text, url=body.url, outlet=body.outlet, day=body.date)])


@router.post("/fetch", response_model=AddResult, responses=WRITE_RESPONSES, summary="Fetch URLs and add them")
def add_urls(request: Request, body: UrlsIn) -> AddResult:
    check_write(request, config(request).token)
    return _add(request, list(pages_from_urls(body.urls, outlet=body.outlet)))


@router.post("/upload", response_model=AddResult, responses=WRITE_RESPONSES, summary="Upload HTML or text files")
async def upload(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    outlet: Annotated[str | None, Form()] = None,
) -> AddResult:
    check_write(request, config(request).token)
    items: list[Page | Skipped] = []
    for item in files:
        try:
            items.append(page_from_upload(item.filename or "upload", await item.read(), outlet=outlet))
        except InputError as exc:
            items.append(Skipped(source=exc.source, reason=exc.problem))
    return await run_in_threadpool(_add, request, items)


def _add(request: Request, items: list[Page | Skipped]) -> AddResult:
    with open_store(request) as store:
        return add_pages(store, items)


@router.get(
    "/export/{name}",
    responses={
        **RESPONSES,
        200: {"content": {"application/json": {}, "text/csv": {}, "application/vnd.apache.parquet": {}}},
    },
    summary=f"Export everything, uncapped: {', '.join(EXPORTS)}",
)
def export(request: Request, name: str) -> Response:
    with open_store(request) as store:
        return export_response(store, name)
