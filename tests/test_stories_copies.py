"""Copies and relays on the seed pages: rewritten headlines, cut and padded copies, wire agencies."""

from __future__ import annotations

import datetime as dt

import pytest

from manysides.models import Article, PubDate
from manysides.stories import find_copies, find_relays, independent_sources
from tests.test_stories import seed_articles

OWN_TEXT = (
    "Diplomats gathered in Geneva on Wednesday for a new round of talks on a ceasefire, the third such "
    "meeting this month, with delegations from Washington, Moscow, Ankara and Tehran in the same room.\n\n"
    "The envoy told reporters that humanitarian access to besieged districts would top the agenda, and "
    "that aid convoys were ready to move as soon as the parties agreed on safe routes and timings.\n\n"
    "Previous rounds ended without agreement after disputes over which armed groups should be named as "
    "terrorists, and over who would monitor a truce on the ground in the north of the country."
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {a.source.split("_")[0] + (f"#{a.item}" if a.item else ""): a for a in seed_articles()}


def _copy_of(original: Article, name: str, body: str, day: dt.date) -> Article:
    return original.model_copy(
        update={
            "id": name,
            "page_id": name,
            "outlet": name,
            "title": f"New headline {name}",
            "body": body,
            "date": PubDate(value=day, source="input"),
        }
    )


def test_find_copies_names_cut_padded_and_partial_copies(seeds: dict[str, Article]) -> None:
    original = seeds["000"]
    paragraphs = [p for p in original.body.split("\n") if p.strip()]
    cut = _copy_of(original, "cut", "\n\n".join(paragraphs[:6]), dt.date(2016, 10, 19))
    padded = _copy_of(
        original,
        "padded",
        original.body + "\n\nOur correspondent adds that the talks will resume soon.",
        dt.date(2016, 10, 20),
    )
    lifted = _copy_of(
        seeds["003"],
        "lifted",
        OWN_TEXT + "\n\n" + "\n\n".join(paragraphs[1:3]),
        dt.date(2016, 10, 21),
    )
    articles = [*seeds.values(), cut, padded, lifted]
    copies = {c.article_id: c for c in find_copies(articles) if c.kind != "relay"}
    assert copies["cut"].source_id == original.id and copies["cut"].kind == "duplicate"
    assert copies["padded"].source_id == original.id and copies["padded"].share > 0.95
    assert copies["lifted"].kind == "partial" and copies["lifted"].paragraphs == 2
    assert copies["lifted"].source_id in {original.id, "cut", "padded"}
    # None of the five seeds copies another: they are independent sources.
    assert not {a.id for a in seeds.values()} & set(copies)
    groups = independent_sources(articles, list(copies.values()))
    assert len(groups) == len(seeds) and sorted([original.id, "cut", "padded", "lifted"]) in groups


def test_find_relays_reads_the_wire_agencies_the_seeds_cite(seeds: dict[str, Article]) -> None:
    assert [c.upstream for c in find_relays(seeds["000"])] == ["Reuters"]
    assert "Reuters news agency reported" in find_relays(seeds["000"])[0].evidence
    # "he told AFP" across a no-break space, "according to Reuters", "Agencies contributed".
    assert [c.upstream for c in find_relays(seeds["003"])] == ["AFP", "Reuters", "agencies"]
    assert find_relays(seeds["004#4"]) == []
