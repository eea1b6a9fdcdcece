"""Corroboration by independent source: relays of one wire report and copies of one article count once."""

from __future__ import annotations

from manysides.compare.claims import align_claims
from manysides.compare.corroboration import SourceFinder, channels_in, corroboration_line, relayed_upstream
from manysides.models import Copy
from tests.seed_analysis import article_of, corpus_story, fixture_articles, seed_story


def test_seeds_malahifji_rejection_counts_reuters_once() -> None:
    story = seed_story()
    claim = next(c for c in story.claims if any("completely reject any exit" in m.text for m in c.mentions))
    southfront = [m for m in claim.mentions if m.outlet == "SouthFront"]
    assert {m.article_id for m in southfront} == {article_of(story, "000").id, article_of(story, "001").id}
    assert {m.source for m in southfront} == {"Reuters"}
    assert claim.sources.count("Reuters") == 1
    assert len(claim.sources) < len(claim.mentions)  # three articles, fewer independent sources
    assert "Reuters (via SouthFront x2)" in corroboration_line(claim)


def test_seeds_relays_and_channels_are_media_not_audiences() -> None:
    story = seed_story()
    assert relayed_upstream(article_of(story, "000")) == "Reuters"
    ea = article_of(story, "004")
    assert channels_in(ea, 0, len(ea.body)) == []  # "told the US": an audience, not a source
    new_arab = article_of(story, "003")
    assert {"Reuters", "AFP"} <= set(channels_in(new_arab, 0, len(new_arab.body)))


def test_copies_count_once_and_name_the_original() -> None:
    articles = fixture_articles()
    copy = articles["a1"].model_copy(update={"id": "a1-copy", "outlet": "Reprint Daily"})
    pool = [*articles.values(), copy]
    finder = SourceFinder(pool, [Copy(article_id="a1-copy", kind="duplicate", source_id="a1", share=1.0)])
    source, why = finder(copy, 0, 40)
    assert source == "Wire One" and "copy of the Wire One article" in why
    claims = align_claims(pool, finder)
    fled = next(c for c in claims if "fled the Old Quarter" in c.text)
    assert len(fled.outlets) == 4 and len(fled.sources) == 3


def test_a_claim_from_one_source_is_marked_single_source() -> None:
    articles = fixture_articles()
    copy = articles["a3"].model_copy(update={"id": "a3-copy", "outlet": "Echo"})
    finder = SourceFinder([articles["a3"], copy], [Copy(article_id="a3-copy", kind="duplicate", source_id="a3")])
    claims = align_claims([articles["a3"], copy], finder)
    shared = [c for c in claims if len(c.mentions) == 2]
    assert shared and all(c.single_source for c in shared)
    assert corroboration_line(shared[0]).endswith("single source")


def test_corpus_wire_copies_count_as_one_source() -> None:
    story = corpus_story()
    files = {a.id: a.source.rsplit("/", 1)[-1][:2] for a in story.articles}
    claim = next(c for c in story.claims if {"01", "02", "03"} <= {files[m.article_id] for m in c.mentions})
    wire = [m for m in claim.mentions if files[m.article_id] in {"01", "02", "03"}]
    assert len({m.source for m in wire}) == 1
