"""The HTML pages: stories with search, a story with every report view, an article, adding articles, exports."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from manysides.errors import InputError, NotFound
from manysides.models import Page, Skipped, StoryAnalysis
from manysides.report.html import render_story
from manysides.report.views import (
    LEGEND,
    article_extras,
    article_view,
    cited_passages,
    header_view,
    render_sections,
    story_sections,
)
from manysides.store import Store
from manysides.web import layout
from manysides.web.deps import config, open_store
from manysides.web.exports import EXPORTS, export_response
from manysides.web.ingest import add_pages, page_from_text, page_from_upload, pages_from_urls
from manysides.web.queries import search, story_of, story_rows
from manysides.web.security import check_write

router = APIRouter(include_in_schema=False)

OptionalText = Annotated[str | None, Form()]
SEARCH_PAGE = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    with open_store(request) as store:
        rows = story_rows(store)
        skipped = store.skipped()
    body = f"<h1>Stories</h1><p class=meta>{len(rows)} stories in the store.</p>{layout.stories_table(rows)}"
    if skipped:
        body += f"<details><summary>{len(skipped)} inputs gave no article</summary>{layout.skipped_list(skipped)}"
        body += "</details>"
    return layout.page("Stories", body)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: Annotated[int, Query(ge=0)] = 0) -> str:
    with open_store(request) as store:
        result = search(store, q, SEARCH_PAGE, offset)
    return layout.page(f"Search: {q}" if q else "Search", f"<h1>Search</h1>{layout.search_results(result)}", q)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> str:
    with open_store(request) as store:
        story = store.story(story_id)
        analysis = _analysis_or_none(store, story_id)
        if analysis is None:
            return layout.page(story.label, layout.unanalysed_story(story, store.articles(story.article_ids)))
    return layout.page(analysis.story.label, _story_body(analysis))


def _story_body(analysis: StoryAnalysis) -> str:
    sections = story_sections(analysis, article_link=lambda a: f"/articles/{a}")
    story = escape(analysis.story.id)
    links = (
        f'<p class=meta><a href="/stories/{story}/report.html">Download the offline report</a> · '
        f'<a href="/api/stories/{story}">JSON</a></p>'
    )
    return header_view(analysis, sections) + links + render_sections(sections)


@router.get("/stories/{story_id}/report.html")
def report_download(request: Request, story_id: str) -> Response:
    with open_store(request) as store:
        analysis = store.analysis(story_id)
    headers = {"Content-Disposition": f'attachment; filename="manysides-{analysis.story.id}.html"'}
    return HTMLResponse(render_story(analysis), headers=headers)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> str:
    with open_store(request) as store:
        article = store.articles([article_id])[0]
        story_id = story_of(store, article_id)
        analysis = _analysis_or_none(store, story_id)
    passages = cited_passages(analysis).get(article_id, []) if analysis else []
    extra = article_extras(analysis).get(article_id, []) if analysis else []
    back = f'<p class=meta><a href="/stories/{escape(story_id)}">Back to the story</a></p>' if story_id else ""
    counts = (
        f"<p class=meta>{len(article.sentences)} sentences, {len(article.entities)} entity mentions, "
        f"{len(article.quotes)} quotations, {len(article.comments)} reader comments kept apart. "
        f'<a href="/api/articles/{escape(article.id)}">JSON</a></p>'
    )
    body = back + counts + LEGEND + article_view(article, passages, extra=extra)
    return layout.page(article.title or "Article", body)


def _analysis_or_none(store: Store, story_id: str | None) -> StoryAnalysis | None:
    if story_id is None:
        return None
    try:
        return store.analysis(story_id)
    except NotFound:
        return None


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> str:
    return layout.page("Add articles", layout.add_forms(config(request).token is not None))


@router.post("/add/text", response_class=HTMLResponse)
def add_text(
    request: Request,
    text: Annotated[str, Form()],
    outlet: OptionalText = None,
    url: OptionalText = None,
    date: OptionalText = None,
    token: OptionalText = None,
) -> str:
    check_write(request, config(request).token, token)
    day = _day(date)
    page = page_from_text(text, url=url or None, outlet=outlet or None, day=day)
    return _added(request, [page])


@router.post("/add/files", response_class=HTMLResponse)
async def add_files(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    outlet: OptionalText = None,
    token: OptionalText = None,
) -> str:
    check_write(request, config(request).token, token)
    items: list[Page | Skipped] = []
    for upload in files:
        name = upload.filename or "upload"
        try:
            items.append(page_from_upload(name, await upload.read(), outlet=outlet or None))
        except InputError as exc:
            items.append(Skipped(source=exc.source, reason=exc.problem))
    return await run_in_threadpool(_added, request, items)


@router.post("/add/urls", response_class=HTMLResponse)
def add_urls(
    request: Request, urls: Annotated[str, Form()], outlet: OptionalText = None, token: OptionalText = None
) -> str:
    check_write(request, config(request).token, token)
    return _added(request, pages_from_urls(urls.splitlines(), outlet=outlet or None))


def _added(request: Request, items: list[Page | Skipped]) -> str:
    with open_store(request) as store:
        result = add_pages(store, items)
        labels = {s.id: s.label for s in store.stories() if s.id in result.stories}
    return layout.page("Added", layout.add_result(result, labels))


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InputError("date", f"{text!r} is not a date like 2016-12-05") from exc


@router.get("/exports", response_class=HTMLResponse)
def exports_page(request: Request) -> str:
    with open_store(request) as store:
        counts = f"{store.count('articles')} articles, {store.count('stories')} stories"
    links = "".join(f'<li><a href="/exports/{escape(name)}">{escape(name)}</a></li>' for name in EXPORTS)
    body = (
        f"<h1>Exports</h1><p>Everything in the store ({counts}), uncapped. "
        "JSON holds whole records; CSV and Parquet one table each.</p>"
        f"<ul>{links}</ul>"
    )
    return layout.page("Exports", body)


@router.get("/exports/{name}")
def export_file(request: Request, name: str) -> Response:
    with open_store(request) as store:
        return export_response(store, name)


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> str:
    schema = request.app.openapi()
    rows = "".join(
        f"<tr><td>{escape(method.upper())}</td><td><code>{escape(path)}</code></td>"
        f"<td>{escape(op.get('summary', ''))}</td></tr>"
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    )
    body = (
        "<h1>JSON API</h1><p>The OpenAPI description is at <a href=/openapi.json>/openapi.json</a>.</p>"
        f"<div class=table-wrap><table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
    return layout.page("API", body)
