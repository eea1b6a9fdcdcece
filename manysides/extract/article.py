"""extract_page: one Page in, its Articles out, whatever the page's kind."""

from __future__ import annotations

import re

from manysides.errors import ExtractionError
from manysides.extract.dates import given_date, resolve_date
from manysides.extract.htmlpage import HtmlParts
from manysides.extract.liveblog import is_roundup, sections
from manysides.extract.meta import domain_of, guess_language, outlet_from_domain
from manysides.extract.textpage import TextParts
from manysides.models import Article, Page
from manysides.settings import MAX_PAGE_BYTES

_BINARY_SHARE = 0.05
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0e-\\x1f\\ufffd]")
_MIN_WORDS = 10
_MIN_CHARACTERS = 60


def extract_page(page: Page) -> list[Article]:
    """The articles on `page`: one, or one per item of a live blog or round-up.

    Raises ExtractionError when the page holds no article text.
    """
    _check_readable(page)
    articles = _html_articles(page) if page.kind == "html" else _text_articles(page)
    words = sum(len(a.body.split()) for a in articles)
    characters = sum(len(a.body) for a in articles)
    # Characters too, for scripts written without spaces (Japanese, Chinese, Thai).
    if words < _MIN_WORDS and characters < _MIN_CHARACTERS:
        raise ExtractionError(page.source, f"no article text found (only {words} words of body)")
    return articles


def _check_readable(page: Page) -> None:
    content = page.content
    if len(content) > MAX_PAGE_BYTES:
        raise ExtractionError(page.source, f"{len(content):,} characters is over the {MAX_PAGE_BYTES:,} page limit")
    if not content.strip():
        raise ExtractionError(page.source, "the page is empty")
    sample = content[:4096]
    controls = len(_CONTROL.findall(sample))
    if controls / len(sample) > _BINARY_SHARE:
        raise ExtractionError(page.source, "the page looks binary, not text or HTML")


def _text_articles(page: Page) -> list[Article]:
    parts = TextParts(page.source, page.content)
    date = resolve_date(page, parts.text_date)
    domain = domain_of(page.url)
    outlet = page.outlet or outlet_from_domain(domain) or "unknown outlet"
    items = parts.items()
    articles = []
    for k, (title, body_lines, removed) in enumerate(items):
        item = None if len(items) == 1 else k
        body = "\n\n".join(line.text for line in body_lines)
        articles.append(
            Article(
                id=Article.make_id(page.id, item),
                page_id=page.id,
                source=page.source,
                url=page.url,
                domain=domain,
                outlet=outlet,
                title=title,
                author=parts.author,
                date=date,
                language=guess_language(body),
                body=body,
                item=item,
                comments=parts.comments if k == 0 else [],
                removed=removed,
            )
        )
    return articles


def _html_articles(page: Page) -> list[Article]:
    parts = HtmlParts(page.source, page.content, page.url, date_known=given_date(page) is not None)
    url = page.url or parts.url
    domain = domain_of(url)
    outlet = page.outlet or parts.sitename or outlet_from_domain(domain) or "unknown outlet"
    date = resolve_date(page.model_copy(update={"url": url}), parts.markup_date, parts.text_date)
    items = _html_items(parts)
    articles = []
    for k, (title, body) in enumerate(items):
        item = None if len(items) == 1 else k
        articles.append(
            Article(
                id=Article.make_id(page.id, item),
                page_id=page.id,
                source=page.source,
                url=url,
                domain=domain,
                outlet=outlet,
                title=title,
                author=parts.author,
                date=date,
                language=guess_language(body) or parts.language,
                body=body,
                item=item,
                comments=parts.comments if k == 0 else [],
                removed=parts.removed if k == 0 else [],
            )
        )
    return articles


def _html_items(parts: HtmlParts) -> list[tuple[str, str]]:
    """(title, body) per article: the page, or each item of a live blog or round-up."""
    found = sections(parts.layout())
    if not is_roundup(parts.title, found):
        return [(parts.title, parts.body)]
    return [
        (part.heading.text if part.heading is not None else parts.title, "\n\n".join(line.text for line in part.body))
        for part in found
    ]
