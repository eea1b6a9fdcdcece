"""extract_page on the example corpus, against the facts planted in it (examples/corpus/facts.json).

The manifest's dates are withheld, so each date must come from the page itself.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from manysides.extract import extract_page
from manysides.ingest import read_inputs
from manysides.models import Article, Page

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
FACTS: dict[str, Any] = json.loads((CORPUS / "facts.json").read_text(encoding="utf-8"))


@cache
def extracted() -> dict[str, list[Article]]:
    with (CORPUS / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    found = {}
    for item in read_inputs([CORPUS]):
        if not isinstance(item, Page):
            continue
        name = Path(item.source).name.replace(".jsonl:", ".jsonl#")
        if name in manifest:
            item = item.model_copy(update={"url": manifest[name]["url"], "outlet": manifest[name]["outlet"]})
        found[name] = extract_page(item)
    return found


def body(name: str) -> str:
    return "\n".join(a.body for a in extracted()[name])


@pytest.mark.parametrize("name", sorted(FACTS["body_must_not_contain"]))
def test_extract_examples_noise_stays_out(name: str) -> None:
    for noise in FACTS["body_must_not_contain"][name]:
        assert noise not in body(name), noise


@pytest.mark.parametrize("name", sorted(FACTS["body_must_contain"]))
def test_extract_examples_text_stays_in(name: str) -> None:
    for text in FACTS["body_must_contain"][name]:
        assert text in body(name), text


def test_extract_examples_comment_authors() -> None:
    for name, authors in FACTS["comments"].items():
        assert [c.author for a in extracted()[name] for c in a.comments] == authors, name


def test_extract_examples_dates_from_the_pages() -> None:
    for name, fact in FACTS["dates"].items():
        found = extracted()[name][0].date
        assert (found.value.isoformat() if found.value else None) == fact["date"], name


def test_extract_examples_titles_and_live_blog_items() -> None:
    blog = FACTS["liveblog"]
    for name, title in FACTS["titles"].items():
        if name != blog["file"]:
            assert extracted()[name][0].title == title, name
    items = extracted()[blog["file"]]
    assert [a.title for a in items] == [blog["main_story_item_heading"], *blog["other_item_headings"]]
    assert [a.item for a in items] == [0, 1, 2, 3]
    assert "Sign up for the Ledger" not in "\n".join(a.body for a in items)
