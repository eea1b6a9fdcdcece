"""The story summary on the real seed pages and the bundled corpus, through the whole pipeline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from manysides.models import Article, StoryAnalysis, SummarySentence
from manysides.pipeline import analyze
from manysides.store import Store
from manysides.summarize import LENGTHS, summarize_story, summarize_timeline, verify
from manysides.summarize.compose import writer_words
from manysides.summarize.naming import story_names
from manysides.summarize.opinion import opinion_cues
from manysides.summarize.story import KIND_ORDER
from manysides.summarize.units import Unit
from manysides.summarize.verify import own_voice_loaded
from tests.conftest import CORPUS, ROOT, SEEDS

FACTS = ROOT / "tests" / "data" / "summarize"


@dataclass
class Summarized:
    analysis: StoryAnalysis
    by_length: dict[str, list[SummarySentence]]


def _main_story(folder: Path, base: Path) -> Summarized:
    store = Store(base / "store.db")
    try:
        analyze([folder], store, base / "out", manifest=folder / "manifest.csv")
        analyses = [store.analysis(s.id) for s in store.stories()]
    finally:
        store.close()
    analysis = max(analyses, key=lambda a: len({x.outlet for x in a.articles}))
    return Summarized(analysis, {length: summarize_story(analysis, length) for length in LENGTHS})


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Summarized]:
    yield _main_story(SEEDS, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Summarized]:
    yield _main_story(CORPUS, tmp_path_factory.mktemp("corpus"))


def _matches(text: str, groups: list[list[str]]) -> bool:
    return all(any(option in text.lower() for option in group) for group in groups)


def _covered(summary: list[SummarySentence], fact_file: str) -> set[str]:
    facts = json.loads((FACTS / fact_file).read_text(encoding="utf-8"))
    return {f["id"] for f in facts["corroborated"] if any(_matches(s.text, f["match"]) for s in summary)}


def _articles(analysis: StoryAnalysis) -> dict[str, Article]:
    return {a.id: a for a in analysis.articles}


@pytest.mark.parametrize("story", ["seeds", "corpus"])
def test_summarize_every_sentence_verified_with_exact_passages(story: str, request: pytest.FixtureRequest) -> None:
    done: Summarized = request.getfixturevalue(story)
    articles = _articles(done.analysis)
    names = story_names(a.body for a in done.analysis.articles)
    assert done.analysis.summary, "the pipeline stored no summary"
    for summary in done.by_length.values():
        for sentence in summary:
            assert sentence.verified and verify(sentence, articles, names), sentence.text
            for c in sentence.citations:
                assert articles[c.article_id].body[c.start : c.end] == c.quote and c.quote.strip()


def test_summarize_lengths_headline_paragraph_page(seeds: Summarized, corpus: Summarized) -> None:
    for done in (seeds, corpus):
        assert len(done.by_length["headline"]) == 1
        assert len(done.by_length["paragraph"]) == 5
        assert len(done.by_length["page"]) > 5


def test_summarize_paragraph_covers_the_seed_story_core(seeds: Summarized) -> None:
    core = json.loads((FACTS / "seed_facts.json").read_text(encoding="utf-8"))["core"]
    assert set(core) <= _covered(seeds.by_length["paragraph"], "seed_facts.json")


def test_summarize_no_loaded_label_in_the_summary_s_own_voice(seeds: Summarized, corpus: Summarized) -> None:
    renamed = 0
    for done in (seeds, corpus):
        articles = _articles(done.analysis)
        for sentence in done.by_length["page"]:
            assert own_voice_loaded(sentence, articles) == [], sentence.text
            first = sentence.citations[0]
            source = SummarySentence(text=first.quote, citations=[first])
            renamed += bool(own_voice_loaded(source, articles))
    assert renamed, "no sentence needed a neutral name: the naming was not exercised"


def test_summarize_disputes_read_as_disputes_each_side_cited(seeds: Summarized) -> None:
    disputes = [s for s in seeds.by_length["paragraph"] if s.kind == "disputed"]
    assert disputes
    for sentence in disputes:
        sides = sentence.text.split("; ")
        assert len(sides) >= 2 and all(re.search(r" (says|reports|credits) “", side) for side in sides)
        assert len({c.article_id for c in sentence.citations}) == len(sides)
    page = [s.text for s in seeds.by_length["page"] if s.kind == "disputed"]
    assert any("Malahifji" in t and "Lavrov" in t for t in page)


def test_summarize_single_source_views_credited_reports_cited_corroborated_ones_independent(
    corpus: Summarized,
) -> None:
    summary = corpus.by_length["page"]
    articles = _articles(corpus.analysis)
    assert {s.kind for s in summary} >= {"corroborated"} and {s.kind for s in summary} & {"attributed", "reported"}
    for sentence in summary:
        if sentence.kind == "corroborated":
            assert len(sentence.sources) >= 2
        if sentence.kind in ("attributed", "reported"):
            first = sentence.citations[0]
            speakers = [q.speaker.split()[-1] for q in articles[first.article_id].quotes if q.speaker]
            credited_to_outlet = sentence.text.startswith(f"{first.outlet} reports: ") or sentence.text.endswith(
                f", {first.outlet} reports."
            )
            credited = any(name in sentence.text for name in speakers) or "according to" in sentence.text.lower()
            assert len(sentence.sources) == 1 and (credited_to_outlet or credited), sentence.text
        if sentence.kind == "reported":  # one source's account of a development: no view in it
            assert len(sentence.sources) == 1 and len(sentence.citations) == 1
            cited = sentence.citations[0]
            assert opinion_cues(writer_words(Unit(articles[cited.article_id], cited.start, cited.end, 0))) == []
    # the wire copies (Northern Courier, The Harbour Gazette) count as one source with the wire
    assert not any({"Northern Courier", "The Harbour Gazette"} & set(s.sources) for s in summary)


def test_summarize_order_corroborated_first_then_by_date(corpus: Summarized) -> None:
    summary = corpus.by_length["page"]
    kinds = [KIND_ORDER[s.kind or "attributed"] for s in summary]
    assert kinds == sorted(kinds)
    for kind in KIND_ORDER:
        dates = [s.date for s in summary if s.kind == kind and s.date]
        assert dates == sorted(dates)


def test_summarize_headline_is_one_corroborated_sentence(corpus: Summarized) -> None:
    headline = corpus.by_length["headline"]
    assert len(headline) == 1 and headline[0].kind == "corroborated"


def test_summarize_timeline_one_cited_line_per_event(seeds: Summarized) -> None:
    analysis = seeds.analysis
    lines = summarize_timeline(analysis)
    assert len(lines) <= len(analysis.timeline)
    articles = _articles(analysis)
    for line in lines:
        assert line.kind == "event" and line.verified and line.citations
        assert own_voice_loaded(line, articles) == []
    if analysis.timeline:
        assert lines, "no event of the timeline got a verified line"
