"""Fuzz plain-text reading and extraction: bytes to articles, or a reason naming the page."""

from __future__ import annotations

from fuzz.harness import instrumented, run

with instrumented():
    from manysides.errors import InputError
    from manysides.extract import extract_page
    from manysides.ingest.files import decode
    from manysides.models import Page

SOURCE = "fuzz/page.txt"


def one_input(data: bytes) -> None:
    """Decode and extract `data` as a plain-text scrape."""
    try:
        content = decode(data, SOURCE)
        articles = extract_page(Page.make(source=SOURCE, content=content, kind="text"))
    except InputError as exc:  # ExtractionError included
        assert exc.source == SOURCE and exc.problem, exc
        return
    assert articles, "extract_page returned no article and no reason"
    for article in articles:
        assert article.body.strip() and article.source == SOURCE
    assert len({a.id for a in articles}) == len(articles)


if __name__ == "__main__":
    run(one_input)
