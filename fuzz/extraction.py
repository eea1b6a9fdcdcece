"""The invariant the text and HTML fuzz targets share: bytes give articles, or a reason naming the page."""

from __future__ import annotations

import html

from fuzz.harness import instrumented

with instrumented():
    from manysides.errors import InputError
    from manysides.extract import extract_page
    from manysides.ingest.files import decode
    from manysides.models import Page, PageKind


def check_extraction(data: bytes, kind: PageKind, source: str) -> None:
    """Decode and extract `data` as a page of `kind`; only documented errors may come out."""
    try:
        content = decode(data, source)
        articles = extract_page(Page.make(source=source, content=content, kind=kind))
    except InputError as exc:  # ExtractionError included
        assert exc.source == source and exc.problem, exc
        return
    assert articles, "extract_page returned no article and no reason"
    for article in articles:
        assert article.body.strip() and article.source == source
        # Markup may not leak, but a page may write "&lt;script" as text, which reads as "<script".
        assert "<script" not in article.body.lower() or "<script" in html.unescape(content).lower()
    assert len({a.id for a in articles}) == len(articles)
