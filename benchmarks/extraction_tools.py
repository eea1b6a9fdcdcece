"""The extractors compared in the extraction benchmark, each as bytes -> (body, comments)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html

from manysides.errors import ExtractionError
from manysides.extract import extract_page
from manysides.extract.encoding import decode_html
from manysides.models import Page

Extractor = Callable[[bytes, str | None], tuple[str, str]]

for noisy in ("trafilatura", "readability", "newspaper", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(noisy).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Tool:
    name: str
    run: Extractor
    note: str
    titled: Extractor | None = None

    def runner(self, headline_in_gold: bool) -> Extractor:
        """The extractor to score: with the title in front where the gold text holds the headline."""
        return self.titled if headline_in_gold and self.titled is not None else self.run


_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "pre", "blockquote")


def run_manysides(data: bytes, url: str | None) -> tuple[str, str]:
    """Body alone: what article-extraction's gold holds (its articleBody has no headline)."""
    return _manysides(data, url, with_title=False)


def run_manysides_titled(data: bytes, url: str | None) -> tuple[str, str]:
    """Title + body: what trafilatura-eval and l3s-gn1 count as main text (headline included)."""
    return _manysides(data, url, with_title=True)


def _manysides(data: bytes, url: str | None, with_title: bool) -> tuple[str, str]:
    page = Page.make("bench", decode_html(data), "html", url=url)
    try:
        articles = extract_page(page)
    except ExtractionError:
        return "", ""
    # An item's title is a heading of the page's text, so it counts as text like the body.
    body = "\n".join(
        f"{a.title}\n{a.body}" if a.title and (with_title or a.item is not None) else a.body for a in articles
    )
    comments = "\n".join(c.text for a in articles for c in a.comments)
    return body, comments


def run_trafilatura(data: bytes, url: str | None) -> tuple[str, str]:
    """trafilatura.extract with its defaults (comments are appended to the text)."""
    return trafilatura.extract(data, url=url) or "", ""


def run_trafilatura_no_comments(data: bytes, url: str | None) -> tuple[str, str]:
    """Upstream's own evaluation setting: comments off, tables on."""
    return trafilatura.extract(data, url=url, include_comments=False, include_tables=True) or "", ""


def run_trafilatura_metadata(data: bytes, url: str | None) -> tuple[str, str]:
    """What manysides asks of trafilatura: text plus title, author, date and site name."""
    document = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    return (getattr(document, "text", None) or "") if document is not None else "", ""


def run_readability(data: bytes, url: str | None) -> tuple[str, str]:
    """readability's summary as text, a line break after each block element (its text kept whole)."""
    from readability import Document

    summary = Document(data).summary(html_partial=True)
    if not summary:
        return "", ""
    tree = lxml_html.fragment_fromstring(summary, create_parent="div")
    for node in tree.iter(*_BLOCK_TAGS):
        node.tail = "\n" + (node.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line), ""


def run_newspaper(data: bytes, url: str | None) -> tuple[str, str]:
    import newspaper

    article = newspaper.Article(url or "http://example.com/", fetch_images=False)
    article.download(input_html=decode_html(data))
    article.parse()
    return article.text or "", ""


# Timed only: the fair speed baseline for manysides, which needs the metadata too.
SPEED_ONLY: tuple[Tool, ...] = (
    Tool("trafilatura + metadata", run_trafilatura_metadata, "bare_extraction(with_metadata=True)"),
)

TOOLS: tuple[Tool, ...] = (
    Tool(
        "manysides",
        run_manysides,
        "extract_page on the decoded page (trafilatura core + our cleanup)",
        titled=run_manysides_titled,
    ),
    Tool("trafilatura", run_trafilatura, "trafilatura 2.3.1 extract(), defaults"),
    Tool("trafilatura (no comments)", run_trafilatura_no_comments, "extract(include_comments=False)"),
    Tool("readability-lxml", run_readability, "Document(html).summary(), text of its blocks"),
    Tool("newspaper4k", run_newspaper, "Article.download(input_html).parse().text"),
)


def safe_run(tool: Tool, data: bytes, url: str | None, headline_in_gold: bool = False) -> tuple[str, str]:
    """A crash counts as an empty extraction, as the upstream scorers do."""
    try:
        return tool.runner(headline_in_gold)(data, url)
    except Exception:  # any library failure scores as "no text"
        return "", ""
