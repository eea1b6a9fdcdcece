"""Title, author, canonical URL, site name, language and date from a page's markup.

trafilatura's readers do the work; we call only the ones we use, on the tree
we already parsed, and search the text for a date only when the markup has none.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from html import unescape

from htmldate import find_date
from lxml import html as lxml_html
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_metainfo,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from manysides.extract.dates import markup_date
from manysides.models import PubDate

_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_MAX_AUTHOR_CHARS = 120


@dataclass
class HtmlMeta:
    """What the markup says about the page (None where it says nothing)."""

    title: str
    author: str | None
    url: str | None
    sitename: str | None
    language: str | None


def read_meta(tree: lxml_html.HtmlElement, url: str | None) -> HtmlMeta:
    """Metadata from meta tags, JSON-LD, the title and canonical link; the tree is left as it was."""
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a single word is a handle or a site name more often than a person
    # trafilatura's JSON-LD reader fails on odd schemas; what the meta tags gave stays.
    with contextlib.suppress(Exception):
        found = extract_meta_json(tree, found)
    page_url = found.url or extract_url(tree, url)
    return HtmlMeta(
        title=_clean(found.title or extract_title(tree)) or "",
        author=_clean(found.author),
        url=_clean(page_url),
        sitename=_sitename(tree, found.sitename, page_url),
        language=_language(tree),
    )


def read_author(tree: lxml_html.HtmlElement) -> str | None:
    """A byline from the page body. Prunes comment lists, figures and dates out of `tree` in place,
    so call it last (trafilatura's own reader copies the whole tree first)."""
    prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS)
    author = extract_metainfo(tree, AUTHOR_XPATHS, len_limit=_MAX_AUTHOR_CHARS)
    return _clean(normalize_authors(None, author)) if author else None


def read_date(tree: lxml_html.HtmlElement, url: str | None) -> PubDate | None:
    """The publication date in the markup (meta tags, JSON-LD, time elements); only when it has none,
    htmldate's slower search through the page text."""
    today = date.today().isoformat()
    for extensive in (False, True):
        found = find_date(tree, extensive_search=extensive, original_date=True, url=url, max_date=today)
        if found:
            return markup_date(found)
    return None


def _sitename(tree: lxml_html.HtmlElement, named: str | None, url: str | None) -> str | None:
    """The site's name as trafilatura gives it: meta tags, the title's suffix, else the host."""
    name = named or extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return _clean(name)
    match = META_URL.match(url) if url else None
    return match[1] if match else None


def _language(tree: lxml_html.HtmlElement) -> str | None:
    """The primary language subtag the page declares (<html lang='en-GB'> gives 'en')."""
    declared = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    match = _LANGUAGE.match(declared.lower() if declared else "")
    return match[1] if match else None


def _clean(value: str | None) -> str | None:
    """Entities decoded, spaces and control characters tidied, as trafilatura does for its fields."""
    if not value:
        return None
    return line_processing(unescape(value[:10000])) or None
