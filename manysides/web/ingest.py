"""Add pages from the web app (pasted text, uploaded files, fetched URLs) and re-analyse their stories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath

from pydantic import BaseModel, Field

from manysides.errors import InputError, ManysidesError
from manysides.ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES, decode, looks_like_html
from manysides.models import Page, PageKind, Skipped
from manysides.store import Store
from manysides.web.fetch import guarded_fetcher

MAX_URLS = 20


class AddResult(BaseModel):
    """What an add request stored: new article ids, the stories they joined, and what was skipped."""

    articles: list[str] = Field(default_factory=list)
    stories: list[str] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)


def page_from_text(text: str, url: str | None = None, outlet: str | None = None, day: dt.date | None = None) -> Page:
    """A page from pasted text or markup."""
    if not text.strip():
        raise InputError("pasted text", "nothing was pasted")
    if day is not None and day > dt.date.today() + dt.timedelta(days=1):
        raise InputError("date", f"{day} is in the future; leave it empty when unknown")
    first_words = " ".join(text.split()[:6])[:60]
    kind: PageKind = "html" if looks_like_html(text) else "text"
    return Page.make(source=f"pasted: {first_words}", content=text, kind=kind, url=url, outlet=outlet, day=day)


def page_from_upload(filename: str, data: bytes, outlet: str | None = None) -> Page:
    """A page from an uploaded file; only its base name is kept, and nothing is written to disk."""
    name = PurePosixPath(filename.replace("\\", "/")).name or "upload"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES:
        raise InputError(name, f"not a page type the web app reads ({suffix or 'no suffix'}); use .html or .txt")
    if not data.strip():
        raise InputError(name, "empty file")
    content = decode(data, name)
    kind: PageKind = "html" if suffix in HTML_SUFFIXES or looks_like_html(content) else "text"
    return Page.make(source=f"upload: {name}", content=content, kind=kind, outlet=outlet)


def pages_from_urls(urls: Iterable[str], outlet: str | None = None) -> list[Page | Skipped]:
    """Fetch each URL (only when the user asked); a refused or failed fetch becomes a Skipped with why."""
    wanted = [u.strip() for u in urls if u.strip()]
    if len(wanted) > MAX_URLS:
        raise InputError("urls", f"{len(wanted)} URLs given; at most {MAX_URLS} per request")
    fetcher = guarded_fetcher()  # one per request, so URLs of one site wait their turn
    out: list[Page | Skipped] = []
    for url in wanted:
        try:
            page = fetcher.fetch(url)
        except InputError as exc:
            out.append(Skipped(source=exc.source, reason=exc.problem))
            continue
        out.append(page.model_copy(update={"outlet": outlet}))
    return out


def add_pages(store: Store, items: Sequence[Page | Skipped]) -> AddResult:
    """Extract, annotate and store new pages, then regroup stories and re-analyse those that changed."""
    # Imported here so that browsing a store starts fast and never loads spaCy or the analysis stages.
    from manysides.annotate import annotate
    from manysides.extract import extract_page

    result = AddResult()
    for item in items:
        if isinstance(item, Skipped):
            _skip(store, result, item)
            continue
        if store.has_page(item.id):
            result.skipped.append(Skipped(source=item.source, reason="already in the store"))
            continue
        try:
            articles = annotate(extract_page(item))
        except ManysidesError as exc:
            _skip(store, result, Skipped(source=item.source, reason=str(exc).removeprefix(f"{item.source}: ")))
            continue
        if store.add_page(item, articles):
            result.articles += [a.id for a in articles]
    if result.articles:
        result.stories = _reanalyse(store, set(result.articles))
    return result


def _skip(store: Store, result: AddResult, skipped: Skipped) -> None:
    """Name the input that produced nothing, in the answer and in the store."""
    result.skipped.append(skipped)
    store.add_skipped(skipped)


def _reanalyse(store: Store, new_ids: set[str]) -> list[str]:
    from manysides.pipeline import analyze_stored, regroup

    touched = []
    for story in regroup(store):
        # analyze_stored re-reads the story, so a CLI run writing the same store meanwhile is not overwritten
        if new_ids & set(story.article_ids) and analyze_stored(story.id, store) is not None:
            touched.append(story.id)
    return touched
