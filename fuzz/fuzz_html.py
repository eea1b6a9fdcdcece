"""Fuzz HTML extraction: bytes to articles, or a reason naming the page."""

from __future__ import annotations

from fuzz.harness import instrumented, run

with instrumented():
    from manysides.errors import InputError
    from manysides.extract import extract_page
    from manysides.ingest.files import decode
    from manysides.models import Page

SOURCE = "fuzz/page.html"


def one_input(data: bytes) -> None:
    """Decode and extract `data` as an HTML page."""
    try:
        content = decode(data, SOURCE)
        articles = extract_page(Page.make(source=SOURCE, content=content, kind="html"))
    except InputError as exc:  # ExtractionError included
        assert exc.source == SOURCE and exc.problem, exc
        return
    assert articles, "extract_page returned no article and no reason"
    for article in articles:
        assert article.body.strip() and article.source == SOURCE
        assert "<script" not in article.body.lower() or "<script" in content.lower()


if __name__ == "__main__":
    run(one_input)
